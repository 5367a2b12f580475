/**
 * The review of annotation changes against a git revision, in the editor: the base is read once per
 * workspace folder (through `core/io/versions.ts`, as `check --require-reviewed` reads it), compared
 * with the store's current annotations on each change, and accepted or rejected per entry through
 * the store (so the sidecar is written as any edit is, and the change can be undone). The rules are
 * the core's: `review-view.ts` (entries, ghosts), `review-actions.ts` (what accept and reject do).
 */
import * as path from 'node:path';
import { existsSync, realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SidecarSnapshot } from '../../core/diff';
import { findSidecars } from '../../core/io/files';
import { gitUserName, type Git } from '../../core/io/git';
import { describeUnreadable, readVersion, type VersionDocument } from '../../core/io/versions';
import type { Annotation } from '../../core/model';
import { documentPathFor } from '../../core/paths';
import { acceptAction, rejectAction, type ReviewAction } from '../../core/review-actions';
import { countEntries, placeGhosts, removalKey, reviewDocuments, type GhostPlace, type ReviewCounts, type ReviewEntry } from '../../core/review-view';
import { compareStrings } from '../../core/order';
import { OffsetIndex } from '../../core/text';
import type { AnnotatedDocument, AnnotationStore } from '../annotationStore';
import { configuredGit } from '../configuredGit';
import { Disposable, Soon } from '../disposable';

/** Setting: the name written as `by` on a review (default: git user.name). */
export const REVIEWER_SETTING = 'marginalia.review.reviewer';

/** Context key set while a review is open (the view's buttons and welcome text follow it). */
export const REVIEW_ACTIVE_CONTEXT = 'marginalia.review.active';

/** How long to wait after a store change before comparing again (typing changes the store at each key). */
const REFRESH_DELAY_MS = 150;

/** The revision a review compares with. */
export interface ReviewBase {
  /** What git is given. */
  revision: string;
  /** What the reviewer reads ("removed since …"). */
  name: string;
}

/** The entries of one document, with where they are in the workspace. */
export interface ReviewDocumentView {
  /** The sidecar's path from its repository's root: the key the comparison used. */
  key: string;
  documentUri: vscode.Uri;
  entries: ReviewEntry[];
  counts: ReviewCounts;
  /** The document's normalised text at the base, when it could be read (ghosts are placed through it). */
  baseText: string | undefined;
}

/** What a decision did, and how to take it back. */
export interface ReviewOutcome {
  /** How many entries it changed. */
  done: number;
  /** Entries left as they were, with why. */
  refused: string[];
  /** Puts back what the decision changed. */
  undo: () => Promise<void>;
}

/** A workspace folder's side of the comparison. */
interface FolderBase {
  folder: vscode.WorkspaceFolder;
  /** The repository's root and the folder's real path (git names files from there). */
  root: string;
  realFolder: string;
  /** The base's sidecars as the comparison takes them, and by key: read once, the base does not change during a review. */
  before: SidecarSnapshot[];
  baseByKey: ReadonlyMap<string, VersionDocument>;
  /**
   * The keys of the sidecars `.marginaliaignore` left out when the review started: the base is read
   * under the same rules, so an ignored sidecar is on neither side.
   */
  ignored: ReadonlySet<string>;
}

/** One review at a time: its base, the entries now, and the decisions on them. */
export class ReviewSession extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  private readonly soon = this._register(new Soon(() => this.compareChanged(), REFRESH_DELAY_MS));
  private current: { base: ReviewBase; folders: FolderBase[]; git: Git } | undefined;
  private views: ReviewDocumentView[] = [];
  private notComparedSidecars: readonly string[] = [];
  /** The views of each folder under review, in the order of `current.folders`. */
  private byFolder: ReviewDocumentView[][] = [];
  /** The sidecar key of each document (URI as a string) compared, kept for when the store no longer holds it. */
  private readonly keyOfDocument = new Map<string, string>();
  /** The documents (URIs as strings) the store changed since the last comparison. */
  private readonly changed = new Set<string>();
  /** Ghost places per document, and what they were placed for (its entries and text). */
  private readonly ghosts = new WeakMap<ReviewDocumentView, { text: string; places: GhostPlace[] }>();

  /** Fires when the entries changed (a store change compared again, a review started or closed). */
  readonly onDidChange = this.changeEmitter.event;

  /**
   * @param store the annotations now
   * @param memory where accepted removals are remembered (nothing in a sidecar can carry them)
   */
  constructor(
    private readonly store: AnnotationStore,
    private readonly memory: vscode.Memento | undefined,
  ) {
    super();
    this._register(
      store.onDidChange((uris) => {
        if (!this.current) return;
        for (const uri of uris) this.changed.add(uri.toString());
        this.soon.reschedule();
      }),
    );
  }

  /** The base's sidecars that could not be read: left out of the comparison on both sides. */
  get notCompared(): readonly string[] {
    return this.notComparedSidecars;
  }

  /** The revision compared with, while a review is open. */
  get base(): ReviewBase | undefined {
    return this.current?.base;
  }

  /** The documents with entries, sorted by key, as last compared. */
  documents(): readonly ReviewDocumentView[] {
    return this.views;
  }

  /**
   * The entries of a document.
   * @param documentUri the document
   */
  documentOf(documentUri: vscode.Uri): ReviewDocumentView | undefined {
    const key = documentUri.toString();
    return this.views.find((v) => v.documentUri.toString() === key);
  }

  /**
   * Where the removed entries of a document go in its current text, in the order of its entries.
   * @param view the document's entries
   * @param text its current normalised text (default: the store's, when it has the document's text)
   * @returns none when the text is not known
   */
  ghostsOf(view: ReviewDocumentView, text?: string): { entry: ReviewEntry; place: GhostPlace }[] {
    const removed = view.entries.filter((e) => e.item.after === undefined);
    const known = this.store.get(view.documentUri);
    const current = text ?? (known?.hasText ? known.offsets.text : undefined);
    if (removed.length === 0 || current === undefined) return [];
    let cached = this.ghosts.get(view);
    if (!cached || cached.text !== current) {
      const index = known?.offsets.text === current ? known.offsets : new OffsetIndex(current);
      cached = { text: current, places: placeGhosts(removed.map((e) => e.item.before!), view.baseText, index) };
      this.ghosts.set(view, cached);
    }
    const places = cached.places;
    return removed.map((entry, i) => ({ entry, place: places[i]! }));
  }

  /**
   * Start reviewing the changes since a revision, in every workspace folder inside a git repository.
   * @param base the revision
   * @throws when no folder is in a repository, or the revision is not one of theirs
   */
  async start(base: ReviewBase): Promise<void> {
    await this.store.ready;
    const folders: FolderBase[] = [];
    const problems: string[] = [];
    const notCompared: string[] = [];
    const git = configuredGit();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const root = await git.repositoryRoot(folder.uri.fsPath);
      if (root === undefined) {
        problems.push(`${folder.name} is not in a git repository`);
        continue;
      }
      const realFolder = realpathSync(folder.uri.fsPath);
      try {
        const version = await readVersion(base.revision, ['.'], realFolder, { texts: true, git });
        if (!version.isRevision) throw new Error(`'${base.revision}' is a folder, not a git revision`);
        const documents = version.documents;
        const before = documents.map((d) => ({ document: d.sidecar, annotations: d.annotations }));
        const folderBase = { folder, root, realFolder, before, baseByKey: new Map(documents.map((d) => [d.sidecar, d])), ignored: new Set<string>() };
        // Compared with nothing, every record of an unreadable base sidecar would list as added.
        for (const unreadable of version.unreadable) {
          folderBase.ignored.add(unreadable.sidecar);
          notCompared.push(describeUnreadable(unreadable));
        }
        const checked = new Set((await findSidecars([realFolder], realFolder)).map((file) => path.relative(root, file).split(path.sep).join('/')));
        for (const doc of this.store.documents()) {
          const key = this.keyOf(folderBase, doc.sidecarUri);
          if (key !== undefined && !checked.has(key) && existsSync(path.join(root, ...key.split('/')))) folderBase.ignored.add(key);
        }
        folders.push(folderBase);
      } catch (error) {
        problems.push(`${folder.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (folders.length === 0) throw new Error(`cannot review the changes since ${base.name}: ${problems.join('; ') || 'no folder is open'}`);
    this.current = { base, folders, git };
    this.notComparedSidecars = notCompared;
    await vscode.commands.executeCommand('setContext', REVIEW_ACTIVE_CONTEXT, true);
    this.compare();
  }

  /** End the review: the view empties and the ghosts go. */
  async close(): Promise<void> {
    this.soon.cancel();
    this.current = undefined;
    this.notComparedSidecars = [];
    this.views = [];
    this.byFolder = [];
    this.keyOfDocument.clear();
    await vscode.commands.executeCommand('setContext', REVIEW_ACTIVE_CONTEXT, false);
    this.changeEmitter.fire();
  }

  /** Compare every document again now (the documents the store changes are compared by themselves soon after). */
  compare(): void {
    this.soon.cancel();
    this.changed.clear();
    if (!this.current) return;
    const accepted = new Set(this.acceptedRemovals());
    this.byFolder = this.current.folders.map((folderBase) => {
      const uris = new Map<string, vscode.Uri>();
      const after: SidecarSnapshot[] = [];
      for (const doc of this.store.documents()) {
        const key = this.keyOf(folderBase, doc.sidecarUri);
        if (key === undefined) continue;
        this.keyOfDocument.set(doc.documentUri.toString(), key);
        if (folderBase.ignored.has(key)) continue;
        uris.set(key, doc.documentUri);
        after.push({ document: key, annotations: doc.annotations });
      }
      return this.viewsOf(folderBase, folderBase.before, after, uris, accepted);
    });
    this.views = this.byFolder.flat();
    this.changeEmitter.fire();
  }

  /**
   * Compare again the documents the store changed since the last comparison: typing or tagging in
   * one document compares that document, not the whole workspace.
   */
  private compareChanged(): void {
    if (!this.current || this.changed.size === 0) return;
    const accepted = new Set(this.acceptedRemovals());
    const changed = [...this.changed];
    this.changed.clear();
    this.byFolder = this.current.folders.map((folderBase, i) => {
      const views = this.byFolder[i] ?? [];
      // Each changed document's key: from its sidecar, or, for a document the store no longer holds, as it was.
      const keys = new Map<string, AnnotatedDocument | undefined>();
      for (const uri of changed) {
        const doc = this.store.get(vscode.Uri.parse(uri));
        const key = doc ? this.keyOf(folderBase, doc.sidecarUri) : this.keyOfDocument.get(uri);
        if (key === undefined || (!doc && !folderBase.before.some((b) => b.document === key) && !views.some((v) => v.key === key))) continue;
        if (doc) this.keyOfDocument.set(uri, key);
        keys.set(key, doc);
      }
      if (keys.size === 0) return views;
      const uris = new Map<string, vscode.Uri>();
      const after: SidecarSnapshot[] = [];
      for (const [key, doc] of keys) {
        if (!doc || folderBase.ignored.has(key)) continue;
        uris.set(key, doc.documentUri);
        after.push({ document: key, annotations: doc.annotations });
      }
      const fresh = this.viewsOf(folderBase, folderBase.before.filter((s) => keys.has(s.document)), after, uris, accepted);
      // Sorted by key, as a comparison of every document sorts them.
      return [...views.filter((v) => !keys.has(v.key)), ...fresh].sort((a, b) => compareStrings(a.key, b.key));
    });
    this.views = this.byFolder.flat();
    this.changeEmitter.fire();
  }

  /** The views of a folder's documents compared (`before` and `after` of the same documents). */
  private viewsOf(folderBase: FolderBase, before: readonly SidecarSnapshot[], after: readonly SidecarSnapshot[], uris: ReadonlyMap<string, vscode.Uri>, accepted: ReadonlySet<string>): ReviewDocumentView[] {
    return reviewDocuments(before, after, accepted).map(({ sidecar, entries }) => {
      const old = folderBase.baseByKey.get(sidecar);
      const documentUri = uris.get(sidecar) ?? this.uriOf(folderBase, old?.document ?? documentPathFor(sidecar));
      return { key: sidecar, documentUri, entries, counts: countEntries(entries), baseText: old?.text };
    });
  }

  /**
   * Accept entries: a `review` record on each annotation (a removal is remembered in the workspace).
   * @param entries the entries (those accepted already, and reverted ones, are left as they are)
   */
  async accept(entries: readonly ReviewEntry[]): Promise<ReviewOutcome> {
    const { by, at } = await this.signature();
    const undo: (() => Promise<unknown>)[] = [];
    const refused: string[] = [];
    let done = 0;
    for (const [entry, uri] of this.placed(entries)) {
      if (entry.state === 'accepted' || entry.reverted) continue;
      const action = acceptAction(entry.item, by, at);
      if (action.refused !== undefined) {
        refused.push(action.refused);
        continue;
      }
      undo.unshift(entry.item.after === undefined ? await this.rememberRemoval(entry, true) : await this.run(uri, action));
      done++;
    }
    this.compare();
    return { done, refused, undo: this.undoing(undo) };
  }

  /**
   * Reject entries: undo each change through the store, with a `rejected` review on what remains.
   * @param entries the entries (reverted ones are left as they are)
   */
  async reject(entries: readonly ReviewEntry[]): Promise<ReviewOutcome> {
    const { by, at } = await this.signature();
    const undo: (() => Promise<unknown>)[] = [];
    const refused: string[] = [];
    let done = 0;
    for (const [entry, uri] of this.placed(entries)) {
      if (entry.reverted) continue;
      const action = rejectAction(entry.item, by, at);
      if (action.refused !== undefined) {
        refused.push(action.refused);
        continue;
      }
      if (entry.item.after === undefined && entry.state === 'accepted') undo.unshift(await this.rememberRemoval(entry, false));
      undo.unshift(await this.run(uri, action));
      done++;
    }
    this.compare();
    return { done, refused, undo: this.undoing(undo) };
  }

  /**
   * Each entry with its document, looked up before any is decided: a decision changes the store, and
   * the comparison that follows replaces the entries.
   */
  private placed(entries: readonly ReviewEntry[]): [ReviewEntry, vscode.Uri][] {
    return entries.map((entry) => {
      const view = this.views.find((v) => v.entries.includes(entry));
      if (!view) throw new Error(`annotation ${entry.item.id} is no longer listed in the review; it was compared again since`);
      return [entry, view.documentUri];
    });
  }

  /** Run the store operations of a decision; resolves to what undoes them, in reverse. */
  private async run(uri: vscode.Uri, action: ReviewAction): Promise<() => Promise<unknown>> {
    const steps: (() => Promise<unknown>)[] = [];
    if (action.update) {
      const { id, patch } = action.update;
      const record = this.store.get(uri)?.annotations.find((a) => a.id === id) as Record<string, unknown> | undefined;
      if (!record) throw new Error(`annotation ${id} is no longer in ${vscode.workspace.asRelativePath(uri)}`);
      const previous = structuredClone(Object.fromEntries(Object.keys(patch).map((key) => [key, record[key]]))) as Partial<Annotation>;
      await this.store.update(uri, id, patch);
      steps.unshift(() => this.store.update(uri, id, previous));
    }
    if (action.remove) {
      const removed = await this.store.remove(uri, action.remove);
      steps.unshift(() => this.store.restore(uri, removed));
    }
    if (action.restore) {
      const records = action.restore;
      await this.store.restore(uri, records);
      steps.unshift(() => this.store.remove(uri, records.map((r) => r.id)));
    }
    return async () => {
      for (const step of steps) await step();
    };
  }

  /** One undo of several steps, run in the order given, then a comparison. */
  private undoing(steps: readonly (() => Promise<unknown>)[]): () => Promise<void> {
    return async () => {
      for (const step of steps) await step();
      this.compare();
    };
  }

  /** Who decides, and when. */
  private async signature(): Promise<{ by: string; at: string }> {
    const configured = vscode.workspace.getConfiguration().get<string>(REVIEWER_SETTING)?.trim();
    const folder = this.current?.folders[0];
    const by = configured || (folder && this.current ? await gitUserName(folder.root, this.current.git) : undefined);
    if (!by) throw new Error(`who is reviewing? Set ${REVIEWER_SETTING} or git's user.name (git config user.name "Your Name")`);
    return { by, at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /** Remember (or forget) that a removal was accepted; resolves to what puts it back. */
  private async rememberRemoval(entry: ReviewEntry, accepted: boolean): Promise<() => Promise<unknown>> {
    const key = removalKey(entry.item.document, entry.item.id);
    const before = this.acceptedRemovals();
    const after = accepted ? [...new Set([...before, key])] : before.filter((k) => k !== key);
    await this.memory?.update(this.memoryKey(), after);
    return () => Promise.resolve(this.memory?.update(this.memoryKey(), before));
  }

  private acceptedRemovals(): string[] {
    return this.memory?.get<string[]>(this.memoryKey()) ?? [];
  }

  private memoryKey(): string {
    return `marginalia.review.acceptedRemovals:${this.current?.base.revision ?? ''}`;
  }

  /** A sidecar's key from its repository's root, or undefined when it is outside the folder. */
  private keyOf(folderBase: FolderBase, sidecarUri: vscode.Uri): string | undefined {
    if (sidecarUri.scheme !== 'file') return undefined;
    const inFolder = path.relative(folderBase.folder.uri.fsPath, sidecarUri.fsPath);
    if (inFolder.startsWith('..') || path.isAbsolute(inFolder)) return undefined;
    return path.relative(folderBase.root, path.join(folderBase.realFolder, inFolder)).split(path.sep).join('/');
  }

  /** The workspace URI of a path from the repository's root. */
  private uriOf(folderBase: FolderBase, fromRoot: string): vscode.Uri {
    const inFolder = path.relative(folderBase.realFolder, path.join(folderBase.root, ...fromRoot.split('/')));
    return vscode.Uri.joinPath(folderBase.folder.uri, ...inFolder.split(path.sep));
  }
}
