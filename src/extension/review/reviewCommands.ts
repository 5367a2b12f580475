/**
 * The review's commands and their wiring: Review Annotation Changes… (pick a base, open the Review
 * view), accept and reject (an entry, or every entry of a document), show an entry in its document,
 * and end the review. Each command also takes an argument object, so tests can run it without the UI,
 * and returns what it did.
 */
import * as vscode from 'vscode';
import { baseChoices } from '../../core/io/git';
import type { ReviewEntry } from '../../core/review-view';
import { normalizeText, OffsetIndex } from '../../core/text';
import type { AnnotationStore } from '../annotationStore';
import type { CommandHandler } from '../commands';
import { configuredGit } from '../configuredGit';
import { askUser, reportWithUndo } from '../notify';
import { positionAt, toRange } from '../positions';
import { ReviewDecorations } from './reviewDecorations';
import { ReviewSession, type ReviewBase, type ReviewOutcome } from './reviewSession';
import { REVIEW_VIEW, ReviewTreeProvider, type ReviewNode } from './reviewTree';

/** The review's commands in `COMMAND_IDS`. */
export type ReviewCommandName = 'reviewChanges' | 'reviewAccept' | 'reviewReject' | 'reviewOpen' | 'reviewClose';

/** What `registerReview` made, for the extension's API (tests read it). */
export interface Review {
  readonly session: ReviewSession;
  readonly tree: ReviewTreeProvider;
  readonly treeView: vscode.TreeView<ReviewNode>;
  readonly decorations: ReviewDecorations;
}

/** Which entries a decision or Show is about: a node of the view, or a document and optionally one id. */
export type ReviewTarget = ReviewNode | { uri: vscode.Uri | string; id?: string };

/** Arguments of Review Annotation Changes…: the revision to compare with (default: ask). */
export interface ReviewStartArgs {
  revision?: string;
  /** What the revision is called in the view (default: the revision). */
  name?: string;
}

/**
 * Create the review session, its view and its decorations.
 * @param context the extension context; every disposable goes to its subscriptions
 * @param store the annotation store
 */
export function registerReview(context: vscode.ExtensionContext, store: AnnotationStore): Review {
  const session = new ReviewSession(store, context.workspaceState);
  const tree = new ReviewTreeProvider(session);
  const treeView = vscode.window.createTreeView(REVIEW_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(treeView);
  const decorations = new ReviewDecorations(session);
  context.subscriptions.push(session, tree, treeView, decorations);
  return { session, tree, treeView, decorations };
}

/**
 * The review as the Node host's entry point starts it: the session, view and decorations, and the
 * handlers of its commands. It runs git, so the web worker host has none (see `extension.ts`).
 * @param context the extension context; every disposable goes to its subscriptions
 * @param store the annotation store
 */
export function startReview(context: vscode.ExtensionContext, store: AnnotationStore): { review: Review; handlers: Record<ReviewCommandName, CommandHandler> } {
  const review = registerReview(context, store);
  return { review, handlers: reviewCommandHandlers(store, review) };
}

/**
 * The handlers of the review's commands, for `registerCommands`.
 * @param store the annotation store
 * @param review what `registerReview` made
 */
export function reviewCommandHandlers(store: AnnotationStore, review: Review): Record<ReviewCommandName, CommandHandler> {
  const { session } = review;
  return {
    reviewChanges: (args?: ReviewStartArgs) => beginReview(session, args),
    reviewAccept: (target?: ReviewTarget) => decide(session, 'accept', target),
    reviewReject: (target?: ReviewTarget) => decide(session, 'reject', target),
    reviewOpen: (target?: ReviewTarget) => showEntry(store, review, target),
    reviewClose: () => session.close(),
  };
}

/** Start a review against the revision given, or one picked; resolves to how many entries it lists. */
async function beginReview(session: ReviewSession, args?: ReviewStartArgs): Promise<{ base: ReviewBase; entries: number } | undefined> {
  const base = args?.revision ? { revision: args.revision, name: args.name ?? args.revision } : await pickBase();
  if (!base) return undefined;
  await session.start(base);
  if (session.notCompared.length > 0) {
    void askUser('warning', `not compared, as ${base.name} holds a sidecar that cannot be read: ${session.notCompared.join('; ')}`);
  }
  void vscode.commands.executeCommand(`${REVIEW_VIEW}.focus`);
  return { base, entries: session.documents().reduce((n, d) => n + d.entries.length, 0) };
}

/** A pick of the base: the merge base with the default branch first, branches, tags, or a revision typed. */
async function pickBase(): Promise<ReviewBase | undefined> {
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file');
  const git = configuredGit();
  const root = folder ? await git.repositoryRoot(folder.uri.fsPath) : undefined;
  if (!folder || root === undefined) throw new Error('the review compares with a git revision, and no folder of the workspace is in a git repository');
  type Item = vscode.QuickPickItem & { base: ReviewBase };
  const offered: Item[] = (await baseChoices(folder.uri.fsPath, git)).map((c) => ({ label: c.label, description: c.detail, base: { revision: c.revision, name: c.label } }));
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = 'Marginalia: Review Annotation Changes';
  quickPick.placeholder = 'Compare the annotations with… (a branch, a tag, or type any revision)';
  quickPick.items = offered;
  quickPick.onDidChangeValue((value) => {
    const typed = value.trim();
    quickPick.items = typed && !offered.some((i) => i.base.revision === typed)
      ? [...offered, { label: `$(git-commit) ${typed}`, description: 'the revision typed', alwaysShow: true, base: { revision: typed, name: typed } }]
      : offered;
  });
  return new Promise((resolve) => {
    let picked: ReviewBase | undefined;
    quickPick.onDidAccept(() => {
      picked = (quickPick.selectedItems[0] ?? quickPick.activeItems[0])?.base;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(picked);
    });
    quickPick.show();
  });
}

/** The entries a target names. */
function entriesOf(session: ReviewSession, target: ReviewTarget | undefined): ReviewEntry[] {
  if (!target) throw new Error('pick a change or a document in the Review view first');
  if ('type' in target) return target.type === 'reviewEntry' ? [target.entry] : [...target.view.entries];
  const uri = typeof target.uri === 'string' ? vscode.Uri.parse(target.uri) : target.uri;
  const view = session.documentOf(uri);
  const entries = (view?.entries ?? []).filter((e) => target.id === undefined || e.item.id === target.id);
  if (entries.length === 0) throw new Error(`the review lists no change${target.id ? ` of annotation ${target.id}` : ''} in ${vscode.workspace.asRelativePath(uri)}`);
  return entries;
}

/** Accept or reject the entries of a target; says what was done, with Undo. */
async function decide(session: ReviewSession, verdict: 'accept' | 'reject', target?: ReviewTarget): Promise<ReviewOutcome> {
  const entries = entriesOf(session, target);
  const outcome = verdict === 'accept' ? await session.accept(entries) : await session.reject(entries);
  if (outcome.refused.length > 0) void askUser('warning', `${outcome.refused.length} change(s) not ${verdict}ed: ${outcome.refused.join('; ')}`);
  if (outcome.done > 0) {
    const what = verdict === 'accept' ? 'accepted' : 'rejected and undid';
    reportWithUndo(`${what} ${outcome.done} annotation change${outcome.done === 1 ? '' : 's'}.`, outcome.undo);
  }
  return outcome;
}

/**
 * Open an entry's document with the entry selected: a changed annotation where it is now, a removed
 * one at its ghost; one whose text is gone opens the document and says why it is not shown.
 * @returns the range selected, or undefined when the entry could not be placed
 */
async function showEntry(store: AnnotationStore, review: Review, target?: ReviewTarget): Promise<vscode.Range | undefined> {
  const entry = entriesOf(review.session, target)[0]!;
  const view = review.session.documents().find((v) => v.entries.includes(entry));
  if (!view) throw new Error(`annotation ${entry.item.id} is no longer listed in the review`);
  const editor = await vscode.window.showTextDocument(view.documentUri, { preview: true });
  let range: vscode.Range | undefined;
  const now = entry.item.after && store.get(view.documentUri)?.annotations.find((a) => a.id === entry.item.id);
  if (now && now.status !== 'orphaned') {
    range = toRange(store.get(view.documentUri)!, now.start, now.end);
  } else if (!entry.item.after) {
    const text = normalizeText(editor.document.getText());
    const ghost = review.session.ghostsOf(view, text).find((g) => g.entry === entry);
    if (ghost && !('unplaced' in ghost.place)) {
      const index = new OffsetIndex(text);
      range = new vscode.Range(positionAt(index, ghost.place.start), positionAt(index, ghost.place.end));
    } else if (ghost && 'unplaced' in ghost.place) {
      void askUser('info', `the removed ${entry.item.before!.label} cannot be shown: ${ghost.place.unplaced}.`);
    }
  } else {
    void askUser('info', `annotation ${entry.item.id} is orphaned: its text was not found in the document.`);
  }
  if (range) {
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return range;
}
