/**
 * A few recently read or written sidecar texts, prepared for splicing. Writing usually follows a read
 * or a write of the same text (the extension reads a sidecar, the user changes one annotation, the
 * store writes it with the text it read as `previousSource`); remembering the analysis saves parsing
 * that text a second time. Entries are keyed by the exact text and hold what was made of it, so they
 * can never be stale or changed by a caller; a written text's caller records (`writtenFrom`) are only
 * told by identity, at the caller's revision. The owner of a run of reads and writes (the sync engine) keeps one and
 * passes it to `readSidecar` and `writeSidecar`; callers that read or write once pass none.
 */

import type { PreparedSource } from './splice';

/** How many texts a cache keeps by default: a sidecar read, the text written from it, and a few others. */
const DEFAULT_CAPACITY = 4;

/** Prepared sidecar texts, the most recently used first. */
export class SourceCache {
  private readonly entries: PreparedSource[] = [];

  /** @param capacity how many texts are kept; the least recently used goes first */
  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * Remember a prepared text.
   * @param prepared the text and its analysis
   */
  remember(prepared: PreparedSource): void {
    const existing = this.entries.findIndex((entry) => entry.source === prepared.source);
    if (existing !== -1) this.entries.splice(existing, 1);
    this.entries.unshift(prepared);
    if (this.entries.length > this.capacity) this.entries.pop();
  }

  /**
   * The prepared form of a text, if it was remembered.
   * @param source the exact text
   */
  recall(source: string): PreparedSource | undefined {
    return this.entries.find((entry) => entry.source === source);
  }

  /**
   * The UTF-8 bytes of a text the writer made a moment ago, as pieces to write one after another,
   * when it knows them: most of them are the bytes of the text it was spliced into, so a large
   * sidecar is written without being encoded again (undefined: encode the text).
   * @param source the exact text
   */
  bytesOf(source: string): readonly Uint8Array[] | undefined {
    const lineText = this.recall(source)?.lineText;
    // The line text is the text itself only with LF line ends and no byte-order mark.
    return lineText?.bytes && lineText.text === source ? lineText.bytes.pieces.parts : undefined;
  }
}
