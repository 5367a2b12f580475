/**
 * The hover over an annotated span: its label, text, attributes, note and entity, with links that
 * open the other occurrences of the same entity (in this file and others). A figure also says what
 * it was read as and what every source says of the same quantity; a quote shows the other prints of
 * its quotation with what differs, word by word (see docs/sources.md, "In the editor").
 */
import * as vscode from 'vscode';
import { FIGURE_LABEL } from '../core/figures/figures';
import { commandLinkArguments as commandArguments, escapeMarkdown } from '../core/markdown-escape';
import type { Annotation } from '../core/model';
import { attributeGuideline, labelGuideline } from '../core/guidelines';
import { QUOTE_LABEL } from '../core/quotes/clusters';
import { printDiffMarkdown } from '../core/quotes/diff-markdown';
import { clusterEntities, shortValue, speakersOf, unlinkedPrints } from '../core/sources/cross-source';
import { describeFigure } from '../core/sources/render';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import { appendDispute, shownWithItsPair } from './adjudication/disputeHover';
import { COMMAND_IDS } from './commandIds';
import type { CrossSources } from './crossSources';
import { missingAttributes } from './diagnostics';
import { toOffset, toRange } from './positions';
import type { WorkspaceRelations } from './relations';
import type { RelationProblem } from '../core/relations/resolve';


/** How many other occurrences a hover lists before summing up the rest. */
const MAX_LINKS = 8;

/** How many characters of text a hover quotes. */
const MAX_QUOTE = 200;

/** Hover provider for annotated documents. */
export class AnnotationHoverProvider implements vscode.HoverProvider {
  /**
   * @param store the annotations
   * @param sources the figures and quotes across documents
   * @param relations the relations between annotations
   */
  constructor(
    private readonly store: AnnotationStore,
    private readonly sources: CrossSources,
    private readonly relations: WorkspaceRelations,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const doc = this.store.get(document.uri);
    if (!doc || !doc.hasText) return undefined;
    const offset = toOffset(doc, position);
    const under = this.store.annotationsAt(document.uri, offset).filter((a) => a.start < a.end);
    const here = under.filter((a) => !shownWithItsPair(doc, a, under));
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
    /** The commands this hover links to: only they run from it; nothing from the sidecar becomes a link. */
    const linked = new Set<string>([COMMAND_IDS.openAnnotation]);
    md.appendMarkdown(`**${escapeMarkdown(capitalise(a.label))}**`);
    const guideline = spec ? labelGuideline(spec) : '';
    if (guideline) md.appendMarkdown(` — ${escapeMarkdown(guideline)}`);
    md.appendMarkdown(` \u00a0$(tag) ${escapeMarkdown(a.id)}\n\n`);
    md.appendMarkdown(`> ${escapeMarkdown(shorten(a.text))}\n\n`);
    // A dispute first: the curator hovers to settle it, and its table shows both versions whole.
    if (a.dispute) for (const command of appendDispute(md, doc, a)) linked.add(command);
    // What the other sources say comes first: it is what a reader comparing reports hovers for.
    if (a.label === FIGURE_LABEL) this.describeFigure(md, doc, a);
    if (a.label === QUOTE_LABEL && this.describePrints(md, doc, a)) linked.add(COMMAND_IDS.linkQuotePrints);
    if (a.entity) this.describeEntity(md, doc, a, a.entity);
    this.describeRelations(md, doc, a);
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
        const args = commandArguments([{ uri: doc.documentUri.toString(), id: a.id, names: [name] }]);
        return `[Set ${escapeMarkdown(name)}…](command:${COMMAND_IDS.editAttributes}?${args} "Set this required attribute")`;
      });
      md.appendMarkdown(`$(warning) missing: ${missing.map(escapeMarkdown).join(', ')} \u00a0${fixes.join(' \u00b7 ')}\n\n`);
      linked.add(COMMAND_IDS.editAttributes);
    }
    if (a.note) md.appendMarkdown(`$(note) ${escapeMarkdown(a.note)}\n\n`);
    if (a.status === 'suggested') md.appendMarkdown('suggested, not yet confirmed: Ctrl+Alt+M Enter confirms it\n\n');
    md.isTrusted = { enabledCommands: [...linked] };
    return md;
  }

  /**
   * The annotation's relations both ways, each with a link to the other end: "→ said by “Smith”"
   * (it lists it), "← supports “5,000”" (another lists it, pointing here), "↔ contradicts" (symmetric);
   * one that does not stand says why.
   */
  private describeRelations(md: vscode.MarkdownString, doc: AnnotatedDocument, a: Annotation): void {
    const links = this.relations.linksOf(doc.documentUri, a.id);
    if (links.length === 0) return;
    const arrows = { outgoing: '→', incoming: '←', mutual: '↔' } as const;
    md.appendMarkdown('$(references) relations:\n\n');
    for (const link of links.slice(0, MAX_LINKS)) {
      const { relation, other, otherUri } = link;
      const name = escapeMarkdown(relation.relation.type.replace(/-/g, ' '));
      const where = other.document !== undefined && otherUri && otherUri.toString() !== doc.documentUri.toString() ? ` (${escapeMarkdown(other.document)})` : '';
      const problem = link.relation.problems[0];
      let end: string;
      if (other.annotation && otherUri) {
        const args = commandArguments([{ uri: otherUri.toString(), id: other.id }]);
        end = `[${escapeMarkdown(`“${shorten(other.annotation.text, 60)}”`)}](command:${COMMAND_IDS.openAnnotation}?${args} "Open the other end")${where}`;
      } else end = `${escapeMarkdown(other.id)}${where}`;
      const broken = problem ? ` $(warning) *${escapeMarkdown(relationProblemText(problem))}*` : '';
      md.appendMarkdown(`- ${arrows[link.direction]} ${name} ${end}${broken}\n`);
    }
    if (links.length > MAX_LINKS) md.appendMarkdown(`- and ${links.length - MAX_LINKS} more\n`);
    md.appendMarkdown('\n');
  }

  /** What a figure was read as, and what every source says of the same quantity. */
  private describeFigure(md: vscode.MarkdownString, doc: AnnotatedDocument, a: Annotation): void {
    const view = this.sources.current();
    const file = this.sources.fileOf(doc.documentUri);
    const figure = view.figureOf(file, a.id);
    if (!figure) return;
    md.appendMarkdown(`$(symbol-number) read as **${escapeMarkdown(describeFigure(figure))}**\n\n`);
    const group = view.groupOf(file, a.id);
    if (!group) return;
    const outlets = new Set(group.figures.map((f) => f.outlet ?? f.file)).size;
    md.appendMarkdown(
      group.conflict
        ? `$(warning) **Sources disagree** on ${escapeMarkdown(group.key)}: these ${group.figures.length} figures from ${plural(outlets, 'source')} cannot all be true.\n\n`
        : `$(check) ${group.figures.length} figures of ${escapeMarkdown(group.key)} from ${plural(outlets, 'source')} agree.\n\n`,
    );
    for (const f of group.figures.slice(0, MAX_LINKS)) {
      const where = f === figure ? `${f.outlet ? `${escapeMarkdown(f.outlet)} · ` : ''}this one` : this.place(f);
      md.appendMarkdown(`- **${escapeMarkdown(shortValue(f))}** “${escapeMarkdown(shorten(f.text, 60))}” — ${where}\n`);
    }
    if (group.figures.length > MAX_LINKS) md.appendMarkdown(`- and ${group.figures.length - MAX_LINKS} more\n`);
    md.appendMarkdown('\n');
  }

  /**
   * The other prints of a quote's quotation, each with what differs word by word, a warning when
   * they name different speakers, and a link to link the unlinked prints to the quotation's entity.
   * @returns whether the link-all link was added
   */
  private describePrints(md: vscode.MarkdownString, doc: AnnotatedDocument, a: Annotation): boolean {
    const view = this.sources.current();
    const file = this.sources.fileOf(doc.documentUri);
    const cluster = view.clusterOf(file, a.id);
    if (!cluster) return false;
    const others = cluster.members.filter((m) => !(m.file === file && m.id === a.id));
    const documents = new Set(others.map((m) => m.file)).size;
    md.appendMarkdown(`$(quote) printed ${plural(others.length, 'more time')} in ${plural(documents, 'document')} — **bold**: words only there, ~~struck~~: words of this print left out there:\n\n`);
    for (const m of others.slice(0, MAX_LINKS)) {
      const { markdown, differs } = printDiffMarkdown(a.text, m.text);
      const speaker = m.speaker ? ` — ${escapeMarkdown(m.speaker)}` : '';
      md.appendMarkdown(`- ${this.place(m)}${speaker}: ${differs ? markdown : '*the same words*'}\n`);
    }
    if (others.length > MAX_LINKS) md.appendMarkdown(`- and ${others.length - MAX_LINKS} more\n`);
    md.appendMarkdown('\n');
    if (!cluster.speakers_agree) {
      const said = speakersOf(cluster.members).map((s) => `${escapeMarkdown(s.speaker)} (${s.members.map((m) => escapeMarkdown(`${m.file}:${m.line ?? '?'}`)).join(', ')})`);
      md.appendMarkdown(`$(warning) **Speakers differ**: ${said.join('; ')}\n\n`);
    }
    const unlinked = unlinkedPrints(cluster).reduce((n, d) => n + d.ids.length, 0);
    if (unlinked === 0) return false;
    const entities = clusterEntities(cluster);
    const args = commandArguments([{ uri: doc.documentUri.toString(), id: a.id }]);
    const title =
      entities.length === 1
        ? `Link ${plural(unlinked, 'unlinked print')} to ${escapeMarkdown(entities[0]!)}`
        : `Link ${plural(unlinked, 'unlinked print')} to an entity…`;
    if (entities.length > 1) md.appendMarkdown(`$(warning) prints are linked to different entities: ${entities.map(escapeMarkdown).join(', ')}\n\n`);
    md.appendMarkdown(`$(link) [${title}](command:${COMMAND_IDS.linkQuotePrints}?${args} "Link every print of this quotation to one entity")\n\n`);
    return true;
  }

  /** A figure's or print's place as a link that opens it, its outlet first. */
  private place(p: { file: string; line: number | null; id: string; outlet: string | null }): string {
    const target = this.sources.documentOf(p.file);
    const name = `${p.file}:${p.line ?? 'not found'}`;
    const outlet = p.outlet ? `${escapeMarkdown(p.outlet)} · ` : '';
    if (!target) return `${outlet}${escapeMarkdown(name)}`;
    const args = commandArguments([{ uri: target.documentUri.toString(), id: p.id }]);
    return `${outlet}[${escapeMarkdown(name)}](command:${COMMAND_IDS.openAnnotation}?${args} "Open ${escapeMarkdown(name)}")`;
  }

  /**
   * The entity line: its name and links to its other occurrences in the workspace, except the figures
   * of this figure's group and the prints of this quote's quotation, which are listed above with what each says.
   */
  private describeEntity(md: vscode.MarkdownString, doc: AnnotatedDocument, a: Annotation, entity: string): void {
    md.appendMarkdown(`$(link) entity **${escapeMarkdown(entity)}**`);
    const view = this.sources.current();
    const fileOf = (d: AnnotatedDocument): string => this.sources.fileOf(d.documentUri);
    const group = a.label === FIGURE_LABEL ? view.groupOf(fileOf(doc), a.id) : undefined;
    const cluster = a.label === QUOTE_LABEL ? view.clusterOf(fileOf(doc), a.id) : undefined;
    const listedAbove = (o: { doc: AnnotatedDocument; annotation: Annotation }): boolean =>
      (group !== undefined && view.groupOf(fileOf(o.doc), o.annotation.id) === group) || (cluster !== undefined && view.clusterOf(fileOf(o.doc), o.annotation.id) === cluster);
    const all = this.occurrences(entity).filter((o) => !(o.doc === doc && o.annotation.id === a.id));
    const others = all.filter((o) => !listedAbove(o));
    const above = all.length === others.length ? '' : a.label === FIGURE_LABEL ? 'its figures are listed above' : 'its prints are listed above';
    if (others.length === 0) {
      md.appendMarkdown(above ? ` — ${above}\n\n` : ' (no other occurrence)\n\n');
      return;
    }
    md.appendMarkdown(` — ${above ? `${above}; ` : ''}${others.length} other occurrence${others.length === 1 ? '' : 's'}:\n\n`);
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

/** Why a relation does not stand, in a few words. */
function relationProblemText(problem: RelationProblem): string {
  switch (problem.kind) {
    case 'bad-document-path':
      return 'its document: is not a path inside the workspace folder';
    case 'missing-document':
      return 'broken: its document has no annotations or is gone';
    case 'missing-annotation':
      return 'broken: no annotation of that id';
    case 'unknown-type':
      return 'this relation type is not in .marginalia.yaml';
    case 'label-not-allowed':
      return `a ${problem.label} is not allowed at its ${problem.end === 'from' ? 'source' : 'target'} (${problem.allowed.join(', ')} are)`;
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function shorten(text: string, max = MAX_QUOTE): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text;
}
