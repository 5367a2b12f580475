/**
 * The editor's view of every annotated document of the workspace: the document-sync engine
 * (`src/core/workspace/document-sync.ts`, which reads, anchors, tracks, merges and writes) fed with
 * VS Code's events by `keeping.ts`, with its findings checked against the workspace's label
 * configurations, its messages shown to the user, and its change events as VS Code events.
 */
import * as vscode from 'vscode';
import type { AnchorResult } from '../core/anchoring/reanchor';
import type { Annotation, LabelConfig, RejectedSuggestion } from '../core/model';
import { isSidecarPath } from '../core/paths';
import { DocumentSync, type NewSpan, type RecordEdit, type Severity } from '../core/workspace/document-sync';
import type { SyncedDocument } from '../core/workspace/synced-document';
import { systemClock } from '../core/workspace/system-clock';
import { Disposable } from './disposable';
import { LabelConfigs } from './labelConfigs';
import { ParsedSidecarCache } from './sidecarCache';
import { uriLocations, vscodeEditor, vscodeFiles } from './syncPorts';
import { findWorkspaceFiles } from './workspaceSearch';
import { notifyUser } from './notify';

export type { NewSpan, RecordEdit };

/** How long to wait after a file-system event before re-reading (a checkout touches many files at once). */
const RELOAD_DELAY_MS = 150;

/** One annotated document as the rest of the extension sees it. */
export type AnnotatedDocument = SyncedDocument<vscode.Uri>;

/** Options of the store. */
export interface AnnotationStoreOptions {
  /** Shows a message to the user; tests replace it to see what would be said. */
  notify?: (severity: Severity, message: string, sidecar?: vscode.Uri) => void;
  /** The extension's storage folder for this workspace, where parsed sidecars are kept between sessions. */
  storageUri?: vscode.Uri;
}

/** Every annotated document of the workspace. */
export class AnnotationStore extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<readonly vscode.Uri[]>());
  private readonly labelsEmitter = this._register(new vscode.EventEmitter<void>());
  private readonly parsedSidecars: ParsedSidecarCache;
  private readonly sync: DocumentSync<vscode.Uri>;
  /** Re-reads waiting out `RELOAD_DELAY_MS`, by file, and those running (see `settled`). */
  private readonly reloadTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly reloadsRunning = new Set<Promise<void>>();
  private reloadTimersGone: (() => void)[] = [];

  /** Fires with the document URIs whose annotations (or findings) changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires when a label configuration changed. */
  readonly onDidChangeLabels = this.labelsEmitter.event;
  /** Resolves once the workspace's sidecars are indexed. */
  readonly ready: Promise<void>;

  /** The workspace's label configurations. */
  readonly labels = this._register(new LabelConfigs());

  /**
   * Start indexing the workspace's label configurations and sidecars (see `ready`).
   * @param options how to talk to the user
   */
  constructor(options: AnnotationStoreOptions = {}) {
    super();
    this.parsedSidecars = this._register(new ParsedSidecarCache(options.storageUri));
    this.sync = this._register(new DocumentSync({
      files: vscodeFiles,
      locations: uriLocations,
      editor: vscodeEditor,
      clock: systemClock,
      labelsFor: (uri) => this.labels.forUri(uri),
      notify: options.notify ?? notifyUser,
      changed: (uris) => this.changeEmitter.fire(uris),
      reader: this.parsedSidecars,
    }));
    this._register({ dispose: () => this.reloadTimers.forEach((timer) => clearTimeout(timer)) });
    this._register(
      this.labels.onDidChange(() => {
        this.sync.refreshAllFindings();
        this.labelsEmitter.fire();
        this.changeEmitter.fire(this.sync.documents().map((d) => d.documentUri));
      }),
    );
    this.ready = Promise.all([this.labels.load(), this.parsedSidecars.load()])
      .then(() => this.index())
      .then(() => this.parsedSidecars.save().catch((error: unknown) => console.error('marginalia: storing the parsed sidecars failed', error)));
  }

  /** The sidecars parsed and those answered from the last session's cache (see `ParsedSidecarCache`). */
  get sidecarReads(): { readonly parsed: number; readonly cached: number } {
    return this.parsedSidecars.reads;
  }

  /** Store the parsed sidecars for the next session now (it is done by itself after indexing and after changes). */
  saveParsedSidecars(): Promise<void> {
    return this.parsedSidecars.save();
  }

  /**
   * The label configuration that applies to a document.
   * @param uri the document (or its sidecar)
   */
  labelsFor(uri: vscode.Uri): LabelConfig {
    return this.labels.forUri(uri);
  }

  /** Every annotated document of the workspace, sorted by path. */
  documents(): readonly AnnotatedDocument[] {
    return this.sync.documents();
  }

  /**
   * The annotated document, if it has annotations or a sidecar.
   * @param documentUri the document
   */
  get(documentUri: vscode.Uri): AnnotatedDocument | undefined {
    return this.sync.get(documentUri);
  }

  /**
   * The annotated document a sidecar belongs to.
   * @param sidecarUri the sidecar
   */
  getBySidecar(sidecarUri: vscode.Uri): AnnotatedDocument | undefined {
    return this.sync.getBySidecar(sidecarUri);
  }

  /**
   * Whether a document can carry annotations: a saved file that is neither a sidecar nor a label configuration.
   * @param documentUri the document
   */
  canAnnotate(documentUri: vscode.Uri): boolean {
    return documentUri.scheme !== 'untitled' && !isSidecarPath(documentUri.path) && !documentUri.path.endsWith('/.marginalia.yaml');
  }

  /**
   * Tag spans of a document. Each new annotation gets an id, its text, its context, the author
   * (setting `marginalia.author`) and the time.
   * @param documentUri the document
   * @param spans code-point spans over its current text, with their labels
   * @returns copies of the new annotations as they were made
   */
  add(documentUri: vscode.Uri, spans: readonly NewSpan[]): Promise<Annotation[]> {
    if (!this.canAnnotate(documentUri)) return Promise.reject(new Error(`${documentUri.path} cannot be annotated (a sidecar, a label configuration or an unsaved file)`));
    const author = vscode.workspace.getConfiguration('marginalia', documentUri).get<string>('author')?.trim();
    return this.sync.add(documentUri, spans, author);
  }

  /**
   * Change an annotation. A field set to undefined in the patch is removed; a new start or end
   * takes the text and context of the new span.
   * @param documentUri the document
   * @param id the annotation's id
   * @param patch the fields to change
   */
  update(documentUri: vscode.Uri, id: string, patch: Partial<Omit<Annotation, 'id'>>): Promise<void> {
    return this.sync.update(documentUri, id, patch);
  }

  /**
   * Remember suggestions the annotator turned down, in the sidecar's `rejected:` header.
   * @param documentUri the document
   * @param records the rejections
   */
  reject(documentUri: vscode.Uri, records: readonly RejectedSuggestion[]): Promise<void> {
    return this.sync.reject(documentUri, records);
  }

  /**
   * Remove annotations.
   * @param documentUri the document
   * @param ids the annotations' ids
   * @returns copies of the whole records removed, for `restore`
   */
  remove(documentUri: vscode.Uri, ids: readonly string[]): Promise<Annotation[]> {
    return this.sync.remove(documentUri, ids);
  }

  /**
   * Put removed annotations back, every field as it was (undo of `remove`); a record whose text moved
   * since is looked for again as an orphan is.
   * @param documentUri the document
   * @param records the records `remove` returned
   * @returns the outcome of each record that had to be looked for again
   */
  restore(documentUri: vscode.Uri, records: readonly Annotation[]): Promise<AnchorResult[]> {
    return this.sync.restore(documentUri, records);
  }

  /**
   * Change, add and remove records and set the `settled:` header as one step (settling a dispute).
   * @param documentUri the document
   * @param edit the records by id (null: removed) and the header
   * @returns the edit that undoes it
   */
  edit(documentUri: vscode.Uri, edit: RecordEdit): Promise<RecordEdit> {
    return this.sync.edit(documentUri, edit);
  }

  /**
   * Re-anchor annotations against the current text and write their new places: an orphan is looked
   * for again, a drifted one keeps the place already found.
   * @param documentUri the document
   * @param ids the annotations (all drifted and orphaned ones when omitted)
   * @returns the outcome per annotation looked for again
   */
  reanchor(documentUri: vscode.Uri, ids?: readonly string[]): Promise<AnchorResult[]> {
    return this.sync.reanchor(documentUri, ids);
  }

  /**
   * Follow a change of an open document's text (live tracking).
   * @param document the changed document
   * @param changes the event's content changes
   */
  applyTextChanges(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    this.sync.applyTextChanges(document, changes);
  }

  /**
   * The document was saved: its annotations now count over the text on disk, so write them.
   * @param document the saved document
   */
  documentSaved(document: vscode.TextDocument): Promise<void> {
    return this.sync.documentSaved(document.uri);
  }

  /**
   * An editor's document was opened or closed: the annotations follow the text it now has.
   * @param documentUri the document
   */
  documentOpenedOrClosed(documentUri: vscode.Uri): Promise<void> {
    return this.sync.documentOpenedOrClosed(documentUri);
  }

  /**
   * Re-read a sidecar and its document from disk (they changed, or appeared, or went away).
   * @param uri the sidecar, or an annotated document
   */
  reload(uri: vscode.Uri): Promise<void> {
    return this.sync.reload(uri);
  }

  /**
   * Re-read a sidecar or document a moment from now (see `reload`): events for the same file in the
   * meantime make one re-read.
   * @param uri the sidecar, or an annotated document
   */
  reloadSoon(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.reloadTimers.get(key));
    this.reloadTimers.set(
      key,
      setTimeout(() => {
        this.reloadTimers.delete(key);
        const running = this.reload(uri).catch((error: unknown) => console.error(`marginalia: reloading ${uri.toString()} failed`, error));
        this.reloadsRunning.add(running);
        void running.then(() => this.reloadsRunning.delete(running));
        if (this.reloadTimers.size === 0) for (const resolve of this.reloadTimersGone.splice(0)) resolve();
      }, RELOAD_DELAY_MS),
    );
  }

  /**
   * Resolves once the store has done all it was given so far: the re-reads asked for (also those
   * still waiting out their delay), and every read and write they and the edits queued. What the store
   * would write after a change is on disk then, so "nothing was written" can be checked.
   */
  async settled(): Promise<void> {
    for (;;) {
      if (this.reloadTimers.size > 0) await new Promise<void>((resolve) => this.reloadTimersGone.push(resolve));
      await Promise.all(this.reloadsRunning);
      await this.sync.idle();
      if (this.reloadTimers.size === 0 && this.reloadsRunning.size === 0) return;
    }
  }

  /**
   * A document was renamed or moved: its sidecar goes along, and relations follow it. A renamed folder
   * just carries its files.
   * @param oldUri where the document or folder was
   * @param newUri where it is now
   */
  moveDocument(oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
    return this.sync.moveDocument(oldUri, newUri);
  }

  /**
   * Take back annotation changes a past session could not write (see `pendingChanges.ts`).
   * @param documentUri the document
   * @param pending the changes: the sidecar's records they were made from, and the annotations with them
   * @returns the ids changed both in the changes and in the sidecar since (the changes were kept)
   */
  restorePending(documentUri: vscode.Uri, pending: { base: readonly Annotation[]; annotations: readonly Annotation[] }): Promise<string[]> {
    return this.sync.restorePending(documentUri, pending);
  }

  /**
   * The annotations of a document that contain an offset (innermost first).
   * @param documentUri the document
   * @param offset code point
   */
  annotationsAt(documentUri: vscode.Uri, offset: number): Annotation[] {
    return this.sync.annotationsAt(documentUri, offset);
  }

  private async index(): Promise<void> {
    const sidecars = await findWorkspaceFiles('sidecars');
    this.parsedSidecars.retain(sidecars);
    await this.sync.loadAll(sidecars);
  }
}
