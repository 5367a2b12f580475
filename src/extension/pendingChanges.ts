/**
 * Annotation changes survive a hot exit. While a document has unsaved edits its annotation changes
 * wait for its save; if VS Code quits meanwhile it keeps the unsaved buffer and brings it back on
 * restart, and this keeps the changes beside it: one file per document in the extension's storage for
 * the workspace (`pending/`), written a moment after the changes stop (never per keystroke: in a
 * document of 10,000 annotations that is megabytes) and deleted once the sidecar holds them. On
 * restart each kept file is taken back when its document's text is there: merged into the sidecar's
 * records (`AnnotationStore.restorePending`) as if the changes had just been made. When the text is
 * not the one the changes were made on, they are found again by their text and the user is told.
 */
import * as vscode from 'vscode';
import { decodePendingChanges, encodePendingChanges, textHash, type PendingChanges } from '../core/pending-changes';
import { normalizeText } from '../core/text';
import type { AnnotationStore } from './annotationStore';
import { readTextFile, writeTextFileAtomic } from './sidecarFiles';
import { Disposable } from './disposable';
import { notifyUser } from './notify';

/** The folder of kept changes in the workspace's storage folder. */
export const PENDING_FOLDER = 'pending';

/** How long after the last annotation change of a document its changes are kept (ms). */
const KEEP_DELAY_MS = 1000;

/** What the keeper tells the user. */
type Notify = (severity: 'info' | 'warning' | 'error', message: string) => void;

/** Keeps unwritten annotation changes in the workspace's storage, and takes them back on restart. */
export class PendingChangesKeeper extends Disposable {
  /** Documents whose changes are to be kept (or their kept file deleted) when their timer fires. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents with a kept file, as far as this session knows. */
  private readonly kept = new Set<string>();
  /** Kept changes of a past session not taken back yet, by document: never overwritten or deleted meanwhile. */
  private readonly waiting = new Map<string, PendingChanges>();
  /** Writes and deletions of kept files, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Resolves once the past session's kept changes were looked at and those whose document is open taken back. */
  readonly ready: Promise<void>;

  /**
   * @param store the annotations
   * @param storage the extension's storage folder for this workspace (undefined: nothing is kept)
   * @param notify how to tell the user
   */
  constructor(
    private readonly store: AnnotationStore,
    private readonly storage: vscode.Uri | undefined,
    private readonly notify: Notify = notifyUser,
  ) {
    super();
    this._register(
      store.onDidChange((uris) => {
        for (const uri of uris) this.schedule(uri);
      }),
    );
    this._register(vscode.workspace.onDidOpenTextDocument((document) => void this.takeBack(document.uri, normalizeText(document.getText()))));
    // Kept last, so the listeners are gone before what is scheduled is written.
    this._register({ dispose: () => void this.flush() });
    this.ready = this.storage ? store.ready.then(() => this.loadKept()) : Promise.resolve();
  }

  /** Keep every scheduled document's changes now (tests; the extension's end). */
  async flush(): Promise<void> {
    const uris = [...this.timers.keys()];
    for (const key of uris) {
      clearTimeout(this.timers.get(key));
      this.timers.delete(key);
      this.keep(key);
    }
    await this.queue;
  }

  /**
   * Whether changes of a document are kept on disk now (tests).
   * @param documentUri the document
   */
  isKept(documentUri: vscode.Uri): boolean {
    return this.kept.has(documentUri.toString());
  }

  /** Keep a document's changes (or delete its kept file) a moment after its last change. */
  private schedule(uri: vscode.Uri): void {
    if (!this.storage) return;
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.keep(key);
      }, KEEP_DELAY_MS),
    );
  }

  /** Write a document's unwritten changes to its kept file, or delete the file when there are none. */
  private keep(key: string): void {
    if (this.waiting.has(key)) return; // the past session's changes come first
    const doc = this.store.get(vscode.Uri.parse(key));
    if (doc?.unwritten && doc.hasText) {
      const kept = encodePendingChanges(key, doc.offsets.text, doc.base, doc.annotations);
      this.kept.add(key);
      this.enqueue(async () => {
        const file = await this.fileOf(key);
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
        await writeTextFileAtomic(file, await kept);
      });
    } else if (this.kept.delete(key)) {
      this.enqueue(async () => vscode.workspace.fs.delete(await this.fileOf(key)));
    }
  }

  private enqueue(work: () => Thenable<unknown>): void {
    this.queue = this.queue.then(work).then(undefined, (error: unknown) => console.error('marginalia: keeping unsaved annotation changes failed', error));
  }

  /** Read the past session's kept changes and take back those whose document is open. */
  private async loadKept(): Promise<void> {
    const folder = vscode.Uri.joinPath(this.storage!, PENDING_FOLDER);
    let names: [string, vscode.FileType][] = [];
    try {
      names = await vscode.workspace.fs.readDirectory(folder);
    } catch {
      return; // nothing was kept
    }
    for (const [name] of names.filter(([n, type]) => type === vscode.FileType.File && n.endsWith('.json'))) {
      const file = vscode.Uri.joinPath(folder, name);
      const pending = decodePendingChanges((await readTextFile(file)) ?? '');
      if (typeof pending === 'string') {
        this.notify('error', `annotation changes kept from the last session could not be read back (${pending}); they are left in ${file.fsPath}.`);
        continue;
      }
      this.kept.add(pending.document);
      this.waiting.set(pending.document, pending);
    }
    for (const document of vscode.workspace.textDocuments) await this.takeBack(document.uri, normalizeText(document.getText()));
    // A document not open whose file has the very text (saved, but its sidecar not written): taken back
    // too. Any other waits for its document to be opened (VS Code may bring its buffer back then).
    for (const key of [...this.waiting.keys()]) {
      const uri = vscode.Uri.parse(key);
      const doc = this.store.get(uri);
      if (doc?.hasText && (await textHash(doc.offsets.text)) === this.waiting.get(key)!.textHash) await this.takeBack(uri, doc.offsets.text);
    }
  }

  /**
   * Take back the kept changes of a document, if there are some.
   * @param uri the document
   * @param text its current normalised text
   */
  private async takeBack(uri: vscode.Uri, text: string): Promise<void> {
    const key = uri.toString();
    const pending = this.waiting.get(key);
    if (!pending) return;
    this.waiting.delete(key);
    const sameText = (await textHash(text)) === pending.textHash;
    const name = vscode.workspace.asRelativePath(uri);
    try {
      const conflicts = await this.store.restorePending(uri, pending);
      const orphaned = this.store.get(uri)?.annotations.filter((a) => a.status === 'orphaned').length ?? 0;
      if (!sameText) {
        this.notify(
          'warning',
          `${pending.annotations.length} annotation(s) of ${name} had changes not yet saved when the last session ended, made on another version of its text; they were taken back and found again by their text${orphaned > 0 ? ` (${orphaned} orphaned: see the Problems panel)` : ''}. Save the document to keep them.`,
        );
      }
      if (conflicts.length > 0) {
        this.notify('warning', `${name}: the sidecar changed since the last session for ${conflicts.join(', ')}, which also had unsaved changes; the unsaved changes were kept.`);
      }
    } catch (error) {
      this.waiting.set(key, pending);
      this.notify('error', `annotation changes of ${name} kept from the last session could not be taken back (${error instanceof Error ? error.message : String(error)}); they are kept for the next try.`);
      return;
    }
    this.keep(key);
  }

  /** The kept file of a document: named by a hash of its URI. */
  private async fileOf(key: string): Promise<vscode.Uri> {
    return vscode.Uri.joinPath(this.storage!, PENDING_FOLDER, `${(await textHash(key)).slice(0, 32)}.json`);
  }
}
