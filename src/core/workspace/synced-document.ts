/**
 * The state the document-sync engine keeps per annotated document, and the anchoring steps that
 * change it. `SyncedDocument` is what the rest of the editor sees of it.
 */
import { contextAround } from '../anchoring/context';
import { holds, reanchor } from '../anchoring/reanchor';
import { TextHistory } from '../anchoring/text-history';
import { FORMAT_VERSION, type Annotation, type DocumentSource, type Finding, type RejectedSuggestion, type Sidecar } from '../model';
import { OffsetIndex } from '../text';
import type { Placement } from './anchor-findings';
import { RecordFindings } from './record-findings';
import type { FileStamp, Timer } from './ports';

/** One annotated document as the rest of the extension sees it. */
export interface SyncedDocument<L> {
  /** The annotated document. */
  readonly documentUri: L;
  /** Its sidecar. */
  readonly sidecarUri: L;
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
  /** Where the document was published (the sidecar's `source:` header as last read); undefined without one. */
  readonly source: DocumentSource | undefined;
  /** Suggestions turned down (the sidecar's `rejected:` header), not to be offered again. */
  readonly rejected: readonly RejectedSuggestion[];
  /** The sidecar's `settled:` header (written by `adjudicate`, kept by settling); undefined without one. */
  readonly settled: boolean | undefined;
  /** The sidecar's content as last read or written (undefined: there is no file): where its findings point. */
  readonly diskSource: string | undefined;
}

/** The state kept per annotated document. */
export class Entry<L> implements SyncedDocument<L> {
  /**
   * Over one text (`offsets`), a record that changes is replaced by a new object: what is kept per
   * record (findings, highlights) tells a changed record by that alone. Only following an edit of the
   * text (a new `offsets`) are records moved in place, and their stored contexts are kept current in place.
   */
  annotations: Annotation[] = [];
  /**
   * A token replaced whenever records may have been moved or changed in place: at every new text
   * (`offsets`), and when a context refresh changes a record. Records that are the very objects
   * written at the same revision are unchanged since (the writer then need not compare them).
   */
  revision: object = {};
  private currentOffsets = new OffsetIndex('');
  findings: Finding[] = [];
  writable = true;
  hasText = false;
  unwritten = false;
  /** Sidecar format version and `document:` key, kept as read. */
  version = FORMAT_VERSION;
  /** The sidecar's `source:` header, kept as read (the writer keeps it in the file). */
  source: DocumentSource | undefined;
  rejected: RejectedSuggestion[] = [];
  /** The sidecar's `settled:` header, kept as read when it is true or false (another value is kept in the file as it is). */
  settled: boolean | undefined;
  /** False when the sidecar has a `rejected:` header that could not be read: it is kept as it is, and nothing is added to it. */
  rejectedReadable = true;
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
  /** The label and anchoring findings, kept from one change to the next. */
  readonly recordFindings = new RecordFindings();
  /** Writes of this sidecar, one after the other. */
  queue: Promise<unknown> = Promise.resolve();
  /** Why the document's text could not be read from disk ('missing', not text), if it could not. */
  documentProblem: string | undefined;
  /** While a write is held: the timer that looks at the sidecar again. */
  heldPoll: Timer | undefined;
  /** Why the last write was held, so the user is told once, not at every keystroke. */
  heldReason: string | undefined;
  /**
   * The text and span each annotation's context was last taken from: a write after one change in
   * thousands of annotations takes the context of that one again, not of every one.
   */
  private readonly contextTaken = new WeakMap<Annotation, { index: OffsetIndex; start: number; end: number }>();
  /**
   * The records of the last refresh, by position, over `contextIndex`: over one text a record that
   * changes is a new object, so the same record at the same place needs no look-up in `contextTaken`
   * (a tag appends one record to thousands).
   */
  private contextRecords: (Annotation | undefined)[] = [];
  private contextIndex: OffsetIndex | undefined;

  /**
   * @param documentUri the document
   * @param sidecarUri its sidecar
   * @param documentKey the sidecar's `document:` key until one is read
   */
  constructor(
    public documentUri: L,
    public sidecarUri: L,
    public documentKey: string,
  ) {}

  /** Code-point offsets over the text the annotations count over; setting it starts a new `revision`. */
  get offsets(): OffsetIndex {
    return this.currentOffsets;
  }

  set offsets(index: OffsetIndex) {
    this.currentOffsets = index;
    this.revision = {};
  }

  /**
   * What the entry knows of its sidecar on disk: its text, and the file's stamp when that text was read or written.
   * @param source the text (undefined: there is no file)
   * @param stamp the stamp taken before it was read, or after it was written
   */
  setDisk(source: string | undefined, stamp: FileStamp | undefined): void {
    this.diskSource = source;
    this.diskStamp = source === undefined ? undefined : stamp;
  }

  /** The text the entry holds, which its annotations count over; undefined when it has none. */
  textHeld(): string | undefined {
    return this.hasText ? this.offsets.text : undefined;
  }

  /**
   * Anchor the annotations against a new text of the document and note those that moved. Given the
   * text they were verified against, every annotation is mapped through the diff from it (the same
   * `reanchor` as `check --fix`), and what that cannot place is searched for; without it, once any of
   * them does not hold, all of them go to the search, which weighs each placement against its
   * neighbours, held ones included (they are its witnesses, and one on its old offsets may be a copy or
   * an echo there).
   * @param index the new text's offset index, which becomes the entry's
   * @param previousText the text the annotations were verified against, if known
   */
  anchorAll(index: OffsetIndex, previousText?: string): void {
    const loose = previousText !== undefined || this.annotations.some((a) => a.status === 'orphaned' || !holds(a, index));
    const results = loose ? reanchor(this.annotations, index, { previousText }) : [];
    results.forEach((result, position) => {
      if (result.outcome === 'held' && this.annotations[position]!.status !== 'orphaned') return;
      const stored = this.base.find((b) => b.id === result.annotation.id);
      if (stored && !this.drift.has(stored.id)) this.drift.set(stored.id, clone(stored));
      this.placements.set(result.annotation.id, { method: result.method, score: result.score });
      this.annotations[position] = result.annotation;
    });
    for (const [id, stored] of this.drift) {
      const now = this.annotations.find((a) => a.id === id);
      if (now && now.start === stored.start && now.end === stored.end && now.text === stored.text && now.status === stored.status) {
        this.drift.delete(id);
        this.placements.delete(id);
      }
    }
    this.offsets = index;
  }

  /** The sidecar this document's state writes: its header, records and rejected suggestions (kept only when readable). */
  toSidecar(): Sidecar {
    return {
      version: this.version,
      document: this.documentKey,
      annotations: this.annotations,
      ...(this.settled !== undefined ? { settled: this.settled } : {}),
      ...(this.rejectedReadable && this.rejected.length > 0 ? { rejected: this.rejected } : {}),
    };
  }

  /** Keep the stored context of the annotations that carry one current, so later re-anchoring has the right clues. */
  refreshContexts(): void {
    const index = this.offsets;
    const records = this.contextIndex === index ? this.contextRecords : [];
    const annotations = this.annotations;
    for (let i = 0; i < annotations.length; i++) {
      const annotation = annotations[i]!;
      if (records[i] === annotation) continue;
      records[i] = undefined; // every slot written in order: the array stays packed
      if (annotation.status === 'orphaned' || (annotation.prefix === undefined && annotation.suffix === undefined)) continue;
      if (annotation.end > index.length) continue;
      const taken = this.contextTaken.get(annotation);
      if (!taken || taken.index !== index || taken.start !== annotation.start || taken.end !== annotation.end) {
        const { prefix, suffix } = contextAround(index, annotation.start, annotation.end);
        // Unchanged strings are kept: the writer tells an unchanged record at once when its strings are the very ones it wrote.
        if (annotation.prefix !== prefix || annotation.suffix !== suffix) {
          annotation.prefix = prefix;
          annotation.suffix = suffix;
          this.revision = {}; // changed in place: no longer what was written
        }
        this.contextTaken.set(annotation, { index, start: annotation.start, end: annotation.end });
      }
      records[i] = annotation;
    }
    records.length = annotations.length;
    this.contextRecords = records;
    this.contextIndex = index;
  }
}

/**
 * A copy of an annotation that shares nothing it could change.
 * @param a the annotation
 */
export function clone(a: Annotation): Annotation {
  return a.attributes ? { ...a, attributes: { ...a.attributes } } : { ...a };
}
