/**
 * The hover over an annotated span: its label, text, attributes, note and entity, with links that
 * open the other occurrences of the same entity (in this file and others).
 */
import * as vscode from 'vscode';
import { escapeMarkdown } from '../core/markdown-escape';
import type { Annotation } from '../core/model';
import { attributeGuideline, labelGuideline } from '../core/guidelines';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import { COMMAND_IDS } from './commandIds';
import { missingAttributes } from './diagnostics';
import { toOffset, toRange } from './positions';


/** How many other occurrences a hover lists before summing up the rest. */
const MAX_LINKS = 8;

/** How many characters of text a hover quotes. */
const MAX_QUOTE = 200;

/** Hover provider for annotated documents. */
export class AnnotationHoverProvider implements vscode.HoverProvider {
  /**
   * @param store the annotations
   */
  constructor(private readonly store: AnnotationStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const doc = this.store.get(document.uri);
    if (!doc || !doc.hasText) return undefined;
    const offset = toOffset(doc, position);
    const here = this.store.annotationsAt(document.uri, offset).filter((a) => a.start < a.end);
    if (here.length === 0) return undefined;
    const contents = here.map((a) => this.describe(doc, a));
    const innermost = here[0]!;
    return new vscode.Hover(contents, toRange(doc, innermost.start, innermost.end));
  }

  /**
   * The hover text of one annotation.
   * @param doc its document
   * @param a the annotation
   */
  describe(doc: AnnotatedDocument, a: Annotation): vscode.MarkdownString {
    const spec = this.store.labelsFor(doc.documentUri).labels.find((l) => l.id === a.label);
    const md = new vscode.MarkdownString('', true);
    // Only the commands this hover links to run from it; nothing from the sidecar becomes a link.
    md.isTrusted = { enabledCommands: [COMMAND_IDS.openAnnotation] };
    md.appendMarkdown(`**${escapeMarkdown(capitalise(a.label))}**`);
    const guideline = spec ? labelGuideline(spec) : '';
    if (guideline) md.appendMarkdown(` — ${escapeMarkdown(guideline)}`);
    md.appendMarkdown(` \u00a0$(tag) ${escapeMarkdown(a.id)}\n\n`);
    md.appendMarkdown(`> ${escapeMarkdown(shorten(a.text))}\n\n`);
    if (a.entity) this.describeEntity(md, doc, a, a.entity);
    // In the order the label defines its attributes, then any others.
    const order = (spec?.attributes ?? []).map((s) => s.name);
    const rank = (name: string): number => (order.includes(name) ? order.indexOf(name) : order.length);
    const attributes = Object.entries(a.attributes ?? {}).sort(([x], [y]) => rank(x) - rank(y));
    if (attributes.length > 0) {
      md.appendMarkdown(attributes.map(([name, value]) => `${escapeMarkdown(name)}: **${escapeMarkdown(String(value))}**`).join(' \u00b7 ') + '\n\n');
    }
    // The guideline of each attribute the label defines, where the annotator checks the values.
    const definitions = (spec?.attributes ?? []).map((s) => [s.name, attributeGuideline(s)] as const).filter(([, g]) => g);
    if (definitions.length > 0) md.appendMarkdown(`guideline — ${definitions.map(([name, g]) => `${escapeMarkdown(name)}: ${escapeMarkdown(g)}`).join(' \u00b7 ')}\n\n`);
    const missing = missingAttributes(this.store, doc.documentUri, a);
    if (missing.length > 0) {
      const fixes = missing.map((name) => {
        const args = encodeURIComponent(JSON.stringify([{ uri: doc.documentUri.toString(), id: a.id, names: [name] }]));
        return `[Set ${escapeMarkdown(name)}…](command:${COMMAND_IDS.editAttributes}?${args} "Set this required attribute")`;
      });
      md.appendMarkdown(`$(warning) missing: ${missing.map(escapeMarkdown).join(', ')} \u00a0${fixes.join(' \u00b7 ')}\n\n`);
      md.isTrusted = { enabledCommands: [COMMAND_IDS.openAnnotation, COMMAND_IDS.editAttributes] }; // for these links alone
    }
    if (a.note) md.appendMarkdown(`$(note) ${escapeMarkdown(a.note)}\n\n`);
    if (a.status === 'suggested') md.appendMarkdown('suggested, not yet confirmed: Ctrl+Alt+M Enter confirms it\n\n');
    return md;
  }

  /** The entity line: its name and links to its other occurrences in the workspace. */
  private describeEntity(md: vscode.MarkdownString, doc: AnnotatedDocument, a: Annotation, entity: string): void {
    md.appendMarkdown(`$(link) entity **${escapeMarkdown(entity)}**`);
    const others = this.occurrences(entity).filter((o) => !(o.doc === doc && o.annotation.id === a.id));
    if (others.length === 0) {
      md.appendMarkdown(' (no other occurrence)\n\n');
      return;
    }
    md.appendMarkdown(` — ${others.length} other occurrence${others.length === 1 ? '' : 's'}:\n\n`);
    for (const o of others.slice(0, MAX_LINKS)) {
      const args = commandArguments([{ uri: o.doc.documentUri.toString(), id: o.annotation.id }]);
      const line = o.doc.offsets.lineColumn(o.annotation.start).line + 1;
      const name = `${basename(o.doc.documentUri)}:${line}`;
      md.appendMarkdown(`- [${escapeMarkdown(name)}](command:${COMMAND_IDS.openAnnotation}?${args} "Open ${escapeMarkdown(name)}") ${escapeMarkdown(shorten(o.annotation.text, 60))}\n`);
    }
    if (others.length > MAX_LINKS) md.appendMarkdown(`- and ${others.length - MAX_LINKS} more\n`);
    md.appendMarkdown('\n');
  }

  /** Every annotation linked to an entity, across the workspace. */
  private occurrences(entity: string): { doc: AnnotatedDocument; annotation: Annotation }[] {
    return this.store
      .documents()
      .filter((doc) => doc.hasText)
      .flatMap((doc) => doc.annotations.filter((a) => a.entity === entity && a.status !== 'orphaned').map((annotation) => ({ doc, annotation })));
  }
}

/** Command arguments in a link's destination: every character that could end the destination is percent-encoded. */
function commandArguments(args: unknown[]): string {
  return encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function shorten(text: string, max = MAX_QUOTE): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}
