/**
 * The Review view (`marginalia.review`): per document, the annotations added, removed, relabelled,
 * moved and edited since the review's base, each with its state; counts in the descriptions. It
 * follows the session, which compares again after each store change.
 */
import * as vscode from 'vscode';
import { escapeMarkdown, markdownCode } from '../../core/markdown-escape';
import type { Annotation } from '../../core/model';
import { describeChanges, type ReviewChange } from '../../core/review';
import { countEntries, describeCounts, type ReviewEntry } from '../../core/review-view';
import { oneLine } from '../../core/text';
import { COMMAND_IDS } from '../commandIds';
import { Disposable } from '../disposable';
import type { ReviewDocumentView, ReviewSession } from './reviewSession';

/** The view's id in package.json (its title is "Review"). */
export const REVIEW_VIEW = 'marginalia.changes';

/** How many characters of an annotation's text its entry shows, so that what changed and the state stay in view. */
const LABEL_LENGTH = 24;

/** A document of the review. */
export interface ReviewDocumentNode {
  type: 'reviewDocument';
  view: ReviewDocumentView;
}

/** One entry of a document. */
export interface ReviewEntryNode {
  type: 'reviewEntry';
  view: ReviewDocumentView;
  entry: ReviewEntry;
}

/** A node of the Review view. */
export type ReviewNode = ReviewDocumentNode | ReviewEntryNode;

/** The icon of each change (an entry with several takes its first). */
const ICONS: Record<ReviewChange, string> = {
  added: 'diff-added',
  removed: 'diff-removed',
  relabelled: 'tag',
  moved: 'arrow-swap',
  'text changed': 'whole-word',
  orphaned: 'question',
  edited: 'edit',
  ambiguous: 'warning',
};

/** Provides the Review view from the review session. */
export class ReviewTreeProvider extends Disposable implements vscode.TreeDataProvider<ReviewNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<ReviewNode | undefined>());
  private view: vscode.TreeView<ReviewNode> | undefined;

  /** Fires when the tree's content changed (VS Code listens to it). */
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /**
   * @param session the review
   */
  constructor(private readonly session: ReviewSession) {
    super();
    this._register(
      session.onDidChange(() => {
        this.changeEmitter.fire(undefined);
        this.describe();
      }),
    );
  }

  /**
   * Attach the tree view, so the base and the counts show in its description.
   * @param view the view created for this provider
   */
  attach(view: vscode.TreeView<ReviewNode>): void {
    this.view = view;
    this.describe();
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    if (node.type === 'reviewDocument') return documentItem(node.view);
    const ghost = node.entry.item.after === undefined ? this.session.ghostsOf(node.view).find((g) => g.entry === node.entry) : undefined;
    return entryItem(node, this.session.base?.name ?? '', ghost && 'unplaced' in ghost.place ? ghost.place.unplaced : undefined);
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (!node) return this.session.documents().map((view) => ({ type: 'reviewDocument', view }));
    if (node.type === 'reviewEntry') return [];
    return node.view.entries.map((entry) => ({ type: 'reviewEntry', view: node.view, entry }));
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    return node.type === 'reviewEntry' ? { type: 'reviewDocument', view: node.view } : undefined;
  }

  /** The base and the counts of every entry, beside the view's title; a message when nothing changed. */
  private describe(): void {
    if (!this.view) return;
    const base = this.session.base;
    const documents = this.session.documents();
    const counts = describeCounts(countEntries(documents.flatMap((d) => d.entries)));
    this.view.description = base ? `since ${base.name}${counts ? ` · ${counts}` : ''}` : undefined;
    this.view.message = base && documents.length === 0 ? `No annotation changes since ${base.name}.` : undefined;
  }
}

function documentItem(view: ReviewDocumentView): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.workspace.asRelativePath(view.documentUri), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `review/${view.documentUri.toString()}`;
  item.resourceUri = view.documentUri;
  item.description = describeCounts(view.counts);
  item.contextValue = 'marginalia.review.document';
  item.tooltip = `${vscode.workspace.asRelativePath(view.documentUri)}: ${item.description}`;
  return item;
}

/**
 * The item of an entry: what it is, what changed, its state, and a click that shows it.
 * @param node the entry's node
 * @param baseName what the base is called
 * @param unplaced why a removed entry has no ghost in the current text, when it has none
 */
function entryItem(node: ReviewEntryNode, baseName: string, unplaced: string | undefined): vscode.TreeItem {
  const { entry } = node;
  const record = (entry.item.after ?? entry.item.before)!;
  const item = new vscode.TreeItem(`${record.label} “${oneLine(record.text, LABEL_LENGTH)}”`, vscode.TreeItemCollapsibleState.None);
  // The place in the list too: the records of an id used more than once are entries of their own.
  item.id = `review/${node.view.documentUri.toString()}/${entry.item.id}/${node.view.entries.indexOf(entry)}`;
  const what = entry.reverted ? 'reverted' : describeChanges(entry.item.changes);
  item.description = `${what} · ${entry.state}${unplaced ? ' · not in the text now' : ''}`;
  const color = entry.state === 'accepted' ? 'testing.iconPassed' : entry.state === 'rejected' ? 'testing.iconFailed' : undefined;
  item.iconPath = new vscode.ThemeIcon(entry.reverted ? 'discard' : ICONS[entry.item.changes[0] ?? 'edited'], color ? new vscode.ThemeColor(color) : undefined);
  item.contextValue = `marginalia.review.entry.${entry.state}${entry.reverted ? '.reverted' : ''}`;
  item.tooltip = entryTooltip(entry, baseName);
  if (unplaced) item.tooltip.appendMarkdown(`No ghost in the document: ${escapeMarkdown(unplaced)}.`);
  item.command = { command: COMMAND_IDS.reviewOpen, title: 'Show in Document', arguments: [node] };
  return item;
}

/**
 * What an entry's hover and tooltip say: the change since the base, the old values of what changed,
 * and the verdict. Everything from a sidecar is escaped.
 * @param entry the entry
 * @param baseName what the base is called
 */
export function entryTooltip(entry: ReviewEntry, baseName: string): vscode.MarkdownString {
  const { before, after } = entry.item;
  const md = new vscode.MarkdownString();
  const what = entry.reverted ? 'changed, then reverted' : describeChanges(entry.item.changes);
  md.appendMarkdown(`**${markdownCode(entry.item.id)} ${what} since ${markdownCode(baseName)}** · ${entry.state}\n\n`);
  if (after === undefined) md.appendMarkdown(`Was: ${describeRecord(before!)}\n\n`);
  else if (before === undefined) md.appendMarkdown(`Now: ${describeRecord(after)}\n\n`);
  else {
    md.appendMarkdown(`Was: ${describeRecord(before)}\n\n`);
    md.appendMarkdown(`Now: ${describeRecord(after)}\n\n`);
  }
  const review = after?.review;
  if (review && entry.state !== 'unreviewed') md.appendMarkdown(`${review.state === 'accepted' ? 'Accepted' : 'Rejected'} by ${markdownCode(review.by)} at ${markdownCode(review.at)}\n\n`);
  return md;
}

/** A record in one line of Markdown: label, place, text, and note, entity and attributes when set. */
function describeRecord(a: Annotation): string {
  const parts = [`${markdownCode(a.label)} ${a.start}–${a.end} ${markdownCode(oneLine(a.text))}`];
  if (a.entity !== undefined) parts.push(`entity ${markdownCode(a.entity)}`);
  if (a.note !== undefined) parts.push(`note ${markdownCode(oneLine(a.note))}`);
  for (const [name, value] of Object.entries(a.attributes ?? {})) parts.push(`${markdownCode(name)}: ${markdownCode(String(value))}`);
  if (a.status === 'orphaned') parts.push('orphaned');
  return parts.join(' · ');
}
