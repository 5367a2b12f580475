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

/** Draws the relation hints of every visible editor. */
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

  /**
   * @param store the annotations
   * @param relations the relations to show
   */
  constructor(
    private readonly store: AnnotationStore,
    private readonly relations: WorkspaceRelations,
  ) {
    super();
    this._register(store.onDidChange(() => this.refreshSoon()));
    this._register(store.onDidChangeLabels(() => this.refreshSoon()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refreshSoon()));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('marginalia.relations.inlineHints') && this.refreshSoon()));
    this.refreshSoon();
  }

  /**
   * The hint texts last drawn in a document's editors, in span order.
   * @param documentUri the document
   */
  hintsIn(documentUri: vscode.Uri): readonly string[] {
    return this.drawn.get(documentUri.toString()) ?? [];
  }

  private refreshSoon(): void {
    this.soon.reschedule();
  }

  private refresh(): void {
    this.drawn.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      const options = this.hintsFor(editor.document.uri);
      editor.setDecorations(this.type, options);
      this.drawn.set(editor.document.uri.toString(), options.map((o) => o.renderOptions!.after!.contentText!));
    }
  }

  private hintsFor(uri: vscode.Uri): vscode.DecorationOptions[] {
    if (!vscode.workspace.getConfiguration('marginalia', uri).get<boolean>('relations.inlineHints', true)) return [];
    const doc = this.store.get(uri);
    if (!doc || !doc.hasText) return [];
    const hints: vscode.DecorationOptions[] = [];
    const related = this.relations.relatedIn(uri);
    for (const annotation of doc.annotations.filter((a) => related.has(a.id)).sort((a, b) => a.end - b.end)) {
      if (annotation.status === 'orphaned') continue;
      const said = this.relations
        .linksOf(uri, annotation.id)
        .filter((l) => l.direction !== 'incoming')
        .map((l) => `${l.direction === 'mutual' ? '↔' : '→'} ${l.relation.relation.type.replace(/-/g, ' ')} ${l.other.annotation ? oneLine(l.other.annotation.text, MAX_HINT_TEXT) : `${l.other.id} (broken)`}`);
      if (said.length === 0) continue;
      const end = toRange(doc, annotation.end, annotation.end);
      hints.push({ range: end, renderOptions: { after: { contentText: said.join(' · ') } } });
    }
    return hints;
  }
}
