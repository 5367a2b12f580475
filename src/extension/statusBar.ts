/**
 * The status bar entry of the active document: its annotation count per label, e.g.
 * "$(tag) 3 claims · 2 quotes · 4 figures", hidden when the document has no annotations. Clicking it
 * focuses the entity tree.
 */
import * as vscode from 'vscode';
import { countByLabel, countNoun, formatLabelCounts } from '../core/label-counts';
import { FOCUS_ENTITIES_VIEW_COMMAND } from './commandIds';
import { Disposable, Soon } from './disposable';
import { escapeMarkdown } from '../core/markdown-escape';
import type { AnnotationSource } from './tree/annotationSource';

/** How long after a change of the active document's annotations the counts are updated. */
const UPDATE_DELAY_MS = 100;


/** The status bar entry, kept in step with the active editor and the store. */
export class AnnotationStatusBar extends Disposable {
  /** The entry itself (tests read its text). */
  readonly item: vscode.StatusBarItem;
  private shown = false;
  private readonly soon = this._register(new Soon(() => this.update(), UPDATE_DELAY_MS));

  /**
   * @param source the annotation store
   */
  constructor(private readonly source: AnnotationSource) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('marginalia.annotationCount', vscode.StatusBarAlignment.Right, 100));
    this.item.name = 'Marginalia Annotations';
    this.item.command = { command: FOCUS_ENTITIES_VIEW_COMMAND, title: 'Show the Marginalia tree' };
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(
      source.onDidChange((uris) => {
        const active = this.activeUri()?.toString();
        if (active !== undefined && uris.some((u) => u.toString() === active)) this.updateSoon();
      }),
    );
    this._register(source.onDidChangeLabels(() => this.update()));
    this.update();
    void source.ready.then(() => this.update());
  }

  /**
   * Update soon: a change usually comes in a burst (a tag, then its write; keystrokes), and counting
   * a document of 10,000 annotations once per burst is enough.
   */
  private updateSoon(): void {
    this.soon.schedule();
  }

  /** Show the counts of the active document, or hide the entry when there is nothing to count. */
  update(): void {
    const uri = this.activeUri();
    const doc = uri && this.source.get(uri);
    if (!uri || !doc || doc.annotations.length === 0) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const order = this.source.labelsFor(uri).labels.map((l) => l.id);
    const counts = countByLabel(doc.annotations, order);
    const orphaned = doc.annotations.filter((a) => a.status === 'orphaned').length;
    this.item.text = `$(tag) ${formatLabelCounts(counts)}${orphaned > 0 ? ` $(warning) ${orphaned} orphaned` : ''}`;
    this.item.backgroundColor = orphaned > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Marginalia**: ${countNoun('annotation', doc.annotations.length)} in this file\n\n`);
    tooltip.appendMarkdown(counts.map((c) => `- ${escapeMarkdown(countNoun(c.label, c.count))}`).join('\n'));
    if (orphaned > 0) tooltip.appendMarkdown(`\n\n$(warning) ${orphaned} orphaned: their text was not found again`);
    tooltip.appendMarkdown('\n\nClick to show the tree of entities.');
    this.item.tooltip = tooltip;
    this.item.show();
    this.shown = true;
  }

  /** Whether the entry is showing (the status bar API has no getter for it). */
  get visible(): boolean {
    return this.shown;
  }

  private activeUri(): vscode.Uri | undefined {
    return vscode.window.activeTextEditor?.document.uri;
  }
}
