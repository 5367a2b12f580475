/**
 * The entity tree's own commands: group by label, by file or by relation, filter, clear the filter, refresh, and
 * open an occurrence (the click on an occurrence node). The annotation commands of its context menu
 * (remove, edit, link) are the editor's, registered in commands.ts.
 */
import * as vscode from 'vscode';
import type { TreeFilter } from '../../core/grouping';
import { countByLabel } from '../../core/label-counts';
import { GROUP_BY_SETTING, type AnnotationTreeProvider, type TreeGrouping } from './annotationTreeProvider';
import { toRange } from '../positions';
import type { CommandHandler } from '../commands';
import type { AnnotationSource } from './annotationSource';
import type { OccurrenceNode } from './treeNodes';
import { askUser } from '../notify';

/** The tree's commands in `COMMAND_IDS`. */
type TreeCommandName = 'treeGroupByFile' | 'treeGroupByLabel' | 'treeGroupByRelation' | 'treeFilter' | 'treeClearFilter' | 'treeRefresh' | 'treeOpenOccurrence';

/**
 * The handlers of the tree's commands, for `registerCommands`.
 * @param source the annotation store
 * @param tree the tree provider
 */
export function treeCommandHandlers(source: AnnotationSource, tree: AnnotationTreeProvider): Record<TreeCommandName, CommandHandler> {
  return {
    treeGroupByFile: () => setGroupBy('file'),
    treeGroupByLabel: () => setGroupBy('label'),
    treeGroupByRelation: () => setGroupBy('relation'),
    treeFilter: (filter?: TreeFilter) => (filter !== undefined && typeof filter === 'object' ? tree.setFilter(filter) : pickFilter(source, tree)),
    treeClearFilter: () => tree.setFilter({}),
    treeRefresh: () => tree.refresh(),
    treeOpenOccurrence: (target: vscode.Uri | OccurrenceNode, id?: string) =>
      target instanceof vscode.Uri ? openOccurrence(source, target, id) : openOccurrence(source, target.documentUri, target.annotationId),
  };
}

/**
 * Change the grouping where the setting is defined now (workspace folder, workspace or user), so the
 * toggle takes effect even when a workspace overrides the user's choice.
 */
async function setGroupBy(value: TreeGrouping): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  const inspected = config.inspect<string>(GROUP_BY_SETTING);
  const target =
    inspected?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  await config.update(GROUP_BY_SETTING, value, target);
}

/**
 * Open an annotated document with an annotation's span selected.
 * @param source the annotation store (the span is looked up now: it may have moved since the tree was drawn)
 * @param documentUri the document
 * @param id the annotation
 */
async function openOccurrence(source: AnnotationSource, documentUri: vscode.Uri, id: string | undefined): Promise<void> {
  const doc = source.get(documentUri);
  const annotation = doc?.annotations.find((a) => a.id === id);
  if (!doc || !annotation) {
    void askUser('warning', `annotation ${id ?? '(none)'} is no longer in ${vscode.workspace.asRelativePath(documentUri)}; the tree shows the current annotations.`,
    );
    return;
  }
  const range = toRange(doc, annotation.start, annotation.end);
  const editor = await vscode.window.showTextDocument(documentUri, { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (annotation.status === 'orphaned') {
    void askUser('warning', `the text of this ${annotation.label} ("${annotation.text.slice(0, 60)}") was not found in the document; the cursor shows where it last was. Re-anchor or remove it from the Problems panel.`,
    );
  }
}

/** A quick-pick item that sets the filter. */
interface FilterItem extends vscode.QuickPickItem {
  readonly filter: TreeFilter;
}

/**
 * Ask for a filter: pick a label, or type text and pick "Text containing …". A label keeps the text
 * filter already set and a text keeps the label, so both narrow together.
 */
function pickFilter(source: AnnotationSource, tree: AnnotationTreeProvider): Promise<void> {
  const all = source.documents().flatMap((d) => d.annotations);
  const order = [...new Set(source.documents().flatMap((d) => source.labelsFor(d.documentUri).labels.map((l) => l.id)))];
  const labelItems: FilterItem[] = countByLabel(all, order).map(({ label, count }) => ({
    label: `$(tag) ${label}`,
    description: `${count} annotation${count === 1 ? '' : 's'}`,
    filter: { ...tree.filter, label },
  }));
  const quickPick = vscode.window.createQuickPick<FilterItem>();
  quickPick.title = 'Filter the Marginalia tree';
  quickPick.placeholder = 'Pick a label, or type text to find in spans, entities and notes';
  quickPick.items = labelItems;
  quickPick.onDidChangeValue((value) => {
    const text = value.trim();
    quickPick.items = text
      ? [...labelItems, { label: `$(search) Text containing “${text}”`, alwaysShow: true, filter: { ...tree.filter, text } }]
      : labelItems;
  });
  return new Promise((resolve) => {
    let applying: Promise<void> | undefined;
    quickPick.onDidAccept(() => {
      const picked = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (picked) applying = tree.setFilter(picked.filter);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      void (applying ?? Promise.resolve()).then(resolve);
    });
    quickPick.show();
  });
}
