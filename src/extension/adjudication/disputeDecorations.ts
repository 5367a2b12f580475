/**
 * Disputed spans framed with a dashed border (theme colour `marginalia.disputedBorder`) over their
 * label's highlight, and marked in the overview ruler, so the curator sees what is left to settle.
 */
import * as vscode from 'vscode';
import type { AnnotationStore } from '../annotationStore';
import { Disposable, Soon } from '../disposable';
import { toRange } from '../positions';

/** How long to wait after a change before redrawing. */
const REFRESH_DELAY_MS = 50;

/** Draws the disputed spans of every visible editor. */
export class DisputeDecorations extends Disposable {
  private readonly type = this._register(
    vscode.window.createTextEditorDecorationType({
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('marginalia.disputedBorder'),
      borderRadius: '2px',
      overviewRulerColor: new vscode.ThemeColor('marginalia.disputedBorder'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  );
  private readonly drawn = new Map<vscode.TextEditor, vscode.Range[]>();
  private readonly soon = this._register(new Soon(() => this.refresh(), REFRESH_DELAY_MS));

  /** @param store the annotations */
  constructor(private readonly store: AnnotationStore) {
    super();
    this._register(store.onDidChange(() => this.soon.schedule()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this.refresh();
  }

  /**
   * The disputed ranges last drawn in an editor (for tests).
   * @param editor a visible editor
   */
  drawnIn(editor: vscode.TextEditor): readonly vscode.Range[] {
    return this.drawn.get(editor) ?? [];
  }

  /** Redraw every visible editor now. */
  refresh(): void {
    for (const editor of [...this.drawn.keys()]) if (!vscode.window.visibleTextEditors.includes(editor)) this.drawn.delete(editor);
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = this.store.get(editor.document.uri);
      const ranges =
        doc && doc.hasText
          ? doc.annotations.filter((a) => a.dispute && a.status !== 'orphaned' && a.end <= doc.offsets.length).map((a) => toRange(doc, a.start, a.end))
          : [];
      const before = this.drawn.get(editor);
      if (before && before.length === 0 && ranges.length === 0) continue;
      editor.setDecorations(this.type, ranges);
      this.drawn.set(editor, ranges);
    }
  }
}
