/**
 * Where the annotations of a document were for each text it recently had, so that undo and redo,
 * which bring back an earlier text exactly, also bring back the spans exactly (live tracking alone
 * cannot: a span whose text was deleted and re-inserted would come back shrunk or orphaned).
 */
import type { Annotation } from '../model';

/**
 * The places of the annotations in one text, in flat arrays: a document of 10,000 annotations records
 * one snapshot per keystroke, and a map of place objects per snapshot held about 1 KB per annotation
 * across the history; these hold 17 bytes per annotation (the ids are shared between snapshots while
 * they stay the same).
 */
interface Snapshot {
  readonly ids: readonly string[];
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly texts: readonly string[];
  readonly orphaned: Uint8Array;
  /** Position of each id in `ids`, made when the snapshot is first restored. */
  byId?: Map<string, number>;
}

/** How many texts are remembered per document, at most. */
const CAPACITY = 200;

/** How many places all of a document's snapshots hold, at most: a large document remembers fewer texts. */
const MAX_PLACES = 1_000_000;

/** Snapshots of annotation places keyed by the text they belong to (a hash and the length). */
export class TextHistory {
  private readonly snapshots = new Map<string, Snapshot>();
  private places = 0;
  /** The ids of the snapshot made last, shared by the next one when they have not changed. */
  private lastIds: readonly string[] | undefined;
  /** The text recorded last and its key: most records are for the text recorded just before (a tag, an edit of a note). */
  private newest: { text: string; key: string } | undefined;

  /**
   * Remember where the annotations are in this text.
   * @param text the normalised text
   * @param annotations the annotations, offsets over that text
   */
  record(text: string, annotations: readonly Annotation[]): void {
    const key = this.newest?.text === text ? this.newest.key : textKey(text);
    this.newest = { text, key };
    const previous = this.snapshots.get(key);
    if (previous) {
      this.snapshots.delete(key); // re-inserted as the newest
      this.places -= previous.ids.length;
    }
    const snapshot = snapshotOf(annotations, this.lastIds);
    this.lastIds = snapshot.ids;
    this.snapshots.set(key, snapshot);
    this.places += snapshot.ids.length;
    for (const [oldest, dropped] of this.snapshots) {
      if (this.snapshots.size <= 1 || (this.snapshots.size <= CAPACITY && this.places <= MAX_PLACES)) break;
      this.snapshots.delete(oldest);
      this.places -= dropped.ids.length;
    }
  }

  /**
   * Put the annotations back where they were when the document last had this text. Annotations
   * the snapshot does not know (added since) keep their places.
   * @param text the normalised text now
   * @param annotations the annotations, changed in place
   * @returns the annotations that were moved back
   */
  restore(text: string, annotations: readonly Annotation[]): Annotation[] {
    const snapshot = this.snapshots.get(textKey(text));
    if (!snapshot) return [];
    snapshot.byId ??= new Map(snapshot.ids.map((id, i) => [id, i]));
    const restored: Annotation[] = [];
    for (const a of annotations) {
      const i = snapshot.byId.get(a.id);
      if (i === undefined) continue;
      const start = snapshot.starts[i]!;
      const end = snapshot.ends[i]!;
      const placeText = snapshot.texts[i]!;
      const orphaned = snapshot.orphaned[i] === 1;
      if (a.start === start && a.end === end && a.text === placeText && (a.status === 'orphaned') === orphaned) continue;
      a.start = start;
      a.end = end;
      a.text = placeText;
      if (orphaned) a.status = 'orphaned';
      else if (a.status === 'orphaned') delete a.status;
      restored.push(a);
    }
    return restored;
  }

  /** Forget every text (after the document was reloaded from disk). */
  clear(): void {
    this.snapshots.clear();
    this.places = 0;
    this.newest = undefined;
    this.lastIds = undefined;
  }
}

/** The places of the annotations, sharing `ids` when they are the same ids in the same order. */
function snapshotOf(annotations: readonly Annotation[], ids: readonly string[] | undefined): Snapshot {
  const n = annotations.length;
  const sameIds = ids !== undefined && ids.length === n && annotations.every((a, i) => a.id === ids[i]);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const texts = new Array<string>(n);
  const orphaned = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = annotations[i]!;
    starts[i] = a.start;
    ends[i] = a.end;
    texts[i] = a.text;
    orphaned[i] = a.status === 'orphaned' ? 1 : 0;
  }
  return { ids: sameIds ? ids : annotations.map((a) => a.id), starts, ends, texts, orphaned };
}

/** A 53-bit hash of the text (cyrb53) with its length: collisions between two texts of one document's recent history are negligible. */
function textKey(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length}:${(h2 >>> 0).toString(36)}${(h1 >>> 0).toString(36)}`;
}
