/**
 * The tree of tagged entities across files (view `marginalia.entities`): by label, then entity or
 * normalised text, then occurrences; or by file, then label; or by relation, each relation type and
 * its relations. The grouping itself is the core's (`core/grouping.ts`, `core/relations/grouping.ts`);
 * this provider feeds it the store's documents, keeps the filter, and refreshes when the store changes
 * (edits, tagging, sidecars changed on disk) or the grouping setting does.
 */
import * as vscode from 'vscode';
import {
  groupOccurrences,
  matchesFilter,
  type GroupBy,
  type Group,
  type Occurrence,
  type TreeFilter,
} from '../../core/grouping';
import type { LabelConfig } from '../../core/model';
import type { RelationGroup } from '../../core/relations/grouping';
import type { RelationLink } from '../../core/relations/resolve';
import type { CrossSourceView } from '../../core/sources/cross-source';
import { oneLine } from '../../core/text';
import { Disposable, Soon } from '../disposable';
import type { AnnotatedDocumentView, AnnotationSource } from './annotationSource';
import {
  groupItem,
  nodesOf,
  occurrenceItem,
  occurrenceNodesOf,
  relationEntryItem,
  relationItem,
  relationTypeItem,
  type GroupNode,
  type OccurrenceNode,
  type RelationEntryNode,
  type RelationNode,
  type RelationTypeNode,
  type TreeNode,
} from './treeNodes';

/** The view's id in package.json. */
export const ENTITIES_VIEW = 'marginalia.entities';
/** Setting: what the tree groups by first. */
export const GROUP_BY_SETTING = 'marginalia.tree.groupBy';
/** Context key set while a filter is active (shows the clear-filter button). */
export const FILTERED_CONTEXT = 'marginalia.tree.filtered';

/**
 * How long to wait for more changes before regrouping, so that typing (a change per keystroke)
 * regroups once per pause. Regrouping 10,000 annotations takes about 100 ms, 1,000 about 10 ms.
 */
const REFRESH_DELAY_MS = 150;

/** One relation of an annotation, as the tree needs it (see `WorkspaceRelations.linksOf`). */
export type TreeRelationLink = Pick<RelationLink, 'relation' | 'direction' | 'other'> & { otherUri: vscode.Uri | undefined };

/** What the tree groups by first: a grouping of the core's, or the relations. */
export type TreeGrouping = GroupBy | 'relation';

/** The relations the tree shows: under each annotation, and grouped by type (see `WorkspaceRelations`). */
export interface TreeRelations {
  linksOf(documentUri: vscode.Uri, id: string): TreeRelationLink[];
  /** Per workspace folder, its relations grouped by type, and the URI of a path of that folder. */
  groupedByType(filter: TreeFilter): { groups: RelationGroup[]; uriOf(path: string): vscode.Uri }[];
}

/** Provides the entity tree from the annotation store. */
export class AnnotationTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  private roots: GroupNode[] | RelationTypeNode[] | undefined;
  private rootGroups: readonly Group<AnnotatedDocumentView>[] = [];
  private rootRelationGroups: readonly RelationGroup[] = [];
  private currentFilter: TreeFilter = {};
  private total = 0;
  private shown = 0;
  private readonly soon = this._register(new Soon(() => this.refresh(), REFRESH_DELAY_MS));
  private view: vscode.TreeView<TreeNode> | undefined;

  /** Fires when the tree's content changed (VS Code listens to it). */
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /**
   * @param source the annotation store
   * @param across the figures and quotes across documents (built when the tree is drawn after a change)
   * @param relations each annotation's relations, shown as its children (none when omitted)
   */
  constructor(
    private readonly source: AnnotationSource,
    private readonly across: { current(): CrossSourceView },
    private readonly relations?: TreeRelations,
  ) {
    super();
    this._register(source.onDidChange(() => this.scheduleRefresh()));
    this._register(source.onDidChangeLabels(() => this.scheduleRefresh()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(GROUP_BY_SETTING)) this.refresh();
      }),
    );
    void source.ready.then(() => this.refresh());
  }

  /** What the tree groups by first, from the `marginalia.tree.groupBy` setting. */
  get groupBy(): TreeGrouping {
    const value = vscode.workspace.getConfiguration().get<string>(GROUP_BY_SETTING);
    return value === 'file' || value === 'relation' ? value : 'label';
  }

  /** The active filter (empty: none). */
  get filter(): TreeFilter {
    return this.currentFilter;
  }

  /** The groups at the root of the tree as last built (builds them when needed); none while grouped by relation. */
  get groups(): readonly Group<AnnotatedDocumentView>[] {
    this.build();
    return this.rootGroups;
  }

  /** The relation types at the root of the tree as last built, while grouped by relation. */
  get relationGroups(): readonly RelationGroup[] {
    this.build();
    return this.rootRelationGroups;
  }

  /**
   * Attach the tree view, so the filter can show in its description.
   * @param view the view created for this provider
   */
  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
    this.updateDescription();
  }

  /**
   * Narrow the tree to a label and/or a text; an empty filter shows everything.
   * @param filter the new filter (replaces the previous one)
   */
  async setFilter(filter: TreeFilter): Promise<void> {
    const text = filter.text?.trim();
    this.currentFilter = {
      ...(filter.label ? { label: filter.label } : {}),
      ...(text ? { text } : {}),
    };
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.isFiltered());
    this.refresh();
  }

  /**
   * Drop the grouped tree and tell VS Code; it is grouped again when VS Code asks for it, which it
   * does only while the view is visible, so a hidden tree costs nothing while documents are edited.
   */
  refresh(): void {
    this.soon.cancel();
    this.roots = undefined;
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.type === 'relation') return relationItem(node);
    if (node.type === 'relationType') return relationTypeItem(node);
    if (node.type === 'relationEntry') return relationEntryItem(node);
    if (node.type === 'occurrence') return occurrenceItem(node, this.across.current(), this.relationNodes(node).length > 0);
    return groupItem(node, this.labelsOf(node), this.isFiltered(), this.across.current());
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.build();
    if (node.type === 'relation' || node.type === 'relationEntry') return [];
    if (node.type === 'relationType') return [...node.entries];
    if (node.type === 'occurrence') return this.relationNodes(node);
    return node.group.groups.length > 0 ? nodesOf(node.group.groups, node, this.idPrefix()) : occurrenceNodesOf(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /**
   * The occurrence node of an annotation, as the tree shows it now (for `TreeView.reveal`).
   * @param documentUri the annotated document
   * @param annotationId the annotation
   */
  findOccurrence(documentUri: vscode.Uri, annotationId: string): TreeNode | undefined {
    const key = documentUri.toString();
    const search = (nodes: TreeNode[]): TreeNode | undefined => {
      for (const node of nodes) {
        if (node.type === 'occurrence') {
          if (node.annotationId === annotationId && node.documentUri.toString() === key) return node;
        } else if (node.type === 'group') {
          const found = search(this.getChildren(node));
          if (found) return found;
        }
      }
      return undefined;
    };
    return search(this.build());
  }

  /** The relations of an occurrence's annotation, both ways, as its children. */
  private relationNodes(node: OccurrenceNode): RelationNode[] {
    const arrows = { outgoing: '→', incoming: '←', mutual: '↔' } as const;
    return (this.relations?.linksOf(node.documentUri, node.annotationId) ?? []).map((link, i) => {
      const other = link.other.annotation;
      const elsewhere = link.otherUri && link.otherUri.toString() !== node.documentUri.toString();
      return {
        type: 'relation',
        nodeId: `${node.nodeId}/relation/${i}`,
        parent: node,
        label: `${arrows[link.direction]} ${link.relation.relation.type.replace(/-/g, ' ')}: ${other ? oneLine(other.text) : `${link.other.id} (broken)`}`,
        description: elsewhere ? link.other.document : undefined,
        target: other && link.otherUri ? { uri: link.otherUri, id: link.other.id } : undefined,
      };
    });
  }

  private scheduleRefresh(): void {
    this.soon.reschedule();
  }

  private build(): GroupNode[] | RelationTypeNode[] {
    if (this.roots) return this.roots;
    const documents = this.source.documents();
    const groupBy = this.groupBy;
    if (groupBy === 'relation') return (this.roots = this.buildRelations(documents));
    this.rootRelationGroups = [];
    const occurrences: Occurrence<AnnotatedDocumentView>[] = [];
    const labelOrder: string[] = [];
    this.total = 0;
    for (const doc of documents) {
      for (const spec of this.source.labelsFor(doc.documentUri).labels) {
        if (!labelOrder.includes(spec.id)) labelOrder.push(spec.id);
      }
      const path = vscode.workspace.asRelativePath(doc.documentUri);
      this.total += doc.annotations.length;
      for (const annotation of doc.annotations) {
        if (!matchesFilter(annotation, this.currentFilter)) continue;
        const start = Math.max(0, Math.min(annotation.start, doc.offsets.length));
        occurrences.push({ document: doc, path, annotation, line: doc.offsets.lineColumn(start).line + 1 });
      }
    }
    this.shown = occurrences.length;
    this.rootGroups = groupOccurrences(occurrences, groupBy, labelOrder);
    this.roots = nodesOf(this.rootGroups, undefined, this.idPrefix());
    this.updateDescription();
    return this.roots;
  }

  /**
   * The roots grouped by relation: each type of every workspace folder (types of the same name in two
   * folders share a node), its relations below it, the broken ones last.
   */
  private buildRelations(documents: readonly AnnotatedDocumentView[]): RelationTypeNode[] {
    this.rootGroups = [];
    this.total = documents.reduce((n, d) => n + d.annotations.length, 0);
    const merged = new Map<string, { group: RelationGroup; entries: { entry: RelationGroup['entries'][number]; uriOf: (path: string) => vscode.Uri }[] }>();
    for (const folder of this.relations?.groupedByType(this.currentFilter) ?? []) {
      for (const group of folder.groups) {
        const into = merged.get(group.key) ?? { group, entries: [] };
        into.entries.push(...group.entries.map((entry) => ({ entry, uriOf: folder.uriOf })));
        merged.set(group.key, into);
      }
    }
    const broken = [...merged.values()].filter((m) => m.group.kind === 'broken');
    const ordered = [...[...merged.values()].filter((m) => m.group.kind !== 'broken'), ...broken];
    this.rootRelationGroups = ordered.map((m) => ({ ...m.group, entries: m.entries.map((e) => e.entry) }));
    this.shown = this.rootRelationGroups.reduce((n, g) => n + g.entries.length, 0);
    const roots = ordered.map((m, i): RelationTypeNode => {
      const entries: RelationEntryNode[] = [];
      const node: RelationTypeNode = { type: 'relationType', nodeId: `${this.idPrefix()}/${m.group.key}`, parent: undefined, group: this.rootRelationGroups[i]!, entries };
      for (const { entry, uriOf } of m.entries) {
        const documentUri = uriOf(entry.resolved.from.document);
        const doc = this.source.get(documentUri);
        const start = entry.resolved.from.annotation.start;
        const line = doc && start <= doc.offsets.length ? doc.offsets.lineColumn(start).line + 1 : undefined;
        entries.push({ type: 'relationEntry', nodeId: `${node.nodeId}/${documentUri.toString()}|${entry.key}`, parent: node, entry, documentUri, annotationId: entry.resolved.from.id, path: vscode.workspace.asRelativePath(documentUri), line });
      }
      return node;
    });
    this.updateDescription();
    return roots;
  }

  /**
   * The root of the node ids: the grouping and the filter, so each grouping keeps its own expansion
   * state and a filtered tree opens fully at first instead of inheriting the closed groups.
   */
  private idPrefix(): string {
    const { label, text } = this.currentFilter;
    return this.isFiltered() ? `${this.groupBy}?${label ?? ''}|${text ?? ''}` : this.groupBy;
  }

  private isFiltered(): boolean {
    return this.currentFilter.label !== undefined || this.currentFilter.text !== undefined;
  }

  /**
   * The view's description (beside its title when the title shows) and, while filtered, its message
   * (above the tree, always visible), so the user always sees that the tree is narrowed and by what.
   */
  private updateDescription(): void {
    if (!this.view) return;
    const { label, text } = this.currentFilter;
    const parts = [label, text !== undefined ? `“${text}”` : undefined].filter((p) => p !== undefined);
    const filtered = this.isFiltered();
    const byRelation = this.groupBy === 'relation';
    const relations = `${this.shown} relation${this.shown === 1 ? '' : 's'}`;
    this.view.description = filtered
      ? `${parts.join(' · ')} — ${byRelation ? relations : `${this.shown} of ${this.total}`}`
      : this.total > 0
        ? `${this.total} in ${this.source.documents().filter((d) => d.annotations.length > 0).length} files`
        : undefined;
    this.view.message = filtered
      ? `Filtered by ${parts.join(' and ')}: ${byRelation ? `${relations} with an end that matches` : `${this.shown} of ${this.total} annotations`}. Clear the filter with the button above.`
      : undefined;
  }

  /** The label configuration of the documents under a node (of its first occurrence). */
  private labelsOf(node: GroupNode): LabelConfig | undefined {
    let group: Group<AnnotatedDocumentView> = node.group;
    while (group.occurrences.length === 0 && group.groups.length > 0) group = group.groups[0]!;
    const first = group.occurrences[0];
    return first ? this.source.labelsFor(first.document.documentUri) : undefined;
  }
}
