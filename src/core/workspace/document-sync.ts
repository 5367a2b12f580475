/**
 * The document-sync engine: the in-memory model of every annotated document of a workspace, read
 * from the sidecars, anchored against each document's current text (the editor buffer when it is
 * open), kept current while the text is edited, and written back to the sidecars when that is safe.
 * It reaches files, editors and time only through the ports of `ports.ts`, so every race below is
 * unit-tested on an in-memory file system; the editor layer feeds it VS Code's events.
 *
 * When a sidecar is written: at once when its document has no unsaved changes, otherwise when the
 * document is saved, so the offsets on disk always count over the document on disk. Never over a
 * sidecar that could not be read (the write is held, the user told how to fix the file, and the file
 * looked at every second until it can be written), and never over changes someone else made
 * meanwhile (the file is re-read and merged by id before writing, and replaced only if it did not
 * change again during the write).
 */
import { contextAround } from '../anchoring/context';
import { applyChange, type TextChange } from '../anchoring/live-tracking';
import { reanchor, type AnchorResult } from '../anchoring/reanchor';
import { documentKeyLine, documentMissing, documentOutsideFolder, documentUnreadable, LINK_PROBLEM } from '../document-findings';
import { newAnnotationId } from '../ids';
import { offsetAt } from '../line-offsets';
import { mergeById } from '../merge';
import { relationsAfterMove, type DocumentMove } from '../relations/move';
import type { Annotation, Finding, LabelConfig, RejectedSuggestion } from '../model';
import { documentPathFor, documentPathFromKey, isSidecarPath, sidecarPathFor } from '../paths';
import { readSidecar, type SidecarReadResult } from '../sidecar/read';
import { SourceCache } from '../sidecar/source-cache';
import { writeSidecar } from '../sidecar/write';
import { normalizeText, OffsetIndex } from '../text';
import { currentText, documentOnDisk, readSidecarText, type DocumentText } from './current-text';
import { sameStamp, type ClockPort, type EditorPort, type EditorTextChange, type FileStamp, type FileSystemPort, type Locations, type OpenDocument } from './ports';
import { clone, Entry, type SyncedDocument } from './synced-document';

/** How often a sidecar whose write is held is looked at again (ms). */
export const HELD_POLL_MS = 1000;

/** How many times a write starts over when the sidecar changed on disk while it was being written. */
export const MAX_WRITE_ATTEMPTS = 3;

/** A span to tag. */
export interface NewSpan {
  /** First code point. */
  start: number;
  /** Code point after the span. */
  end: number;
  /** Label id. */
  label: string;
}

/** Records changed as one step (see `DocumentSync.edit`). */
export interface RecordEdit {
  /** By id: the record to put in place of the one of that id (or to add), or null to remove it. */
  records: ReadonlyMap<string, Annotation | null>;
  /** The sidecar's `settled:` header afterwards. */
  settled: boolean;
}

/** How serious a message to the user is. */
export type Severity = 'info' | 'warning' | 'error';

/**
 * How sidecar texts are parsed: `readSidecar` unless the editor answers from its cache of parsed sidecars.
 * A result may be the cache's own: the engine copies what it changes.
 */
export interface SidecarReader<L> {
  /**
   * @param sidecar the sidecar
   * @param stamp its stamp, taken before the text was read (undefined: not known)
   * @param source its text
   * @param readAt when the stamp was taken (ms since the epoch)
   * @param sources the engine's prepared texts, for `readSidecar`: the write that follows a read uses them
   */
  read(sidecar: L, stamp: FileStamp | undefined, source: string, readAt: number, sources: SourceCache): SidecarReadResult;
  /**
   * Forget a sidecar (deleted or moved).
   * @param sidecar the sidecar
   */
  forget(sidecar: L): void;
}

/** What the engine is built on. */
export interface DocumentSyncPorts<L> {
  files: FileSystemPort<L>;
  locations: Locations<L>;
  editor: EditorPort<L>;
  clock: ClockPort;
  /** The label configuration that applies to a document. */
  labelsFor(document: L): LabelConfig;
  /** Tells the user something; `sidecar` is the file it is about, if any. */
  notify(severity: Severity, message: string, sidecar?: L): void;
  /** Called with the documents whose annotations (or findings) changed. */
  changed(documents: readonly L[]): void;
  /** Parses sidecars (default: `readSidecar`, nothing cached). */
  reader?: SidecarReader<L>;
}

/** Every annotated document of a workspace, kept in step with its sidecar. */
export class DocumentSync<L> {
  private readonly entries = new Map<string, Entry<L>>();
  private readonly bySidecar = new Map<string, Entry<L>>();
  private readonly files: FileSystemPort<L>;
  private readonly at: Locations<L>;
  private readonly reader: SidecarReader<L>;
  /** The texts this engine read or wrote last, prepared: tagging in a large sidecar splices instead of parsing it again. */
  private readonly sources = new SourceCache();

  /** @param ports what the engine is built on */
  constructor(private readonly ports: DocumentSyncPorts<L>) {
    this.files = ports.files;
    this.at = ports.locations;
    this.reader = ports.reader ?? { read: (_sidecar, _stamp, source, _readAt, sources) => readSidecar(source, sources), forget: () => undefined };
  }

  /** Every annotated document, sorted by path. */
  documents(): readonly SyncedDocument<L>[] {
    return [...this.entries.values()].sort((a, b) => compare(this.at.path(a.documentUri), this.at.path(b.documentUri)));
  }

  /**
   * The annotated document, if it has annotations or a sidecar.
   * @param document the document
   */
  get(document: L): SyncedDocument<L> | undefined {
    return this.entries.get(this.at.key(document));
  }

  /**
   * The annotated document a sidecar belongs to.
   * @param sidecar the sidecar
   */
  getBySidecar(sidecar: L): SyncedDocument<L> | undefined {
    return this.bySidecar.get(this.at.key(sidecar));
  }

  /**
   * Read sidecars and their documents (the workspace's, at the start), a few at a time.
   * @param sidecars the sidecars
   */
  async loadAll(sidecars: readonly L[]): Promise<void> {
    const batch = 16;
    for (let i = 0; i < sidecars.length; i += batch) await Promise.all(sidecars.slice(i, i + batch).map((sidecar) => this.load(sidecar)));
  }

  /**
   * Tag spans of a document. Each new annotation gets an id, its text, its context, the author and the time.
   * @param document the document
   * @param spans code-point spans over its current text, with their labels
   * @param author who tags, if known
   * @returns copies of the new annotations as they were made
   */
  async add(document: L, spans: readonly NewSpan[], author?: string): Promise<Annotation[]> {
    const entry = await this.entryFor(document);
    const added: Annotation[] = [];
    // The first id drawn is looked for among the records: a tag draws one, and a set of 10,000 ids made
    // at every tag costs more than that look. Tagging many spans at once makes the set at the second.
    let looks = 0;
    let ids: Set<string> | undefined;
    const taken = {
      has: (id: string): boolean => {
        if (entry.drift.has(id) || added.some((a) => a.id === id)) return true;
        if (++looks === 1) return entry.annotations.some((a) => a.id === id);
        ids ??= new Set(entry.annotations.map((a) => a.id));
        return ids.has(id);
      },
    };
    const created = new Date(this.ports.clock.now()).toISOString();
    for (const span of spans) {
      const id = newAnnotationId(taken);
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
      added.push(annotation);
    }
    entry.annotations.push(...added);
    this.changed(entry, true);
    await this.persist(entry);
    return added.map(clone); // copies: the engine's own objects move with the text
  }

  /**
   * Remember suggestions the annotator turned down, in the sidecar's `rejected:` header, written as
   * annotation changes are (at once, or when the document is saved).
   * @param document the document
   * @param records the rejections (see `rejectionOf`)
   * @throws when the sidecar's `rejected:` header could not be read: it is kept as written by hand
   */
  async reject(document: L, records: readonly RejectedSuggestion[]): Promise<void> {
    const entry = await this.entryFor(document);
    if (!entry.rejectedReadable)
      throw new Error(`the rejected: list of ${basename(this.at.path(entry.sidecarUri))} cannot be read (see the Problems panel); fix it to remember rejections`);
    for (const r of records) if (!entry.rejected.some((d) => sameRejection(d, r))) entry.rejected.push({ ...r });
    this.changed(entry, true);
    await this.persist(entry);
  }

  /**
   * Change an annotation. A field set to undefined in the patch is removed; a new start or end
   * takes the text and context of the new span.
   * @param document the document
   * @param id the annotation's id
   * @param patch the fields to change
   */
  async update(document: L, id: string, patch: Partial<Omit<Annotation, 'id'>>): Promise<void> {
    const entry = this.entries.get(this.at.key(document));
    const position = entry ? entry.annotations.findIndex((a) => a.id === id) : -1;
    if (!entry || position < 0) throw new Error(`no annotation ${id} in ${this.at.path(document)}`);
    // A changed record is a new object (see `Entry.annotations`): what is kept per record knows it changed by that alone.
    const annotation = clone(entry.annotations[position]!);
    entry.annotations[position] = annotation;
    const record = annotation as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete record[key];
      else record[key] = value;
    }
    if (patch.start !== undefined || patch.end !== undefined) {
      annotation.text = entry.offsets.slice(annotation.start, annotation.end);
      Object.assign(annotation, contextAround(entry.offsets, annotation.start, annotation.end));
      if (annotation.status === 'orphaned') delete annotation.status;
    }
    this.changed(entry, true);
    await this.persist(entry);
  }

  /**
   * Remove annotations.
   * @param document the document
   * @param ids the annotations' ids
   * @returns copies of the whole records removed, for `restore`
   */
  async remove(document: L, ids: readonly string[]): Promise<Annotation[]> {
    const entry = this.entries.get(this.at.key(document));
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
   * @param document the document
   * @param records the records `remove` returned
   * @returns the outcome of each record that had to be looked for again
   */
  async restore(document: L, records: readonly Annotation[]): Promise<AnchorResult[]> {
    const entry = await this.entryFor(document);
    const clash = records.find((r) => entry.annotations.some((a) => a.id === r.id));
    // Never two records of one id: the id was taken again (by an edit of the sidecar elsewhere).
    if (clash) throw new Error(`annotation ${clash.id} is in ${basename(this.at.path(entry.sidecarUri))} again; nothing was restored`);
    return this.putBack(document, entry, records.map(clone));
  }

  /**
   * Add records to a document's and write them; one whose text is no longer at its offsets is looked
   * for again first.
   * @param document the document
   * @param entry its entry
   * @param records the records (the entry's own from now on)
   * @returns where the records looked for again were found
   */
  private async putBack(document: L, entry: Entry<L>, records: Annotation[]): Promise<AnchorResult[]> {
    const moved = records.filter((a) => a.status !== 'orphaned' && entry.offsets.slice(a.start, a.end) !== a.text);
    for (const a of moved) a.status = 'orphaned';
    entry.annotations.push(...records);
    if (moved.length > 0) return this.reanchor(document, moved.map((a) => a.id));
    this.changed(entry, true);
    await this.persist(entry);
    return [];
  }

  /**
   * Change, add and remove records and set the `settled:` header in one step, written as one (settling
   * a dispute). A record put back whose text is no longer at its offsets is looked for again, as
   * `restore` does.
   * @param document the document
   * @param edit the records by id (a record to put in place of the one of that id, or null to remove
   *   it) and the header
   * @returns the edit that undoes this one: the records as they were, and the header
   */
  async edit(document: L, edit: RecordEdit): Promise<RecordEdit> {
    const entry = await this.entryFor(document);
    const before: RecordEdit = {
      records: new Map([...edit.records.keys()].map((id) => {
        const now = entry.annotations.find((a) => a.id === id);
        return [id, now ? clone(now) : null];
      })),
      // A sidecar without the header gets the one its records call for, so that undo can say it.
      settled: entry.settled ?? !entry.annotations.some((a) => a.dispute),
    };
    const put = [...edit.records.values()].filter((a): a is Annotation => a !== null).map(clone);
    entry.annotations = entry.annotations.filter((a) => !edit.records.has(a.id));
    for (const [id, record] of edit.records) {
      if (record === null) entry.drift.delete(id);
    }
    entry.settled = edit.settled;
    await this.putBack(document, entry, put);
    return before;
  }

  /**
   * Re-anchor annotations against the current text and write their new places: an orphan is looked
   * for again, a drifted one keeps the place already found.
   * @param document the document
   * @param ids the annotations (all drifted and orphaned ones when omitted)
   * @returns the outcome per annotation looked for again
   */
  async reanchor(document: L, ids?: readonly string[]): Promise<AnchorResult[]> {
    const entry = this.entries.get(this.at.key(document));
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
   * the order the editor gives them, converted to code points over the text just before it.
   * @param document the changed document
   * @param changes the event's content changes (none: only its dirty state changed)
   */
  applyTextChanges(document: OpenDocument<L>, changes: readonly EditorTextChange[]): void {
    const entry = this.entries.get(this.at.key(document.uri));
    if (!entry) return;
    if (changes.length === 0) {
      // A change of the dirty state only: a document back to its saved text can be written now.
      if (!document.isDirty && entry.unwritten) void this.persistInBackground(entry);
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
      entry.anchorAll(index);
    }
    entry.offsets = index;
    entry.hasText = true;
    // A text seen before (undo, redo, a revert) brings back exactly the places the spans had then.
    for (const a of entry.history.restore(index.text, entry.annotations)) moved.add(a);
    if (!document.isDirty && entry.annotations.some((a) => a.status === 'orphaned' && moved.has(a))) {
      // Back to the file's text (a reload or revert) yet spans were lost on the way: find them again.
      entry.anchorAll(index);
    }
    this.changed(entry, moved.size > 0);
    if (!document.isDirty && entry.unwritten) void this.persistInBackground(entry);
  }

  /**
   * The document was saved: its annotations now count over the text on disk, so write them.
   * @param document the saved document
   */
  async documentSaved(document: L): Promise<void> {
    const entry = this.entries.get(this.at.key(document));
    if (entry?.unwritten) await this.persistInBackground(entry);
  }

  /**
   * An editor's document was opened or closed: make sure the annotations count over the text the
   * document now has (the buffer when open, the file when closed), and write changes that waited
   * for a save that will not come.
   * @param document the document
   */
  async documentOpenedOrClosed(document: L): Promise<void> {
    const entry = this.entries.get(this.at.key(document));
    if (!entry) return;
    const current = await currentText(this.ports, document);
    if (current.text === undefined || current.text === entry.offsets.text) return;
    entry.anchorAll(new OffsetIndex(current.text), entry.textHeld());
    entry.hasText = true;
    entry.history.clear();
    this.changed(entry, false);
    // Changes that waited for a save of a buffer now discarded are written over the file's text.
    if (entry.unwritten) await this.persistInBackground(entry);
  }

  /**
   * Re-read a sidecar and its document from disk (they changed, or appeared, or went away), keeping
   * unwritten changes by merging them in, and re-anchor against the document's current text.
   * @param file the sidecar, or an annotated document
   */
  async reload(file: L): Promise<void> {
    const key = this.at.key(file);
    const ofSidecar = this.bySidecar.get(key);
    // The echo of our own write: looked at before queueing, so that it never holds up the next write.
    if (ofSidecar?.diskSource !== undefined && sameStamp(await this.files.stat(file), ofSidecar.diskStamp)) return;
    const entry = ofSidecar ?? this.entries.get(key);
    if (entry) await this.enqueue(entry, () => this.load(entry.sidecarUri, ofSidecar !== undefined));
    else if (isSidecarPath(this.at.path(file))) await this.load(file);
  }

  /**
   * A document was renamed or moved: its sidecar goes along (written under the new name with its
   * `document:` key updated, then the old one deleted). A renamed folder just carries its files.
   * Relations that point into what moved, and those listed by what moved, are rewritten to name their
   * targets' documents from the new places.
   * @param from where the document or folder was
   * @param to where it is now
   */
  async moveDocument(from: L, to: L): Promise<void> {
    const pathsBefore = new Map([...this.entries.values()].map((e) => [e, this.at.path(e.documentUri)]));
    const entry = this.entries.get(this.at.key(from));
    if (entry) await this.enqueue(entry, () => this.moveSidecar(entry, to));
    else {
      const oldKey = this.at.key(from);
      const prefix = oldKey.endsWith('/') ? oldKey : oldKey + '/';
      const oldFolder = this.at.path(from).replace(/\/?$/, '/');
      const newFolder = this.at.path(to).replace(/\/?$/, '/');
      for (const moved of [...this.entries.values()].filter((e) => this.at.key(e.documentUri).startsWith(prefix))) {
        const rest = this.at.path(moved.documentUri).slice(oldFolder.length);
        this.rekey(moved, this.at.withPath(to, newFolder + rest));
      }
    }
    await this.moveRelations(pathsBefore, { from: this.at.path(from).replace(/\/$/, ''), to: this.at.path(to).replace(/\/$/, '') });
  }

  /**
   * After a move, rewrite the `document:` of the relations that point into what moved, in every
   * sidecar, and of those listed by what moved (see `relationsAfterMove`); written as any edit is.
   * @param pathsBefore each entry's document path before the move
   * @param move what moved
   */
  private async moveRelations(pathsBefore: ReadonlyMap<Entry<L>, string>, move: DocumentMove): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const [entry, path] of pathsBefore) {
      if (this.entries.get(this.at.key(entry.documentUri)) !== entry) continue; // gone meanwhile
      const annotations = relationsAfterMove(path, entry.annotations, move);
      if (!annotations) continue;
      entry.annotations = annotations;
      this.changed(entry, true);
      writes.push(this.persist(entry));
    }
    await Promise.all(writes);
  }

  /**
   * Take back annotation changes a past session could not write: merged by id into the sidecar's
   * records as unwritten changes, as if they had been made here, and anchored against the document's
   * current text (one that does not hold there is found again by its text).
   * @param document the document
   * @param pending the changes: the sidecar's records they were made from, and the annotations with them
   * @returns the ids changed both in the changes and in the sidecar since (the changes were kept)
   */
  async restorePending(document: L, pending: { base: readonly Annotation[]; annotations: readonly Annotation[] }): Promise<string[]> {
    const entry = await this.entryFor(document);
    const current = entry.unwritten ? entry.annotations : entry.base.map(clone);
    const merged = mergeById(pending.base.map(clone), pending.annotations.map(clone), current);
    entry.annotations = merged.annotations;
    entry.anchorAll(entry.offsets);
    this.changed(entry, true);
    await this.persist(entry);
    return merged.conflicts;
  }

  /**
   * The annotations of a document that contain an offset (innermost first).
   * @param document the document
   * @param offset code point
   */
  annotationsAt(document: L, offset: number): Annotation[] {
    const entry = this.entries.get(this.at.key(document));
    if (!entry) return [];
    return entry.annotations
      .filter((a) => a.status !== 'orphaned' && a.start <= offset && offset <= a.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  /** Check every document again against the label configurations (one of them changed). */
  refreshAllFindings(): void {
    for (const entry of this.entries.values()) this.refreshFindings(entry);
  }

  /** Resolves once every read and write queued so far (and those they queue) is done: what a change would write is on disk then. */
  async idle(): Promise<void> {
    for (;;) {
      const queues = [...this.entries.values()].map((e) => e.queue);
      await Promise.all(queues);
      if ([...this.entries.values()].every((e, i) => e.queue === queues[i])) return;
    }
  }

  /** Stop the polls of held writes. */
  dispose(): void {
    for (const entry of this.entries.values()) entry.heldPoll?.cancel();
  }

  // ---- loading --------------------------------------------------------------------------------

  /**
   * Read one sidecar and its document and bring the entry in line with them.
   * @param sidecarUri the sidecar
   * @param sidecarChanged whether only the sidecar is said to have changed (a file-system event for it):
   *   then nothing is done when it is as this engine last read or wrote it, which is the echo of a write
   */
  private async load(sidecarUri: L, sidecarChanged = false): Promise<void> {
    const readAt = this.ports.clock.now();
    const stamp = await this.files.stat(sidecarUri);
    if (stamp?.link) return this.loadLink(sidecarUri);
    const existing = this.bySidecar.get(this.at.key(sidecarUri));
    // Unchanged since this engine last read or wrote it (the echo of our own write, a document changed
    // beside it): the text held is the file's, so it is neither read nor parsed again.
    const unchanged = stamp !== undefined && existing?.diskSource !== undefined && sameStamp(stamp, existing.diskStamp);
    if (unchanged && sidecarChanged) return;
    const source = unchanged ? existing.diskSource : await readSidecarText(this.files, sidecarUri);
    if (source === undefined) {
      if (!existing) return;
      const documentGone = (await documentOnDisk(this.files, existing.documentUri)).problem === 'missing' && !this.ports.editor.openDocument(existing.documentUri);
      if (!existing.unwritten || documentGone) this.drop(existing);
      else existing.setDisk(undefined, undefined); // deleted while changes wait: the next write recreates it
      return;
    }
    if (existing && source === existing.diskSource && (await this.sameText(existing))) return; // often the echo of our own write
    const read = this.reader.read(sidecarUri, stamp, source, readAt, this.sources);
    const namedPath = read.sidecar ? documentPathFromKey(this.at.path(sidecarUri), read.sidecar.document) : undefined;
    const documentUri = this.at.withPath(sidecarUri, namedPath ?? documentPathFor(this.at.path(sidecarUri)));
    let entry = existing;
    if (entry && this.at.key(entry.documentUri) !== this.at.key(documentUri)) this.rekey(entry, documentUri);
    if (!entry) {
      entry = this.addEntry(documentUri, sidecarUri);
    }
    const current = await currentText(this.ports, documentUri);
    const nothingNew =
      existing &&
      source === existing.diskSource &&
      current.text !== undefined &&
      current.text === existing.offsets.text &&
      current.problem === existing.documentProblem;
    if (nothingNew) return; // often the echo of our own write
    this.absorb(entry, source, read, current, stamp);
    if (read.sidecar && namedPath === undefined) {
      entry.fileFindings.push(documentOutsideFolder(read.sidecar.document, this.at.path(sidecarUri), documentKeyLine(source)));
    }
    this.changed(entry, false);
    if (entry.unwritten) void this.persistInBackground(entry);
  }

  /**
   * A sidecar that is a symbolic link: neither read nor ever written (through the link or over it);
   * reported at its first line. Annotations made meanwhile are held until it is a plain file.
   */
  private async loadLink(sidecarUri: L): Promise<void> {
    let entry = this.bySidecar.get(this.at.key(sidecarUri));
    if (!entry) {
      const documentUri = this.at.withPath(sidecarUri, documentPathFor(this.at.path(sidecarUri)));
      entry = this.addEntry(documentUri, sidecarUri);
      const current = await currentText(this.ports, documentUri);
      entry.hasText = current.text !== undefined;
      entry.offsets = new OffsetIndex(current.text ?? '');
    }
    entry.writable = false;
    entry.fileFindings = [{ severity: 'error', code: 'sidecar-link', message: `${basename(this.at.path(sidecarUri))} ${LINK_PROBLEM}`, line: 1, column: 1 }];
    this.changed(entry, false);
  }

  /** Whether an entry's document text (and its problem, if any) is still the one the entry holds. */
  private async sameText(entry: Entry<L>): Promise<boolean> {
    const current = await currentText(this.ports, entry.documentUri);
    return current.text !== undefined && current.text === entry.offsets.text && current.problem === entry.documentProblem;
  }

  /**
   * Take in what was read from disk: merge unwritten changes, anchor against the text.
   * @param stamp the sidecar file's stamp taken before it was read
   */
  private absorb(entry: Entry<L>, source: string, read: SidecarReadResult, current: DocumentText, stamp: FileStamp | undefined): void {
    const disk = read.sidecar?.annotations ?? []; // may be the cache's own: copied before anything changes them
    const known = entry.diskSource !== undefined || entry.unwritten;
    // Only the document changed (an outside edit, a git pull): the annotations read are the ones held,
    // verified against the text held, which re-anchoring then diffs from.
    const verifiedText = source === entry.diskSource && !entry.unwritten ? entry.textHeld() : undefined;
    if (!read.writable && known) {
      // An unreadable file says nothing about what was removed: keep what we hold, and the old base
      // to merge against once the file is fixed.
      entry.writable = false;
      entry.setDisk(source, stamp);
      entry.fileFindings = [...read.findings];
      entry.recordLines = read.recordLines;
      if (current.text !== undefined) entry.anchorAll(new OffsetIndex(current.text), entry.textHeld());
      return;
    }
    let annotations: Annotation[];
    if (entry.unwritten) {
      const merged = mergeById(entry.base, entry.annotations, disk.map(clone));
      annotations = merged.annotations;
      if (merged.conflicts.length > 0) {
        this.ports.notify(
          'warning',
          `${basename(this.at.path(entry.sidecarUri))} changed on disk while ${merged.conflicts.length} annotation(s) had unsaved changes here too; the changes made here were kept for ${merged.conflicts.join(', ')}.`,
          entry.sidecarUri,
        );
      }
    } else {
      annotations = disk.map(clone);
    }
    entry.writable = read.writable;
    entry.setDisk(source, stamp);
    entry.base = disk.map(clone);
    entry.recordLines = read.recordLines;
    entry.fileFindings = [...read.findings];
    if (read.sidecar) {
      entry.version = read.sidecar.version;
      entry.documentKey = read.sidecar.document;
    }
    entry.source = read.sidecar?.source;
    const settled = read.sidecar?.settled;
    entry.settled = typeof settled === 'boolean' ? settled : undefined;
    const rejected = read.sidecar?.rejected;
    entry.rejectedReadable = rejected === undefined || Array.isArray(rejected);
    // Rejections made here and not yet written join those on disk.
    const onDisk = Array.isArray(rejected) ? rejected.map((r) => ({ ...r })) : [];
    const pending = entry.unwritten ? entry.rejected.filter((r) => !onDisk.some((d) => sameRejection(d, r))) : [];
    entry.rejected = [...onDisk, ...pending];
    entry.annotations = annotations;
    entry.drift.clear();
    entry.placements.clear();
    entry.history.clear();
    entry.documentProblem = current.problem;
    if (current.problem !== undefined) entry.fileFindings.push(documentFinding(entry.documentKey, current.problem, documentKeyLine(source)));
    if (current.text !== undefined) {
      entry.hasText = true;
      entry.anchorAll(new OffsetIndex(current.text), verifiedText);
    } else {
      entry.hasText = false;
      entry.offsets = new OffsetIndex('');
    }
    if (entry.writable) entry.heldReason = undefined;
  }

  /** The entry of a document, created (with no sidecar yet) when there is none. */
  private async entryFor(documentUri: L): Promise<Entry<L>> {
    const key = this.at.key(documentUri);
    const documentPath = this.at.path(documentUri);
    const sidecarUri = this.at.withPath(documentUri, sidecarPathFor(documentPath));
    if (!this.entries.has(key)) await this.load(sidecarUri); // a sidecar the index did not see (excluded, or just created)
    let entry = this.entries.get(key);
    if (!entry) {
      const current = await currentText(this.ports, documentUri);
      if (current.text === undefined) throw new Error(`${documentPath} cannot be annotated: it ${current.problem === 'missing' ? 'does not exist' : (current.problem ?? '')}`);
      entry = this.addEntry(documentUri, sidecarUri);
      entry.offsets = new OffsetIndex(current.text);
      entry.hasText = true;
    }
    if (!entry.hasText) throw new Error(`${documentPath} cannot be annotated: its text could not be read`);
    const open = this.ports.editor.openDocument(documentUri);
    const buffer = open && normalizeText(open.getText());
    if (buffer !== undefined && buffer !== entry.offsets.text) {
      // The buffer moved on without us (opened before the index finished): anchor to what it holds.
      entry.anchorAll(new OffsetIndex(buffer), entry.textHeld());
      entry.history.clear();
    }
    return entry;
  }

  private addEntry(documentUri: L, sidecarUri: L): Entry<L> {
    const entry = new Entry(documentUri, sidecarUri, basename(this.at.path(documentUri)));
    this.entries.set(this.at.key(documentUri), entry);
    this.bySidecar.set(this.at.key(sidecarUri), entry);
    return entry;
  }

  private drop(entry: Entry<L>): void {
    this.reader.forget(entry.sidecarUri);
    this.entries.delete(this.at.key(entry.documentUri));
    this.bySidecar.delete(this.at.key(entry.sidecarUri));
    this.ports.changed([entry.documentUri]);
  }

  private rekey(entry: Entry<L>, documentUri: L, sidecarUri?: L): void {
    const oldDocument = entry.documentUri;
    this.entries.delete(this.at.key(entry.documentUri));
    this.bySidecar.delete(this.at.key(entry.sidecarUri));
    entry.documentUri = documentUri;
    entry.sidecarUri = sidecarUri ?? this.at.withPath(documentUri, sidecarPathFor(this.at.path(documentUri)));
    this.entries.set(this.at.key(documentUri), entry);
    this.bySidecar.set(this.at.key(entry.sidecarUri), entry);
    this.ports.changed([oldDocument, documentUri]);
  }

  // ---- writing --------------------------------------------------------------------------------

  /** Run work on an entry after the writes already queued for it. */
  private enqueue<T>(entry: Entry<L>, work: () => Promise<T>): Promise<T> {
    const next = entry.queue.then(work, work);
    entry.queue = next.catch(() => undefined);
    return next;
  }

  /** Write the entry's sidecar now if its document has no unsaved changes; otherwise its save will. */
  private persist(entry: Entry<L>): Promise<void> {
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
  private persistInBackground(entry: Entry<L>): Promise<void> {
    return this.persist(entry).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      this.ports.notify(
        'error',
        `could not write ${basename(this.at.path(entry.sidecarUri))} (${why}); the file is left as it was, and your annotation changes are kept for the next write.`,
        entry.sidecarUri,
      );
    });
  }

  private async write(entry: Entry<L>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const held = this.whyHeld(entry);
      if (held) return this.hold(entry, held);
      // A stat first: the file is read (and parsed) again only when it is not as this engine left it.
      const stamp = await this.files.stat(entry.sidecarUri);
      const onDisk = stamp !== undefined && entry.diskSource !== undefined && sameStamp(stamp, entry.diskStamp) ? entry.diskSource : await readSidecarText(this.files, entry.sidecarUri);
      if (onDisk !== entry.diskSource && onDisk !== undefined) {
        // Someone else wrote the sidecar since we read it: take their changes in first.
        const read = readSidecar(onDisk, this.sources);
        this.absorb(entry, onDisk, read, { text: entry.offsets.text, problem: entry.documentProblem }, stamp);
        this.refreshFindings(entry);
        if (!entry.writable) return this.hold(entry, this.whyHeld(entry)!);
      }
      if (this.isDirty(entry.documentUri)) return; // edited while we read: the save will write
      entry.refreshContexts();
      const text = writeSidecar(entry.toSidecar(), onDisk, this.sources, entry.revision);
      // Replaced only if nobody wrote it since the stat: otherwise their change is merged in first, and the write starts over.
      const outcome = await this.files.writeIfUnchanged(entry.sidecarUri, text, { text: onDisk, stamp }, this.sources.bytesOf(text));
      if (!outcome.written) {
        if (attempt < MAX_WRITE_ATTEMPTS) continue;
        throw new Error(`it kept changing on disk while it was being written, ${MAX_WRITE_ATTEMPTS} times`);
      }
      // The writer's own text: read back without parsing, taking the base's records that the write kept.
      const written = readSidecar(text, this.sources, entry.base);
      entry.setDisk(text, outcome.stamp);
      entry.base = written.sidecar?.annotations ?? entry.annotations.map(clone); // the reader's own copies of what was written
      entry.recordLines = written.recordLines;
      entry.fileFindings = [...written.findings];
      entry.unwritten = false;
      entry.drift.clear();
      entry.placements.clear();
      entry.heldReason = undefined;
      this.refreshFindings(entry);
      this.ports.changed([entry.documentUri]);
      return;
    }
  }

  private isDirty(documentUri: L): boolean {
    return this.ports.editor.openDocument(documentUri)?.isDirty ?? false;
  }

  /** Why the sidecar must not be written now, if it must not. */
  private whyHeld(entry: Entry<L>): string | undefined {
    const name = basename(this.at.path(entry.sidecarUri));
    if (!entry.writable) {
      const error = entry.fileFindings.find((f) => f.severity === 'error') ?? entry.fileFindings[0];
      const where = error ? ` (line ${error.line}: ${error.message})` : '';
      return `${name} cannot be read${where}. Fix it and save it; your annotation changes are kept until then.`;
    }
    if (this.isDirty(entry.sidecarUri)) return `${name} has unsaved edits in an editor. Save or revert them; your annotation changes are kept until then.`;
    return undefined;
  }

  private hold(entry: Entry<L>, reason: string): void {
    this.watchWhileHeld(entry);
    if (entry.heldReason === reason) return;
    entry.heldReason = reason;
    this.ports.notify('warning', reason, entry.sidecarUri);
  }

  /**
   * Look at a held sidecar every second until it can be written: the user fixes it in an editor or
   * elsewhere, and a file system watcher can miss that (files in folders created in a burst are not
   * always watched), yet the held changes must reach the file.
   */
  private watchWhileHeld(entry: Entry<L>): void {
    if (entry.heldPoll) return;
    entry.heldPoll = this.ports.clock.every(HELD_POLL_MS, () => {
      const stillHeld = this.bySidecar.get(this.at.key(entry.sidecarUri)) === entry && entry.unwritten && entry.heldReason !== undefined;
      if (!stillHeld) {
        entry.heldPoll?.cancel();
        entry.heldPoll = undefined;
        return undefined;
      }
      return this.reload(entry.sidecarUri)
        .then(() => (entry.writable && entry.unwritten ? this.persistInBackground(entry) : undefined))
        .catch(() => undefined);
    });
  }

  private async moveSidecar(entry: Entry<L>, newDocumentUri: L): Promise<void> {
    const oldSidecar = entry.sidecarUri;
    const newSidecar = this.at.withPath(newDocumentUri, sidecarPathFor(this.at.path(newDocumentUri)));
    const onDisk = await readSidecarText(this.files, oldSidecar);
    if ((await this.files.stat(newSidecar)) !== undefined) return this.keepSidecar(entry, newDocumentUri, newSidecar);
    const documentKey = basename(this.at.path(newDocumentUri));
    if (onDisk === undefined) {
      // Nothing on disk yet: the next write creates the new sidecar.
      this.rekey(entry, newDocumentUri, newSidecar);
      entry.documentKey = documentKey;
      entry.setDisk(undefined, undefined);
      entry.unwritten = true;
      return;
    }
    const read = readSidecar(onDisk, this.sources);
    if (!read.writable || !read.sidecar) {
      // Cannot be rewritten: move the file as it is; the user fixes its document key with it.
      this.rekey(entry, newDocumentUri, newSidecar);
      entry.documentKey = documentKey;
      await this.files.rename(oldSidecar, newSidecar);
      entry.setDisk(onDisk, undefined);
      await this.load(newSidecar);
      return;
    }
    const text = writeSidecar({ ...read.sidecar, document: documentKey }, onDisk, this.sources);
    // Created only where no file is: one that appeared since the look above is not overwritten.
    if (!(await this.files.writeIfUnchanged(newSidecar, text, { text: undefined, stamp: undefined })).written) return this.keepSidecar(entry, newDocumentUri, newSidecar);
    this.rekey(entry, newDocumentUri, newSidecar);
    entry.documentKey = documentKey;
    await this.files.delete(oldSidecar);
    entry.setDisk(text, undefined);
    await this.load(newSidecar);
  }

  /** The renamed document's new sidecar name is taken: its annotations stay where they are, and the user is told. */
  private keepSidecar(entry: Entry<L>, newDocumentUri: L, taken: L): void {
    const oldSidecar = entry.sidecarUri;
    this.rekey(entry, newDocumentUri, oldSidecar);
    this.ports.notify(
      'warning',
      `${basename(this.at.path(taken))} already exists, so the annotations stay in ${basename(this.at.path(oldSidecar))}; merge the two files by hand.`,
      oldSidecar,
    );
  }

  // ---- findings and events -----------------------------------------------------------------

  private refreshFindings(entry: Entry<L>): void {
    entry.findings = [
      ...entry.fileFindings,
      ...entry.recordFindings.findings({
        annotations: entry.annotations,
        text: entry.offsets,
        config: entry.writable ? this.ports.labelsFor(entry.documentUri) : undefined,
        recordLines: entry.recordLines,
        drift: entry.drift,
        placements: entry.placements,
      }),
    ];
  }

  /**
   * The annotations or findings changed in memory.
   * @param edited whether the annotations now differ from the sidecar on disk in a way that should be written
   */
  private changed(entry: Entry<L>, edited: boolean): void {
    if (edited) entry.unwritten = true;
    if (entry.hasText) entry.history.record(entry.offsets.text, entry.annotations);
    this.refreshFindings(entry);
    this.ports.changed([entry.documentUri]);
  }
}

/** The finding for a document that could not be read ('missing', or why it is not text). */
function documentFinding(documentKey: string, problem: string, line: number): Finding {
  return problem === 'missing' ? documentMissing(documentKey, line) : documentUnreadable(documentKey, problem, line);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function sameRejection(a: RejectedSuggestion, b: RejectedSuggestion): boolean {
  return a.label === b.label && a.text === b.text && a.before === b.before;
}
