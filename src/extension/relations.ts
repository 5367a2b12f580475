/**
 * Relations in the editor: the workspace's relations resolved per workspace folder (from what the
 * store holds, rebuilt after a change, as `crossSources.ts` does for figures), the Relate… command,
 * and deleting an annotation together with the relations pointing at it. The logic is in
 * `src/core/relations/`; this is the glue to VS Code's pickers and the store.
 */
import * as vscode from 'vscode';
import type { Annotation, Finding, RelationTypeSpec } from '../core/model';
import { alreadyRelated, relationsToDeleted, relationTargets, relationTo, typesStartingAt, type PlacedEnd, type RelationsCut } from '../core/relations/editing';
import type { TreeFilter } from '../core/grouping';
import { relationFindings, type RelationPlace } from '../core/relations/findings';
import { groupRelations, type RelationGroup } from '../core/relations/grouping';
import { relationsOf, type RelatedDocument, type RelationGraph, type RelationLink, type ResolvedRelation } from '../core/relations/resolve';
import { disallowedEnd, relationTypes } from '../core/relations/types';
import { positionsFromDocument, relationPlaces } from '../core/sidecar/positions';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import { Disposable } from './disposable';
import { askUser } from './notify';
import { oneLine } from '../core/text';
import { toOffset } from './positions';

/** The relations of one workspace folder. */
interface FolderRelations {
  graph: RelationGraph;
  documents: RelatedDocument[];
  byPath: Map<string, AnnotatedDocument>;
  /** The ids at either end of a relation, by document path (made when first asked). */
  ends?: Map<string, Set<string>>;
}

/** One end of a relation as the editor names it. */
export interface RelationEndRef {
  uri: vscode.Uri | string;
  id: string;
}

/** Arguments of Relate… that answer its questions (tests, scripts); without them, the editor and pickers. */
export interface RelateArgs {
  /** The source (default: the annotation at the editor's primary cursor). */
  from?: RelationEndRef;
  /** The relation type (default: ask). */
  type?: string;
  /** The target (default: the annotation at a second cursor, else ask). */
  to?: RelationEndRef;
}

/** The workspace's relations, rebuilt lazily after changes, and the commands that edit them. */
export class WorkspaceRelations extends Disposable {
  private readonly folders = new Map<string, FolderRelations>();

  /**
   * @param store the annotations
   */
  constructor(private readonly store: AnnotationStore) {
    super();
    this._register(store.onDidChange(() => this.folders.clear()));
    this._register(store.onDidChangeLabels(() => this.folders.clear()));
  }

  /**
   * An annotation's relations both ways (see `RelationGraph.linksOf`), with the URI of each other end
   * that names a document.
   * @param documentUri the annotation's document
   * @param id its id
   */
  linksOf(documentUri: vscode.Uri, id: string): (RelationLink & { otherUri: vscode.Uri | undefined })[] {
    const folder = vscode.workspace.getWorkspaceFolder(documentUri);
    if (!folder) return [];
    const relations = this.of(folder);
    return relations.graph.linksOf(pathIn(folder, documentUri), id).map((link) => ({
      ...link,
      otherUri: link.other.document === undefined ? undefined : vscode.Uri.joinPath(folder.uri, link.other.document),
    }));
  }

  /**
   * The ids of a document's annotations that are at either end of a relation: only they have links,
   * so a view of a document's relations need not ask for each of its 10,000 annotations.
   * @param documentUri the document
   */
  relatedIn(documentUri: vscode.Uri): ReadonlySet<string> {
    const folder = vscode.workspace.getWorkspaceFolder(documentUri);
    if (!folder) return new Set();
    const relations = this.of(folder);
    if (!relations.ends) {
      relations.ends = new Map();
      const add = (document: string | undefined, id: string): void => {
        if (document === undefined) return;
        let ids = relations.ends!.get(document);
        if (!ids) relations.ends!.set(document, (ids = new Set()));
        ids.add(id);
      };
      for (const relation of relations.graph.all) {
        add(relation.from.document, relation.from.id);
        add(relation.to.document, relation.to.id);
      }
    }
    return relations.ends.get(pathIn(folder, documentUri)) ?? new Set();
  }

  /**
   * The relations of each workspace folder grouped by type, for the tree grouped by relation.
   * @param filter the tree's filter: a relation stays when either end passes it
   */
  groupedByType(filter: TreeFilter): { groups: RelationGroup[]; uriOf(path: string): vscode.Uri }[] {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      groups: groupRelations(this.of(folder).graph.all, this.typesOf(folder), filter),
      uriOf: (path: string) => vscode.Uri.joinPath(folder.uri, path),
    }));
  }

  /**
   * Relate the annotation at the cursor (or `args.from`) to another: pick a type its label may start,
   * then the target, the annotation at a second cursor or one picked among those the type allows, nearest first.
   * @returns the relation written, or undefined when cancelled
   */
  async relate(args: RelateArgs = {}): Promise<{ type: string; to: string; document?: string } | undefined> {
    await this.store.ready;
    const editor = vscode.window.activeTextEditor;
    const source = args.from ? this.end(args.from) : editor && this.atSelection(editor, editor.selection);
    if (!source) {
      void askUser('info', 'put the cursor in an annotated span to relate it.');
      return undefined;
    }
    const folder = vscode.workspace.getWorkspaceFolder(source.uri);
    if (!folder) throw new Error(`${source.uri.fsPath} is not in a workspace folder: relations are between annotations of one folder`);
    const relations = this.of(folder);
    const from: PlacedEnd = { document: pathIn(folder, source.uri), annotation: source.annotation };
    const second = args.to ? this.end(args.to) : !args.from && editor ? editor.selections.slice(1).map((s) => this.atSelection(editor, s)).find((e) => e && e.annotation.id !== source.annotation.id) : undefined;
    const secondEnd: PlacedEnd | undefined = second && vscode.workspace.getWorkspaceFolder(second.uri) === folder ? { document: pathIn(folder, second.uri), annotation: second.annotation } : undefined;
    if (second && !secondEnd) throw new Error('the second annotation is in another workspace folder: relations are between annotations of one folder');
    const types = relationTypes(this.store.labelsFor(source.uri));
    const startable = typesStartingAt(types, source.annotation.label).filter((t) => !secondEnd || disallowedEnd(t, source.annotation.label, secondEnd.annotation.label) === undefined);
    if (startable.length === 0) {
      const to = secondEnd ? ` to a ${secondEnd.annotation.label}` : '';
      void askUser('info', `no relation type of .marginalia.yaml goes from a ${source.annotation.label}${to} (types: ${types.map((t) => t.id).join(', ') || 'none'}).`);
      return undefined;
    }
    const type = args.type !== undefined ? startable.find((t) => t.id === args.type) : await pickType(startable, source.annotation);
    if (!type) {
      if (args.type !== undefined) throw new Error(`relation type '${args.type}' cannot go from this ${source.annotation.label} (${startable.map((t) => t.id).join(', ')} can)`);
      return undefined;
    }
    let target = secondEnd;
    if (target && alreadyRelated(from, target, type)) {
      void askUser('info', `these annotations are already related by ${type.id}.`);
      return undefined;
    }
    if (!target) {
      const targets = relationTargets(from, type, relations.documents);
      if (targets.length === 0) {
        void askUser('info', `no annotation ${type.to ? `labelled ${type.to.join(' or ')} ` : ''}is left to relate this ${source.annotation.label} to by ${type.id}.`);
        return undefined;
      }
      target = await pickTarget(targets, from, type, relations.byPath);
      if (!target) return undefined;
    }
    const relation = relationTo(type.id, from, target);
    await this.store.update(source.uri, source.annotation.id, { relations: [...(source.annotation.relations ?? []), relation] });
    return relation;
  }

  /**
   * Remove annotations and the relations other annotations list to them. When any point at them, ask
   * first (a modal: the relations listed); cancelled, nothing changes.
   * @param documentUri the annotations' document
   * @param ids their ids
   * @returns what was removed, for `restore`, or undefined when the user cancelled
   */
  async removeWithIncoming(documentUri: vscode.Uri, ids: readonly string[]): Promise<RemovedWithRelations | undefined> {
    const folder = vscode.workspace.getWorkspaceFolder(documentUri);
    const cuts = folder ? relationsToDeleted({ document: pathIn(folder, documentUri), ids }, this.of(folder).documents) : [];
    if (cuts.length > 0) {
      const count = cuts.reduce((n, c) => n + c.removed.length, 0);
      const listed = cuts.flatMap((c) => c.removed.map((r) => `${c.holder.annotation.label} “${oneLine(c.holder.annotation.text, 40)}” (${c.holder.document}) ${r.type.replace(/-/g, ' ')} it`));
      const what = ids.length === 1 ? 'this annotation' : 'these annotations';
      const remove = ids.length === 1 ? 'Delete it and them' : 'Delete them and the relations';
      // Looked up at each call, as notify.ts does: tests stand in for the dialog by replacing it.
      const choice = await vscode.window.showWarningMessage(
        `Marginalia: ${count} relation${count === 1 ? ' points' : 's point'} at ${what}: ${listed.slice(0, 5).join('; ')}${listed.length > 5 ? `; and ${listed.length - 5} more` : ''}. Delete ${ids.length === 1 ? 'it' : 'them'} and ${count === 1 ? 'it' : 'them'}?`,
        { modal: true },
        remove,
      );
      if (choice !== remove) return undefined;
    }
    const removed = await this.store.remove(documentUri, ids);
    const held: RemovedWithRelations['cuts'] = [];
    for (const cut of cuts) {
      const uri = vscode.Uri.joinPath(folder!.uri, cut.holder.document);
      await this.store.update(uri, cut.holder.annotation.id, { relations: cut.after });
      held.push({ uri, cut });
    }
    return { documentUri, removed, cuts: held };
  }

  /**
   * Undo `removeWithIncoming`: the annotations back, and the relations that pointed at them.
   * @param what what `removeWithIncoming` returned
   * @returns how many restored annotations are orphans now
   */
  async restore(what: RemovedWithRelations): Promise<number> {
    const outcomes = await this.store.restore(what.documentUri, what.removed);
    for (const { uri, cut } of what.cuts) {
      const holder = this.store.get(uri)?.annotations.find((a) => a.id === cut.holder.annotation.id);
      if (!holder) continue;
      const now = holder.relations ?? [];
      // Unchanged since the delete: its list as it was, in its order; else only what the delete took, appended.
      const unchanged = now.length === (cut.after ?? []).length && now.every((r, i) => sameRelation(r, cut.after![i]!));
      await this.store.update(uri, holder.id, { relations: unchanged ? cut.before : [...now, ...cut.removed.filter((r) => !now.some((h) => sameRelation(h, r)))] });
    }
    return outcomes.filter((r) => r.outcome === 'orphaned').length;
  }

  /**
   * The findings `marginalia check` gives for relations that do not stand (target missing, type not
   * configured, label not allowed), by the sidecar that lists them, at each relation's line there.
   */
  findings(): { sidecarUri: vscode.Uri; findings: Finding[] }[] {
    const out: { sidecarUri: vscode.Uri; findings: Finding[] }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const relations = this.of(folder);
      const types = this.typesOf(folder);
      const bySource = new Map<string, ResolvedRelation[]>();
      for (const relation of relations.graph.all) {
        if (relation.problems.length === 0) continue;
        const list = bySource.get(relation.from.document) ?? [];
        list.push(relation);
        bySource.set(relation.from.document, list);
      }
      for (const [path, own] of bySource) {
        const doc = relations.byPath.get(path);
        if (doc) out.push({ sidecarUri: doc.sidecarUri, findings: relationFindings(own, types, placesIn(doc)) });
      }
    }
    return out;
  }

  /**
   * The relation types of a workspace folder: those of the `.marginalia.yaml` at its root. Asked for
   * a file in the folder, since the configuration of the folder's own URI is looked for from its parent.
   */
  private typesOf(folder: vscode.WorkspaceFolder): readonly RelationTypeSpec[] {
    return relationTypes(this.store.labelsFor(vscode.Uri.joinPath(folder.uri, '.marginalia.yaml')));
  }

  private of(folder: vscode.WorkspaceFolder): FolderRelations {
    const key = folder.uri.toString();
    const cached = this.folders.get(key);
    if (cached) return cached;
    const documents: RelatedDocument[] = [];
    const byPath = new Map<string, AnnotatedDocument>();
    for (const doc of this.store.documents()) {
      if (vscode.workspace.getWorkspaceFolder(doc.documentUri)?.uri.toString() !== key) continue;
      const path = pathIn(folder, doc.documentUri);
      documents.push({ path, annotations: doc.annotations });
      byPath.set(path, doc);
    }
    const built = { graph: relationsOf(documents, this.typesOf(folder)), documents, byPath };
    this.folders.set(key, built);
    return built;
  }

  private end(ref: RelationEndRef): { uri: vscode.Uri; annotation: Annotation } {
    const uri = typeof ref.uri === 'string' ? vscode.Uri.parse(ref.uri) : ref.uri;
    const annotation = this.store.get(uri)?.annotations.find((a) => a.id === ref.id);
    if (!annotation) throw new Error(`annotation ${ref.id} is not in ${vscode.workspace.asRelativePath(uri)}`);
    return { uri, annotation };
  }

  /** The innermost annotation at a selection's start. */
  private atSelection(editor: vscode.TextEditor, selection: vscode.Selection): { uri: vscode.Uri; annotation: Annotation } | undefined {
    const doc = this.store.get(editor.document.uri);
    if (!doc || !doc.hasText) return undefined;
    const annotation = this.store.annotationsAt(doc.documentUri, toOffset(doc, selection.start)).find((a) => a.status !== 'orphaned');
    return annotation && { uri: doc.documentUri, annotation };
  }
}

/** What a delete with its incoming relations took, for undo. */
export interface RemovedWithRelations {
  documentUri: vscode.Uri;
  removed: Annotation[];
  cuts: { uri: vscode.Uri; cut: RelationsCut }[];
}

async function pickType(types: readonly RelationTypeSpec[], source: Annotation): Promise<RelationTypeSpec | undefined> {
  const ends = (labels: readonly string[] | undefined) => (labels ? labels.join(', ') : 'any label');
  const picked = await vscode.window.showQuickPick(
    types.map((type) => ({
      label: type.id,
      description: type.description,
      detail: `${ends(type.from)} ${type.symmetric ? '↔' : '→'} ${ends(type.to)}`,
      type,
    })),
    { title: `Relate ${source.label} “${oneLine(source.text, 40)}”`, placeHolder: 'Relation type', matchOnDescription: true },
  );
  return picked?.type;
}

async function pickTarget(targets: readonly PlacedEnd[], from: PlacedEnd, type: RelationTypeSpec, byPath: ReadonlyMap<string, AnnotatedDocument>): Promise<PlacedEnd | undefined> {
  const items = targets.map((target) => {
    const doc = byPath.get(target.document);
    const line = doc?.hasText && target.annotation.start <= doc.offsets.length ? doc.offsets.lineColumn(target.annotation.start).line + 1 : undefined;
    const where = `${target.document === from.document ? 'this document' : target.document}${line === undefined ? '' : `:${line}`}`;
    return {
      label: `${target.annotation.label} “${oneLine(target.annotation.text, 80)}”`,
      description: where,
      detail: target.annotation.entity ? `entity ${target.annotation.entity}` : undefined,
      target,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: `${from.annotation.label} “${oneLine(from.annotation.text, 40)}” ${type.id} …`,
    placeHolder: 'Target: type to search by text, label, entity or document (nearest first)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.target;
}

/**
 * Where relation `index` of annotation `id` is in a document's sidecar as last read or written; the
 * first line when the file cannot be placed (not parsed, or the relation not written yet).
 */
function placesIn(doc: AnnotatedDocument): (id: string, index: number) => RelationPlace {
  const source = doc.writable ? doc.diskSource : undefined;
  if (source === undefined) return () => ({ line: 1, column: 1 });
  const records = positionsFromDocument(source);
  const relationsAt = relationPlaces(source);
  return (id, index) => {
    const line = records.recordLine(doc.base.findIndex((a) => a.id === id));
    if (line === undefined) return { line: 1, column: 1 };
    return relationsAt(line, index) ?? { line, column: 1 };
  };
}

/** A document's path relative to its workspace folder, `/`-separated. */
function pathIn(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  return uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
}

function sameRelation(a: { type: string; to: string; document?: string }, b: { type: string; to: string; document?: string }): boolean {
  return a.type === b.type && a.to === b.to && a.document === b.document;
}
