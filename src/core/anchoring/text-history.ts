/**
 * Where the annotations of a document were for each text it recently had, so that undo and redo,
 * which bring back an earlier text exactly, also bring back the spans exactly (live tracking alone
 * cannot: a span whose text was deleted and re-inserted would come back shrunk or orphaned).
 */
import type { Annotation } from '../model';

/** The place of one annotation in one version of the text. */
type Place = Pick<Annotation, 'start' | 'end' | 'text' | 'status'>;

/** How many texts are remembered per document. */
const CAPACITY = 200;

/** Snapshots of annotation places keyed by the text they belong to (a hash and the length). */
export class TextHistory {
  private readonly snapshots = new Map<string, Map<string, Place>>();
  /** The text recorded last and its key: most records are for the text recorded just before (a tag, an edit of a note). */
  private newest: { text: string; key: string } | undefined;

  /**
   * Remember where the annotations are in this text.
   * @param text the normalised text
   * @param annotations the annotations, offsets over that text
   */
  record(text: string, annotations: readonly Annotation[]): void {
    const newest = this.newest;
    const snapshot = newest?.text === text ? this.snapshots.get(newest.key) : undefined;
    if (snapshot) {
      // The same text again: update its snapshot in place rather than hash the text and copy every place.
      let known = 0;
      for (const a of annotations) {
        const place = snapshot.get(a.id);
        if (place) known++;
        if (!place || !samePlace(a, place)) snapshot.set(a.id, placeOf(a));
      }
      if (known !== snapshot.size - (annotations.length - known)) {
        // Some annotations were removed: forget their places, so an id used again later is not moved to them.
        const ids = new Set(annotations.map((a) => a.id));
        for (const id of snapshot.keys()) if (!ids.has(id)) snapshot.delete(id);
      }
      return;
    }
    const key = textKey(text);
    this.newest = { text, key };
    this.snapshots.delete(key); // re-insert as the newest
    this.snapshots.set(key, new Map(annotations.map((a) => [a.id, placeOf(a)])));
    if (this.snapshots.size > CAPACITY) this.snapshots.delete(this.snapshots.keys().next().value!);
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
    const restored: Annotation[] = [];
    for (const a of annotations) {
      const place = snapshot.get(a.id);
      if (!place || samePlace(a, place)) continue;
      a.start = place.start;
      a.end = place.end;
      a.text = place.text;
      if (place.status) a.status = place.status;
      else delete a.status;
      restored.push(a);
    }
    return restored;
  }

  /** Forget every text (after the document was reloaded from disk). */
  clear(): void {
    this.snapshots.clear();
    this.newest = undefined;
  }
}

function placeOf(a: Annotation): Place {
  return a.status ? { start: a.start, end: a.end, text: a.text, status: a.status } : { start: a.start, end: a.end, text: a.text };
}

function samePlace(a: Annotation, p: Place): boolean {
  return a.start === p.start && a.end === p.end && a.text === p.text && a.status === p.status;
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
