/**
 * A text whose every code point keeps its identity through edits, so that the true new place of any
 * span of the original text can be read off after the edits: the known answer that re-anchoring is
 * judged against. Truth rules (docs/anchoring.md, "Proof with known answers"):
 *
 * - a span's new bounds run from the first to the last of its surviving original code points, with
 *   whatever lies between them (text inserted strictly inside a span is inside it);
 * - a pure insertion exactly at a span's edge is outside it;
 * - text that replaced only code points of the span (its first or last word replaced) is inside it,
 *   also at its edges;
 * - text that replaced code points both inside and outside the span (a sentence replaced across the
 *   span's edge) may be taken either way: both bounds are accepted;
 * - a span none of whose code points survive is gone and must be orphaned;
 * - a span all of whose code points survive, contiguous and with nothing between them, is intact
 *   (possibly moved: a paragraph cut and pasted carries its code points along; a copy is new text);
 * - spaces and punctuation a replacement leaves as they were at either end are not replaced (a
 *   replaced sentence keeps its full stop, as any diff would see it); letters and digits are.
 */

/** One code point of the edited text. */
interface Cell {
  /** The code point (one or two UTF-16 units). */
  ch: string;
  /** Its offset in the original text, or -1 for inserted text. */
  id: number;
  /** The edit that inserted it, or -1 for original (or moved) text. */
  edit: number;
}

/** What one edit removed: the original code points, as offsets in the original text. */
interface EditRecord {
  deleted: number[];
}

/** Where a span of the original text truly is after the edits. */
export interface Truth {
  /** intact: same text, perhaps moved; edited: new bounds and text; gone: must be orphaned. */
  kind: 'intact' | 'edited' | 'gone';
  /** New bounds in code points over the edited (normalised) text; -1 when gone. */
  start: number;
  end: number;
  /** Further accepted bounds (an edit replaced text across the span's edge), beside start..end. */
  alternatives: { start: number; end: number }[];
}

/** An original text under edit, every code point followed by identity. */
export class TrackedText {
  private cells: Cell[];
  private readonly edits: EditRecord[] = [];
  private readonly originalLength: number;
  /** Current offset of each original code point (-1 when deleted), built when first asked after an edit. */
  private positions: Int32Array | undefined;

  /** @param original normalised text (code points are the unit) */
  constructor(original: string) {
    this.cells = [...original].map((ch, id) => ({ ch, id, edit: -1 }));
    this.originalLength = this.cells.length;
  }

  /** The current text. */
  get text(): string {
    let s = '';
    for (const c of this.cells) s += c.ch;
    return s;
  }

  /** The current length in code points. */
  get length(): number {
    return this.cells.length;
  }

  /** The code point at an offset of the current text. */
  charAt(offset: number): string {
    return this.cells[offset]?.ch ?? '';
  }

  /**
   * Replace `count` code points at `at` by `inserted` (either may be empty).
   * @param at offset in the current text
   * @param count how many code points to delete
   * @param inserted the new text
   */
  splice(at: number, count: number, inserted: string): void {
    // Spaces and punctuation that a replacement leaves as they were at either end keep their identity,
    // as any diff would see them ("Geneva." replaced by "comment." keeps the full stop). Letters and
    // digits do not: "gamma" replaced by "delta" is a new word, its last letter included.
    let added = [...inserted];
    const kept = (ch: string | undefined, other: string | undefined) => ch === other && !/[\p{L}\p{N}]/u.test(ch ?? '');
    while (count > 0 && added.length > 0 && kept(this.cells[at]!.ch, added[0])) {
      at++;
      count--;
      added = added.slice(1);
    }
    while (count > 0 && added.length > 0 && kept(this.cells[at + count - 1]!.ch, added[added.length - 1])) {
      count--;
      added = added.slice(0, -1);
    }
    const edit = this.edits.length;
    const removed = this.cells.slice(at, at + count);
    this.edits.push({ deleted: removed.filter((c) => c.id >= 0).map((c) => c.id) });
    this.cells = [...this.cells.slice(0, at), ...added.map((ch) => ({ ch, id: -1, edit })), ...this.cells.slice(at + count)];
    this.positions = undefined;
  }

  /**
   * Cut `count` code points at `from` and paste them so that they start at `to` (an offset of the
   * text before the cut, outside the cut range). The moved code points keep their identity.
   */
  move(from: number, count: number, to: number): void {
    if (to > from && to < from + count) throw new Error('move: target inside the moved range');
    const moved = this.cells.slice(from, from + count);
    const rest = [...this.cells.slice(0, from), ...this.cells.slice(from + count)];
    const target = to > from ? to - count : to;
    this.cells = [...rest.slice(0, target), ...moved, ...rest.slice(target)];
    this.positions = undefined;
    this.edits.push({ deleted: [] });
  }

  /**
   * The current offsets of the surviving code points of original span start..end, in text order.
   * @returns an empty list when none survives
   */
  survivors(start: number, end: number): number[] {
    if (!this.positions) {
      this.positions = new Int32Array(this.originalLength).fill(-1);
      this.cells.forEach((c, i) => {
        if (c.id >= 0) this.positions![c.id] = i;
      });
    }
    const at: number[] = [];
    for (let id = start; id < end; id++) if (this.positions[id]! >= 0) at.push(this.positions[id]!);
    return at.sort((a, b) => a - b);
  }

  /**
   * Where original span start..end is now (see the truth rules above).
   * @throws when the span's surviving code points are out of order (the generator never tears a span)
   */
  truth(start: number, end: number): Truth {
    const at = this.survivors(start, end);
    if (at.length === 0) return { kind: 'gone', start: -1, end: -1, alternatives: [] };
    for (let k = 1; k < at.length; k++) {
      if (this.cells[at[k]!]!.id < this.cells[at[k - 1]!]!.id) throw new Error(`span ${start}..${end} torn apart by a move`);
    }
    const inside = (e: EditRecord) => e.deleted.length > 0 && e.deleted.every((id) => id >= start && id < end);
    const across = (e: EditRecord) => e.deleted.some((id) => id >= start && id < end);
    const grow = (from: number, to: number, joins: (e: EditRecord) => boolean) => {
      let lo = from;
      let hi = to;
      while (lo > 0 && this.cells[lo - 1]!.edit >= 0 && joins(this.edits[this.cells[lo - 1]!.edit]!)) lo--;
      while (hi < this.cells.length && this.cells[hi]!.edit >= 0 && joins(this.edits[this.cells[hi]!.edit]!)) hi++;
      return { start: lo, end: hi };
    };
    const strict = grow(at[0]!, at[at.length - 1]! + 1, inside);
    const intact =
      at.length === end - start && strict.end - strict.start === at.length && at.every((p, k) => this.cells[p]!.id === start + k);
    const wide = grow(strict.start, strict.end, across);
    const alternatives: { start: number; end: number }[] = [];
    for (const s of new Set([strict.start, wide.start])) {
      for (const e of new Set([strict.end, wide.end])) if (s !== strict.start || e !== strict.end) alternatives.push({ start: s, end: e });
    }
    return { kind: intact ? 'intact' : 'edited', ...strict, alternatives };
  }
}
