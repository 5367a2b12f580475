/**
 * The in-memory model of every annotated document of the workspace: read from the sidecars at start,
 * anchored against each document's current text (the editor buffer when it is open), kept current
 * while the text is edited, and written back to the sidecars when that is safe.
 *
 * When a sidecar is written: at once when its document has no unsaved changes, otherwise when the
 * document is saved, so the offsets on disk always count over the document on disk. Never over a
 * sidecar that could not be read (the edit is held and the user told how to fix the file), and never
 * over changes someone else made meanwhile (the file is re-read and merged by id before writing).
 */
import * as vscode from 'vscode';
import { contextAround } from '../core/anchoring/context';
import { applyChange, type TextChange } from '../core/anchoring/live-tracking';
import { holds, reanchor, type AnchorResult } from '../core/anchoring/reanchor';
import type { Placement } from './anchorFindings';
import { newAnnotationId } from '../core/ids';
import { escapeLinkedText } from '../core/markdown-escape';
import { mergeById } from '../core/merge';
import { FORMAT_VERSION, type Annotation, type Finding, type LabelConfig } from '../core/model';
import { documentPathFor, isSidecarPath, sidecarPathFor } from '../core/paths';
import { checkLabels, readSidecar, type SidecarReadResult } from '../core/sidecar/read';
import { writeSidecar } from '../core/sidecar/write';
import { normalizeText, OffsetIndex } from '../core/text';
import { anchorFindings } from './anchorFindings';
import { LabelConfigs } from './labelConfigs';
import { offsetAt } from './positions';
import {
  documentKeyFor,
  fileExists,
  fileStamp,
  isSymbolicLink,
  LINK_PROBLEM,
  readDocumentFromDisk,
  readSidecarText,
  resolveDocumentKey,
  sameStamp,
  writeTextFileAtomic,
  type FileStamp,
} from './sidecarFiles';
import { TextHistory } from '../core/anchoring/text-history';
import { ParsedSidecarCache } from './sidecarCache';

/** One annotated document as the rest of the extension sees it. */
export interface AnnotatedDocument {
  /** The annotated document. */
  readonly documentUri: vscode.Uri;
  /** Its sidecar. */
  readonly sidecarUri: vscode.Uri;
  /** Code-point offsets over the CURRENT text (the editor buffer when the document is open). */
  readonly annotations: readonly Annotation[];
  /** Over the current normalised text. */
  readonly offsets: OffsetIndex;
  /** Problems of the sidecar, its document and the anchoring (lines are the sidecar's). */
  readonly findings: readonly Finding[];
  /** False while the sidecar on disk cannot be parsed: nothing is written over it. */
  readonly writable: boolean;
  /** Whether the document's text could be read (false when it is missing or not UTF-8 text). */
  readonly hasText: boolean;
  /** Whether some annotation changes are not in the sidecar on disk yet (they wait for the document's save). */
  readonly unwritten: boolean;
  /** The records of the sidecar on disk as last read or written: what unwritten changes were made from. */
  readonly base: readonly Annotation[];
}

/** A span to tag. */
export interface NewSpan {
  /** First code point. */
  start: number;
  /** Code point after the span. */
  end: number;
  /** Label id. */
  label: string;
}

/** The state kept per annotated document. */
class Entry implements AnnotatedDocument {
  annotations: Annotation[] = [];
  offsets = new OffsetIndex('');
  findings: Finding[] = [];
  writable = true;
  hasText = false;
  unwritten = false;
  /** Sidecar format version and `document:` key, kept as read. */
  version = FORMAT_VERSION;
  documentKey: string;
  /** The sidecar's content as last read or written (undefined: there is no file). */
  diskSource: string | undefined;
  /** The sidecar file's size and time when `diskSource` was read or written (undefined: not known). */
  diskStamp: FileStamp | undefined;
  /** The annotations that content holds: the common base when merging with a change made elsewhere. */
  base: Annotation[] = [];
  recordLines = new Map<string, number>();
  /** Findings of reading the sidecar and its document (not of anchoring). */
  fileFindings: Finding[] = [];
  /** Stored copies of annotations that re-anchoring moved, changed or orphaned since they were read. */
  drift = new Map<string, Annotation>();
  /** How re-anchoring placed each annotation in `drift` (and each orphan it looked for), by id. */
  placements = new Map<string, Placement>();
  history = new TextHistory();
  /** Writes of this sidecar, one after the other. */
  queue: Promise<unknown> = Promise.resolve();
  /** Why the document's text could not be read from disk ('missing', not text), if it could not. */
  documentProblem: string | undefined;
  /** While a write is held: the timer that looks at the sidecar again. */
  heldPoll: ReturnType<typeof setInterval> | undefined;
  /** Why the last write was held, so the user is told once, not at every keystroke. */
  heldReason: string | undefined;

  constructor(
    public documentUri: vscode.Uri,
    public sidecarUri: vscode.Uri,
  ) {
    this.documentKey = documentKeyFor(documentUri);
  }
}

/** Options of the store. */
export interface AnnotationStoreOptions {
  /** Shows a message to the user; tests replace it to see what would be said. */
  notify?: (severity: 'info' | 'warning' | 'error', message: string, sidecar?: vscode.Uri) => void;
  /** The extension's storage folder for this workspace, where parsed sidecars are kept between sessions. */
  storageUri?: vscode.Uri;
}

/** Every annotated document of the workspace. */
export class AnnotationStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly bySidecar = new Map<string, Entry>();
  private readonly changeEmitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  private readonly labelsEmitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter, this.labelsEmitter];
  private readonly notify: NonNullable<AnnotationStoreOptions['notify']>;
  private readonly parsedSidecars: ParsedSidecarCache;

  /** Fires with the document URIs whose annotations (or findings) changed. */
  readonly onDidChange = this.changeEmitter.event;
  /** Fires when a label configuration changed. */
  readonly onDidChangeLabels = this.labelsEmitter.event;
  /** Resolves once the workspace's sidecars are indexed. */
  readonly ready: Promise<void>;

  /** The workspace's label configurations. */
  readonly labels = new LabelConfigs();

  /**
   * Start indexing the workspace's label configurations and sidecars (see `ready`).
   * @param options how to talk to the user
   */
  constructor(options: AnnotationStoreOptions = {}) {
    this.notify = options.notify ?? defaultNotify;
    this.parsedSidecars = new ParsedSidecarCache(options.storageUri);
    this.disposables.push(
      this.parsedSidecars,
      this.labels,
      this.labels.onDidChange(() => {
        for (const entry of this.entries.values()) this.refreshFindings(entry);
        this.labelsEmitter.fire();
        this.changeEmitter.fire([...this.entries.values()].map((e) => e.documentUri));
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
    return [...this.entries.values()].sort((a, b) => compareUris(a.documentUri, b.documentUri));
  }

  /**
   * The annotated document, if it has annotations or a sidecar.
   * @param documentUri the document
   */
  get(documentUri: vscode.Uri): AnnotatedDocument | undefined {
    return this.entries.get(documentUri.toString());
  }

  /**
   * The annotated document a sidecar belongs to.
   * @param sidecarUri the sidecar
   */
  getBySidecar(sidecarUri: vscode.Uri): AnnotatedDocument | undefined {
    return this.bySidecar.get(sidecarUri.toString());
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
  async add(documentUri: vscode.Uri, spans: readonly NewSpan[]): Promise<Annotation[]> {
    if (!this.canAnnotate(documentUri)) throw new Error(`${documentUri.path} cannot be annotated (a sidecar, a label configuration or an unsaved file)`);
    const entry = await this.entryFor(documentUri);
    const taken = new Set(entry.annotations.map((a) => a.id));
    for (const id of entry.drift.keys()) taken.add(id);
    const author = vscode.workspace.getConfiguration('marginalia', documentUri).get<string>('author')?.trim();
    const created = new Date().toISOString();
    const added = spans.map((span) => {
      const id = newAnnotationId(taken);
      taken.add(id);
      const { prefix, suffix } = contextAround(entry.offsets, span.start, span.end);
      const annotation: Annotation = {
        id,
        label: span.label,
        start: span.start,
        end: span.end,
        text: entry.offsets.slice(span.start, span.end),
        prefix,
        suffix,
        ...(author ? { author } : {}),
        created,
      };
      return annotation;
    });
    entry.annotations.push(...added);
    this.changed(entry, true);
    await this.persist(entry);
    return added.map(clone); // copies: the store's own objects move with the text
  }

  /**
   * Change an annotation. A field set to undefined in the patch is removed; a new start or end
   * takes the text and context of the new span.
   * @param documentUri the document
   * @param id the annotation's id
   * @param patch the fields to change
   */
  async update(documentUri: vscode.Uri, id: string, patch: Partial<Omit<Annotation, 'id'>>): Promise<void> {
    const entry = this.entries.get(documentUri.toString());
    const annotation = entry?.annotations.find((a) => a.id === id);
    if (!entry || !annotation) throw new Error(`no annotation ${id} in ${documentUri.path}`);
    const record = annotation as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete record[key];
      else record[key] = value;
    }
    if (patch.start !== undefined || patch.end !== undefined) {
      annotation.text = entry.offsets.slice(annotation.start, annotation.end);
      Object.assign(annotation, contextAround(entry.offsets, annotation.start, annotation.end));
      delete annotation.status;
    }
    this.changed(entry, true);
    await this.persist(entry);
  }

  /**
   * Remove annotations.
   * @param documentUri the document
   * @param ids the annotations' ids
   * @returns copies of the whole records removed, for `restore`
   */
  async remove(documentUri: vscode.Uri, ids: readonly string[]): Promise<Annotation[]> {
    const entry = this.entries.get(documentUri.toString());
    if (!entry) return [];
    const gone = new Set(ids);
    const removed = entry.annotations.filter((a) => gone.has(a.id)).map(clone);
    entry.annotations = entry.annotations.filter((a) => !gone.has(a.id));
    for (const id of ids) entry.drift.delete(id);
    this.changed(entry, true);
    await this.persist(entry);
    return removed;
  }

  /**
   * Put removed annotations back, every field as it was (undo of `remove`). A record whose text is no
   * longer at its offsets (the document was edited since) is looked for again as an orphan is.
   * @param documentUri the document
   * @param records the records `remove` returned
   * @returns the outcome of each record that had to be looked for again
   */
  async restore(documentUri: vscode.Uri, records: readonly Annotation[]): Promise<AnchorResult[]> {
    const entry = await this.entryFor(documentUri);
    const clash = records.find((r) => entry.annotations.some((a) => a.id === r.id));
    // Never two records of one id: the id was taken again (by an edit of the sidecar elsewhere).
    if (clash) throw new Error(`annotation ${clash.id} is in ${basename(entry.sidecarUri)} again; nothing was restored`);
    const back = records.map(clone);
    const moved = back.filter((a) => a.status !== 'orphaned' && entry.offsets.slice(a.start, a.end) !== a.text);
    for (const a of moved) a.status = 'orphaned';
    entry.annotations.push(...back);
    if (moved.length > 0) return this.reanchor(documentUri, moved.map((a) => a.id));
    this.changed(entry, true);
    await this.persist(entry);
    return [];
  }

  /**
   * Re-anchor annotations against the current text and write their new places: an orphan is looked
   * for again, a drifted one keeps the place already found.
   * @param documentUri the document
   * @param ids the annotations (all drifted and orphaned ones when omitted)
   * @returns the outcome per annotation looked for again
   */
  async reanchor(documentUri: vscode.Uri, ids?: readonly string[]): Promise<AnchorResult[]> {
    const entry = this.entries.get(documentUri.toString());
    if (!entry) return [];
    const wanted = new Set(ids ?? [...entry.drift.keys(), ...entry.annotations.filter((a) => a.status === 'orphaned').map((a) => a.id)]);
    const positions = entry.annotations.flatMap((a, i) => (wanted.has(a.id) && a.status === 'orphaned' ? [i] : []));
    const results = entry.hasText ? reanchor(positions.map((i) => entry.annotations[i]!), entry.offsets) : [];
    results.forEach((result, k) => {
      if (result.outcome === 'orphaned') return;
      entry.annotations[positions[k]!] = result.annotation;
      entry.placements.set(result.annotation.id, { method: result.method, score: result.score });
    });
    for (const id of wanted) {
      if (entry.annotations.find((a) => a.id === id)?.status !== 'orphaned') {
        entry.drift.delete(id);
        entry.placements.delete(id);
      }
    }
    this.changed(entry, true);
    await this.persist(entry);
    return results;
  }

  /**
   * Follow a change of an open document's text (live tracking). Each content change is applied in
   * the order VS Code gives them, converted to code points over the text just before it.
   * @param document the changed document
   * @param changes the event's content changes
   */
  applyTextChanges(document: vscode.TextDocument, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    const entry = this.entries.get(document.uri.toString());
    if (!entry) return;
    if (changes.length === 0) {
      // A change of the dirty state only: a document back to its saved text can be written now.
      if (!document.isDirty && entry.unwritten) this.persistInBackground(entry);
      return;
    }
    let index = entry.offsets;
    const moved = new Set<Annotation>();
    for (const change of changes) {
      const start = offsetAt(index, change.range.start);
      const end = Math.max(start, offsetAt(index, change.range.end));
      const inserted = change.text.includes('\r') ? change.text.replace(/\r\n?/g, '\n') : change.text;
      const textChange: TextChange = { start, deleted: end - start, inserted };
      for (const a of applyChange(entry.annotations, textChange)) moved.add(a);
      const text = index.text;
      index = new OffsetIndex(text.slice(0, index.toUtf16(start)) + inserted + text.slice(index.toUtf16(end)));
    }
    const actual = normalizeText(document.getText());
    if (index.text !== actual) {
      // Should not happen; if the buffer and our copy ever disagree, trust the buffer and re-anchor.
      index = new OffsetIndex(actual);
      anchorAll(entry, index);
    }
    entry.offsets = index;
    entry.hasText = true;
    // A text seen before (undo, redo, a revert) brings back exactly the places the spans had then.
    for (const a of entry.history.restore(index.text, entry.annotations)) moved.add(a);
    if (!document.isDirty && entry.annotations.some((a) => a.status === 'orphaned' && moved.has(a))) {
      // Back to the file's text (a reload or revert) yet spans were lost on the way: find them again.
      anchorAll(entry, index);
    }
    this.changed(entry, moved.size > 0);
    if (!document.isDirty && entry.unwritten) this.persistInBackground(entry);
  }

  /**
   * The document was saved: its annotations now count over the text on disk, so write them.
   * @param document the saved document
   */
  async documentSaved(document: vscode.TextDocument): Promise<void> {
    const entry = this.entries.get(document.uri.toString());
    if (entry?.unwritten) await this.persistInBackground(entry);
  }

  /**
   * An editor's document was opened or closed: make sure the annotations count over the text the
   * document now has (the buffer when open, the file when closed), and write changes that waited
   * for a save that will not come.
   * @param documentUri the document
   */
  async documentOpenedOrClosed(documentUri: vscode.Uri): Promise<void> {
    const entry = this.entries.get(documentUri.toString());
    if (!entry) return;
    const current = await this.currentText(documentUri);
    if (current.text === undefined || current.text === entry.offsets.text) return;
    anchorAll(entry, new OffsetIndex(current.text), textHeld(entry));
    entry.hasText = true;
    entry.history.clear();
    this.changed(entry, false);
    // Changes that waited for a save of a buffer now discarded are written over the file's text.
    if (entry.unwritten) await this.persistInBackground(entry);
  }

  /**
   * Re-read a sidecar and its document from disk (they changed, or appeared, or went away), keeping
   * unwritten changes by merging them in, and re-anchor against the document's current text.
   * @param uri the sidecar, or an annotated document
   */
  async reload(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const ofSidecar = this.bySidecar.get(key);
    // The echo of our own write: looked at before queueing, so that it never holds up the next write.
    if (ofSidecar?.diskSource !== undefined && sameStamp((await fileStamp(uri)) ?? NO_FILE, ofSidecar.diskStamp)) return;
    const entry = ofSidecar ?? this.entries.get(key);
    if (entry) await this.enqueue(entry, () => this.load(entry.sidecarUri, ofSidecar !== undefined));
    else if (isSidecarPath(uri.path)) await this.load(uri);
  }

  /**
   * A document was renamed or moved: its sidecar goes along (written under the new name with its
   * `document:` key updated, then the old one deleted). A renamed folder just carries its files.
   * @param oldUri where the document or folder was
   * @param newUri where it is now
   */
  async moveDocument(oldUri: vscode.Uri, newUri: vscode.Uri): Promise<void> {
    const oldKey = oldUri.toString();
    const entry = this.entries.get(oldKey);
    if (entry) {
      await this.enqueue(entry, () => this.moveSidecar(entry, newUri));
      return;
    }
    const prefix = oldKey.endsWith('/') ? oldKey : oldKey + '/';
    for (const moved of [...this.entries.values()].filter((e) => e.documentUri.toString().startsWith(prefix))) {
      const rest = moved.documentUri.toString().slice(prefix.length);
      this.rekey(moved, vscode.Uri.parse(newUri.toString().replace(/\/?$/, '/') + rest));
    }
  }

  /**
   * Take back annotation changes a past session could not write (see `pendingChanges.ts`): merged by
   * id into the sidecar's records as unwritten changes, as if they had been made here, and anchored
   * against the document's current text (one that does not hold there is found again by its text).
   * @param documentUri the document
   * @param pending the changes: the sidecar's records they were made from, and the annotations with them
   * @returns the ids changed both in the changes and in the sidecar since (the changes were kept)
   */
  async restorePending(documentUri: vscode.Uri, pending: { base: readonly Annotation[]; annotations: readonly Annotation[] }): Promise<string[]> {
    const entry = await this.entryFor(documentUri);
    const current = entry.unwritten ? entry.annotations : entry.base.map(clone);
    const merged = mergeById(pending.base.map(clone), pending.annotations.map(clone), current);
    entry.annotations = merged.annotations;
    anchorAll(entry, entry.offsets);
    this.changed(entry, true);
    await this.persist(entry);
    return merged.conflicts;
  }

  /**
   * The annotations of a document that contain an offset (innermost first).
   * @param documentUri the document
   * @param offset code point
   */
  annotationsAt(documentUri: vscode.Uri, offset: number): Annotation[] {
    const entry = this.entries.get(documentUri.toString());
    if (!entry) return [];
    return entry.annotations
      .filter((a) => a.status !== 'orphaned' && a.start <= offset && offset <= a.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  dispose(): void {
    for (const entry of this.entries.values()) clearInterval(entry.heldPoll);
    for (const d of this.disposables) d.dispose();
  }

  // ---- loading --------------------------------------------------------------------------------

  private async index(): Promise<void> {
    const sidecars = await vscode.workspace.findFiles('**/*.annotations.yaml', '**/node_modules/**');
    this.parsedSidecars.retain(sidecars);
    const batch = 16;
    for (let i = 0; i < sidecars.length; i += batch) await Promise.all(sidecars.slice(i, i + batch).map((uri) => this.load(uri)));
  }

  /**
   * Read one sidecar and its document and bring the entry in line with them.
   * @param sidecarUri the sidecar
   * @param sidecarChanged whether only the sidecar is said to have changed (a file-system event for it):
   *   then nothing is done when it is as this store last read or wrote it, which is the echo of a write
   */
  private async load(sidecarUri: vscode.Uri, sidecarChanged = false): Promise<void> {
    const readAt = Date.now();
    const stamp = await fileStamp(sidecarUri);
    if (stamp?.link) return this.loadLink(sidecarUri);
    const existing = this.bySidecar.get(sidecarUri.toString());
    // Unchanged since this store last read or wrote it (the echo of our own write, a document changed
    // beside it): the text held is the file's, so it is neither read nor parsed again.
    const unchanged = stamp !== undefined && existing?.diskSource !== undefined && sameStamp(stamp, existing.diskStamp);
    if (unchanged && sidecarChanged) return;
    const source = unchanged ? existing.diskSource : await readSidecarText(sidecarUri);
    if (source === undefined) {
      if (!existing) return;
      const documentGone = (await readDocumentFromDisk(existing.documentUri)).problem === 'missing' && !this.isOpen(existing.documentUri);
      if (!existing.unwritten || documentGone) this.drop(existing);
      else setDisk(existing, undefined, undefined); // deleted while changes wait: the next write recreates it
      return;
    }
    if (existing && source === existing.diskSource && (await this.sameText(existing))) return; // often the echo of our own write
    const read = this.parsedSidecars.read(sidecarUri, stamp, source, readAt);
    const named = read.sidecar ? resolveDocumentKey(sidecarUri, read.sidecar.document) : undefined;
    const documentUri = named ?? sidecarUri.with({ path: documentPathFor(sidecarUri.path) });
    let entry = existing;
    if (entry && entry.documentUri.toString() !== documentUri.toString()) this.rekey(entry, documentUri);
    if (!entry) {
      entry = new Entry(documentUri, sidecarUri);
      this.entries.set(documentUri.toString(), entry);
      this.bySidecar.set(sidecarUri.toString(), entry);
    }
    const current = await this.currentText(documentUri);
    const nothingNew =
      existing &&
      source === existing.diskSource &&
      current.text !== undefined &&
      current.text === existing.offsets.text &&
      current.problem === existing.documentProblem;
    if (nothingNew) return; // often the echo of our own write
    this.absorb(entry, source, read, current, stamp);
    if (read.sidecar && !named) entry.fileFindings.push(documentOutsideFolder(source, read.sidecar.document, sidecarUri));
    this.changed(entry, false);
    if (entry.unwritten) this.persistInBackground(entry);
  }

  /**
   * A sidecar that is a symbolic link: neither read nor ever written (through the link or over it);
   * reported at its first line. Annotations made meanwhile are held until it is a plain file.
   */
  private async loadLink(sidecarUri: vscode.Uri): Promise<void> {
    let entry = this.bySidecar.get(sidecarUri.toString());
    if (!entry) {
      const documentUri = sidecarUri.with({ path: documentPathFor(sidecarUri.path) });
      entry = new Entry(documentUri, sidecarUri);
      this.entries.set(documentUri.toString(), entry);
      this.bySidecar.set(sidecarUri.toString(), entry);
      const current = await this.currentText(documentUri);
      entry.hasText = current.text !== undefined;
      entry.offsets = new OffsetIndex(current.text ?? '');
    }
    entry.writable = false;
    entry.fileFindings = [{ severity: 'error', code: 'sidecar-link', message: `${basename(sidecarUri)} ${LINK_PROBLEM}`, line: 1, column: 1 }];
    this.changed(entry, false);
  }

  /** Whether an entry's document text (and its problem, if any) is still the one the entry holds. */
  private async sameText(entry: Entry): Promise<boolean> {
    const current = await this.currentText(entry.documentUri);
    return current.text !== undefined && current.text === entry.offsets.text && current.problem === entry.documentProblem;
  }

  /**
   * Take in what was read from disk: merge unwritten changes, anchor against the text.
   * @param stamp the sidecar file's stamp taken before it was read
   */
  private absorb(entry: Entry, source: string, read: SidecarReadResult, current: DocumentText, stamp: FileStamp | undefined): void {
    const disk = read.sidecar?.annotations ?? []; // may be the cache's own: copied before anything changes them
    const known = entry.diskSource !== undefined || entry.unwritten;
    // Only the document changed (an outside edit, a git pull): the annotations read are the ones held,
    // verified against the text held, which re-anchoring then diffs from.
    const verifiedText = source === entry.diskSource && !entry.unwritten ? textHeld(entry) : undefined;
    if (!read.writable && known) {
      // An unreadable file says nothing about what was removed: keep what we hold, and the old base
      // to merge against once the file is fixed.
      entry.writable = false;
      setDisk(entry, source, stamp);
      entry.fileFindings = [...read.findings];
      entry.recordLines = read.recordLines;
      if (current.text !== undefined) anchorAll(entry, new OffsetIndex(current.text), textHeld(entry));
      return;
    }
    let annotations: Annotation[];
    if (entry.unwritten) {
      const merged = mergeById(entry.base, entry.annotations, disk.map(clone));
      annotations = merged.annotations;
      if (merged.conflicts.length > 0) {
        this.notify(
          'warning',
          `${entry.sidecarUri.path.split('/').pop()} changed on disk while ${merged.conflicts.length} annotation(s) had unsaved changes here too; the changes made here were kept for ${merged.conflicts.join(', ')}.`,
          entry.sidecarUri,
        );
      }
    } else {
      annotations = disk.map(clone);
    }
    entry.writable = read.writable;
    setDisk(entry, source, stamp);
    entry.base = disk.map(clone);
    entry.recordLines = read.recordLines;
    entry.fileFindings = [...read.findings];
    if (read.sidecar) {
      entry.version = read.sidecar.version;
      entry.documentKey = read.sidecar.document;
    }
    entry.annotations = annotations;
    entry.drift.clear();
    entry.placements.clear();
    entry.history.clear();
    entry.documentProblem = current.problem;
    if (current.problem !== undefined) entry.fileFindings.push(documentProblem(source, entry, current.problem));
    if (current.text !== undefined) {
      entry.hasText = true;
      anchorAll(entry, new OffsetIndex(current.text), verifiedText);
    } else {
      entry.hasText = false;
      entry.offsets = new OffsetIndex('');
    }
    if (entry.writable) entry.heldReason = undefined;
  }

  /**
   * The document's current normalised text: the open buffer, else the file. A buffer whose file was
   * deleted still has its text, and the problem that the file is missing.
   */
  private async currentText(documentUri: vscode.Uri): Promise<DocumentText> {
    if (await isSymbolicLink(documentUri)) return { text: undefined, problem: LINK_PROBLEM };
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === documentUri.toString());
    if (open && !open.isClosed) {
      const text = normalizeText(open.getText());
      return { text, problem: (await fileExists(documentUri)) ? undefined : 'missing' };
    }
    const disk = await readDocumentFromDisk(documentUri);
    return { text: disk.text, problem: disk.problem };
  }

  /** The entry of a document, created (with no sidecar yet) when there is none. */
  private async entryFor(documentUri: vscode.Uri): Promise<Entry> {
    const key = documentUri.toString();
    const sidecarUri = documentUri.with({ path: sidecarPathFor(documentUri.path) });
    if (!this.entries.has(key)) await this.load(sidecarUri); // a sidecar the index did not see (excluded, or just created)
    let entry = this.entries.get(key);
    if (!entry) {
      entry = new Entry(documentUri, sidecarUri);
      const current = await this.currentText(documentUri);
      if (current.text === undefined) throw new Error(`${documentUri.path} cannot be annotated: it ${current.problem === 'missing' ? 'does not exist' : (current.problem ?? '')}`);
      entry.offsets = new OffsetIndex(current.text);
      entry.hasText = true;
      this.entries.set(key, entry);
      this.bySidecar.set(sidecarUri.toString(), entry);
    }
    if (!entry.hasText) throw new Error(`${documentUri.path} cannot be annotated: its text could not be read`);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const buffer = open && normalizeText(open.getText());
    if (buffer !== undefined && buffer !== entry.offsets.text) {
      // The buffer moved on without us (opened before the index finished): anchor to what it holds.
      anchorAll(entry, new OffsetIndex(buffer), textHeld(entry));
      entry.history.clear();
    }
    return entry;
  }

  private drop(entry: Entry): void {
    this.parsedSidecars.forget(entry.sidecarUri);
    this.entries.delete(entry.documentUri.toString());
    this.bySidecar.delete(entry.sidecarUri.toString());
    this.changeEmitter.fire([entry.documentUri]);
  }

  private rekey(entry: Entry, documentUri: vscode.Uri, sidecarUri?: vscode.Uri): void {
    const oldDocument = entry.documentUri;
    this.entries.delete(entry.documentUri.toString());
    this.bySidecar.delete(entry.sidecarUri.toString());
    entry.documentUri = documentUri;
    entry.sidecarUri = sidecarUri ?? documentUri.with({ path: sidecarPathFor(documentUri.path) });
    this.entries.set(documentUri.toString(), entry);
    this.bySidecar.set(entry.sidecarUri.toString(), entry);
    this.changeEmitter.fire([oldDocument, documentUri]);
  }

  // ---- writing --------------------------------------------------------------------------------

  /** Run work on an entry after the writes already queued for it. */
  private enqueue<T>(entry: Entry, work: () => Promise<T>): Promise<T> {
    const next = entry.queue.then(work, work);
    entry.queue = next.catch(() => undefined);
    return next;
  }

  /** Write the entry's sidecar now if its document has no unsaved changes; otherwise its save will. */
  private persist(entry: Entry): Promise<void> {
    return this.enqueue(entry, async () => {
      if (!entry.unwritten) return;
      if (this.isDirty(entry.documentUri)) return;
      await this.write(entry);
    });
  }

  /**
   * Persist where no caller waits for the outcome (a save, an edit, a reload): a failed write is
   * reported to the user here; the changes stay in memory for the next write.
   */
  private persistInBackground(entry: Entry): Promise<void> {
    return this.persist(entry).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      this.notify(
        'error',
        `could not write ${basename(entry.sidecarUri)} (${why}); the file is left as it was, and your annotation changes are kept for the next write.`,
        entry.sidecarUri,
      );
    });
  }

  private async write(entry: Entry): Promise<void> {
    const held = this.whyHeld(entry);
    if (held) return this.hold(entry, held);
    // A stat first: the file is read (and parsed) again only when it is not as this store left it.
    const stamp = await fileStamp(entry.sidecarUri);
    const onDisk = stamp !== undefined && entry.diskSource !== undefined && sameStamp(stamp, entry.diskStamp) ? entry.diskSource : await readSidecarText(entry.sidecarUri);
    if (onDisk !== entry.diskSource && onDisk !== undefined) {
      // Someone else wrote the sidecar since we read it: take their changes in first.
      const read = readSidecar(onDisk);
      this.absorb(entry, onDisk, read, { text: entry.offsets.text, problem: entry.documentProblem }, stamp);
      this.refreshFindings(entry);
      if (!entry.writable) return this.hold(entry, this.whyHeld(entry)!);
    }
    if (this.isDirty(entry.documentUri)) return; // edited while we read: the save will write
    for (const a of entry.annotations) refreshContext(a, entry.offsets);
    const text = writeSidecar({ version: entry.version, document: entry.documentKey, annotations: entry.annotations }, onDisk);
    const writtenStamp = await writeTextFileAtomic(entry.sidecarUri, text);
    const written = readSidecar(text); // the writer's own text: read back without parsing
    setDisk(entry, text, writtenStamp);
    entry.base = written.sidecar?.annotations ?? entry.annotations.map(clone); // the reader's own copies of what was written
    entry.recordLines = written.recordLines;
    entry.fileFindings = [...written.findings];
    entry.unwritten = false;
    entry.drift.clear();
    entry.placements.clear();
    entry.heldReason = undefined;
    this.refreshFindings(entry);
    this.changeEmitter.fire([entry.documentUri]);
  }

  private isDirty(documentUri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === documentUri.toString());
  }

  /** Why the sidecar must not be written now, if it must not. */
  private whyHeld(entry: Entry): string | undefined {
    const name = entry.sidecarUri.path.split('/').pop();
    if (!entry.writable) {
      const error = entry.fileFindings.find((f) => f.severity === 'error') ?? entry.fileFindings[0];
      const where = error ? ` (line ${error.line}: ${error.message})` : '';
      return `${name} cannot be read${where}. Fix it and save it; your annotation changes are kept until then.`;
    }
    const sidecarEditor = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.sidecarUri.toString());
    if (sidecarEditor?.isDirty) return `${name} has unsaved edits in an editor. Save or revert them; your annotation changes are kept until then.`;
    return undefined;
  }

  private hold(entry: Entry, reason: string): void {
    this.watchWhileHeld(entry);
    if (entry.heldReason === reason) return;
    entry.heldReason = reason;
    this.notify('warning', reason, entry.sidecarUri);
  }

  /**
   * Look at a held sidecar every second until it can be written: the user fixes it in an editor or
   * elsewhere, and a file system watcher can miss that (files in folders created in a burst are not
   * always watched), yet the held changes must reach the file.
   */
  private watchWhileHeld(entry: Entry): void {
    if (entry.heldPoll) return;
    entry.heldPoll = setInterval(() => {
      const stillHeld = this.bySidecar.get(entry.sidecarUri.toString()) === entry && entry.unwritten && entry.heldReason !== undefined;
      if (!stillHeld) {
        clearInterval(entry.heldPoll);
        entry.heldPoll = undefined;
        return;
      }
      void this.reload(entry.sidecarUri)
        .then(() => (entry.writable && entry.unwritten ? this.persistInBackground(entry) : undefined))
        .catch(() => undefined);
    }, HELD_POLL_MS);
  }

  private isOpen(documentUri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === documentUri.toString());
  }

  private async moveSidecar(entry: Entry, newDocumentUri: vscode.Uri): Promise<void> {
    const oldSidecar = entry.sidecarUri;
    const newSidecar = newDocumentUri.with({ path: sidecarPathFor(newDocumentUri.path) });
    const onDisk = await readSidecarText(oldSidecar);
    if (await readSidecarText(newSidecar) !== undefined) {
      this.rekey(entry, newDocumentUri, oldSidecar);
      this.notify('warning', `${newSidecar.path.split('/').pop()} already exists, so the annotations stay in ${oldSidecar.path.split('/').pop()}; merge the two files by hand.`, oldSidecar);
      return;
    }
    this.rekey(entry, newDocumentUri, newSidecar);
    entry.documentKey = documentKeyFor(newDocumentUri);
    if (onDisk === undefined) {
      // Nothing on disk yet: the next write creates the new sidecar.
      setDisk(entry, undefined, undefined);
      entry.unwritten = true;
      return;
    }
    const read = readSidecar(onDisk);
    if (!read.writable || !read.sidecar) {
      // Cannot be rewritten: move the file as it is; the user fixes its document key with it.
      await vscode.workspace.fs.rename(oldSidecar, newSidecar, { overwrite: false });
      setDisk(entry, onDisk, undefined);
      await this.load(newSidecar);
      return;
    }
    const text = writeSidecar({ ...read.sidecar, document: entry.documentKey }, onDisk);
    await writeTextFileAtomic(newSidecar, text);
    await vscode.workspace.fs.delete(oldSidecar);
    setDisk(entry, text, undefined);
    await this.load(newSidecar);
  }

  // ---- findings and events -----------------------------------------------------------------

  private refreshFindings(entry: Entry): void {
    const sidecar = { version: entry.version, document: entry.documentKey, annotations: entry.annotations };
    entry.findings = [
      ...entry.fileFindings,
      ...(entry.writable ? checkLabels(sidecar, this.labels.forUri(entry.documentUri), entry.recordLines) : []),
      ...anchorFindings(entry.annotations, entry.drift, entry.recordLines, entry.placements),
    ];
  }

  /**
   * The annotations or findings changed in memory.
   * @param edited whether the annotations now differ from the sidecar on disk in a way that should be written
   */
  private changed(entry: Entry, edited: boolean): void {
    if (edited) entry.unwritten = true;
    if (entry.hasText) entry.history.record(entry.offsets.text, entry.annotations);
    this.refreshFindings(entry);
    this.changeEmitter.fire([entry.documentUri]);
  }
}

/** How often a sidecar whose write is held is looked at again (ms). */
const HELD_POLL_MS = 1000;

/** A document's text, or why there is none. */
interface DocumentText {
  /** The normalised text, when there is one. */
  text: string | undefined;
  /** 'missing', or why the file is not text; undefined when all is well. */
  problem: string | undefined;
}

/** The stamp compared when a file is missing: never the same as a file's. */
const NO_FILE: FileStamp = { size: -1, mtime: -1, link: false };

/** What the entry knows of its sidecar on disk: its text, and the file's stamp when that text was read or written. */
function setDisk(entry: Entry, source: string | undefined, stamp: FileStamp | undefined): void {
  entry.diskSource = source;
  entry.diskStamp = source === undefined ? undefined : stamp;
}

/** The text an entry holds, which its annotations count over; undefined when it has none. */
function textHeld(entry: Entry): string | undefined {
  return entry.hasText ? entry.offsets.text : undefined;
}

/**
 * Anchor the annotations against a new text of the document and note those that moved. Given the text
 * they were verified against, every annotation is mapped through the diff from it (the same `reanchor`
 * as `check --fix`), and what that cannot place is searched for; without it, those that do not hold
 * are searched for.
 */
function anchorAll(entry: Entry, index: OffsetIndex, previousText?: string): void {
  const positions = entry.annotations.flatMap((a, i) => (previousText !== undefined || a.status === 'orphaned' || !holds(a, index) ? [i] : []));
  const results = reanchor(
    positions.map((i) => entry.annotations[i]!),
    index,
    { previousText },
  );
  results.forEach((result, k) => {
    const position = positions[k]!;
    if (result.outcome === 'held' && entry.annotations[position]!.status !== 'orphaned') return;
    const stored = entry.base.find((b) => b.id === result.annotation.id);
    if (stored && !entry.drift.has(stored.id)) entry.drift.set(stored.id, clone(stored));
    entry.placements.set(result.annotation.id, { method: result.method, score: result.score });
    entry.annotations[position] = result.annotation;
  });
  for (const [id, stored] of entry.drift) {
    const now = entry.annotations.find((a) => a.id === id);
    if (now && now.start === stored.start && now.end === stored.end && now.text === stored.text && now.status === stored.status) {
      entry.drift.delete(id);
      entry.placements.delete(id);
    }
  }
  entry.offsets = index;
}

/** Keep stored context current for annotations that carry it, so later re-anchoring has the right clues. */
function refreshContext(annotation: Annotation, index: OffsetIndex): void {
  if (annotation.status === 'orphaned' || (annotation.prefix === undefined && annotation.suffix === undefined)) return;
  if (annotation.end > index.length) return;
  const refreshed = contextRefreshed.get(annotation);
  if (refreshed && refreshed.index === index && refreshed.start === annotation.start && refreshed.end === annotation.end) return;
  const { prefix, suffix } = contextAround(index, annotation.start, annotation.end);
  // Unchanged strings are kept: the writer tells an unchanged record at once when its strings are the very ones it wrote.
  if (annotation.prefix !== prefix) annotation.prefix = prefix;
  if (annotation.suffix !== suffix) annotation.suffix = suffix;
  contextRefreshed.set(annotation, { index, start: annotation.start, end: annotation.end });
}

/**
 * The text and span each annotation's context was last taken from: a write after one change in
 * thousands of annotations takes the context of that one again, not of every one.
 */
const contextRefreshed = new WeakMap<Annotation, { index: OffsetIndex; start: number; end: number }>();

function documentProblem(source: string, entry: Entry, problem: string): Finding {
  const line = keyLine(source, 'document');
  if (problem === 'missing') {
    return {
      severity: 'error',
      code: 'document-missing',
      message: `the annotated document '${entry.documentKey}' does not exist; restore or rename it back, or delete this sidecar if its annotations are no longer wanted`,
      line,
      column: 1,
    };
  }
  return { severity: 'error', code: 'document-unreadable', message: `the annotated document '${entry.documentKey}' ${problem}`, line, column: 1 };
}

function documentOutsideFolder(source: string, key: string, sidecarUri: vscode.Uri): Finding {
  const own = documentPathFor(sidecarUri.path).split('/').pop();
  return {
    severity: 'error',
    code: 'document-outside-folder',
    message: `document: '${key}' must name a file in the sidecar's own folder (a plain file name such as '${own}'); fix the document key`,
    line: keyLine(source, 'document'),
    column: 1,
  };
}

function keyLine(source: string, key: string): number {
  const match = new RegExp(`^${key}\\s*:`, 'm').exec(source);
  return match ? source.slice(0, match.index).split('\n').length : 1;
}

function clone(a: Annotation): Annotation {
  return a.attributes ? { ...a, attributes: { ...a.attributes } } : { ...a };
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function compareUris(a: vscode.Uri, b: vscode.Uri): number {
  const x = a.path;
  const y = b.path;
  return x < y ? -1 : x > y ? 1 : 0;
}

function defaultNotify(severity: 'info' | 'warning' | 'error', message: string, sidecar?: vscode.Uri): void {
  const show =
    severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const open = 'Open Sidecar';
  const text = escapeLinkedText(`Marginalia: ${message}`); // messages quote sidecars
  void Promise.resolve(sidecar ? show(text, open) : show(text)).then((choice) => {
    if (choice === open && sidecar) void vscode.window.showTextDocument(sidecar);
  });
}
