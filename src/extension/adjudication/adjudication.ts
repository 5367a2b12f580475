/**
 * Adjudication in the editor, wired in one call from `startMarginalia`: the command that adjudicates
 * two versions into the workspace (where the host runs git), the settling of disputes from the hover (with undo), the view of what
 * is left to settle with its badge, and the dashed frame of disputed spans.
 */
import * as vscode from 'vscode';
import type { AnnotationStore } from '../annotationStore';
import type { CommandHandler } from '../commands';
import { DisputeDecorations } from './disputeDecorations';
import { DISPUTES_VIEW, DisputeTreeProvider, type DisputeTreeNode } from './disputeTree';
import { DisputeSettler, type SettleArgs } from './settling';

/** The adjudication commands in `COMMAND_IDS`. */
type AdjudicationCommandName = 'adjudicate' | 'settleDispute' | 'undoSettlement';

/** What `registerAdjudication` made, for the extension's API (tests read it). */
export interface Adjudication {
  /** Applies settlements and undoes them. */
  readonly settler: DisputeSettler;
  /** The disputes view's provider. */
  readonly tree: DisputeTreeProvider;
  /** The disputes view. */
  readonly treeView: vscode.TreeView<DisputeTreeNode>;
  /** The dashed frames of disputed spans. */
  readonly decorations: DisputeDecorations;
  /** The handlers of the adjudication commands, for `registerCommands`. */
  readonly handlers: Record<AdjudicationCommandName, CommandHandler>;
}

/**
 * Create the disputes view, the decorations and the settler.
 * @param context the extension context; every disposable goes to its subscriptions
 * @param store the annotation store
 * @param adjudicate the Adjudicate Two Versions… command: `adjudicateVersions` where the host runs git
 *   (the Node entry passes it), else one that says why not
 */
export function registerAdjudication(context: vscode.ExtensionContext, store: AnnotationStore, adjudicate: CommandHandler): Adjudication {
  const settler = new DisputeSettler(store);
  const tree = new DisputeTreeProvider(store);
  const treeView = vscode.window.createTreeView(DISPUTES_VIEW, { treeDataProvider: tree });
  tree.attach(treeView);
  const decorations = new DisputeDecorations(store);
  context.subscriptions.push(tree, treeView, decorations);
  const handlers: Record<AdjudicationCommandName, CommandHandler> = {
    adjudicate,
    settleDispute: (args?: SettleArgs) => settler.settle(args),
    undoSettlement: () => settler.undo(),
  };
  return { settler, tree, treeView, decorations, handlers };
}
