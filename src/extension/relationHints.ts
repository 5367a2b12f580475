/**
 * The inline hint at the end of each span that starts relations ("→ said by Sergei Ryabkov"), dimmed
 * like a code lens, in the visible editors; setting `marginalia.relations.inlineHints` turns it off.
 * Only what the span itself says (outgoing and symmetric relations): incoming ones are in the hover,
 * so a much-cited span is not buried under hints.
 */
import * as vscode from 'vscode';
import { oneLine } from '../core/text';
import type { AnnotationStore } from './annotationStore';
import { Disposable, Soon } from './disposable';
import { toRange } from './positions';
import type { WorkspaceRelations } from './relations';

/** How long to wait after a change before redrawing (typing fires many changes). */
const REFRESH_DELAY_MS = 50;

/** How many characters of the other end's text a hint quotes. */
const MAX_HINT_TEXT = 40;

/**
 * Draws the relation hints of every visible editor. After a change of annotations only the editors
 * whose document changed, or whose relations' other end is in a document that changed, are drawn again.
 */
export class RelationHints extends Disposable {
  private readonly type = this._register(
    vscode.window.createTextEditorDecorationType({
      after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 0.6em' },
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );
  private readonly soon = this._register(new Soon(() => this.refresh(), REFRESH_DELAY_MS));
  /** The hints last drawn, by document (for tests). */
  private readonly drawn = new Map<string, string[]>();
  /** How many times each document's hints were drawn (for tests: a change elsewhere draws nothing). */
  private readonly draws = new Map<string, number>();
  /** The editors drawn, each with the documents its hints' other ends are in. */
  private readonly ends = new Map<vscode.TextEditor, Set<string>>();
  /** Documents (URIs as strings) whose annotations changed since the last redraw. */
  private readonly changed = new Set<string>();
  /** Whether every visible editor is to be drawn again (labels or the setting changed). */
  private all = true;

  /**
   * @param store the annotations
   * @param relations the relations to show
   */
  constructor(
    private readonly store: AnnotationStore,
    private readonly relations: WorkspaceRelations,
  ) {
    super();
    this._register(
      store.onDidChange((uris) => {
        for (const uri of uris) this.changed.add(uri.toString());
        this.refreshSoon();
      }),
    );
    this._register(store.onDidChangeLabels(() => this.refreshAll()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refreshSoon()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('marginalia.relations.inlineHints') && this.refreshAll()));
    this.refreshSoon();
  }

  /**
   * The hint texts last drawn in a document's editors, in span order.
   * @param documentUri the document
   */
  hintsIn(documentUri: vscode.Uri): readonly string[] {
    return this.drawn.get(documentUri.toString()) ?? [];
  }

  /**
   * How many times a document's hints were drawn.
   * @param documentUri the document
   */
  timesDrawn(documentUri: vscode.Uri): number {
    return this.draws.get(documentUri.toString()) ?? 0;
  }

  private refreshSoon(): void {
    this.soon.reschedule();
  }

  private refreshAll(): void {
    this.all = true;
    this.refreshSoon();
  }

  private refresh(): void {
    const visible = vscode.window.visibleTextEditors;
    for (const editor of [...this.ends.keys()]) if (!visible.includes(editor)) this.ends.delete(editor);
    const shown = new Set(visible.map((e) => e.document.uri.toString()));
    for (const document of [...this.drawn.keys()]) if (!shown.has(document)) this.drawn.delete(document);
    const changed = this.changed;
    // A change in a document that lists relations to other documents may add a hint there (a symmetric relation).
    const reached = new Set<string>();
    if (!this.all) for (const uri of changed) for (const other of this.otherEndsOfRecords(uri)) reached.add(other);
    for (const editor of visible) {
      const document = editor.document.uri.toString();
      const ends = this.ends.get(editor);
      if (!this.all && ends && !changed.has(document) && !reached.has(document) && ![...ends].some((end) => changed.has(end))) continue;
      const { options, otherEnds } = this.hintsFor(editor.document.uri);
      editor.setDecorations(this.type, options);
      this.ends.set(editor, otherEnds);
      this.drawn.set(document, options.map((o) => o.renderOptions!.after!.contentText!));
      this.draws.set(document, this.timesDrawn(editor.document.uri) + 1);
    }
    this.changed.clear();
    this.all = false;
  }

  /** The documents the relation records of a document point into (none for relations within it). */
  private otherEndsOfRecords(uri: string): string[] {
    const documentUri = vscode.Uri.parse(uri);
    const doc = this.store.get(documentUri);
    if (!doc?.annotations.some((a) => a.relations?.some((r) => r.document !== undefined))) return [];
    return [...this.relations.relatedIn(documentUri)].flatMap((id) => this.relations.linksOf(documentUri, id).flatMap((l) => (l.otherUri ? [l.otherUri.toString()] : [])));
  }

  private hintsFor(uri: vscode.Uri): { options: vscode.DecorationOptions[]; otherEnds: Set<string> } {
    const otherEnds = new Set<string>();
    if (!vscode.workspace.getConfiguration('marginalia', uri).get<boolean>('relations.inlineHints', true)) return { options: [], otherEnds };
    const doc = this.store.get(uri);
    if (!doc || !doc.hasText) return { options: [], otherEnds };
    const hints: vscode.DecorationOptions[] = [];
    const related = this.relations.relatedIn(uri);
    for (const annotation of doc.annotations.filter((a) => related.has(a.id)).sort((a, b) => a.end - b.end)) {
      if (annotation.status === 'orphaned') continue;
      const links = this.relations.linksOf(uri, annotation.id);
      // Incoming links draw nothing here, but the other end's document may change them into mutual ones.
      for (const link of links) if (link.otherUri) otherEnds.add(link.otherUri.toString());
      const said = links
        .filter((l) => l.direction !== 'incoming')
        .map((l) => `${l.direction === 'mutual' ? '↔' : '→'} ${l.relation.relation.type.replace(/-/g, ' ')} ${l.other.annotation ? oneLine(l.other.annotation.text, MAX_HINT_TEXT) : `${l.other.id} (broken)`}`);
      if (said.length === 0) continue;
      const end = toRange(doc, annotation.end, annotation.end);
      hints.push({ range: end, renderOptions: { after: { contentText: said.join(' · ') } } });
    }
    return { options: hints, otherEnds };
  }
}
