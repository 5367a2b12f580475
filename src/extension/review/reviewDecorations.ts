/**
 * What the review shows in the editors: each removed annotation as a ghost (dimmed, struck through,
 * a hover saying "removed since REF") at its old place re-anchored into the current text, and each
 * changed one underlined, with a hover giving its old values. A removed annotation whose text is no
 * longer in the document has no ghost; the Review view says so.
 */
import * as vscode from 'vscode';
import { normalizeText, OffsetIndex } from '../../core/text';
import { Disposable } from '../disposable';
import { positionAt } from '../positions';
import { entryTooltip } from './reviewTree';
import type { ReviewSession } from './reviewSession';

/** What was drawn in one editor, for tests and the screenshots' checks. */
export interface DrawnReview {
  ghosts: vscode.Range[];
  changed: vscode.Range[];
}

/** Draws the review's ghosts and changed spans in the visible editors. */
export class ReviewDecorations extends Disposable {
  private readonly ghostType = this._register(
    vscode.window.createTextEditorDecorationType({
      opacity: '0.55',
      textDecoration: 'line-through',
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('editorGhostText.foreground'),
      borderRadius: '2px',
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      after: { contentText: ' ⌫ removed', color: new vscode.ThemeColor('editorGhostText.foreground'), fontStyle: 'italic' },
    }),
  );
  private readonly changedType = this._register(
    vscode.window.createTextEditorDecorationType({
      borderStyle: 'none none dashed none',
      borderWidth: '0 0 2px 0',
      borderColor: new vscode.ThemeColor('editorOverviewRuler.modifiedForeground'),
      overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.modifiedForeground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  );
  private readonly drawn = new Map<vscode.TextEditor, DrawnReview>();

  /**
   * @param session the review
   */
  constructor(private readonly session: ReviewSession) {
    super();
    this._register(session.onDidChange(() => this.refresh()));
    // Between comparisons VS Code carries the ranges along with edits; each comparison places them again.
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
  }

  /**
   * What was last drawn in an editor.
   * @param editor a visible editor
   */
  drawnIn(editor: vscode.TextEditor): DrawnReview {
    return this.drawn.get(editor) ?? { ghosts: [], changed: [] };
  }

  /** Redraw every visible editor. */
  refresh(): void {
    for (const editor of [...this.drawn.keys()]) if (!vscode.window.visibleTextEditors.includes(editor)) this.drawn.delete(editor);
    for (const editor of vscode.window.visibleTextEditors) this.draw(editor);
  }

  private draw(editor: vscode.TextEditor): void {
    const view = this.session.documentOf(editor.document.uri);
    const ghosts: vscode.DecorationOptions[] = [];
    const changed: vscode.DecorationOptions[] = [];
    if (view) {
      const text = normalizeText(editor.document.getText());
      const index = new OffsetIndex(text);
      const base = this.session.base?.name ?? '';
      for (const { entry, place } of this.session.ghostsOf(view, text)) {
        if ('unplaced' in place) continue;
        ghosts.push({ range: new vscode.Range(positionAt(index, place.start), positionAt(index, place.end)), hoverMessage: entryTooltip(entry, base) });
      }
      for (const entry of view.entries) {
        const after = entry.item.after;
        if (!after || entry.reverted || after.status === 'orphaned' || after.end > index.length) continue;
        changed.push({ range: new vscode.Range(positionAt(index, after.start), positionAt(index, after.end)), hoverMessage: entryTooltip(entry, base) });
      }
    }
    editor.setDecorations(this.ghostType, ghosts);
    editor.setDecorations(this.changedType, changed);
    this.drawn.set(editor, { ghosts: ghosts.map((g) => g.range), changed: changed.map((c) => c.range) });
  }
}
