/**
 * The view of what is left to settle (`marginalia.disputes`, in the Marginalia container): each
 * document with disputes, with its count, and under it each dispute (a pair once, or a record one
 * side marked alone), a click revealing it in the document. The view's badge counts the disputes
 * left across the workspace; the view follows the store, so a settled dispute leaves it at once.
 */
import * as vscode from 'vscode';
import { disputesOf, type DisputedPair } from '../../core/agreement/settle';
import type { Annotation } from '../../core/model';
import { COMMAND_IDS } from '../commandIds';
import { Disposable, Soon } from '../disposable';
import type { AnnotatedDocumentView, AnnotationSource } from '../tree/annotationSource';

/** The view's id in package.json. */
export const DISPUTES_VIEW = 'marginalia.disputes';
/** The command VS Code itself makes for the view (`<view id>.focus`): run, never registered here. */
export const FOCUS_DISPUTES_VIEW_COMMAND = `${DISPUTES_VIEW}.focus`;

/** How long to wait for more changes before counting again. */
const REFRESH_DELAY_MS = 100;

/** A document with disputes left. */
export interface DisputedDocumentNode {
  readonly kind: 'document';
  readonly documentUri: vscode.Uri;
  readonly disputes: readonly DisputedPair[];
}

/** One dispute of a document. */
export interface DisputeNode {
  readonly kind: 'dispute';
  readonly documentUri: vscode.Uri;
  readonly dispute: DisputedPair;
}

/** A node of the view. */
export type DisputeTreeNode = DisputedDocumentNode | DisputeNode;

/** Provides the disputes view from the store. */
export class DisputeTreeProvider extends Disposable implements vscode.TreeDataProvider<DisputeTreeNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<DisputeTreeNode | undefined>());
  private roots: DisputedDocumentNode[] = [];
  private view: vscode.TreeView<DisputeTreeNode> | undefined;
  private readonly soon = this._register(new Soon(() => this.refresh(), REFRESH_DELAY_MS));

  /** Fires when the view's content changed. */
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /** @param source the annotation store */
  constructor(private readonly source: AnnotationSource) {
    super();
    this._register(source.onDidChange(() => this.soon.schedule()));
    void source.ready.then(() => this.refresh());
  }

  /**
   * Show the count on this view's badge.
   * @param view the view made from this provider
   */
  attach(view: vscode.TreeView<DisputeTreeNode>): void {
    this.view = view;
    this.refresh();
  }

  /** The disputes left across the workspace: one per decision (a pair counts once). */
  get count(): number {
    return this.roots.reduce((n, d) => n + d.disputes.length, 0);
  }

  /** The documents with disputes left, as the view lists them. */
  get documents(): readonly DisputedDocumentNode[] {
    return this.roots;
  }

  /** Count again now and redraw. */
  refresh(): void {
    const before = this.roots;
    this.roots = this.source
      .documents()
      .map((doc) => ({ kind: 'document' as const, documentUri: doc.documentUri, disputes: disputesIn(doc) }))
      .filter((d) => d.disputes.length > 0);
    // Most workspaces have no disputes: typing there redraws neither the view nor its badge.
    if (before.length === 0 && this.roots.length === 0 && this.view?.badge === undefined) return;
    if (this.view) {
      const n = this.count;
      this.view.badge = n === 0 ? undefined : { value: n, tooltip: `${plural(n, 'dispute')} left to settle` };
      this.view.message = n === 0 ? undefined : `${plural(n, 'dispute')} left to settle in ${plural(this.roots.length, 'document')}`;
    }
    this.changeEmitter.fire(undefined);
  }

  getChildren(node?: DisputeTreeNode): DisputeTreeNode[] {
    if (!node) return this.roots;
    if (node.kind === 'document') return node.disputes.map((dispute) => ({ kind: 'dispute', documentUri: node.documentUri, dispute }));
    return [];
  }

  getTreeItem(node: DisputeTreeNode): vscode.TreeItem {
    if (node.kind === 'document') {
      const where = vscode.workspace.asRelativePath(node.documentUri);
      const folder = where.includes('/') ? where.slice(0, where.lastIndexOf('/')) : '';
      const item = new vscode.TreeItem(where.slice(where.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = node.documentUri;
      item.description = `${plural(node.disputes.length, 'dispute')}${folder ? ` · ${folder}` : ''}`;
      item.tooltip = `${where}: ${plural(node.disputes.length, 'dispute')} left to settle`;
      item.iconPath = new vscode.ThemeIcon('git-compare');
      item.contextValue = 'marginalia.disputedDocument';
      return item;
    }
    const { record, pair } = node.dispute;
    // Of a pair of one label, the label is said once: "figure “40%” ↔ “40% of homes”".
    const label = pair ? `${version(record)} ↔ ${pair.label === record.label ? quoted(pair) : version(pair)}` : version(record);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.description = pair ? `${record.dispute!.by} ↔ ${pair.dispute!.by}` : `${record.dispute!.by} only`;
    item.tooltip = pair ? `${record.dispute!.by}: ${version(record)}\n${pair.dispute!.by}: ${version(pair)}` : `only ${record.dispute!.by} marked this: ${version(record)}`;
    item.iconPath = new vscode.ThemeIcon(pair ? 'diff' : 'diff-single');
    item.contextValue = 'marginalia.dispute';
    item.command = { command: COMMAND_IDS.openAnnotation, title: 'Show the dispute', arguments: [{ uri: node.documentUri, id: record.id }] };
    return item;
  }
}

/** The disputes of a document as the view lists them. */
function disputesIn(doc: AnnotatedDocumentView): DisputedPair[] {
  return doc.annotations.some((a) => a.dispute) ? disputesOf(doc.annotations) : [];
}

/** A version in a few words: its label and text. */
function version(r: Annotation): string {
  return `${r.label} ${quoted(r)}`;
}

/** A version's text, on one line and short, in quotation marks. */
function quoted(r: Annotation): string {
  const chars = [...r.text.replace(/\s+/g, ' ')];
  return `“${chars.length > 40 ? chars.slice(0, 39).join('') + '…' : chars.join('')}”`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
