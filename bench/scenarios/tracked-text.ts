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
 *
 * Where the two texts do not tell which of two stories happened, both answers are true and the span
 * is **undetermined** (`Truth.undetermined`; an orphan of it is neither right nor wrong):
 * - **moved and copied**: an intact span whose paragraph was moved (it, or the neighbour it was
 *   swapped with: without the copied paragraph's code points the rest of the original text stands in
 *   fewer pieces) and of which an unedited copy stands elsewhere. "Moved here, copied there" is the
 *   same text as "moved there, copied here": every copy's bounds are true as well. A copy of a
 *   paragraph that stayed in place is not: the copy is one edit, the other story three. So too when
 *   the span was then edited and the copy not (moved, copied, edited: the unedited copy may be the
 *   original moved, the edited one the copy);
 * - **copied beside itself**: an intact span of which an unedited copy stands right against its
 *   unedited original, white space between (copied there, or copied elsewhere and the text between
 *   deleted). "Copied below" is the same text as "copied above": the copy's bounds are true as well;
 * - **copied, then deleted**: a gone span of which an unedited copy stands, made by a copy whose every
 *   copied letter and digit is gone from its place (the paragraph copied, then deleted or replaced). That
 *   is the text a move of it would have made: gone (orphaned) and the copy's bounds are both true. So
 *   too when the span was edited before the copy: the copy holds its edited text, with what replaced
 *   its edge words (edited, moved). Not so when the copy was edited over the span, nor when some words
 *   of the copied text still stand;
 * - **edge word become several**: an edited span whose first (last) code points were replaced or
 *   deleted, with text inserted right against that edge (touching what replaced the edge word, or the
 *   span's new edge) within its sentence (no line break, no sentence end): `formally ` inserted and
 *   `Russia` → `allied` is the same text as `Russia` → `formally allied`; the bounds taking in the
 *   inserted run are true as well;
 * - **edge sentence become several**: an edited span whose first (last) sentence was replaced or
 *   deleted (its lost code points hold a letter and a sentence's end), when the run of new text against
 *   that edge (replacement, insertions, white space, up to a line break) holds a sentence's end: "the
 *   sentence replaced by these sentences" is the same text as "deleted, these inserted beside the
 *   span"; every sentence boundary in the run, its far end, and the surviving edge where a sentence
 *   ends there are true bounds;
 * - **edge word inserted again**: an edited span whose first (last) words were deleted, when the text
 *   inserted against that edge begins (ends) with those very words: "`The ` deleted, `The talks … ` inserted
 *   before the span" is the same text as "`talks …` inserted after the kept `The `", one edit fewer;
 *   the bounds taking in the inserted text are true as well;
 * - **which of equal marks survived**: where the code points between an edited span's edge-most
 *   surviving letter or digit (or the letters that replaced its own) and the nearest one outside were
 *   deleted but for some marks, those marks may be the span's or the text's beside it (`100,000 troops, `
 *   → `, `: the figure's comma, or the one after `troops`; `U.S. and … Russia.` → `officially.`: the
 *   abbreviation's full stop, or the sentence's); the edge after (before) the marks inside by their
 *   earliest and latest match is true.
 */

/** One code point of the edited text. */
interface Cell {
  /** The code point (one or two UTF-16 units). */
  ch: string;
  /** Its offset in the original text, or -1 for inserted text. */
  id: number;
  /** The edit that inserted it, or -1 for original (or moved) text. */
  edit: number;
  /** For a copy of original text (`copy`), the original code point it copies; else -1. */
  copyOf: number;
  /** For a copy of text an edit put in (`copy`), that edit; else -1. */
  copyOfEdit: number;
}

/** What one edit removed. */
interface EditRecord {
  /**
   * The original code points it removed, as offsets in the original text, directly or through text an
   * earlier edit put in their place (a word replaced, then its replacement replaced again).
   */
  deleted: number[];
  /** Whether it only put text in: it removed no original text, nor text put in the place of some. */
  insertion: boolean;
  /** For a copy (`copy`), the original code points it copied. */
  copied?: number[];
}

/** Where a span of the original text truly is after the edits. */
export interface Truth {
  /** intact: same text, perhaps moved; edited: new bounds and text; gone: must be orphaned. */
  kind: 'intact' | 'edited' | 'gone';
  /** New bounds in code points over the edited (normalised) text; -1 when gone. */
  start: number;
  end: number;
  /**
   * Further accepted bounds, beside start..end: an edit replaced text across the span's edge, or the
   * texts do not tell which of two stories happened (then `undetermined`). For a gone span, its
   * copies as true as the orphan (copied, then deleted).
   */
  alternatives: { start: number; end: number }[];
  /**
   * The texts do not determine the answer (moved and copied, edge word become several: an orphan is
   * not wrong; copied, then deleted: the copy is not wrong).
   */
  undetermined?: true;
}

/** The bounds alone of a span that carries more. */
function bounds({ start, end }: { start: number; end: number }): { start: number; end: number } {
  return { start, end };
}

/** An original text under edit, every code point followed by identity. */
export class TrackedText {
  private cells: Cell[];
  private readonly edits: EditRecord[] = [];
  /** The original text's code points. */
  private readonly original: readonly string[];
  /** Current offset of each original code point (-1 when deleted), built when first asked after an edit. */
  private positions: Int32Array | undefined;
  /** Where the copies of each original code point stand (`copyStarts`), built when first asked after an edit. */
  private copies: Map<number, number[]> | undefined;

  /** @param original normalised text (code points are the unit) */
  constructor(original: string) {
    this.original = [...original];
    this.cells = this.original.map((ch, id) => ({ ch, id, edit: -1, copyOf: -1, copyOfEdit: -1 }));
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
    // An insertion, seen from the original text, removes nothing of it, not even through text an earlier edit put in its place.
    const insertion = removed.every((c) => c.id < 0 && this.edits[c.edit]!.insertion);
    // Text an earlier edit put in place of original code points stands for them: replacing it replaces them.
    const deleted = new Set(removed.flatMap((c) => (c.id >= 0 ? [c.id] : this.edits[c.edit]!.deleted)));
    this.edits.push({ deleted: [...deleted], insertion });
    this.cells = [...this.cells.slice(0, at), ...added.map((ch) => ({ ch, id: -1, edit, copyOf: -1, copyOfEdit: -1 })), ...this.cells.slice(at + count)];
    this.positions = undefined;
    this.copies = undefined;
  }

  /**
   * Insert at `to` a copy of the `count` code points at `from`, then `after` (e.g. the line breaks
   * that make the copy a paragraph), as one edit. The copy is new text that remembers which original
   * code points it copies (`copyOf`; a copy of a copy, the original's).
   * @param from offset of the copied text in the current text
   * @param count how many code points to copy
   * @param to offset in the current text where the copy goes
   * @param after new text put right after the copy
   */
  copy(from: number, count: number, to: number, after = ''): void {
    const edit = this.edits.length;
    const source = this.cells.slice(from, from + count);
    const copies = source.map((c) => {
      const inserted = c.id < 0 && c.copyOf < 0;
      return { ch: c.ch, id: -1, edit, copyOf: c.id >= 0 ? c.id : c.copyOf, copyOfEdit: inserted ? (c.copyOfEdit >= 0 ? c.copyOfEdit : c.edit) : -1 };
    });
    const added = [...copies, ...[...after].map((ch) => ({ ch, id: -1, edit, copyOf: -1, copyOfEdit: -1 }))];
    this.edits.push({ deleted: [], insertion: true, copied: copies.filter((c) => c.copyOf >= 0).map((c) => c.copyOf) });
    this.cells = [...this.cells.slice(0, to), ...added, ...this.cells.slice(to)];
    this.positions = undefined;
    this.copies = undefined;
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
    this.copies = undefined;
    this.edits.push({ deleted: [], insertion: false });
  }

  /**
   * The current offsets of the surviving code points of original span start..end, in text order.
   * @returns an empty list when none survives
   */
  survivors(start: number, end: number): number[] {
    if (!this.positions) {
      this.positions = new Int32Array(this.original.length).fill(-1);
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
    if (at.length === 0) {
      // Copied, then deleted: where no letter or digit of the copied text stands in its place (a replacement
      // may keep its full stop), the copy stands where a move would have put it: "copied there, deleted
      // here" is the same text as "moved there".
      const copiedAway = ({ edit }: { edit: number }) => !this.edits[edit]!.copied!.some((id) => this.positions![id]! >= 0 && this.lostWord(id, id + 1));
      const unedited = this.copiesOf(start, end).filter(copiedAway);
      // Edited, then copied, then deleted: the copy holds the edited text a move would have carried.
      const copies = unedited.length > 0 ? unedited : this.editedCopiesOf(start, end).filter(copiedAway);
      return { kind: 'gone', start: -1, end: -1, alternatives: copies.map(bounds), ...(copies.length > 0 && { undetermined: true as const }) };
    }
    for (let k = 1; k < at.length; k++) {
      if (this.cells[at[k]!]!.id < this.cells[at[k - 1]!]!.id) throw new Error(`span ${start}..${end} torn apart by a move`);
    }
    const inside = (e: EditRecord) => e.deleted.length > 0 && e.deleted.every((id) => id >= start && id < end);
    const across = (e: EditRecord) => e.deleted.some((id) => id >= start && id < end);
    // Over the text that joins the span, and over what was inserted between it and the span (between
    // the span's code points and what replaced some of them); an insertion at the new edge stays outside.
    const grow = (from: number, to: number, joins: (e: EditRecord) => boolean) => {
      const edit = (i: number) => {
        const c = this.cells[i];
        return c && c.edit >= 0 ? this.edits[c.edit] : undefined;
      };
      let lo = from;
      let hi = to;
      for (let i = lo - 1, e = edit(i); e && (joins(e) || e.insertion); e = edit(--i)) if (joins(e)) lo = i;
      for (let i = hi, e = edit(i); e && (joins(e) || e.insertion); e = edit(++i)) if (joins(e)) hi = i + 1;
      return { start: lo, end: hi };
    };
    const strict = grow(at[0]!, at[at.length - 1]! + 1, inside);
    const intact =
      at.length === end - start && strict.end - strict.start === at.length && at.every((p, k) => this.cells[p]!.id === start + k);
    if (intact) {
      // Moved and copied: the copied text accounts for a move (without it, the rest of the original stands
      // in fewer pieces), so "moved here, copied there" is the same text as "moved there, copied here".
      // Copied right beside itself: "copied below" is the same text as "copied above".
      const copies = this.movedAndCopied(start, end);
      return { kind: 'intact', ...strict, alternatives: copies.map(bounds), ...(copies.length > 0 && { undetermined: true as const }) };
    }
    // Moved (or copied beside itself) and copied, then edited: the unedited copy may be the original moved.
    const copies = this.movedAndCopied(start, end);
    const wide = grow(strict.start, strict.end, across);
    // Edge word become several: the inserted run against an edge whose own code points were replaced or deleted.
    const firstKept = this.cells[at[0]!]!.id;
    const lastKept = this.cells[at[at.length - 1]!]!.id + 1;
    const runBefore = this.lostWord(start, firstKept) ? this.insertedRun(strict.start, -1) : undefined;
    const runAfter = this.lostWord(lastKept, end) ? this.insertedRun(strict.end, 1) : undefined;
    // Edge sentence become several: the span's first (last) sentence replaced or deleted, sentences against it.
    const sentencesBefore = this.lostWord(start, firstKept) && this.sentenceEndWithin(start, firstKept + 1) ? this.sentenceBounds(at[0]!, -1, across) : [];
    // After the span, from its last surviving code point that is no white space: text inserted before a surviving space is against the edge too.
    const lastShown = [...at].reverse().find((p) => !/\s/u.test(this.cells[p]!.ch)) ?? at[at.length - 1]!;
    const sentencesAfter = this.lostWord(lastKept, end) && this.sentenceEndWithin(Math.max(start, lastKept - 2), end - 1) ? this.sentenceBounds(lastShown + 1, 1, across) : [];
    // Edge word inserted again: the lost edge text begins (ends) the text inserted against the edge.
    const echoBefore = this.lostWord(start, firstKept) ? this.echoedEdge(strict.start, -1, this.original.slice(start, firstKept).join('')) : undefined;
    const echoAfter = this.lostWord(lastKept, end) ? this.echoedEdge(strict.end, 1, this.original.slice(lastKept, end).join('')) : undefined;
    // Which of equal marks survived: marks left between deleted text at an edge may be the span's or the text's beside it.
    // (White space alone between two places is no other place: an edge may differ from the truth by it.)
    const apart = (a: number, b: number) => this.cells.slice(Math.min(a, b), Math.max(a, b)).some((c) => !/\s/u.test(c.ch));
    const twinsBefore = this.markTwinEdges(start, end, -1).filter((b) => apart(b, strict.start));
    const twinsAfter = this.markTwinEdges(start, end, 1).filter((b) => apart(b, strict.end));
    // Edge text inserted again right inside the edge: "Western powers" → "Western Western powers" is the
    // same text whether the word went in after the span's first word or before it, outside the span.
    const slidBefore = this.insertionSlidOut(strict.start, strict.end, -1);
    const slidAfter = this.insertionSlidOut(strict.start, strict.end, 1);
    // The mark kept after a replaced last part, whole sentences inserted after it that end with the same
    // mark: "replaced by `It was … place`, `. Analysts … expected.` inserted after the kept full stop"
    // is the same text as "replaced by `It was … place. Analysts … expected`", the full stop kept last.
    const markAfter = this.lostWord(lastKept, end) ? this.keptMarkRepeated(strict.end) : undefined;
    const starts = new Set([strict.start, wide.start, runBefore ?? strict.start, ...sentencesBefore, echoBefore ?? strict.start, ...twinsBefore, slidBefore ?? strict.start]);
    const ends = new Set([strict.end, wide.end, runAfter ?? strict.end, ...sentencesAfter, echoAfter ?? strict.end, ...twinsAfter, slidAfter ?? strict.end, markAfter ?? strict.end]);
    // The marks that stood outside a lost edge word stand inside an edge: "… enlargement. The" → "… days. The",
    // the span's last words replaced and a sentence put in, is the same text with the span ending on `days`.
    if (this.lostWord(start, firstKept)) for (const s of this.marksLeftOut([...starts], start, -1)) starts.add(s);
    if (this.lostWord(lastKept, end)) for (const e of this.marksLeftOut([...ends], end, 1)) ends.add(e);
    const alternatives: { start: number; end: number }[] = [];
    for (const s of starts) {
      for (const e of ends) if (s !== strict.start || e !== strict.end) alternatives.push({ start: s, end: e });
    }
    alternatives.push(...copies.map(bounds));
    const undetermined = [runBefore, runAfter, echoBefore, echoAfter].some((b) => b !== undefined) || [sentencesBefore, sentencesAfter, twinsBefore, twinsAfter, copies].some((b) => b.length > 0);
    return { kind: 'edited', ...strict, alternatives, ...(undetermined && { undetermined: true as const }) };
  }

  /**
   * Whether a sentence ends at one of original code points from..to: a full stop (question,
   * exclamation mark), or a closing quote after one, with white space (or the text's end) after it.
   */
  private sentenceEndWithin(from: number, to: number): boolean {
    const o = this.original;
    for (let i = from; i < to; i++) {
      const ends = /[.!?]/u.test(o[i]!) || (/["'”’)]/u.test(o[i]!) && /[.!?]/u.test(o[i - 1] ?? ''));
      if (ends && (i + 1 === o.length || /\s/u.test(o[i + 1]!))) return true;
    }
    return false;
  }

  /** Whether original code points from..to hold a letter or digit (lost at a span's edge: an edge word replaced or deleted). */
  private lostWord(from: number, to: number): boolean {
    return /[\p{L}\p{N}]/u.test(this.original.slice(from, to).join(''));
  }

  /**
   * The far end of the text inserted right against an edited span's edge, within its sentence: the
   * cells next to `edge` on the `side` given (-1 before, 1 after) that pure insertions put there, and
   * white space (which space is the old one no text tells), up to a line break or a sentence's end,
   * white space at the far end left out.
   * @returns the offset where that run begins (ends), or undefined when nothing but white space is there
   */
  private insertedRun(edge: number, side: -1 | 1): number | undefined {
    const inserted = (i: number) => {
      const c = this.cells[i];
      return c !== undefined && c.ch !== '\n' && (/\s/u.test(c.ch) || (c.edit >= 0 && this.edits[c.edit]!.insertion));
    };
    const sentenceEnd = (i: number) => /[.!?]/u.test(this.cells[i]!.ch) && /\s/u.test(this.cells[i + 1]?.ch ?? ' ');
    let far = edge;
    if (side < 0) {
      while (inserted(far - 1) && !sentenceEnd(far - 1)) far--;
      while (far < edge && /\s/u.test(this.cells[far]!.ch)) far++;
    } else {
      while (inserted(far) && !/[.!?]/u.test(this.cells[far]!.ch)) far++;
      while (far > edge && /\s/u.test(this.cells[far - 1]!.ch)) far--;
    }
    return far === edge ? undefined : far;
  }

  /**
   * The bounds an edge may take when the span's first (last) sentence was replaced or deleted and the
   * text in its place, with what was inserted against it, holds a sentence's end: the run of new text
   * next to the span's first (after its last) surviving code point — what replaced the span's code
   * points (`replaced`), pure insertions, white space — up to a line break. "The first sentence replaced
   * by these sentences", "deleted, these inserted before the span" and "replaced by the last of them,
   * the others inserted" are the same text: each sentence boundary in the run is a true edge, and so
   * are the run's far end and, where the run ends (begins) a sentence, the surviving edge itself.
   * @param edge the first surviving cell (side -1), or the cell after the last (side 1)
   * @returns the bounds, or none when the run holds no sentence's end
   */
  private sentenceBounds(edge: number, side: -1 | 1, replaced: (e: EditRecord) => boolean): number[] {
    const inRun = (i: number) => {
      const c = this.cells[i];
      if (!c || c.ch === '\n') return false;
      return /\s/u.test(c.ch) || (c.edit >= 0 && (this.edits[c.edit]!.insertion || replaced(this.edits[c.edit]!)));
    };
    const space = (i: number) => /\s/u.test(this.cells[i]?.ch ?? '');
    // Cell i ends a sentence: a full stop (question, exclamation mark) or a closing quote after one, white space next.
    const endsSentence = (i: number) => {
      const ch = this.cells[i]?.ch ?? '';
      return (/[.!?]/u.test(ch) || (/["'”’)]/u.test(ch) && /[.!?]/u.test(this.cells[i - 1]?.ch ?? ''))) && space(i + 1);
    };
    const from = side < 0 ? this.runFrom(edge, -1, inRun) : edge;
    const to = side < 0 ? edge : this.runFrom(edge, 1, inRun);
    const bounds = new Set<number>();
    if (side < 0) {
      // The start of each sentence after a full stop in the run, or the surviving edge when only white
      // space is between; the edge's own first code point may be the full stop a replaced sentence kept.
      for (let i = from; i <= edge; i++) {
        if (!endsSentence(i)) continue;
        let next = i + 1;
        while ((next < edge || i === edge) && space(next)) next++;
        bounds.add(next);
      }
    } else {
      for (let i = edge; i < to; i++) if (endsSentence(i)) bounds.add(i + 1);
    }
    if (bounds.size === 0) return [];
    bounds.add(side < 0 ? from : to);
    // After the span: its surviving text may end the sentence the run follows.
    if (side > 0) {
      let kept = edge - 1;
      while (space(kept)) kept--;
      if (endsSentence(kept)) bounds.add(kept + 1);
    }
    return [...bounds];
  }

  /**
   * The far end of the run of cells right against `edge` on `side` that `inRun` takes, white space at
   * the far end left out: the run is `[far, edge)` before the edge, `[edge, far)` after it.
   */
  private runFrom(edge: number, side: -1 | 1, inRun: (i: number) => boolean): number {
    const space = (i: number) => /\s/u.test(this.cells[i]?.ch ?? '');
    let far = edge;
    if (side < 0) {
      while (inRun(far - 1)) far--;
      while (far < edge && space(far)) far++;
    } else {
      while (inRun(far)) far++;
      while (far > edge && space(far - 1)) far--;
    }
    return far;
  }

  /**
   * Where an edited span's edge may stand when the original code points between its edge-most
   * surviving letter or digit (or one put in place of its own) and the nearest one surviving outside it
   * were deleted but for some marks
   * and white space: which of equal marks survived no text tells. `100,000 troops, ` reduced to `, `
   * may have kept the figure's comma (inside the span) as well as the one after `troops` (outside):
   * the same text. The surviving marks are matched as early and as late as they can be among those
   * code points, and the edge is placed after (before) the ones that fall inside the span.
   * @returns the edge's places by the earliest and the latest match, or none when the surviving marks
   *   do not stand together right against the span's letter or digit
   */
  private markTwinEdges(start: number, end: number, side: -1 | 1): number[] {
    const pos = this.positions!;
    const n = this.original.length;
    const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
    const standsWord = (id: number) => pos[id]! >= 0 && isWord(this.original[id]);
    // The span's edge-most word may be one put in place of its own alone (`U.S` → `officially`); a
    // replacement across the edge is the rule of either bound.
    const replacedBy = (id: number) => {
      if (pos[id]! >= 0) return -1;
      for (let k = this.edits.length - 1; k >= 0; k--) if (!this.edits[k]!.insertion && this.edits[k]!.deleted.includes(id)) return k;
      return -1;
    };
    const replacedByWord = (id: number) => {
      const k = replacedBy(id);
      return k >= 0 && this.edits[k]!.deleted.every((d) => d >= start && d < end) && this.cells.some((c) => c.edit === k && isWord(c.ch));
    };
    let inner = side > 0 ? end - 1 : start;
    while (inner >= start && inner < end && !standsWord(inner) && !replacedByWord(inner)) inner += side > 0 ? -1 : 1;
    let outer = side > 0 ? end : start - 1;
    while (outer >= 0 && outer < n && !standsWord(outer)) outer += side > 0 ? 1 : -1;
    if (inner < start || inner >= end) return [];
    const [lo, hi] = side > 0 ? [inner + 1, outer] : [outer + 1, inner];
    const kept: number[] = [];
    for (let id = lo; id < hi; id++) if (pos[id]! >= 0) kept.push(id);
    if (kept.length === 0 || kept.length === hi - lo) return [];
    const first = pos[kept[0]!]!;
    // Together, in order, right against the span's letter or digit.
    if (kept.some((id, k) => pos[id] !== first + k)) return [];
    const against = side > 0 ? first - 1 : first + kept.length;
    const innerStands = standsWord(inner) ? pos[inner] === against : this.cells[against]?.edit === replacedBy(inner) && isWord(this.cells[against]?.ch);
    if (!innerStands) return [];
    const chars = kept.map((id) => this.original[id]!);
    const early: number[] = [];
    for (let id = lo; id < hi && early.length < chars.length; id++) if (this.original[id] === chars[early.length]) early.push(id);
    const late: number[] = [];
    for (let id = hi - 1; id >= lo && late.length < chars.length; id--) if (this.original[id] === chars[chars.length - 1 - late.length]) late.push(id);
    const insideSpan = (ids: readonly number[]) => ids.filter((id) => id >= start && id < end).length;
    return [early, late].map((ids) => (side > 0 ? first + insideSpan(ids) : first + kept.length - insideSpan(ids)));
  }

  /**
   * Edges with the marks that stood right outside the span's original edge left out: where those marks
   * (no letter, digit or line break; a full stop and a space, a quote mark) stand just inside an edge,
   * the edge past them, on a letter or digit as the span's own edge was.
   * @param edges the new edges on that side
   * @param edge the span's original start (`side` -1) or end (1)
   */
  private marksLeftOut(edges: readonly number[], edge: number, side: -1 | 1): number[] {
    const o = this.original;
    const isMark = (ch: string | undefined) => ch !== undefined && ch !== '\n' && !/[\p{L}\p{N}]/u.test(ch);
    const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
    if (!isWord(side > 0 ? o[edge - 1] : o[edge])) return [];
    let far = edge;
    if (side > 0) while (isMark(o[far])) far++;
    else while (isMark(o[far - 1])) far--;
    const marks = side > 0 ? o.slice(edge, far).join('') : o.slice(far, edge).join('');
    const n = [...marks].length;
    if (n === 0) return [];
    const text = (from: number, to: number) => this.cells.slice(from, to).map((c) => c.ch).join('');
    return edges.flatMap((e) => {
      const moved = e - side * n;
      const [from, to] = side > 0 ? [moved, e] : [e, moved];
      return from >= 0 && text(from, to) === marks && isWord(this.charAt(side > 0 ? moved - 1 : moved)) ? [moved] : [];
    });
  }

  /**
   * Where the same mark, and the original spaces that followed the original mark at `edge` (a full
   * stop, question or exclamation mark), end the pure insertions right after those spaces, within the
   * line: the edge the span may have had, had the mark been the last one and the insertions part of
   * the edit before it (`further.` kept, `Markets fell … news. ` inserted after its space, 203276).
   * @returns the offset of the inserted run's last mark, or undefined
   */
  private keptMarkRepeated(edge: number): number | undefined {
    const mark = this.cells[edge];
    if (!mark || mark.id < 0 || !/[.!?]/u.test(mark.ch)) return undefined;
    let from = edge + 1;
    while (from < this.cells.length && this.cells[from]!.id >= 0 && /[ \t]/u.test(this.cells[from]!.ch)) from++;
    let to = from;
    while (to < this.cells.length && this.cells[to]!.ch !== '\n' && this.cells[to]!.id < 0 && this.edits[this.cells[to]!.edit]!.insertion) to++;
    const tail = mark.ch + this.cells.slice(edge + 1, from).map((c) => c.ch).join('');
    const inserted = this.cells.slice(from, to).map((c) => c.ch).join('');
    return inserted.length > tail.length && inserted.endsWith(tail) ? to - tail.length : undefined;
  }

  /**
   * The edge an edited span would have, had the pure insertion inside it nearest that edge gone in
   * just outside the edge instead: the same text whenever the span's text between the edge and the
   * insertion repeats right after it (before it, at the end), as an edge word inserted again beside itself.
   * @param start the span's new start
   * @param end the span's new end
   * @param side -1 for the start, 1 for the end
   * @returns that edge's offset, or undefined when no insertion inside the span can slide out there
   */
  private insertionSlidOut(start: number, end: number, side: -1 | 1): number | undefined {
    const inserted = (i: number) => this.cells[i]!.id < 0 && this.edits[this.cells[i]!.edit]!.insertion;
    const sameEdit = (i: number, j: number) => this.cells[i]!.edit === this.cells[j]!.edit;
    const ch = (i: number) => this.cells[i]!.ch;
    // Sliding over white space alone moves the edge by white space, which an edited span's edge may anyway (`classify`).
    const wordIn = (from: number, to: number) => this.cells.slice(from, to).some((c) => /[\p{L}\p{N}]/u.test(c.ch));
    if (side < 0) {
      let from = start;
      while (from < end && !inserted(from)) from++;
      if (from === start || from === end) return undefined;
      let to = from;
      while (to < end && inserted(to) && sameEdit(to, from)) to++;
      for (let i = start; i < from; i++) if (ch(i) !== ch(i + to - from)) return undefined;
      return wordIn(start, from) ? start + to - from : undefined;
    }
    let to = end;
    while (to > start && !inserted(to - 1)) to--;
    if (to === end || to === start) return undefined;
    let from = to;
    while (from > start && inserted(from - 1) && sameEdit(from - 1, to - 1)) from--;
    for (let i = to; i < end; i++) if (ch(i) !== ch(i - (to - from))) return undefined;
    return wordIn(to, end) ? end - (to - from) : undefined;
  }

  /**
   * The far end of the text pure insertions put against an edited span's edge (white space within,
   * up to a line break) when that text begins (before the span) or ends (after it) with the span's own
   * deleted edge text: "`The ` deleted, `The talks are expected … days. ` inserted before the span" is
   * the same text as "`talks are expected … days. ` inserted after the span's first word, kept", one
   * edit fewer, and text inserted inside a span is inside it.
   * @param edge the span's new start (side -1) or end (side 1)
   * @param lost the original text the span lost at that edge
   * @returns the run's far end, or undefined when it does not hold the lost text at that end
   */
  private echoedEdge(edge: number, side: -1 | 1, lost: string): number | undefined {
    const inRun = (i: number) => {
      const c = this.cells[i];
      return c !== undefined && c.ch !== '\n' && (/\s/u.test(c.ch) || (c.edit >= 0 && this.edits[c.edit]!.insertion));
    };
    const far = this.runFrom(edge, side, inRun);
    const run = this.cells.slice(Math.min(far, edge), Math.max(far, edge)).map((c) => c.ch).join('');
    const word = side < 0 ? lost.trimEnd() : lost.trimStart();
    // The whole word: `The` does not begin `Theory`.
    const beside = side < 0 ? run.charAt(word.length) : run.charAt(run.length - word.length - 1);
    const holds = side < 0 ? run.startsWith(word) : run.endsWith(word);
    return word !== '' && holds && !/[\p{L}\p{N}]/u.test(beside) ? far : undefined;
  }

  /**
   * The unedited copies of original span start..end (`copy`): where a copy's code points copy the
   * span's, in order, nothing between them; with the copy edit that made each.
   */
  private copiesOf(start: number, end: number): { start: number; end: number; edit: number }[] {
    const found: { start: number; end: number; edit: number }[] = [];
    for (const at of this.copyStarts().get(start) ?? []) {
      const edit = this.cells[at]!.edit;
      let k = 1;
      while (k < end - start && this.cells[at + k]?.copyOf === start + k && this.cells[at + k]!.edit === edit) k++;
      if (k === end - start) found.push({ start: at, end: at + k, edit });
    }
    return found;
  }

  /**
   * The copies of span start..end made after it was edited (a word of it deleted or replaced, text put
   * in it): a copy's code points that copy the span's, in order, with nothing between them but copies of
   * text put in the span, and at an edge whose code points did not reach the copy, copies of the text
   * that replaced only them. A copy edited itself over the span is none.
   */
  private editedCopiesOf(start: number, end: number): { start: number; end: number; edit: number }[] {
    const inSpan = (id: number) => id >= start && id < end;
    /** Whether an edit put in text in place of the span's code points alone, or only put text in. */
    const ownEdit = (k: number) => k >= 0 && (this.edits[k]!.insertion || (this.edits[k]!.deleted.length > 0 && this.edits[k]!.deleted.every(inSpan)));
    const found: { start: number; end: number; edit: number }[] = [];
    const copyEdits = new Set(this.cells.filter((c) => inSpan(c.copyOf)).map((c) => c.edit));
    for (const edit of copyEdits) {
      const at = this.cells.flatMap((c, i) => (c.edit === edit && inSpan(c.copyOf) ? [i] : []));
      let [first, last] = [at[0]!, at[at.length - 1]!];
      const ids = at.map((i) => this.cells[i]!.copyOf);
      if (ids.some((id, k) => k > 0 && id <= ids[k - 1]!)) continue;
      // Every code point of the span it copied still stands in it: the copy was not edited over the span.
      if (this.edits[edit]!.copied!.filter(inSpan).length !== ids.length) continue;
      const copiedInside = (i: number) => {
        const c = this.cells[i]!;
        return c.edit === edit && (inSpan(c.copyOf) || (c.copyOf < 0 && ownEdit(c.copyOfEdit)));
      };
      let whole = true;
      for (let i = first; i <= last && whole; i++) whole = copiedInside(i);
      if (!whole) continue;
      const replacedEdge = (i: number) => {
        const c = this.cells[i];
        return c !== undefined && c.edit === edit && c.copyOf < 0 && c.copyOfEdit >= 0 && !this.edits[c.copyOfEdit]!.insertion && ownEdit(c.copyOfEdit);
      };
      if (ids[0] !== start) while (replacedEdge(first - 1)) first--;
      if (ids[ids.length - 1] !== end - 1) while (replacedEdge(last + 1)) last++;
      // The whole span as it stood was copied: the copy reaches its edges, or past them.
      const copied = this.edits[edit]!.copied!;
      const fromItsStart = ids[0] === start || first < at[0]! || copied.some((id) => id < start);
      const toItsEnd = ids[ids.length - 1] === end - 1 || last > at[at.length - 1]! || copied.some((id) => id >= end);
      if (fromItsStart && toItsEnd) found.push({ start: first, end: last + 1, edit });
    }
    return found;
  }

  /**
   * The unedited copies of span start..end that the texts cannot tell from the original: the copied
   * paragraph accounts for a move (without its code points, the rest of the original text stands in
   * fewer pieces: "moved here, copied there" is the same text as "moved there, copied here", and the
   * same once the one here is edited), or the copy stands right against its original (`besideItsOriginal`).
   */
  private movedAndCopied(start: number, end: number): { start: number; end: number; edit: number }[] {
    return this.copiesOf(start, end).filter(({ edit }) => this.breaks(this.edits[edit]!.copied!) < this.breaks([]) || this.besideItsOriginal(edit));
  }

  /**
   * Whether a copy, unedited, stands right against the text it copied, unedited too, with only white
   * space between them: the same text as the copy put on the other side, so either is the original.
   * @param edit the copy
   */
  private besideItsOriginal(edit: number): boolean {
    const copied = this.edits[edit]!.copied!;
    const block = this.cells.flatMap((c, i) => (c.edit === edit && c.copyOf >= 0 ? [i] : []));
    const original = copied.map((id) => this.positions![id]!);
    const contiguous = (at: readonly number[]) => at.every((p, k) => p >= 0 && p === at[0]! + k);
    if (block.length !== copied.length || !contiguous(block) || !contiguous(original)) return false;
    const onlySpace = (from: number, to: number) => this.cells.slice(from, to).every((c) => /\s/u.test(c.ch));
    const [first, last] = [block[0]!, block[block.length - 1]!];
    const [from, to] = [original[0]!, original[original.length - 1]!];
    return (to < first && onlySpace(to + 1, first)) || (from > last && onlySpace(last + 1, from));
  }

  /** Where copies of each original code point stand, by that code point (built when first asked after an edit). */
  private copyStarts(): Map<number, number[]> {
    if (!this.copies) {
      this.copies = new Map();
      this.cells.forEach((c, i) => {
        if (c.copyOf >= 0) this.copies!.set(c.copyOf, [...(this.copies!.get(c.copyOf) ?? []), i]);
      });
    }
    return this.copies;
  }

  /**
   * How many times the surviving original text, white space aside and `without` some of its code
   * points, is broken: one code point followed by another that did not follow it in the original. A
   * move makes two or three such breaks; deletions and insertions none.
   * @param without original offsets left out
   */
  private breaks(without: readonly number[]): number {
    const left = new Set(without);
    // The text's start and end stand as code points -1 and n that never move.
    const order = [-1, ...this.cells.filter((c) => c.id >= 0 && !left.has(c.id) && !/\s/u.test(c.ch)).map((c) => c.id), this.original.length];
    const rank = new Map([...order].sort((a, b) => a - b).map((id, r) => [id, r]));
    let n = 0;
    for (let k = 1; k < order.length; k++) if (rank.get(order[k]!) !== rank.get(order[k - 1]!)! + 1) n++;
    return n;
  }
}

