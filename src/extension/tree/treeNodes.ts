/**
 * The nodes of the entity tree and how each is shown: groups (label, entity, normalised text, file)
 * with their counts, and occurrences as `file:line — snippet` that open their span when clicked.
 * Across sources, figures whose sources disagree are marked (the group says "conflict: 13,000 /
 * about 15,000", each figure its outlet and value) and quotes say how often they are printed.
 */
import * as vscode from 'vscode';
import { displayText, snippet, type Group, type Occurrence } from '../../core/grouping';
import { escapeMarkdown } from '../../core/markdown-escape';
import { FIGURE_LABEL } from '../../core/figures/figures';
import type { FigureGroup } from '../../core/figures/conflicts';
import type { LabelConfig } from '../../core/model';
import { attributeGuideline, labelGuideline } from '../../core/guidelines';
import type { QuoteCluster } from '../../core/quotes/clusters';
import { problemSummary, type RelationEntry, type RelationGroup } from '../../core/relations/grouping';
import { groupSummary, placeName, shortValue, type CrossSourceView } from '../../core/sources/cross-source';
import { COMMAND_IDS } from '../commandIds';
import type { AnnotatedDocumentView } from './annotationSource';


/** A group node: a label, an entity, a normalised text or a file. */
export interface GroupNode {
  readonly type: 'group';
  /**
   * Unique in the tree and stable across refreshes (keeps the expansion state). Not called `id`:
   * the annotation commands read an `id` field of their argument as an annotation id.
   */
  readonly nodeId: string;
  readonly parent: GroupNode | undefined;
  readonly group: Group<AnnotatedDocumentView>;
}

/**
 * An occurrence node. Commands contributed to its context menu receive this object as their first
 * argument: `documentUri` and `annotationId` say which annotation it is.
 */
export interface OccurrenceNode {
  readonly type: 'occurrence';
  /** Unique in the tree (see `GroupNode.nodeId`). */
  readonly nodeId: string;
  readonly parent: GroupNode;
  readonly occurrence: Occurrence<AnnotatedDocumentView>;
  /** The annotated document. */
  readonly documentUri: vscode.Uri;
  /** The annotation's id in its sidecar. */
  readonly annotationId: string;
}

/** A relation under the occurrence of one of its ends: "→ said by: Sergei Ryabkov (a.txt)". */
export interface RelationNode {
  readonly type: 'relation';
  /** Unique in the tree: the occurrence's id and the relation's place among its links. */
  readonly nodeId: string;
  readonly parent: OccurrenceNode;
  /** What the node says, the arrow and the type first. */
  readonly label: string;
  /** The other end's document, when it is another. */
  readonly description: string | undefined;
  /** The other end, to open, when it is there. */
  readonly target: { uri: vscode.Uri; id: string } | undefined;
}

/** A relation type at the root of the tree grouped by relation (or the group of broken relations). */
export interface RelationTypeNode {
  readonly type: 'relationType';
  /** Unique in the tree (see `GroupNode.nodeId`). */
  readonly nodeId: string;
  readonly parent: undefined;
  readonly group: RelationGroup;
  /** Its relations, as nodes. */
  readonly entries: readonly RelationEntryNode[];
}

/** One relation below its type: "“from” → “to”"; selecting it opens the source annotation. */
export interface RelationEntryNode {
  readonly type: 'relationEntry';
  /** Unique in the tree (see `GroupNode.nodeId`). */
  readonly nodeId: string;
  readonly parent: RelationTypeNode;
  readonly entry: RelationEntry;
  /** The source's document. */
  readonly documentUri: vscode.Uri;
  /** The source annotation's id (the annotation commands read `documentUri` and `annotationId`). */
  readonly annotationId: string;
  /** The source's document path, as the tree shows it. */
  readonly path: string;
  /** 1-based line of the source's span, when its document's text is known. */
  readonly line: number | undefined;
}

/** A node of the entity tree. */
export type TreeNode = GroupNode | OccurrenceNode | RelationNode | RelationTypeNode | RelationEntryNode;

/**
 * The tree item of a relation type grouped by relation: its name, its count, its description and ends
 * in the tooltip; the broken relations' group with a warning icon.
 * @param node the relation type node
 */
export function relationTypeItem(node: RelationTypeNode): vscode.TreeItem {
  const { group } = node;
  const count = group.entries.length;
  const item = new vscode.TreeItem(group.title, count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = node.nodeId;
  item.description = String(count);
  item.contextValue = `marginalia.group.${group.kind}`;
  if (group.type) {
    const ends = (labels: readonly string[] | undefined) => (labels ? labels.join(' or ') : 'any label');
    item.iconPath = new vscode.ThemeIcon('references');
    item.tooltip = `${group.type.id} — ${group.type.description}\n${ends(group.type.from)} ${group.type.symmetric ? '↔' : '→'} ${ends(group.type.to)}\n${plural(count, 'relation')}`;
  } else {
    item.iconPath = new vscode.ThemeIcon('warning', WARNING);
    item.tooltip = `${plural(count, 'relation')} that do not stand: the target is missing, the type is not configured, or the type does not allow a label at one end (marginalia check reports them)`;
  }
  return item;
}

/**
 * The tree item of one relation: "“from” → “to”", the source's place (and the target's document when
 * it is another) beside it; a broken one says why, with a warning icon. Selecting it opens the source.
 * @param node the relation entry node
 */
export function relationEntryItem(node: RelationEntryNode): vscode.TreeItem {
  const { resolved, arrow, elsewhere } = node.entry;
  const side = (text: string, path: string) => `“${snippet(displayText(text, path), RELATION_SNIPPET_LENGTH)}”`;
  const target = resolved.to.annotation ? side(resolved.to.annotation.text, resolved.to.document ?? node.path) : resolved.to.id;
  const broken = node.parent.group.kind === 'broken';
  const item = new vscode.TreeItem(`${broken ? `${resolved.relation.type}: ` : ''}${side(resolved.from.annotation.text, node.path)} ${arrow} ${target}`, vscode.TreeItemCollapsibleState.None);
  item.id = node.nodeId;
  const place = node.line === undefined ? node.path : `${node.path}:${node.line}`;
  const why = resolved.problems.map(problemSummary).join(', ');
  item.description = [place, elsewhere !== undefined ? `${arrow} ${elsewhere}` : undefined, broken ? why : undefined].filter((p) => p !== undefined).join(' · ');
  item.contextValue = 'marginalia.relationEntry';
  item.iconPath = broken ? new vscode.ThemeIcon('warning', WARNING) : new vscode.ThemeIcon(arrow === '↔' ? 'arrow-both' : 'arrow-right');
  const md = new vscode.MarkdownString();
  const end = (label: string, text: string, where: string) => `**${escapeMarkdown(label)}** · ${escapeMarkdown(where)}\n\n> ${escapeMarkdown(text.replace(/\s+/g, ' ').trim())}\n\n`;
  md.appendMarkdown(end(resolved.from.annotation.label, resolved.from.annotation.text, place));
  md.appendMarkdown(`${arrow} ${escapeMarkdown(resolved.relation.type.replace(/-/g, ' '))}\n\n`);
  if (resolved.to.annotation) md.appendMarkdown(end(resolved.to.annotation.label, resolved.to.annotation.text, resolved.to.document ?? ''));
  else md.appendMarkdown(`${escapeMarkdown(resolved.to.id)}${elsewhere !== undefined ? ` in ${escapeMarkdown(elsewhere)}` : ''}\n\n`);
  if (broken) md.appendMarkdown(`Does not stand: ${escapeMarkdown(why)}.`);
  item.tooltip = md;
  item.command = { command: COMMAND_IDS.treeOpenOccurrence, title: 'Open the Source', arguments: [node.documentUri, node.annotationId] };
  return item;
}

/**
 * The tree item of a relation: opens the other end; a broken one is marked.
 * @param node the relation node
 */
export function relationItem(node: RelationNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.nodeId;
  item.description = node.description;
  item.contextValue = 'marginalia.relation';
  item.iconPath = node.target ? new vscode.ThemeIcon('references') : new vscode.ThemeIcon('warning', WARNING);
  if (node.target) item.command = { command: COMMAND_IDS.openAnnotation, title: 'Open the Other End', arguments: [{ uri: node.target.uri.toString(), id: node.target.id }] };
  return item;
}

/**
 * The nodes below a group (or the roots, for `parent` undefined).
 * @param groups the groups at this level
 * @param parent the group above them, if any
 * @param prefix id prefix of the roots (the grouping mode, so both modes keep their own expansion state)
 */
export function nodesOf(
  groups: readonly Group<AnnotatedDocumentView>[],
  parent: GroupNode | undefined,
  prefix: string,
): GroupNode[] {
  return groups.map((group) => ({ type: 'group', nodeId: `${parent?.nodeId ?? prefix}/${group.key}`, parent, group }));
}

/**
 * The occurrence nodes of a group.
 * @param parent the group
 */
export function occurrenceNodesOf(parent: GroupNode): OccurrenceNode[] {
  return parent.group.occurrences.map((occurrence) => ({
    type: 'occurrence',
    nodeId: `${parent.nodeId}/${occurrence.document.documentUri.toString()}#${occurrence.annotation.id}`,
    parent,
    occurrence,
    documentUri: occurrence.document.documentUri,
    annotationId: occurrence.annotation.id,
  }));
}

const WARNING = new vscode.ThemeColor('list.warningForeground');
/** Code points of a span shown in an occurrence's label (`snippet`'s default). */
const SNIPPET_LENGTH = 60;
/** Code points of each end shown in a relation's label, which holds two. */
const RELATION_SNIPPET_LENGTH = 32;

/**
 * How a group node looks.
 * @param node the group node
 * @param labels the label configuration of the group's documents, for label descriptions
 * @param expandAll open every group at first (while filtered, when there are few and they are wanted);
 *   otherwise labels and files open, entities and texts closed
 * @param across the figures and quotes across documents, for the conflict and print marks
 */
export function groupItem(node: GroupNode, labels: LabelConfig | undefined, expandAll = false, across?: CrossSourceView): vscode.TreeItem {
  const { group } = node;
  const expanded = expandAll || group.kind === 'label' || group.kind === 'file';
  const item = new vscode.TreeItem(
    group.kind === 'text' ? `“${group.title}”` : group.title,
    expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = node.nodeId;
  item.description = group.orphaned > 0 ? `${group.count} · ${group.orphaned} orphaned` : String(group.count);
  item.contextValue = `marginalia.group.${group.kind}`;
  const files = new Set(allOccurrences(group).map((o) => o.path)).size;
  const where = `${plural(group.count, 'occurrence')} in ${plural(files, 'file')}`;
  switch (group.kind) {
    case 'label': {
      item.iconPath = new vscode.ThemeIcon('tag');
      const spec = labels?.labels.find((l) => l.id === group.title);
      const guideline = spec ? labelGuideline(spec) : '';
      const attributes = (spec?.attributes ?? []).map((a) => [a.name, attributeGuideline(a)]).filter(([, g]) => g).map(([name, g]) => `\n${name}: ${g}`);
      item.tooltip = `${group.title}${guideline ? ` — ${guideline}` : ''}${attributes.join('')}\n${where}`;
      break;
    }
    case 'entity':
      item.iconPath = new vscode.ThemeIcon('link');
      item.tooltip = `Entity ${group.title}\n${where}`;
      break;
    case 'text': {
      item.iconPath = new vscode.ThemeIcon('quote');
      // The label shows the start of a long quote; the tooltip (plain text, never rendered) all of it.
      const first = allOccurrences(group)[0];
      const full = first ? displayText(first.annotation.text, first.path).replace(/\s+/g, ' ').trim() : group.title;
      item.tooltip = `“${full}”\n${plural([...full].length, 'character')} · ${where}\nSame text (quotes, dashes, spacing and case folded)`;
      break;
    }
    case 'file':
      item.iconPath = new vscode.ThemeIcon('file');
      item.tooltip = `${group.title}\n${plural(group.count, 'annotation')}`;
      break;
  }
  if (across) markAcrossSources(item, group, across);
  if (group.orphaned > 0) item.iconPath = new vscode.ThemeIcon('warning', WARNING);
  return item;
}

/**
 * Mark a group with what its figures and quotes are across sources: the figure label counts the
 * conflicting groups; an entity or text group of figures says "conflict: 13,000 / about 15,000" (or
 * "agree: …") with a warning icon on a conflict and every figure in the tooltip; a group of quotes
 * says how many prints its quotation has, and whether their speakers differ.
 */
function markAcrossSources(item: vscode.TreeItem, group: Group<AnnotatedDocumentView>, across: CrossSourceView): void {
  const occurrences = allOccurrences(group);
  const figureGroups = unique(occurrences.map((o) => across.groupOf(o.path, o.annotation.id)));
  if (group.kind === 'label') {
    const conflicts = figureGroups.filter((g) => g.conflict).length;
    if (group.title === FIGURE_LABEL && conflicts > 0) {
      item.description = `${item.description as string} · ${plural(conflicts, 'conflict')}`;
      item.tooltip = `${item.tooltip as string}\n${plural(conflicts, 'group')} of figures whose sources disagree`;
    }
    return;
  }
  if (group.kind !== 'entity' && group.kind !== 'text') return;
  if (figureGroups.length > 0) {
    item.description = `${item.description as string} · ${figureGroups.map(groupSummary).join(' · ')}`;
    item.tooltip = [item.tooltip as string, ...figureGroups.map(figureGroupTooltip)].join('\n\n');
    if (figureGroups.some((g) => g.conflict)) item.iconPath = new vscode.ThemeIcon('warning', WARNING);
  }
  const clusters = unique(occurrences.map((o) => across.clusterOf(o.path, o.annotation.id)));
  if (clusters.length > 0) {
    const prints = clusters.reduce((n, c) => n + c.members.length, 0);
    const differ = clusters.some((c) => !c.speakers_agree);
    item.description = `${item.description as string} · ${plural(prints, 'print')}${differ ? ' · speakers differ' : ''}`;
    item.tooltip = [item.tooltip as string, ...clusters.map(clusterTooltip)].join('\n\n');
    if (differ) item.iconPath = new vscode.ThemeIcon('warning', WARNING);
  }
}

function figureGroupTooltip(g: FigureGroup): string {
  const head = g.conflict ? `Sources disagree on ${g.key}: these figures cannot all be true` : `Sources agree on ${g.key}`;
  return [head, ...g.figures.map((f) => `  ${shortValue(f)} “${f.text}” — ${placeName({ name: f.file, line: f.line, outlet: f.outlet })}`)].join('\n');
}

function clusterTooltip(c: QuoteCluster): string {
  const head = `Printed ${plural(c.members.length, 'time')}${c.speakers_agree ? '' : ' (the speakers differ)'}`;
  return [head, ...c.members.map((m) => `  ${placeName({ name: m.file, line: m.line, outlet: m.outlet })}${m.speaker ? ` — ${m.speaker}` : ''}${m.entity ? '' : ' (no entity)'}`)].join('\n');
}

function unique<T>(items: readonly (T | undefined)[]): T[] {
  return [...new Set(items.filter((i): i is T => i !== undefined))];
}

/**
 * How an occurrence node looks: `file:line — snippet` below a label, `line N — snippet` below a file;
 * a figure says its outlet and the value read (with a warning icon when its sources disagree), a print
 * of a quotation its outlet.
 * @param node the occurrence node
 * @param across the figures and quotes across documents
 * @param related whether it has relations (shown as its children)
 */
export function occurrenceItem(node: OccurrenceNode, across?: CrossSourceView, related = false): vscode.TreeItem {
  const { annotation, path, line } = node.occurrence;
  const underFile = node.parent.group.kind === 'label' && node.parent.parent?.group.kind === 'file';
  const place = underFile ? `line ${line}` : `${path}:${line}`;
  const state = related ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(`${place} — ${snippet(displayText(annotation.text, path), SNIPPET_LENGTH)}`, state);
  item.id = node.nodeId;
  const orphaned = annotation.status === 'orphaned';
  item.contextValue = orphaned ? 'marginalia.occurrence.orphaned' : 'marginalia.occurrence';
  item.iconPath = orphaned ? new vscode.ThemeIcon('warning', WARNING) : new vscode.ThemeIcon('symbol-text');
  if (orphaned) item.description = 'orphaned';
  else if (annotation.entity !== undefined && node.parent.group.kind !== 'entity') item.description = annotation.entity;
  if (across && !orphaned) {
    const figure = across.figureOf(path, annotation.id);
    const print = across.clusterOf(path, annotation.id)?.members.find((m) => m.file === path && m.id === annotation.id);
    const outlet = figure?.outlet ?? print?.outlet;
    const said = [item.description as string | undefined, outlet ?? undefined, figure && figure.value !== null ? shortValue(figure) : undefined].filter((p) => p);
    if (said.length > 0) item.description = said.join(' · ');
    if (across.groupOf(path, annotation.id)?.conflict) item.iconPath = new vscode.ThemeIcon('warning', WARNING);
  }
  item.tooltip = occurrenceTooltip(node);
  item.command = {
    command: COMMAND_IDS.treeOpenOccurrence,
    title: 'Open Occurrence',
    arguments: [node.documentUri, node.annotationId],
  };
  return item;
}

function occurrenceTooltip(node: OccurrenceNode): vscode.MarkdownString {
  const { annotation, path, line } = node.occurrence;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(annotation.label)}** · ${escapeMarkdown(path)}:${line}\n\n`);
  // The whole span, as its reader sees it, escaped (a span's text is never markup here).
  const full = displayText(annotation.text, path).replace(/\s+/g, ' ').trim();
  md.appendMarkdown(`> ${escapeMarkdown(full)}\n\n`);
  if ([...full].length > SNIPPET_LENGTH) md.appendMarkdown(`${plural([...full].length, 'character')}\n\n`);
  if (annotation.status === 'orphaned') {
    md.appendMarkdown('$(warning) Orphaned: this text was not found in the document any more.\n\n');
    md.supportThemeIcons = true;
  }
  const facts: string[] = [];
  if (annotation.entity !== undefined) facts.push(`entity: ${escapeMarkdown(annotation.entity)}`);
  for (const [name, value] of Object.entries(annotation.attributes ?? {})) facts.push(`${escapeMarkdown(name)}: ${escapeMarkdown(String(value))}`);
  if (annotation.note !== undefined) facts.push(`note: ${escapeMarkdown(annotation.note)}`);
  if (facts.length > 0) md.appendMarkdown(facts.map((f) => `- ${f}`).join('\n'));
  return md;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Every occurrence below a group, at any depth.
 * @param group the group
 */
export function allOccurrences<D>(group: Group<D>): Occurrence<D>[] {
  return [...group.occurrences, ...group.groups.flatMap((g) => allOccurrences(g))];
}
