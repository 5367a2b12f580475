/**
 * Everything that helps find annotations across the workspace, wired in one call from `activate`:
 * the entity tree with its commands, the status bar count of the active file, the explorer badges and
 * the explorer nesting of sidecars.
 */
import * as vscode from 'vscode';
import { AnnotationTreeProvider, ENTITIES_VIEW, FILTERED_CONTEXT } from './tree/annotationTreeProvider';
import { AnnotationFileDecorations } from './fileDecorations';
import { registerFileNesting } from './fileNesting';
import { AnnotationStatusBar } from './statusBar';
import type { AnnotationSource } from './tree/annotationSource';
import type { CrossSources } from './crossSources';
import type { TreeNode } from './tree/treeNodes';
import type { WorkspaceRelations } from './relations';

/** What `registerNavigation` made, for the extension's API (tests read it). */
export interface Navigation {
  /** The entity tree's provider. */
  readonly tree: AnnotationTreeProvider;
  /** The entity tree's view. */
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The status bar entry. */
  readonly statusBar: AnnotationStatusBar;
  /** The explorer badges. */
  readonly fileDecorations: AnnotationFileDecorations;
  /** Settles once the explorer nesting settings were applied at start. */
  readonly nestingApplied: Promise<void>;
}

/**
 * Create the tree view, the status bar entry, the file decorations and the nesting setting handler.
 * @param context the extension context; every disposable goes to its subscriptions
 * @param source the annotation store
 * @param sources the figures and quotes across documents, for the tree's conflict marks
 * @param relations the relations between annotations, shown under each annotation in the tree
 */
export function registerNavigation(context: vscode.ExtensionContext, source: AnnotationSource, sources: CrossSources, relations?: WorkspaceRelations): Navigation {
  const tree = new AnnotationTreeProvider(source, sources, relations);
  const treeView = vscode.window.createTreeView(ENTITIES_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(treeView);
  const statusBar = new AnnotationStatusBar(source);
  const fileDecorations = new AnnotationFileDecorations(source);
  const nesting = registerFileNesting(context, source);
  void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, false);
  context.subscriptions.push(
    tree,
    treeView,
    statusBar,
    fileDecorations,
    vscode.window.registerFileDecorationProvider(fileDecorations),
    nesting,
  );
  return { tree, treeView, statusBar, fileDecorations, nestingApplied: nesting.applied };
}
