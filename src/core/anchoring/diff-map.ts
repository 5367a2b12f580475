/**
 * Mapping spans from the text annotations were verified against to a newer text through a diff of
 * the two: lines first (cheap, and most of a long document is equal), then words inside the lines
 * that changed, so that an edit is always a whole word, space or punctuation mark and a span never
 * ends up cut inside a word nobody edited. Everything here counts UTF-16 code units; `reanchor.ts`
 * converts to code points. Method: docs/anchoring.md.
 */
import { myersDiff, type Change } from './myers';
import { isWordChar, splitsWord } from './words';

/**
 * The most line edits (deletions plus insertions) diffed; beyond it the texts are too different for a
 * diff to say where anything went, and re-anchoring searches instead.
 */
const MAX_LINE_EDITS = 4_000;

/** The most word edits inside one changed run of lines; beyond it that run is left coarse. */
const MAX_WORD_EDITS = 2_000;

/**
 * The least share of an edited span's text (of the longer of its old and new text) that must be old
 * text the diff kept; below it the span was rewritten, and the few words the diff matched (a space, a
 * "the") do not make it the same passage.
 */
export const MIN_SURVIVAL = 1 / 3;

/** One edit: old `[oldStart, oldEnd)` replaced by new `[newStart, newEnd)`, UTF-16 units. */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  /** Whether the words inside were too different to diff: what the hunk did to a span is not known. */
  coarse: boolean;
}

/** Where a span of the old text is in the new one. */
export type SpanMapping =
  /** Untouched by the edits (`edited` false), or overlapped by some of them: new bounds (UTF-16). */
  | { kind: 'mapped'; start: number; end: number; edited: boolean; score: number }
  /** Its text was deleted, and not inserted again elsewhere. */
  | { kind: 'deleted' }
  /**
   * Equally good diffs put it in different places: its lines stand twice in a row around inserted
   * (deleted) lines, its edge word became several, or its paragraph moved and was copied.
   */
  | { kind: 'ambiguous' }
  /** An edit too large to diff overlaps it: the diff cannot tell. */
  | { kind: 'unknown' };

/** The diff of two texts, and spans mapped through it. */
export class DiffMap {
  /** The edits, in order, neither overlapping nor touching. */
  readonly hunks: readonly Hunk[];
  /** Old ranges `[from, to)` of lines a diff as good as this one aligns with another copy of them. */
  private readonly ambiguous: readonly (readonly [number, number])[];
  /** Old start of each hunk, for binary search. */
  private readonly oldStarts: Int32Array;
  /** Length change of the text up to and including each hunk. */
  private readonly shiftAfter: Int32Array;
  /** The new lines that hold pasted text, by word (`pastedLines`), once asked for. */
  private pasted: PastedLines | undefined;
  /** The lines alike each old paragraph (by its start) that spans were followed from (`alikeLines`). */
  private readonly alikeByParagraph = new Map<number, AlikeLine[]>();

  /**
   * @param followsParagraphs whether a span whose paragraph left its place is looked for in another
   *   line (`followParagraph`); not in the diff of one paragraph with that line, which would ask again
   */
  private constructor(
    private readonly oldText: string,
    private readonly newText: string,
    { hunks, ambiguous }: TextDiff,
    private readonly followsParagraphs: boolean,
  ) {
    this.hunks = hunks;
    this.ambiguous = ambiguous;
    this.oldStarts = Int32Array.from(hunks, (h) => h.oldStart);
    let shift = 0;
    this.shiftAfter = Int32Array.from(hunks, (h) => (shift += h.newEnd - h.newStart - (h.oldEnd - h.oldStart)));
  }

  /**
   * Diff two texts (normalised: LF line ends, no BOM).
   * @param oldText the text the spans are over
   * @param newText the text they are wanted in
   * @returns the diff, or undefined when the texts differ too much for a diff to place anything
   */
  static between(oldText: string, newText: string): DiffMap | undefined {
    const diff = diffTexts(oldText, newText);
    return diff && new DiffMap(oldText, newText, diff, true);
  }

  /**
   * Where a span of the old text lies in the new text. A span no edit overlaps moves exactly. One an edit
   * overlaps takes what replaced its edge words, but a pure insertion at its start or end stays outside
   * (as in live tracking); it is `edited`, scored by the share of its text that survived, and deleted
   * when that share is below `MIN_SURVIVAL` (but see `keptSide`). A span none of whose letters or digits
   * survive, or too few, is deleted, unless its whole text stands unchanged in exactly one place of the new
   * text, stood only here in the old, and the text around it came along (a cut and paste, `followMove`),
   * or its paragraph left its place and stands, perhaps edited, in one changed line (`followParagraph`):
   * it follows. An untouched span that is only words a rewrite shares with the old text
   * (`echoInRewrite`) is taken as deleted, the same way. One mostly rewritten whose whole text stands
   * once elsewhere (`standsWholeElsewhere`) stays edited where its paragraph stayed around it, follows
   * that text where its paragraph left and its surroundings came along (`followMove`), and is ambiguous
   * otherwise.
   * @param start first UTF-16 unit of the span in the old text
   * @param end UTF-16 unit after it
   */
  map(start: number, end: number): SpanMapping {
    const mapping = this.mapSpan(start, end);
    if (mapping.kind !== 'mapped' || !mapping.edited || mapping.score >= REWRITTEN_SCORE || !this.standsWholeElsewhere(start, end, mapping)) return mapping;
    // Its paragraph stayed in place around it: the span was edited there, and the text elsewhere is a copy.
    if (!this.leftItsPlace(this.paragraphWords(start, end))) return mapping;
    const followed = this.followMove(start, end);
    return followed.kind === 'mapped' ? followed : { kind: 'ambiguous' };
  }

  /** The words of the old paragraph (line) holding `[start, end)` (`wordsOf`). */
  private paragraphWords(start: number, end: number): (readonly [number, number])[] {
    const from = this.oldText.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = this.oldText.indexOf('\n', end);
    return wordsOf(this.oldText, from, lineEnd < 0 ? this.oldText.length : lineEnd);
  }

  /**
   * Whether the span's old text, which stood once in the old text, stands exactly once in the new one,
   * apart from where the diff put it, mostly rewritten: an inserted paragraph much like the annotated
   * one may draw Myers' alignment of the span away from its own text, unchanged a few lines below; a
   * copy of its paragraph, the original rewritten, is the same text (`map` weighs which).
   */
  private standsWholeElsewhere(start: number, end: number, mapping: { start: number; end: number }): boolean {
    const text = this.oldText.slice(start, end);
    const at = this.newText.indexOf(text);
    return (
      at >= 0 &&
      (at >= mapping.end || at + text.length <= mapping.start) &&
      this.newText.indexOf(text, at + 1) < 0 &&
      this.oldText.indexOf(text) === start &&
      this.oldText.indexOf(text, start + 1) < 0
    );
  }

  /** `map` before the check that the span's whole text does not stand elsewhere. */
  private mapSpan(start: number, end: number): SpanMapping {
    if (this.ambiguous.some(([from, to]) => start < to && end > from)) return { kind: 'ambiguous' };
    const first = this.lastHunkStartingBefore(start, true);
    const last = this.lastHunkStartingBefore(end, false);
    const slid = this.insertionAtEdge(start, end, first, last);
    if (slid) return slid;
    let touched = false;
    let survived = 0;
    let survivedWord = false;
    let onlyDeleted = true;
    let edits = 0;
    let island = 0;
    let lastEdit = start;
    let at = start;
    /** Whether every stretch of the span's words the edits left is an echo in a rewrite (`echoBetween`). */
    let onlyEchoes = true;
    for (let i = Math.max(0, first); i <= last; i++) {
      const h = this.hunks[i]!;
      if (h.oldEnd <= start) continue; // before the span; an insertion at its start stays outside it
      if (h.coarse) return { kind: 'unknown' };
      touched = true;
      // Marks restyled (dashes, quotes) change no word.
      if (hasWordChar(this.oldText, h.oldStart, h.oldEnd) || hasWordChar(this.newText, h.newStart, h.newEnd)) {
        edits++;
        island = Math.max(island, wordCount(this.oldText, lastEdit, Math.max(lastEdit, Math.min(h.oldStart, end))));
        lastEdit = Math.max(lastEdit, Math.min(h.oldEnd, end));
      }
      // A quote mark restyled along with the deleted words puts no word in their place.
      onlyDeleted &&= !hasWordChar(this.newText, h.newStart, h.newEnd) && !hasWordChar(this.oldText, h.oldStart, start) && !hasWordChar(this.oldText, end, h.oldEnd);
      const keptTo = Math.max(at, Math.min(h.oldStart, end));
      survived += keptTo - at;
      if (hasWordChar(this.oldText, at, keptTo)) {
        survivedWord = true;
        onlyEchoes &&= this.echoBetween(this.hunks[i - 1], h, at, keptTo);
      }
      at = Math.max(at, Math.min(h.oldEnd, end));
    }
    const cut = touched ? (this.sentenceBeforeStart(start, end, first, last) ?? this.sentenceAfterFirstWord(start, end, first, last)) : undefined;
    if (touched && this.edgeWordGrew(start, end, first, last)) return { kind: 'ambiguous' };
    if (!touched) {
      if (this.echoInRewrite(start, end, first)) return this.followMove(start, end);
      const newStart = this.mapStart(start);
      // An empty span is one point: an insertion there puts it after the inserted text, as live tracking does.
      return { kind: 'mapped', start: newStart, end: start === end ? newStart : this.mapEnd(end), edited: false, score: 1 };
    }
    survived += end - at;
    if (hasWordChar(this.oldText, at, end)) {
      survivedWord = true;
      onlyEchoes &&= this.echoBetween(this.hunks[last], this.hunks[last + 1], at, end);
    }
    island = Math.max(island, wordCount(this.oldText, lastEdit, end));
    // What the edits left of it only words a rewrite of its paragraph happened to share (275246).
    if (!survivedWord || onlyEchoes || this.paraphrased(edits, island)) return this.followMove(start, end);
    const mappedEnd = this.mapEnd(end);
    const newStart = this.editedStart(start, end, cut ?? this.mapStart(start), mappedEnd, first);
    const tailAt = this.tailStandsAfter(start, end, last, this.wordsInsertedAfterEnd(start, end, last) ?? this.editedEnd(start, end, mappedEnd, newStart, first, last));
    const newEnd = this.endBeforeOutsideWords(end, first, last, tailAt.newEnd, newStart);
    survived += tailAt.length;
    const score = survived / Math.max(end - start, newEnd - newStart);
    // Words deleted inside the span and nothing put in their place: what is left is all its own text.
    if (newEnd > newStart && (score >= MIN_SURVIVAL || onlyDeleted)) return { kind: 'mapped', start: newStart, end: newEnd, edited: true, score };
    return this.keptSide(start, end, first, last) ?? this.followMove(start, end);
  }

  /**
   * A span inside which the diff inserted the very text it begins with, right after that text (`Western `
   * put before `Western powers …`, diffed as inserted after the span's own `Western `): the insertion
   * may as well stand before the span, and an insertion at a span's start stays outside it. So too an
   * insertion of the very text it ends with, right before that text.
   * @returns the mapping so read, or undefined when the span has no such insertion
   */
  private insertionAtEdge(start: number, end: number, first: number, last: number): SpanMapping | undefined {
    const inside = (h: Hunk | undefined): h is Hunk => h !== undefined && h.oldStart === h.oldEnd && h.oldStart > start && h.oldStart < end;
    const head = (this.hunks[first]?.oldEnd ?? 0) > start ? this.hunks[first] : this.hunks[first + 1];
    if (inside(head) && this.newText.slice(head.newStart, head.newEnd) === this.oldText.slice(start, head.oldStart)) {
      const rest = this.mapSpan(head.oldStart, end);
      if (rest.kind === 'mapped' && rest.start === head.newEnd) return { ...rest, start: head.newStart };
    }
    const tail = this.hunks[last];
    if (inside(tail) && this.newText.slice(tail.newStart, tail.newEnd) === this.oldText.slice(tail.oldStart, end)) {
      const rest = this.mapSpan(start, tail.oldStart);
      if (rest.kind === 'mapped' && rest.end === tail.newStart) return { ...rest, end: tail.newEnd };
    }
    return undefined;
  }

  /**
   * Whether the diff threaded a rewrite of the span on words it shares with the old text: words edited
   * in `PARAPHRASE_EDITS` places or more, no stretch of `FOLLOW_WORDS` words between them untouched. The
   * quote "If there is any further aggression against Ukraine, that will have massive, massive
   * consequences …" rewritten as "If there is any further aggression, officials warned, it will carry
   * …" is a new sentence, not the quote edited; an edit of the quote's own (a word or a sentence
   * replaced) leaves a long stretch of it whole.
   * @param edits how many hunks over the span change words
   * @param island the most words between two of them (or the span's edges)
   */
  private paraphrased(edits: number, island: number): boolean {
    return edits >= PARAPHRASE_EDITS && island < FOLLOW_WORDS;
  }

  /**
   * Where an edited span begins: after a line break the diff put inside a span that had none, when what
   * comes before it from the span's new start is mostly inserted text — `editedEnd` at the other edge
   * (88641: a sentence appended to the paragraph before the span and the span's first sentence
   * replaced, one change across the break). A span that began with a word begins with one again:
   * marks and white space an edit put in at its new start stay outside (`anonymity. “If` → `“again`,
   * the sentence before the span deleted and its first word replaced in one change, 203443: the quote
   * mark is the text's), as at its end.
   * @param newStart the start as mapped
   * @param newEnd the end as mapped
   */
  private editedStart(start: number, end: number, newStart: number, newEnd: number, first: number): number {
    let at = newStart;
    if (!this.oldText.slice(start, end).includes('\n')) {
      for (const lineBreak of this.insertedLineBreaks(newStart, newEnd, first)) if (this.mostlyInserted(at, lineBreak, first)) at = lineBreak + 1;
    }
    const kept = edgeKind(this.oldText.charAt(start));
    while (at < newEnd && !kept(this.newText.charAt(at)) && this.insertedNew(at, at + 1, Math.max(0, first), true)) at++;
    return at;
  }

  /**
   * Where an edited span ends. A line break the span had none of, put in by the diff, ends it when
   * what follows it up to the span's end is mostly inserted text (its last words replaced, and words
   * of the next paragraph with them; a paragraph pasted after the span's replaced last sentence, which
   * Myers threaded on the few words the two share, 41596); a paragraph split inside the span keeps its
   * own words after the break, and the span whole. A
   * span that ended with a word ends with one again: marks and white space an edit inserted at its new
   * end stay outside (`severe consequences”` → `severe"`, the words deleted and the quote mark restyled).
   * @param newEnd the span's end as the diff maps it
   * @param newStart its new start, which the end never passes
   */
  private editedEnd(start: number, end: number, newEnd: number, newStart: number, first: number, last: number): number {
    let at = newEnd;
    if (!this.oldText.slice(start, end).includes('\n')) {
      for (const lineBreak of this.insertedLineBreaks(newStart, newEnd, first)) {
        if (this.mostlyInserted(lineBreak, newEnd, first)) {
          at = lineBreak;
          break;
        }
      }
    }
    const kept = edgeKind(this.oldText.charAt(end - 1));
    const inserted = (i: number) => this.hunks.slice(Math.max(0, first), last + 1).some((x) => i >= x.newStart && i < x.newEnd);
    while (at > newStart && !kept(this.newText.charAt(at - 1)) && inserted(at - 1)) at--;
    return at;
  }

  /**
   * Where an edited span ends when the words the diff deleted or replaced at its end stand whole right
   * after its new end — past marks and white space only, within the line — in text the diff inserted:
   * Myers threaded a rewrite nearby on the spaces between words and took the span's untouched last
   * words for part of it (`… the U.S. immediately start the talks …`, a sentence inserted before
   * `immediately` and the next paragraph rewritten: the words "deleted", then "inserted" two characters
   * on, 46736; `Joe Biden.` with ` 🔥` inserted before `Biden` and the next sentence deleted, 48841).
   * Kept in place, with what was inserted before them, is the same text with fewer edits.
   * @param newEnd the end as mapped
   * @returns the span's end, and the length of the words found again (0 when none were)
   */
  private tailStandsAfter(start: number, end: number, last: number, newEnd: number): { newEnd: number; length: number } {
    const h = this.hunks[last];
    const none = { newEnd, length: 0 };
    if (!h || h.oldEnd < end || h.oldStart <= start) return none;
    const tail = this.oldText.slice(h.oldStart, end).replace(/^[^\p{L}\p{N}]+/u, '');
    if (!/[\p{L}\p{N}]/u.test(tail)) return none;
    let at = newEnd;
    while (at < this.newText.length && !isWordChar(this.newText.charAt(at)) && this.newText.charAt(at) !== '\n') at++;
    if (!this.newText.startsWith(tail, at) || !this.insertedNew(at, at + tail.length, last)) return none;
    return { newEnd: at + tail.length, length: tail.length };
  }

  /**
   * Where an edited span ends when the words the diff deleted right after its end, in the edit that
   * took its end, stand at its new end in text the diff inserted: they are the text's that followed
   * the span, put in again, not the span's. `Joe Biden has` → `Joe  nearlyhas` (` nearly` inserted
   * where `Biden ` was deleted, glued to `has`, 136310) diffs as `  nearlyhas` inserted and `Biden has `
   * deleted; the span ends before `has`.
   * @param newEnd the end as mapped
   * @param newStart the start, which the end never passes
   */
  private endBeforeOutsideWords(end: number, first: number, last: number, newEnd: number, newStart: number): number {
    const h = this.hunks[last];
    if (!h || h.oldStart >= end || h.oldEnd <= end) return newEnd;
    const outside = this.oldText.slice(end, h.oldEnd).trim();
    if (!hasWordChar(outside, 0, outside.length)) return newEnd;
    let at = newEnd;
    while (at > newStart && /\s/u.test(this.newText.charAt(at - 1))) at--;
    const from = at - outside.length;
    if (from <= newStart || this.newText.slice(from, at) !== outside || !this.insertedNew(from, at, Math.max(0, first))) return newEnd;
    return from;
  }

  /** The line breaks of new `[from, to)` that the diff inserted, in order (hunks from `first` on). */
  private *insertedLineBreaks(from: number, to: number, first: number): Generator<number> {
    for (let at = this.newText.indexOf('\n', from); at >= 0 && at < to; at = this.newText.indexOf('\n', at + 1)) {
      if (this.insertedNew(at, at + 1, Math.max(0, first), true)) yield at;
    }
  }

  /**
   * Whether every letter and digit of new `[from, to)` (every code unit, with `all`) is text the diff
   * inserted (hunks from `i` on).
   */
  private insertedNew(from: number, to: number, i: number, all = false): boolean {
    for (let at = from; at < to; at++) {
      if (!all && !isWordChar(this.newText.charAt(at))) continue;
      while (i < this.hunks.length && this.hunks[i]!.newEnd <= at) i++;
      const h = this.hunks[i];
      if (!h || h.newStart > at) return false;
    }
    return true;
  }

  /** Whether fewer than `MIN_SURVIVAL` of the words of new `[from, to)` are text the diff kept. */
  private mostlyInserted(from: number, to: number, first: number): boolean {
    const words = wordsOf(this.newText, from, to);
    const kept = words.filter(([at, length]) => !this.insertedNew(at, at + length, Math.max(0, first))).length;
    return kept < words.length * MIN_SURVIVAL;
  }

  /**
   * Whether an untouched span is only words a rewrite happened to share with the old text: the equal
   * text around it, between the nearest edits, holds fewer than `FOLLOW_WORDS` words and no line
   * break, and its paragraph (line) left its place (`leftItsPlace`). A paragraph replaced by prose that
   * mentions "dangerous point" in another sentence (or in the next paragraph, which the word diff of the
   * changed lines reaches) diffs with those two words equal; nothing around them came from the
   * annotated passage. Words swapped or marks restyled around a span leave most of its line in place.
   * @param first the last hunk starting at or before the span's start (`lastHunkStartingBefore`)
   */
  private echoInRewrite(start: number, end: number, first: number): boolean {
    return this.echoBetween(this.hunks[first], this.hunks[first + 1], start, end);
  }

  /**
   * Whether the equal text between two edits, holding old `[start, end)`, is an echo in a rewrite
   * (`echoInRewrite`): fewer than `FOLLOW_WORDS` words, no line break, and the paragraph left its place.
   */
  private echoBetween(before: Hunk | undefined, after: Hunk | undefined, start: number, end: number): boolean {
    if (!before || !after) return false;
    // The line break first: between scattered edits the island is most of a long text, read no further.
    const lineBreak = this.oldText.indexOf('\n', before.oldEnd);
    if ((lineBreak >= 0 && lineBreak < after.oldStart) || wordCount(this.oldText, before.oldEnd, after.oldStart) >= FOLLOW_WORDS) return false;
    return this.leftItsPlace(this.paragraphWords(start, end));
  }

  /**
   * Whether the diff took a paragraph out of its place: fewer than `MIN_SURVIVAL` of its words are
   * untouched there.
   * @param words the paragraph's words (`wordsOf`)
   */
  private leftItsPlace(words: readonly (readonly [number, number])[]): boolean {
    let kept = 0;
    for (const [at, length] of words) if (this.untouched(at, at + length)) kept++;
    return kept < words.length * MIN_SURVIVAL;
  }

  /**
   * Where the span begins when an edit replaced its first word (or words, up to `EDGE_WORDS`) by text
   * that ends a sentence or a line: what comes up to the last such break belongs to the text before
   * the span (a sentence or paragraph inserted there), what follows it, if anything, took the first
   * word's place. `Ryabkov told` → `Officials declined to comment. told` begins at `told`; a span
   * beginning inside another sentence, after its full stop, is no reading of the edit. So too when
   * the edit also replaced the sentence before a span that began one (`… Peninsula. It has` → `… take
   * place. has`), and when it put a line break the replaced words had none of (a paragraph pasted
   * before the span, its first sentence then replaced: the two edits meet in one, perhaps after a
   * first word or two of the span that Myers kept as the paragraph's): the span begins after the last
   * line break, past the text that stood before the span in its line where the diff took that for
   * inserted text too (`MOSCOW — Russia on` → `… Russia’s “Sphere of Influence”\n\nMOSCOW — on`, a
   * title pasted above and the first word deleted, 194246: Myers kept `Russia` as the title's). And
   * when the first words, kept, stand again right after a sentence's end in the insertion that follows
   * them (`The tough` → `The ministry … comment. The 🇺🇦 tough`, 195711), the span begins there: the
   * same text as a sentence inserted before a span that began one, and an edit after its first words.
   * @returns the new start, or undefined when the first edit is not such a replacement
   */
  private sentenceBeforeStart(start: number, end: number, first: number, last: number): number | undefined {
    let i = Math.max(0, first);
    while (i <= last && this.hunks[i]!.oldEnd <= start) i++;
    const h = this.hunks[i];
    if (i > last || !h) return undefined;
    // The span's first words kept (`The documents, …` → `The statement …\n\nand …`): they are the pasted paragraph's.
    const kept = h.oldStart > start;
    if (kept && (wordCount(this.oldText, start, h.oldStart) > EDGE_WORDS || this.oldText.slice(start, h.oldStart).includes('\n'))) return undefined;
    const beganWithWord = isWordChar(this.oldText.charAt(start));
    if (kept) {
      const again = this.firstWordsAgain(start, h);
      if (again !== undefined) return again;
    }
    if (!kept && hasWordChar(this.oldText, h.oldStart, start)) {
      const beganSentence = BEGINS_SENTENCE.test(this.oldText.slice(h.oldStart, start));
      return h.oldEnd <= end && beganSentence && SENTENCE_BREAK.test(this.newText.slice(h.newStart, h.newEnd))
        ? this.startAfterLastBreak(h.newStart, h.newEnd, beganWithWord)
        : undefined;
    }
    let j = i;
    while (j < last && this.hunks[j + 1]!.oldEnd <= end && wordCount(this.oldText, this.hunks[j]!.oldEnd, this.hunks[j + 1]!.oldStart) === 0) j++;
    const oldTo = this.hunks[j]!.oldEnd;
    const newTo = this.hunks[j]!.newEnd;
    if (oldTo > end) return undefined;
    if (!kept && this.grewAcrossBreak(h.oldStart, oldTo, h.newStart, newTo)) return this.startAfterLastBreak(h.newStart, newTo, beganWithWord);
    if (!this.newText.slice(h.newStart, newTo).includes('\n') || this.oldText.slice(h.oldStart, oldTo).includes('\n')) return undefined;
    return this.pastLeadAgain(start, this.startAfterLastBreak(h.newStart, newTo, beganWithWord, LINE_BREAKS), newTo);
  }

  /**
   * Where the span begins when its kept first words `[start, h.oldStart)` stand again right after the
   * last sentence's end in what hunk `h` put in after them, in a span that began a sentence
   * (`sentenceBeforeStart`); undefined when they do not.
   */
  private firstWordsAgain(start: number, h: Hunk): number | undefined {
    const firstWords = this.oldText.slice(start, h.oldStart);
    if (!hasWordChar(firstWords, 0, firstWords.length) || !BEGINS_SENTENCE.test(this.oldText.slice(Math.max(0, start - 8), start))) return undefined;
    const inserted = this.newText.slice(h.newStart, h.newEnd);
    let cut = -1;
    for (const m of inserted.matchAll(SENTENCE_BREAKS)) cut = m.index + m[0].length;
    return cut >= 0 && inserted.startsWith(firstWords, cut) ? h.newStart + cut : undefined;
  }

  /**
   * `at`, or past the text that stood before the span in its old line when the diff edited that text
   * and it stands again at `at`, inserted (up to `newTo`, its trailing white space aside): the lead
   * Myers took for part of a pasted paragraph is the one the span followed.
   */
  private pastLeadAgain(start: number, at: number, newTo: number): number {
    const lineStart = this.oldText.lastIndexOf('\n', start - 1) + 1;
    const lead = this.oldText.slice(lineStart, start);
    if (!hasWordChar(lead, 0, lead.length) || this.untouched(lineStart, start) || at + lead.trimEnd().length > newTo) return at;
    return this.newText.startsWith(lead, at) ? at + lead.length : at;
  }

  /**
   * Where a span begins after the last sentence's end or line break in `[newFrom, newTo)` of the new
   * text (`breaks`: line breaks alone).
   * @param beganWithWord whether the span began with a word: it begins with one again, and a quote mark
   * the diff took along stays outside
   */
  private startAfterLastBreak(newFrom: number, newTo: number, beganWithWord: boolean, breaks = SENTENCE_BREAKS): number {
    let cut = 0;
    for (const m of this.newText.slice(newFrom, newTo).matchAll(breaks)) cut = m.index + m[0].length;
    let at = newFrom + cut;
    const skipped = beganWithWord ? (c: string) => c !== '' && !isWordChar(c) : (c: string) => /\s/u.test(c);
    while (at < this.newText.length && skipped(this.newText.charAt(at))) at++;
    return at;
  }

  /**
   * Whether edge words [oldFrom, oldTo) — one, or two (`EDGE_WORDS`) — became more words across a
   * sentence's end or a line break in [newFrom, newTo) of the new text.
   */
  private grewAcrossBreak(oldFrom: number, oldTo: number, newFrom: number, newTo: number): boolean {
    const oldWords = wordCount(this.oldText, oldFrom, oldTo);
    return oldWords >= 1 && oldWords <= EDGE_WORDS && wordCount(this.newText, newFrom, newTo) > oldWords && SENTENCE_BREAK.test(this.newText.slice(newFrom, newTo));
  }

  /**
   * Whether an edit replaced the span's last word, or two (`EDGE_WORDS`), perhaps with a quote mark or
   * space outside the edge, by more words across a sentence's end or a line break: a sentence inserted just after the span and
   * the edge word replaced diff the same as the word replaced by a word and the sentence, and an
   * insertion at the edge stays outside while a replacement is inside: no telling where the span ends.
   * Within the sentence (`formally ` + `Russia` → `allied`, the same text as `Russia` → `formally
   * allied`) both readings are true, and the span takes all the words (docs/anchoring.md, "The
   * truth"). At the first word, such an edit is settled by `sentenceBeforeStart` and
   * `sentenceAfterFirstWord`.
   */
  private edgeWordGrew(start: number, end: number, first: number, last: number): boolean {
    const from = Math.max(0, first);
    const h = this.hunks[last];
    if (last >= from && h && h.oldEnd >= end && !hasWordChar(this.oldText, end, h.oldEnd)) {
      let j = last;
      while (j > from && this.hunks[j - 1]!.oldStart >= start && wordCount(this.oldText, this.hunks[j - 1]!.oldEnd, this.hunks[j]!.oldStart) === 0) j--;
      if (this.hunks[j]!.oldStart >= start && this.grewAcrossBreak(this.hunks[j]!.oldStart, end, this.hunks[j]!.newStart, h.newEnd)) return true;
    }
    return false;
  }

  /**
   * Where the span begins when its first word, kept, stands between an edit right before it (across
   * white space) and one right after it that put in a sentence's end or a line break: Myers kept the
   * word as the first of a sentence inserted before the span, whose own first word was replaced
   * (`\nThe tough` → ` The ministry … comment.\nofficially tough`). Read so, the span begins after the
   * inserted sentence, as `sentenceBeforeStart` settles a replaced first word; read as the diff has it,
   * it would begin with a word whose sentence ends before the rest of the span begins.
   * @returns the new start, or undefined when the first word does not stand between such edits
   */
  private sentenceAfterFirstWord(start: number, end: number, first: number, last: number): number | undefined {
    const from = Math.max(0, first);
    let wordEnd = start;
    while (wordEnd < end && isWordChar(this.oldText.charAt(wordEnd))) wordEnd++;
    if (wordEnd === start) return undefined;
    const touching = this.hunks.slice(from, last + 1);
    const touchesBefore = touching.some((h) => h.oldEnd <= start && h.oldEnd >= start - 1 && h.newEnd > h.newStart && /^\s*$/.test(this.oldText.slice(h.oldEnd, start)));
    if (!touchesBefore) return undefined;
    const after = touching.find(
      (h) => h.oldStart >= wordEnd && h.oldStart <= end && /^\s*$/.test(this.oldText.slice(wordEnd, h.oldStart)) && SENTENCE_BREAK.test(this.newText.slice(h.newStart, h.newEnd)),
    );
    return after && this.startAfterLastBreak(after.newStart, after.newEnd, true);
  }

  /**
   * Where a span ends whose last word an edit replaced, when words were inserted right after that word,
   * across white space only and within the sentence: `Russia` → `formally` and `allied ` inserted after
   * the space is the same text as `Russia` → `formally allied` (or `formally ` inserted before the
   * span's last word and the word made `allied`), and the span takes the words, as at its start
   * (`edgeWordGrew`), where the diff puts the insertion on the replacement's side of the space.
   * @returns the new end, or undefined when no such words were inserted
   */
  private wordsInsertedAfterEnd(start: number, end: number, last: number): number | undefined {
    const h = this.hunks[last];
    if (!h || h.oldEnd !== end || h.oldStart < start || wordCount(this.oldText, h.oldStart, end) !== 1) return undefined;
    // The insertions that follow across white space only; a deleted last word may have its replacement
    // put after the space it kept (`its neighbor but` → `its 🕊️ officially but`, 107848).
    let newEnd: number | undefined;
    let at = end;
    for (let k = last + 1; k < this.hunks.length; k++) {
      const next = this.hunks[k]!;
      const between = this.oldText.slice(at, next.oldStart);
      if (next.oldStart !== next.oldEnd || !/^[ \t]*$/.test(between) || (h.newStart !== h.newEnd && k === last + 1 && between === '')) break;
      if (SENTENCE_BREAK.test(this.newText.slice(h.newStart, next.newEnd))) break;
      if (wordCount(this.newText, next.newStart, next.newEnd) > 0) newEnd = next.newStart + this.newText.slice(next.newStart, next.newEnd).trimEnd().length;
      at = next.oldStart;
    }
    return newEnd;
  }

  /**
   * A span mostly replaced by one edit that runs past its edge (a sentence replaced across its end or
   * start), whose untouched side still holds `REWRITE_WORDS` words or more, or any word when the edit
   * is a clean deletion (`cleanDeletion`) or that side is not the edge of a sentence (`midSentence`):
   * kept on that side alone, as the part of the passage that is still there (the replacement also
   * covered text outside the span, so it is not the span's own new text).
   */
  private keptSide(start: number, end: number, first: number, last: number): SpanMapping | undefined {
    const touching = this.hunks.slice(Math.max(0, first), last + 1).filter((h) => h.oldEnd > start);
    if (touching.length !== 1) return undefined;
    const h = touching[0]!;
    const kept =
      h.oldEnd > end && h.oldStart > start
        ? { from: start, to: h.oldStart, newStart: this.mapStart(start), newEnd: h.newStart }
        : h.oldStart < start && h.oldEnd < end
          ? { from: h.oldEnd, to: end, newStart: h.newEnd, newEnd: this.mapEnd(end) }
          : undefined;
    if (!kept) return undefined;
    const keptWords = wordCount(this.oldText, kept.from, kept.to);
    const atEnd = h.oldEnd > end;
    // Rewritten on both sides of what is left, in a paragraph that left its place: words the rewrite shares.
    const i = this.hunks.indexOf(h, Math.max(0, first));
    if (atEnd ? this.echoBetween(this.hunks[i - 1], h, kept.from, kept.to) : this.echoBetween(h, this.hunks[i + 1], kept.from, kept.to)) return undefined;
    if (keptWords < REWRITE_WORDS && !(keptWords > 0 && (this.cleanDeletion(h, atEnd) || this.midSentence(kept.from, kept.to, atEnd)))) return undefined;
    // The white space where the edit begins (ends) was between the words; the span ends (begins) on one.
    const keptText = this.oldText.slice(kept.from, kept.to);
    const newStart = atEnd ? kept.newStart : kept.newStart + keptText.length - keptText.trimStart().length;
    const newEnd = atEnd ? kept.newStart + keptText.trimEnd().length : kept.newEnd;
    return { kind: 'mapped', start: newStart, end: newEnd, edited: true, score: (kept.to - kept.from) / (end - start) };
  }

  /**
   * Whether an edit that overran a span's edge is a deletion after which (before which, at the span's
   * start) the old text stands untouched up to the line's end (start) or for `REWRITE_WORDS` words:
   * nothing was put in place of what it took, so what is left of the span, however short, is its own
   * text. A replacement may begin (end) with words of the text it replaced (`The West says …` → `The
   * ministry …`), and a deletion among other edits may be Myers' match of a word of the new text with
   * one of the old (a paragraph replaced, then deleted: its `The` kept, the next words matched elsewhere).
   * @param atEnd whether the edit overran the span's end (else its start)
   */
  private cleanDeletion(h: Hunk, atEnd: boolean): boolean {
    return h.newStart === h.newEnd && (atEnd ? this.untouchedAfter(h.oldEnd) : this.untouchedBefore(h.oldStart));
  }

  /**
   * Whether the part `[from, to)` of a span that an edit left untouched, on the span's start side
   * (`atEnd`: the edit overran its end) or end side, stands inside a sentence: a word stands right
   * outside it, with only spaces between (and the part does not end with a full stop), and the text
   * beyond it is untouched for `REWRITE_WORDS` words or to the line's edge (a few words a rewritten
   * line shares with the old one by chance, `told reporters. `, are not a sentence standing). A
   * sentence replaced by another may share its first (last) words — `The West says …` → `The ministry
   * …` keeps `The ` — and words kept where the sentence begins (ends) are no sign of the span; words
   * kept inside one that began before the span (`… where the U.S. says …` → `… where the U.S.
   * Markets fell …`) are the span's own.
   */
  private midSentence(from: number, to: number, atEnd: boolean): boolean {
    const text = this.oldText;
    if (atEnd) {
      let i = from;
      while (i > 0 && (text.charAt(i - 1) === ' ' || text.charAt(i - 1) === '\t')) i--;
      let wordStart = i;
      while (wordStart > 0 && kindAt(text, wordStart - 1) === WORD) wordStart--;
      return wordStart < i && this.untouchedBefore(from);
    }
    let j = to;
    while (j < text.length && (text.charAt(j) === ' ' || text.charAt(j) === '\t')) j++;
    let wordEnd = j;
    while (wordEnd < text.length && kindAt(text, wordEnd) === WORD) wordEnd++;
    return wordEnd > j && !SENTENCE_END.test(text.charAt(to - 1)) && this.untouchedAfter(to);
  }

  /** Whether no edit touches the old text after `at` for `REWRITE_WORDS` words, or up to the line's end. */
  private untouchedAfter(at: number): boolean {
    const lineEnd = this.oldText.indexOf('\n', at);
    const to = lineEnd < 0 ? this.oldText.length : lineEnd;
    const last = wordsOf(this.oldText, at, to)[REWRITE_WORDS - 1];
    return this.untouched(at, last ? last[0] + last[1] : to);
  }

  /** Whether no edit touches the old text before `at` for `REWRITE_WORDS` words, or back to the line's start. */
  private untouchedBefore(at: number): boolean {
    const from = this.oldText.lastIndexOf('\n', at - 1) + 1;
    const words = wordsOf(this.oldText, from, at);
    const first = words[words.length - REWRITE_WORDS];
    return this.untouched(first ? first[0] : from, at);
  }

  /** Index of the last hunk starting before `at` (at or before it when `inclusive`), -1 if none. */
  private lastHunkStartingBefore(at: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.oldStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.oldStarts[mid]! < at || (inclusive && this.oldStarts[mid] === at)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The new place of a span's start: the start of what replaced the text there, or shifted. */
  private mapStart(start: number): number {
    const i = this.lastHunkStartingBefore(start, true);
    if (i < 0) return start;
    const h = this.hunks[i]!;
    if (start < h.oldEnd) return h.newStart;
    return start + this.shiftAfter[i]!;
  }

  /** The new place of a span's end: the end of what replaced the text there, or shifted. */
  private mapEnd(end: number): number {
    const i = this.lastHunkStartingBefore(end, false);
    if (i < 0) return end;
    const h = this.hunks[i]!;
    if (end <= h.oldEnd) return h.newEnd;
    return end + this.shiftAfter[i]!;
  }

  /**
   * A span whose text was deleted: found again when that text stands exactly once in the new text,
   * stood only here in the old one, and the text around it came along (`cameAlong`: a cut and paste;
   * the word diff may have threaded the pasted text on words of what it replaced, so it need not be one
   * insertion). The same words alone in an unrelated sentence (a figure, a two-word quote echoed by a
   * rewrite) are no sign of a move; where the text stands twice with its surroundings, both places
   * compete: ambiguous.
   */
  private followMove(start: number, end: number): SpanMapping {
    const text = this.oldText.slice(start, end);
    const found = onlyOccurrence(this.newText, text);
    if (found >= 0 && this.copiedWithContext(start, end, found)) return { kind: 'deleted' };
    if (found >= 0 && onlyOccurrence(this.oldText, text) === start && this.cameAlong(start, end, found)) return { kind: 'mapped', start: found, end: found + text.length, edited: false, score: 1 };
    const followed = this.followsParagraphs ? this.followParagraph(start, end) : undefined;
    if (followed) return followed;
    return found < 0 && this.standsTwiceWithSurroundings(start, end) ? { kind: 'ambiguous' } : { kind: 'deleted' };
  }

  /**
   * Whether the text around old span `[start, end)` came along to `found`, where its text stands in the
   * new text: the equal text on both sides (up to the first difference, within the lines) and the span
   * hold `FOLLOW_WORDS` whole words together, or that equal text reaches the line's start and end on
   * both sides (the whole paragraph moved, or the span is all of it). A short text (a figure, a name)
   * found alone in new prose is a chance echo of the words, not the passage moved.
   */
  private cameAlong(start: number, end: number, found: number): boolean {
    const { oldText, newText } = this;
    const length = end - start;
    let before = 0;
    while (start - before > 0 && found - before > 0 && oldText.charCodeAt(start - before - 1) === newText.charCodeAt(found - before - 1) && oldText.charCodeAt(start - before - 1) !== 10) before++;
    let after = 0;
    while (end + after < oldText.length && found + length + after < newText.length && oldText.charCodeAt(end + after) === newText.charCodeAt(found + length + after) && oldText.charCodeAt(end + after) !== 10) after++;
    const lineStart = (text: string, at: number) => at === 0 || text.charCodeAt(at - 1) === 10;
    const lineEnd = (text: string, at: number) => at === text.length || text.charCodeAt(at) === 10;
    if (lineStart(oldText, start - before) && lineStart(newText, found - before) && lineEnd(oldText, end + after) && lineEnd(newText, found + length + after)) return true;
    // Whole words only: the shared stretch may end inside a word that differs beyond it.
    let from = start - before;
    while (from < start && kindAt(oldText, from) === WORD && from > 0 && kindAt(oldText, from - 1) === WORD) from++;
    let to = end + after;
    while (to > end && kindAt(oldText, to - 1) === WORD && to < oldText.length && kindAt(oldText, to) === WORD) to--;
    return wordCount(oldText, from, to) >= FOLLOW_WORDS;
  }

  /**
   * Whether the text of old span `[start, end)` stands at least twice in the new text, each time with
   * the text around it come along (`cameAlong`): a paragraph pasted twice, no telling which copy the
   * span went with.
   */
  private standsTwiceWithSurroundings(start: number, end: number): boolean {
    const text = this.oldText.slice(start, end);
    if (text.length === 0) return false;
    let alike = 0;
    for (let at = this.newText.indexOf(text); at >= 0 && alike < 2; at = this.newText.indexOf(text, at + 1)) if (this.cameAlong(start, end, at)) alike++;
    return alike >= 2;
  }

  /**
   * A span in a paragraph (line) the diff took out of its place — fewer than `MIN_SURVIVAL` of its
   * words kept there — mapped through a second diff of that paragraph and the one changed line of the
   * new text that shares at least half of its words (the paragraph moved, and edited as well: Myers
   * matched its old place with another line, or its words with those of a neighbour). Two such lines
   * (the paragraph moved and copied) do not say which one it went to: where the span stands in either,
   * it is ambiguous.
   */
  private followParagraph(start: number, end: number): SpanMapping | undefined {
    const from = this.oldText.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = this.oldText.indexOf('\n', from);
    const to = lineEnd < 0 ? this.oldText.length : lineEnd;
    if (end > to) return undefined;
    const words = wordsOf(this.oldText, from, to);
    if (!this.leftItsPlace(words)) return undefined;
    const alike = this.alikeLines(from, to, words);
    const placed = alike.flatMap(({ newFrom, diff }) => {
      const mapping = diff?.map(start - from, end - from);
      return mapping?.kind === 'mapped' ? [{ ...mapping, start: mapping.start + newFrom, end: mapping.end + newFrom }] : [];
    });
    if (alike.length === 1) return placed[0];
    // Another line as alike the paragraph competes, whether or not the span stands in it as well.
    return placed.length > 0 ? { kind: 'ambiguous' } : undefined;
  }

  /**
   * The changed lines of the new text that share at least half of the words of the old paragraph
   * starting at `from` (of the longer of the two, each word counted as often as it stands in both), apart
   * from lines edited in place (a third or more of their words standing where they stood) and lines
   * that stand whole elsewhere in the old text (another paragraph moved, `isOtherOldLine`), each with
   * the paragraph's diff to it. More than `MAX_ALIKE_LINES` such lines (prose of few words) are no
   * telling which is the paragraph: none is returned. The paragraph's spans ask alike: the answer is kept.
   * @param from where the old paragraph (a line) starts
   * @param to where it ends, before its line break
   * @param words the paragraph's words (`wordsOf`)
   */
  private alikeLines(from: number, to: number, words: readonly (readonly [number, number])[]): AlikeLine[] {
    const known = this.alikeByParagraph.get(from);
    if (known) return known;
    const { lines, index } = this.pastedLines();
    const bag = new Map<string, number>();
    for (const [at, length] of words) {
      const word = this.oldText.slice(at, at + length);
      bag.set(word, (bag.get(word) ?? 0) + 1);
    }
    const shared = new Map<number, number>();
    for (const [word, n] of bag) for (const [line, m] of index.get(word) ?? []) shared.set(line, (shared.get(line) ?? 0) + Math.min(n, m));
    const found = [...shared]
      .filter(([line, n]) => n * 2 >= Math.max(words.length, lines[line]!.words))
      .map(([line]) => lines[line]!.range)
      .filter(([newFrom, newTo]) => !this.isOtherOldLine(this.newText.slice(newFrom, newTo), from));
    const paragraph = this.oldText.slice(from, to);
    const alike =
      found.length > MAX_ALIKE_LINES
        ? []
        : found.map(([newFrom, newTo]) => {
            const line = this.newText.slice(newFrom, newTo);
            const diff = diffTexts(paragraph, line);
            return { newFrom, diff: diff && new DiffMap(paragraph, line, diff, false) };
          });
    this.alikeByParagraph.set(from, alike);
    return alike;
  }

  /**
   * Whether `line` stands whole as a line of the old text other than the one starting at `from`:
   * another paragraph moved as it was, not this one edited into it.
   */
  private isOtherOldLine(line: string, from: number): boolean {
    for (let at = this.oldText.indexOf(line); at >= 0; at = this.oldText.indexOf(line, at + 1)) {
      const end = at + line.length;
      if (at !== from && (at === 0 || this.oldText.charCodeAt(at - 1) === 10) && (end === this.oldText.length || this.oldText.charCodeAt(end) === 10)) return true;
    }
    return false;
  }

  /**
   * The lines of the new text that hold inserted text and are not lines edited in place, each with its
   * number of words, and which of them hold each word and how often: computed once, when a span's
   * paragraph is first looked for.
   */
  private pastedLines(): PastedLines {
    if (this.pasted) return this.pasted;
    const lines: { range: readonly [number, number]; words: number }[] = [];
    const index = new Map<string, [number, number][]>();
    let lineStart = -1;
    for (const h of this.hunks) {
      if (h.newStart === h.newEnd) continue;
      let at = Math.max(this.newText.lastIndexOf('\n', h.newStart - 1) + 1, lineStart);
      while (at < h.newEnd) {
        const lineEnd = this.newText.indexOf('\n', at);
        const to = lineEnd < 0 ? this.newText.length : lineEnd;
        lineStart = to + 1;
        const words = wordsOf(this.newText, at, to);
        const stood = words.filter(([w, length]) => this.untouchedNew(w, w + length)).length;
        if (words.length > 0 && stood < words.length * MIN_SURVIVAL) {
          const counts = new Map<string, number>();
          for (const [w, length] of words) counts.set(this.newText.slice(w, w + length), (counts.get(this.newText.slice(w, w + length)) ?? 0) + 1);
          for (const [word, n] of counts) {
            const holders = index.get(word);
            if (holders) holders.push([lines.length, n]);
            else index.set(word, [[lines.length, n]]);
          }
          lines.push({ range: [at, to], words: words.length });
        }
        at = lineStart;
      }
    }
    return (this.pasted = { lines, index });
  }

  /**
   * Whether the text next to a deleted span (up to the edits around it), still standing in its place,
   * also stands next to `found`: then `found` is in a copy of the passage (pasted, the original kept
   * and its span deleted), not where the span was moved to. Text that reaches into another line is
   * compared to that line's end (start): a paragraph moved between two that begin alike (a picture's
   * address) has the same few characters after it in both places.
   */
  private copiedWithContext(start: number, end: number, found: number): boolean {
    const before = this.hunks[Math.max(0, this.lastHunkStartingBefore(start, true))];
    const after = this.hunks.find((h) => h.oldEnd >= end);
    const keptBefore = Math.min(start, before?.oldStart ?? start);
    const keptAfter = Math.max(end, after?.oldEnd ?? end);
    let from = keptBefore - COPY_CONTEXT;
    if (from >= 0 && this.oldText.lastIndexOf('\n', start - 1) >= from) from = this.oldText.lastIndexOf('\n', from - 1) + 1;
    let to = keptAfter + COPY_CONTEXT;
    const lineBreak = this.oldText.indexOf('\n', end);
    if (to <= this.oldText.length && lineBreak >= 0 && lineBreak < to) {
      const lineEnd = this.oldText.indexOf('\n', to);
      to = lineEnd < 0 ? this.oldText.length : lineEnd;
    }
    const copiedBefore =
      from >= 0 && this.untouched(from, keptBefore) && this.mapStart(from) !== found - (start - from) && this.newText.startsWith(this.oldText.slice(from, start), found - (start - from));
    const copiedAfter =
      to <= this.oldText.length && this.untouched(keptAfter, to) && this.mapStart(keptAfter) !== found + (keptAfter - start) && this.newText.startsWith(this.oldText.slice(end, to), found + (end - start));
    return copiedBefore || copiedAfter;
  }

  /** Whether no edit overlaps new text `[from, to)`. */
  private untouchedNew(from: number, to: number): boolean {
    let lo = 0;
    let hi = this.hunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hunks[mid]!.newEnd <= from) lo = mid + 1;
      else hi = mid;
    }
    const h = this.hunks[lo];
    return h === undefined || h.newStart >= to;
  }

  /** Whether no edit overlaps old text `[from, to)`. */
  private untouched(from: number, to: number): boolean {
    const last = this.lastHunkStartingBefore(to, false);
    for (let i = Math.max(0, this.lastHunkStartingBefore(from, true)); i <= last; i++) if (this.hunks[i]!.oldEnd > from) return false;
    return true;
  }
}

/** The most lines alike one paragraph (`DiffMap.alikeLines`) among which it is looked for. */
const MAX_ALIKE_LINES = 4;

/** A line of the new text alike an old paragraph: where it starts, and the paragraph's diff to it. */
interface AlikeLine {
  newFrom: number;
  diff: DiffMap | undefined;
}

/** The new lines that hold pasted text (`DiffMap.pastedLines`), and which of them hold each word. */
interface PastedLines {
  /** Each line (without its line break) and its number of words. */
  lines: { range: readonly [number, number]; words: number }[];
  /** For each word, the lines (their indices in `lines`) that hold it and how often. */
  index: Map<string, [number, number][]>;
}

/**
 * The fewest whole words that a span's text and the equal text around it, taken together, must hold
 * for its only occurrence elsewhere to be the span moved (`DiffMap.cameAlong`): a figure or a name of
 * up to three words, with a word or two of a sentence that happens to be alike ("of", "the"), is a
 * chance echo; eight words in a row are a passage.
 */
const FOLLOW_WORDS = 8;

/** How many code units next to a deleted span show that the place its text was found is a copy of its passage. */
const COPY_CONTEXT = 32;

/** The offset of the only occurrence of `part` in `text`; -1 when there is none or more than one. */
export function onlyOccurrence(text: string, part: string): number {
  if (part.length === 0) return -1;
  const at = text.indexOf(part);
  return at >= 0 && text.indexOf(part, at + 1) < 0 ? at : -1;
}

/** Whether old text `[from, to)` holds a letter or digit. */
function hasWordChar(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isWordChar(text.charAt(i))) return true;
  return false;
}

/** How many equal lines around the changed ones `realignRepeats` looks at. */
const EQUAL_MARGIN_LINES = 8;

/** The edits between two texts, and the old lines that another diff as good would align elsewhere. */
interface TextDiff {
  hunks: Hunk[];
  ambiguous: [number, number][];
}

/**
 * The edits between two texts, words inside changed lines; undefined when there are too many lines
 * changed. A last line without a line break is diffed as if it had one: a paragraph moved or deleted at
 * the end of a text otherwise leaves the new last line unlike the same line with its break, and Myers
 * aligns the others elsewhere (104961: the last paragraph deleted, the one before it copied above).
 */
function diffTexts(oldText: string, newText: string): TextDiff | undefined {
  if (oldText === newText) return { hunks: [], ambiguous: [] };
  if (oldText.endsWith('\n') && newText.endsWith('\n')) return diffLines(oldText, newText);
  const diff = diffLines(`${oldText}\n`, `${newText}\n`);
  if (!diff) return undefined;
  // The break added to both is equal: an edit that ends with it (on both sides, as all that follows the
  // last edit is equal) ends before it, or, inserting or deleting whole lines, starts a break earlier.
  const hunks: Hunk[] = [];
  for (const h of diff.hunks) {
    if (h.oldEnd <= oldText.length) hunks.push(h);
    else if (h.oldStart < h.oldEnd && h.newStart < h.newEnd) {
      if (h.oldEnd - 1 > h.oldStart || h.newEnd - 1 > h.newStart) hunks.push({ ...h, oldEnd: h.oldEnd - 1, newEnd: h.newEnd - 1 });
    } else {
      const [text, from] = h.oldStart < h.oldEnd ? [oldText, h.oldStart] : [newText, h.newStart];
      if (from === 0 || text.charCodeAt(from - 1) !== 10) return diffLines(oldText, newText);
      hunks.push({ oldStart: h.oldStart - 1, oldEnd: h.oldEnd - 1, newStart: h.newStart - 1, newEnd: h.newEnd - 1, coarse: h.coarse });
    }
  }
  const ambiguous = diff.ambiguous.map(([from, to]): [number, number] => [Math.min(from, oldText.length), Math.min(to, oldText.length)]);
  return { hunks, ambiguous };
}

/** `diffTexts` of two texts that both end with a line break, or that are diffed as they are. */
function diffLines(oldText: string, newText: string): TextDiff | undefined {
  if (oldText === newText) return { hunks: [], ambiguous: [] };
  // Equal head and tail, cut back to whole lines so that the line pass sees each changed line whole.
  const shorter = Math.min(oldText.length, newText.length);
  let head = 0;
  while (head < shorter && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++;
  head = oldText.lastIndexOf('\n', head - 1) + 1;
  let tail = 0;
  while (tail < shorter - head && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  let oldTailStart = oldText.length - tail;
  if (oldTailStart > head && oldText.charCodeAt(oldTailStart - 1) !== 10) {
    const lineEnd = oldText.indexOf('\n', oldTailStart);
    oldTailStart = lineEnd < 0 ? oldText.length : lineEnd + 1;
  }
  const newTailStart = oldTailStart + newText.length - oldText.length;
  const oldLines = lineStarts(oldText, head, oldTailStart);
  const newLines = lineStarts(newText, head, newTailStart);
  const lineChanges = myersDiff(
    oldLines.length - 1,
    newLines.length - 1,
    (i, j) => sameSlice(oldText, oldLines[i]!, oldLines[i + 1]!, newText, newLines[j]!, newLines[j + 1]!),
    MAX_LINE_EDITS,
  );
  if (!lineChanges) return undefined;
  // The equal lines next to the changed ones, a few on each side, for `realignRepeats`.
  let marginHead = head;
  for (let n = 0; n < EQUAL_MARGIN_LINES && marginHead > 0; n++) marginHead = oldText.lastIndexOf('\n', marginHead - 2) + 1;
  let marginTail = oldTailStart;
  for (let n = 0; n < EQUAL_MARGIN_LINES && marginTail < oldText.length; n++) {
    const lineEnd = oldText.indexOf('\n', marginTail);
    marginTail = lineEnd < 0 ? oldText.length : lineEnd + 1;
  }
  // Line starts of the margins and the diffed lines, read as one sequence without copying the latter.
  const leadStarts = lineStarts(oldText, marginHead, head);
  const lead = leadStarts.length - 1;
  const oldAround = aroundLines(leadStarts, oldLines, lineStarts(oldText, oldTailStart, marginTail));
  const newAround = aroundLines(lineStarts(newText, marginHead, head), newLines, lineStarts(newText, newTailStart, marginTail + newText.length - oldText.length));
  const shifted = lineChanges.map((c) => ({ aStart: c.aStart + lead, aEnd: c.aEnd + lead, bStart: c.bStart + lead, bEnd: c.bEnd + lead }));
  const sides = { oldText, newText, oldLines: oldAround, newLines: newAround };
  const { changes, ambiguous } = realignRepeats(keepMovedLines(peelWholeLines(shifted, sides), sides), sides);
  const hunks: Hunk[] = [];
  for (const c of peelWholeLines(insertMovedLinesAbove(changes, sides), sides)) {
    const hunk = { oldStart: oldAround.at(c.aStart), oldEnd: oldAround.at(c.aEnd), newStart: newAround.at(c.bStart), newEnd: newAround.at(c.bEnd), coarse: false };
    if (hunk.oldStart === hunk.oldEnd || hunk.newStart === hunk.newEnd) hunks.push(hunk);
    else hunks.push(...diffWords(oldText, newText, hunk));
  }
  return { hunks, ambiguous };
}

/**
 * A paragraph moved or copied right above an edited one, realigned as put there. Myers pairs the old
 * lines of a change with the moved paragraph's lines put in their place and inserts their own new
 * version after the equal lines that follow (blank lines): a photo caption moved above the paragraph
 * that quotes it, that paragraph's quote marks restyled, diffs as the paragraph rewritten into the
 * caption and inserted again below, and a span on the caption's words follows them into the paragraph
 * (80858; 134718, the caption copied there). Where every new line of a change with words stands whole
 * in the old text, and the next change only inserts lines that end with the equal lines between the
 * two, the moved lines and those equal lines are taken as inserted and the old lines as changed into
 * the inserted ones before their end, when that makes fewer word edits (`wordEdits`).
 * @param changes the line changes (line numbers over `lines`), in order
 */
function insertMovedLinesAbove(changes: readonly Change[], sides: LineSides): Change[] {
  const { oldText, newText, oldLines, newLines } = sides;
  const newLine = (j: number) => newText.slice(newLines.at(j), newLines.at(j + 1));
  const sameLine = (i: number, j: number) => sameSlice(oldText, oldLines.at(i), oldLines.at(i + 1), newText, newLines.at(j), newLines.at(j + 1));
  /** Whether a line (with its break) stands whole somewhere in the old text: moved or copied from there. */
  const inOldText = (line: string) => oldText.startsWith(line) || oldText.includes(`\n${line}`);
  const out = [...changes];
  for (let k = 0; k + 1 < out.length; k++) {
    const moved = out[k]!;
    const next = out[k + 1]!;
    const between = next.aStart - moved.aEnd;
    if (moved.aStart === moved.aEnd || moved.bStart === moved.bEnd || next.aStart !== next.aEnd) continue;
    if (between !== next.bStart - moved.bEnd || between > MOVED_ABOVE_GAP || next.bEnd - next.bStart <= between) continue;
    // The inserted lines must end with the equal lines between, which then pair with those old ones.
    let endsAlike = true;
    for (let n = 0; n < between && endsAlike; n++) endsAlike = sameLine(moved.aEnd + n, next.bEnd - between + n);
    if (!endsAlike) continue;
    let movedLines = true;
    for (let j = moved.bStart; j < moved.bEnd && movedLines; j++) {
      const line = newLine(j);
      movedLines = wordCount(line, 0, line.length) === 0 || inOldText(line);
    }
    if (!movedLines) continue;
    const inserted = { aStart: moved.aStart, aEnd: moved.aStart, bStart: moved.bStart, bEnd: next.bStart };
    const edited = { aStart: moved.aStart, aEnd: moved.aEnd, bStart: next.bStart, bEnd: next.bEnd - between };
    if (wordEdits(sides, inserted) + wordEdits(sides, edited) >= wordEdits(sides, moved) + wordEdits(sides, next)) continue;
    out.splice(k, 2, inserted, edited);
    k++;
  }
  return out;
}

/** The most equal lines (blank lines between paragraphs) between a moved paragraph and the edited one's new version (`insertMovedLinesAbove`). */
const MOVED_ABOVE_GAP = 2;

/**
 * Old lines at the start or end of a changed run that stand whole, word for word, among the lines
 * another change inserted, peeled off the run as deleted lines of their own: the paragraph moved
 * there. Left in the run, its words are diffed against the run's new lines: a paragraph moved down,
 * the first sentence of the next one then replaced, diffs as that paragraph and sentence replaced by
 * the new sentence, threaded on the words they share (`Moscow `, `has `), and the span after it lost
 * its first words (50941). Not where the run's new lines share half the line's words: a copy of the
 * paragraph put elsewhere, the original then edited in place, is no move. So too an old line at the
 * run's edge that the run's new lines do not resemble, where the run has more old lines than new and
 * its other old lines all resemble them: the paragraph deleted, its neighbour edited (60861: a last
 * sentence replaced, the next paragraph deleted; 69001: a paragraph deleted, the next one's first word
 * replaced, and Myers kept the deleted paragraph's `The ` for the span's).
 * @param changes the line changes (line numbers over `lines`), in order
 */
function peelWholeLines(changes: readonly Change[], sides: LineSides): Change[] {
  const { oldText, newText, oldLines, newLines } = sides;
  const lineOf = (text: string, lines: LineStarts, i: number) => text.slice(lines.at(i), lines.at(i + 1)).replace(/\n$/, '');
  /** The changes (by index) whose new lines hold each line, built when first asked. */
  let insertedBy: Map<string, number[]> | undefined;
  const insertedElsewhere = (line: string, own: number) => {
    if (!insertedBy) {
      insertedBy = new Map();
      changes.forEach((c, k) => {
        for (let j = c.bStart; j < c.bEnd; j++) {
          const text = lineOf(newText, newLines, j);
          insertedBy!.set(text, [...(insertedBy!.get(text) ?? []), k]);
        }
      });
    }
    return (insertedBy.get(line) ?? []).some((k) => k !== own);
  };
  /** Words of `text[from, to)`, each once. */
  const wordSet = (text: string, from: number, to: number) => new Set(wordsOf(text, from, to).map(([at, length]) => text.slice(at, at + length)));
  /** Whether half the words of a line are among `words`. */
  const alike = (line: string, words: ReadonlySet<string>) => {
    const own = wordsOf(line, 0, line.length).map(([at, length]) => line.slice(at, at + length));
    return own.filter((w) => words.has(w)).length * 2 >= own.length;
  };
  return changes.flatMap((c, k) => {
    if (c.aStart === c.aEnd || c.bStart === c.bEnd) return [c];
    let runWords: Set<string> | undefined;
    // Its place kept nothing like it: a copy of it put elsewhere, the original then edited, is no move.
    const alikeInRun = (line: string) => alike(line, (runWords ??= wordSet(newText, newLines.at(c.bStart), newLines.at(c.bEnd))));
    const moved = (i: number) => {
      const line = lineOf(oldText, oldLines, i);
      return wordCount(line, 0, line.length) >= FOLLOW_WORDS && insertedElsewhere(line, k) && !alikeInRun(line);
    };
    // A deleted paragraph: the run has more old lines than new, this one is unlike them, the rest alike.
    const deleted = (i: number, from: number, to: number) => {
      if (to - from <= c.bEnd - c.bStart) return false;
      const line = lineOf(oldText, oldLines, i);
      if (wordCount(line, 0, line.length) < FOLLOW_WORDS || alikeInRun(line)) return false;
      for (let j = from; j < to; j++) if (j !== i && !alikeInRun(lineOf(oldText, oldLines, j))) return false;
      return true;
    };
    let { aStart, aEnd } = c;
    while (aStart < aEnd - 1 && (moved(aStart) || deleted(aStart, aStart, aEnd))) aStart++;
    while (aEnd - 1 > aStart && (moved(aEnd - 1) || deleted(aEnd - 1, aStart, aEnd))) aEnd--;
    const middle = { aStart, aEnd, bStart: c.bStart, bEnd: c.bEnd };
    if (aStart === c.aStart && aEnd === c.aEnd) return splitAtDeletedLine(middle, deleted);
    return [
      ...(aStart > c.aStart ? [{ aStart: c.aStart, aEnd: aStart, bStart: c.bStart, bEnd: c.bStart }] : []),
      ...splitAtDeletedLine(middle, deleted),
      ...(aEnd < c.aEnd ? [{ aStart: aEnd, aEnd: c.aEnd, bStart: c.bEnd, bEnd: c.bEnd }] : []),
    ];
  });
}

/**
 * A run of changed lines with one old line more than new, that line inside it deleted (`deleted`: unlike
 * the new lines, the others all alike them), split in three: the lines before it paired in order with
 * as many new lines, the line deleted, the rest paired with the rest. A paragraph deleted between two
 * edited ones (161301: a word replaced above it, a sentence inserted in the span below it) otherwise
 * has its words diffed against the edited span's, threaded on `U.S.` and `Moscow`, and the span loses
 * its first half.
 */
function splitAtDeletedLine(c: Change, deleted: (i: number, from: number, to: number) => boolean): Change[] {
  if (c.aEnd - c.aStart !== c.bEnd - c.bStart + 1) return [c];
  for (let i = c.aStart + 1; i < c.aEnd - 1; i++) {
    if (!deleted(i, c.aStart, c.aEnd)) continue;
    const b = c.bStart + (i - c.aStart);
    return [
      { aStart: c.aStart, aEnd: i, bStart: c.bStart, bEnd: b },
      { aStart: i, aEnd: i + 1, bStart: b, bEnd: b },
      { aStart: i + 1, aEnd: c.aEnd, bStart: b, bEnd: c.bEnd },
    ];
  }
  return [c];
}

/** Both texts and their line starts (margins included), as the line changes count them. */
interface LineSides {
  oldText: string;
  newText: string;
  oldLines: LineStarts;
  newLines: LineStarts;
}

/**
 * Line changes next to equal lines that also stand, in the same order, among the lines a change inserted
 * or deleted, aligned as the word diff finds cheaper. A diff of lines as short can align those equal
 * lines with that other copy: a paragraph copied right above a line that changed, where Myers matched
 * the old paragraph to the copy and so deleted the changed line and inserted its new version below.
 * Both alignments are weighed by the word edits they make (`wordEdits`), the lines each pairs counted
 * with the changes they come to touch; the cheaper one is taken (the changed line then pairs with its
 * new version). Where they are as cheap, which copy is the old one is anyone's guess: the repeated lines
 * (those with a letter or digit) and the deleted copies of them are returned as ambiguous.
 * @param changes the line changes (line numbers over `lines`), in order
 * @returns the changes, realigned where that is cheaper, and the old ranges `[from, to)` left ambiguous
 */
function realignRepeats(changes: readonly Change[], sides: LineSides): { changes: Change[]; ambiguous: [number, number][] } {
  const { oldText, newText, oldLines, newLines } = sides;
  const out = [...changes];
  const ambiguous: [number, number][] = [];
  const sameLine = (i: number, text: string, starts: LineStarts, j: number) => sameSlice(oldText, oldLines.at(i), oldLines.at(i + 1), text, starts.at(j), starts.at(j + 1));
  /** Word edits by change (the texts are fixed): the changes as they are are weighed against each option. */
  const edits = new Map<string, number>();
  const editsOf = (c: Change) => {
    const key = `${c.aStart},${c.aEnd},${c.bStart},${c.bEnd}`;
    let n = edits.get(key);
    if (n === undefined) edits.set(key, (n = wordEdits(sides, c)));
    return n;
  };
  const cost = (list: readonly Change[]) => list.reduce((sum, c) => sum + editsOf(c), 0);
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!;
    const before = out[k - 1];
    const after = out[k + 1];
    const low = before?.aEnd ?? 0;
    const high = after?.aStart ?? oldLines.count;
    /** Where the `n` old equal lines `[from, from + n)` stand in a row inside `[lo, hi)` of a side, each place. */
    const copies = (from: number, n: number, text: string, starts: LineStarts, lo: number, hi: number) => {
      const at: number[] = [];
      for (let q = lo; q + n <= hi; q++) {
        let m = 0;
        while (m < n && sameLine(from + m, text, starts, q + m)) m++;
        if (m === n) at.push(q);
      }
      return at;
    };
    /** The most equal lines in a row next to the change, above (`step` -1) or below, that stand as well inside it on either side. */
    const longest = (step: number) => {
      let n = 0;
      for (;;) {
        const from = step < 0 ? c.aStart - n - 1 : c.aEnd;
        if (n === EQUAL_MARGIN_LINES || from < low || from + n + 1 > high) return n;
        if (copies(from, n + 1, newText, newLines, c.bStart, c.bEnd).length === 0 && copies(from, n + 1, oldText, oldLines, c.aStart, c.aEnd).length === 0) return n;
        n++;
      }
    };
    const above = longest(-1);
    const below = longest(1);
    if (above === 0 && below === 0) continue;
    const repeated: number[] = [];
    for (let i = c.aStart - above; i < c.aEnd + below; i++) if ((i < c.aStart || i >= c.aEnd) && hasWordChar(oldText, oldLines.at(i), oldLines.at(i + 1))) repeated.push(i);
    if (repeated.length === 0) continue;
    // The other alignments: the equal lines matched with a copy inside the change, on either side.
    const options: Change[][] = [];
    const n = above;
    if (n > 0) {
      for (const q of copies(c.aStart - n, n, newText, newLines, c.bStart, c.bEnd))
        options.push([{ aStart: c.aStart - n, aEnd: c.aStart - n, bStart: c.bStart - n, bEnd: q }, { aStart: c.aStart, aEnd: c.aEnd, bStart: q + n, bEnd: c.bEnd }]);
      for (const q of copies(c.aStart - n, n, oldText, oldLines, c.aStart, c.aEnd))
        options.push([{ aStart: c.aStart - n, aEnd: q, bStart: c.bStart - n, bEnd: c.bStart - n }, { aStart: q + n, aEnd: c.aEnd, bStart: c.bStart, bEnd: c.bEnd }]);
    }
    if (below > 0) {
      for (const q of copies(c.aEnd, below, newText, newLines, c.bStart, c.bEnd))
        options.push([{ aStart: c.aStart, aEnd: c.aEnd, bStart: c.bStart, bEnd: q }, { aStart: c.aEnd + below, aEnd: c.aEnd + below, bStart: q + below, bEnd: c.bEnd + below }]);
      for (const q of copies(c.aEnd, below, oldText, oldLines, c.aStart, c.aEnd))
        options.push([{ aStart: c.aStart, aEnd: q, bStart: c.bStart, bEnd: c.bEnd }, { aStart: q + below, aEnd: c.aEnd + below, bStart: c.bEnd + below, bEnd: c.bEnd + below }]);
    }
    // Each option with the neighbours it touches merged in, against the same neighbours as they are.
    let best: { list: Change[]; first: number; count: number; saved: number } | undefined;
    let tie = false;
    for (const option of options) {
      let list = option.filter((x) => x.aStart < x.aEnd || x.bStart < x.bEnd);
      let first = k;
      let count = 1;
      if (before && list[0] && list[0].aStart === before.aEnd && list[0].bStart === before.bEnd) {
        list = [{ aStart: before.aStart, aEnd: list[0].aEnd, bStart: before.bStart, bEnd: list[0].bEnd }, ...list.slice(1)];
        first--;
        count++;
      }
      const last = list[list.length - 1];
      if (after && last && last.aEnd === after.aStart && last.bEnd === after.bStart) {
        list = [...list.slice(0, -1), { aStart: last.aStart, aEnd: after.aEnd, bStart: last.bStart, bEnd: after.bEnd }];
        count++;
      }
      const saved = cost(out.slice(first, first + count)) - cost(list);
      if (saved === 0) tie = true;
      if (saved > 0 && (!best || saved > best.saved)) best = { list, first, count, saved };
    }
    if (best) {
      out.splice(best.first, best.count, ...best.list);
      k = best.first + best.list.length - 1;
      continue;
    }
    if (!tie) continue;
    // The change's own old lines count where they are a deleted copy of a repeated line.
    const deletedCopies: number[] = [];
    for (let i = c.aStart; i < c.aEnd; i++) if (repeated.some((r) => sameLine(r, oldText, oldLines, i))) deletedCopies.push(i);
    for (const i of [...repeated, ...deletedCopies]) ambiguous.push([oldLines.at(i), oldLines.at(i + 1)]);
  }
  return { changes: out, ambiguous };
}

/**
 * Two line changes, equal lines between them, of which one only deleted lines that the other inserted
 * again word for word, realigned to keep those lines in place where the word diff finds that cheaper
 * (`wordEdits`). A paragraph copied above its neighbour, the original then edited, is as few line edits
 * as the neighbour moved below the copy: Myers may choose the move, which matches the original's old
 * lines with the copy and takes its spans there. Kept in place, the lines between are inserted (the
 * copy) and the rest is diffed again (the original's edit): taken when that is lines inserted, lines
 * edited in place (a third of their words kept; a change of as many lines as it puts in judged line by
 * line) and lines Myers changed as well, nothing else. One moved line that stands edited (two thirds
 * of its words kept) in the other change is kept in place too, as that edit (the neighbour edited as
 * well as the original); so is one line Myers rewrote into an unrelated one (a paragraph pasted before
 * it) that stands edited in the next change; and so are the moved lines next to the equal lines
 * between, when those alone stand in the other change (`movedLinesKept`).
 * @param changes the line changes (line numbers over `lines`), in order
 */
function keepMovedLines(changes: readonly Change[], sides: LineSides): Change[] {
  const { oldText, newText, oldLines, newLines } = sides;
  const sameLine = (i: number, j: number) => sameSlice(oldText, oldLines.at(i), oldLines.at(i + 1), newText, newLines.at(j), newLines.at(j + 1));
  /** Where old lines `[from, from + n)` stand in a row among new lines `[lo, hi)`, with `edited` some of them edited (`editedAs`), or -1. */
  const standsIn = (from: number, n: number, lo: number, hi: number, edited = false) => {
    for (let q = lo; q + n <= hi; q++) {
      let m = 0;
      while (m < n && (sameLine(from + m, q + m) || (edited && editedAs(from + m, q + m)))) m++;
      if (m === n) return q;
    }
    return -1;
  };
  /** Whether old line `i` stands as new line `j` edited (most of its words kept). */
  const editedAs = (i: number, j: number) => {
    const words = keptWords(sides, { aStart: i, aEnd: i + 1, bStart: j, bEnd: j + 1 });
    return words.kept >= Math.max(words.oldWords, words.newWords) * REWRITTEN_SCORE;
  };
  /** The runs of old lines `[from, from + n)` that stand edited at new `at` on: changes of their own. */
  const editedRuns = (from: number, n: number, at: number) => {
    const runs: Change[] = [];
    for (let m = 0; m < n; m++) {
      if (sameLine(from + m, at + m)) continue;
      const prev = runs[runs.length - 1];
      if (prev && prev.aEnd === from + m) {
        prev.aEnd++;
        prev.bEnd++;
      } else runs.push({ aStart: from + m, aEnd: from + m + 1, bStart: at + m, bEnd: at + m + 1 });
    }
    return runs;
  };
  /** The line changes between old `[aFrom, aTo)` and new `[bFrom, bTo)`, or undefined when too many. */
  const diff = (aFrom: number, aTo: number, bFrom: number, bTo: number) =>
    myersDiff(aTo - aFrom, bTo - bFrom, (i, j) => sameLine(aFrom + i, bFrom + j), MAX_LINE_EDITS)?.map((x) => ({
      aStart: x.aStart + aFrom,
      aEnd: x.aEnd + aFrom,
      bStart: x.bStart + bFrom,
      bEnd: x.bEnd + bFrom,
    }));
  /** Whether a change only deleted lines, words among them: with the next change inserting them again, Myers moved them. */
  const moved = (c: Change) => c.aEnd > c.aStart && c.bStart === c.bEnd && hasWordChar(oldText, oldLines.at(c.aStart), oldLines.at(c.aEnd));
  /** Whether a change put an unrelated line in place of one line (fewer than `MIN_SURVIVAL` of the words kept): the old line may stand edited further on, a paragraph pasted before it. */
  const rewroteOne = (c: Change) => {
    if (c.aEnd - c.aStart !== 1 || c.bEnd - c.bStart !== 1) return false;
    const words = keptWords(sides, c);
    return words.oldWords > 0 && words.kept < Math.max(words.oldWords, words.newWords) * MIN_SURVIVAL;
  };
  /** Lines inserted, or lines edited in place (a third of their words kept): no other move, no rewrite. */
  const inPlace = (x: Change, words: WordsKept) => x.aStart === x.aEnd || words.oldWords + words.newWords === 0 || words.kept >= Math.max(words.oldWords, words.newWords) * MIN_SURVIVAL;
  /** Whether old lines `[from, to)` hold a letter or digit. */
  const withWords = (from: number, to: number) => hasWordChar(oldText, oldLines.at(from), oldLines.at(to));
  /** Whether new line `j` stands whole among the old lines. */
  const copiesOldLine = (j: number) => {
    for (let i = 0; i < oldLines.count; i++) if (sameLine(i, j)) return true;
    return false;
  };
  /**
   * The word edits of a change (`editsOf`), the lines it only puts in that copy an old line counted as
   * none: a copy writes no words. Else the paragraph copied above its neighbour, the original edited,
   * costs the copy's words, and Myers's story (the neighbour moved below the copy, the original's edited
   * version put in as new words) wins when the neighbour is the shorter (317306).
   */
  const editsCopiesFree = (x: Change, words: WordsKept) => {
    if (x.aStart !== x.aEnd) return editsOf(words);
    let written = 0;
    for (let j = x.bStart; j < x.bEnd; j++) if (!copiesOldLine(j)) written += wordCount(newText, newLines.at(j), newLines.at(j + 1));
    return written;
  };
  /**
   * The old lines of one change to keep in place, as `[from, n, at]` (at new line `at` on): the lines
   * `c1` only deleted, or `c2`, where they stand in the other change exactly or some of them edited;
   * else the lines next to the equal lines between where those alone stand there exactly (the paragraph
   * before the original edited too: 256531, Myers kept the copy and moved the paragraph between).
   */
  const movedLinesKept = (c1: Change, c2: Change): [number, number, number] | undefined => {
    const [n1, n2] = [c1.aEnd - c1.aStart, c2.aEnd - c2.aStart];
    const [moved1, moved2] = [moved(c1), moved(c2)];
    const down = moved1 ? standsIn(c1.aStart, n1, c2.bStart, c2.bEnd) : -1;
    if (down >= 0) return [c1.aStart, n1, down];
    const up = moved2 ? standsIn(c2.aStart, n2, c1.bStart, c1.bEnd) : -1;
    if (up >= 0) return [c2.aStart, n2, up];
    const downEdited = moved1 || rewroteOne(c1) ? standsIn(c1.aStart, n1, c2.bStart, c2.bEnd, true) : -1;
    if (downEdited >= 0) return [c1.aStart, n1, downEdited];
    const upEdited = moved2 ? standsIn(c2.aStart, n2, c1.bStart, c1.bEnd, true) : -1;
    if (upEdited >= 0) return [c2.aStart, n2, upEdited];
    for (let from = c1.aStart + 1; moved1 && from < c1.aEnd; from++) {
      const at = withWords(from, c1.aEnd) ? standsIn(from, c1.aEnd - from, c2.bStart, c2.bEnd) : -1;
      if (at >= 0) return [from, c1.aEnd - from, at];
    }
    for (let to = c2.aEnd - 1; moved2 && to > c2.aStart; to--) {
      const at = withWords(c2.aStart, to) ? standsIn(c2.aStart, to - c2.aStart, c1.bStart, c1.bEnd) : -1;
      if (at >= 0) return [c2.aStart, to - c2.aStart, at];
    }
    return undefined;
  };
  const out = [...changes];
  for (let k = 0; k + 1 < out.length; k++) {
    const [c1, c2] = [out[k]!, out[k + 1]!];
    const kept = movedLinesKept(c1, c2);
    if (!kept) continue;
    const [from, n, at] = kept;
    const before = diff(c1.aStart, from, c1.bStart, at);
    const after = diff(from + n, c2.aEnd, at + n, c2.bEnd);
    if (!before || !after) continue;
    const option = [...before, ...editedRuns(from, n, at), ...after];
    const words = option.map((x) => keptWords(sides, x));
    const cost = words.reduce((sum, w, q) => sum + editsCopiesFree(option[q]!, w), 0);
    // Lines Myers changed as well may be rewritten in the option too; the equal lines between must stay
    // in place. A change of as many lines as it puts in pairs them in order, each pair judged alone.
    const changedAnyway = (x: Change) => [c1, c2].some((c) => x.aStart >= c.aStart && x.aEnd <= c.aEnd && x.aStart < x.aEnd);
    const acceptable = (x: Change, q: number) => {
      if (changedAnyway(x) || inPlace(x, words[q]!)) return true;
      const n = x.aEnd - x.aStart;
      if (n < 2 || x.bEnd - x.bStart !== n) return false;
      for (let p = 0; p < n; p++) {
        const pair = { aStart: x.aStart + p, aEnd: x.aStart + p + 1, bStart: x.bStart + p, bEnd: x.bStart + p + 1 };
        if (!changedAnyway(pair) && !inPlace(pair, keptWords(sides, pair))) return false;
      }
      return true;
    };
    if (option.every(acceptable) && cost < editsCopiesFree(c1, keptWords(sides, c1)) + editsCopiesFree(c2, keptWords(sides, c2))) {
      out.splice(k, 2, ...option);
      k += option.length - 1;
    }
  }
  return out;
}

/**
 * How many words a change of lines deletes and inserts, by a word diff: a change that keeps fewer than
 * `MIN_SURVIVAL` of its words (of the longer side) rewrote them all, as `map` sees it — the spaces, the
 * full stops and the odd "the" any two lines share do not pair them.
 */
function wordEdits(sides: LineSides, c: Change): number {
  return editsOf(keptWords(sides, c));
}

/** `wordEdits` of a change whose words are counted. */
function editsOf({ oldWords, newWords, kept }: WordsKept): number {
  return kept < Math.max(oldWords, newWords) * MIN_SURVIVAL ? oldWords + newWords : oldWords + newWords - 2 * kept;
}

/** The words on each side of a change of lines, and how many of the old ones a word diff keeps. */
interface WordsKept {
  oldWords: number;
  newWords: number;
  kept: number;
}

/** `WordsKept` of a change of lines, by a word diff. */
function keptWords(sides: LineSides, c: Change): WordsKept {
  const { oldText, newText } = sides;
  const oldWords = wordCount(oldText, sides.oldLines.at(c.aStart), sides.oldLines.at(c.aEnd));
  const newWords = wordCount(newText, sides.newLines.at(c.bStart), sides.newLines.at(c.bEnd));
  if (oldWords === 0 || newWords === 0) return { oldWords, newWords, kept: 0 };
  const oldTokens = tokenStarts(oldText, sides.oldLines.at(c.aStart), sides.oldLines.at(c.aEnd));
  const newTokens = tokenStarts(newText, sides.newLines.at(c.bStart), sides.newLines.at(c.bEnd));
  const changes = myersDiff(
    oldTokens.length - 1,
    newTokens.length - 1,
    (i, j) => sameSlice(oldText, oldTokens[i]!, oldTokens[i + 1]!, newText, newTokens[j]!, newTokens[j + 1]!),
    MAX_WORD_EDITS,
  );
  if (!changes) return { oldWords, newWords, kept: 0 };
  let changed = 0;
  for (const x of changes) changed += wordCount(oldText, oldTokens[x.aStart]!, oldTokens[x.aEnd]!);
  return { oldWords, newWords, kept: oldWords - changed };
}

/** Line starts by index (the text's end after the last line), and how many lines. */
interface LineStarts {
  at(i: number): number;
  count: number;
}

/**
 * The starts of the lead margin's lines, the diffed lines and the tail margin's lines as one sequence;
 * `lead` ends where `lines` begins, `lines` (with the diffed region's end last) where `tail` begins.
 */
function aroundLines(lead: readonly number[], lines: readonly number[], tail: readonly number[]): LineStarts {
  const leadCount = Math.max(0, lead.length - 1);
  const linesCount = lines.length - 1;
  return {
    count: leadCount + linesCount + Math.max(0, tail.length - 1),
    at: (i) => (i < leadCount ? lead[i]! : i - leadCount <= linesCount ? lines[i - leadCount]! : tail[i - leadCount - linesCount]!),
  };
}

/** Starts of the lines of `text[from, to)`, each line with its LF, and `to` last. */
function lineStarts(text: string, from: number, to: number): number[] {
  const starts = [from];
  for (let i = text.indexOf('\n', from); i >= 0 && i < to - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (to > from) starts.push(to);
  return starts;
}

function sameSlice(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  return aEnd - aStart === bEnd - bStart && a.charCodeAt(aStart) === b.charCodeAt(bStart) && a.slice(aStart, aEnd) === b.slice(bStart, bEnd);
}

/** Kinds of token: a word (letters and digits), a run of white space, one other character. */
const WORD = 0;
const SPACE = 1;
const OTHER = 2;

/** Kind of the character (code point) at `i`: ASCII by its code, the rest by Unicode class. */
function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c)) return WORD;
    return c === 32 || (c >= 9 && c <= 13) ? SPACE : OTHER;
  }
  const char = String.fromCodePoint(text.codePointAt(i)!);
  return /[\p{L}\p{N}]/u.test(char) ? WORD : /\s/u.test(char) ? SPACE : OTHER;
}

/** UTF-16 length of the code point at `i`. */
function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/**
 * Token starts of `text[from, to)`, and `to` last: words, runs of white space, other characters one by
 * one. A number's group or decimal marks stay inside it (`100,000`): taken apart, the comma of a
 * replaced `100,000` pairs with a comma after it, and the span that ended on the number takes that
 * comma and the space after it.
 */
function tokenStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  let i = from;
  while (i < to) {
    starts.push(i);
    const kind = kindAt(text, i);
    i += widthAt(text, i);
    if (kind === OTHER) continue;
    while (i < to && (kindAt(text, i) === kind || (kind === WORD && isNumberMark(text, i, to)))) i += widthAt(text, i);
  }
  starts.push(to);
  return starts;
}

/** Whether `text[i]` is a comma or full stop between two digits, before `to`. */
function isNumberMark(text: string, i: number, to: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 44 || c === 46) && i + 1 < to && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1));
}

/** Whether a UTF-16 code unit is an ASCII digit. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The edits inside one changed run of lines, word by word; the run whole and coarse when they are too many. */
function diffWords(oldText: string, newText: string, lines: Hunk): Hunk[] {
  const oldTokens = tokenStarts(oldText, lines.oldStart, lines.oldEnd);
  const newTokens = tokenStarts(newText, lines.newStart, lines.newEnd);
  const changes: Change[] | undefined = myersDiff(
    oldTokens.length - 1,
    newTokens.length - 1,
    (i, j) => sameSlice(oldText, oldTokens[i]!, oldTokens[i + 1]!, newText, newTokens[j]!, newTokens[j + 1]!),
    MAX_WORD_EDITS,
  );
  if (!changes) return [{ ...lines, coarse: true }];
  const sides: TokenSides = { oldText, newText, oldTokens, newTokens };
  const aligned = absorbThreads(sides, changes);
  const hunk = (aStart: number, aEnd: number, bStart: number, bEnd: number): Hunk => ({
    oldStart: oldTokens[aStart]!,
    oldEnd: oldTokens[aEnd]!,
    newStart: newTokens[bStart]!,
    newEnd: newTokens[bEnd]!,
    coarse: false,
  });
  const hunks: Hunk[] = [];
  for (const c of aligned) hunks.push(...peelMarks(c, oldText, oldTokens, newText, newTokens, hunk));
  const merged = keepFirstWords(oldText, newText, mergeRewrites(oldText, newText, hunks));
  return merged.flatMap((h, i) => {
    const prev = merged[i - 1];
    const next = merged[i + 1];
    if (h.oldStart === h.oldEnd) return [slide(newText, h, prev ? prev.newEnd : lines.newStart, next ? next.newStart : lines.newEnd, true)];
    if (h.newStart === h.newEnd) return [slide(oldText, h, prev ? prev.oldEnd : lines.oldStart, next ? next.oldStart : lines.oldEnd, false)];
    const kept = keepGluedEdgeWords(oldText, newText, h);
    return splitReplacement(oldText, kept, prev ? prev.oldEnd : lines.oldStart) ?? [kept];
  });
}

/**
 * A replacement whose old text ends (begins) with a whole word that its new text ends (begins) with
 * glued to the word before (after) it, read with that word kept: a word token cannot be partly equal,
 * so `… enlargement. The` → `  freshThe` (` fresh` inserted against the next sentence's `The`, the
 * text between deleted, 331806) took `The` away from the span that began with it.
 * @returns the replacement without the kept words (the same hunk when there are none)
 */
function keepGluedEdgeWords(oldText: string, newText: string, h: Hunk): Hunk {
  if (h.oldStart === h.oldEnd || h.newStart === h.newEnd) return h;
  const oldPart = oldText.slice(h.oldStart, h.oldEnd);
  const newPart = newText.slice(h.newStart, h.newEnd);
  const last = /[^\p{L}\p{N}]([\p{L}\p{N}]+)$/u.exec(oldPart)?.[1];
  const first = /^([\p{L}\p{N}]+)[^\p{L}\p{N}]/u.exec(oldPart)?.[1];
  const glued = (word: string | undefined, end: boolean) =>
    word !== undefined &&
    newPart.length > word.length &&
    (end ? newPart.endsWith(word) && isWordChar(newPart.charAt(newPart.length - word.length - 1)) : newPart.startsWith(word) && isWordChar(newPart.charAt(word.length)));
  const tail = glued(last, true) ? last!.length : 0;
  const head = glued(first, false) && first!.length + tail < Math.min(oldPart.length, newPart.length) ? first!.length : 0;
  if (tail === 0 && head === 0) return h;
  return { oldStart: h.oldStart + head, oldEnd: h.oldEnd - tail, newStart: h.newStart + head, newEnd: h.newEnd - tail, coarse: false };
}

/**
 * `keepFirstWord` over each replacement, and over each run of up to `KEPT_WORD_RUN` kept apart by white
 * space only, the longest first (Myers threads `The documents` → `also The` on the space, and deletes
 * `than` to put it in again for `$2.5` after an emoji inserted: `than $2.5` → `📈 than `).
 */
function keepFirstWords(oldText: string, newText: string, hunks: readonly Hunk[]): Hunk[] {
  const out: Hunk[] = [];
  const run = (from: number, to: number): Hunk => ({ oldStart: hunks[from]!.oldStart, oldEnd: hunks[to]!.oldEnd, newStart: hunks[from]!.newStart, newEnd: hunks[to]!.newEnd, coarse: false });
  for (let i = 0; i < hunks.length; ) {
    let last = i;
    while (last + 1 < hunks.length && last + 1 - i < KEPT_WORD_RUN && /^\s*$/u.test(oldText.slice(hunks[last]!.oldEnd, hunks[last + 1]!.oldStart))) last++;
    let kept: Hunk[] | undefined;
    while (last >= i && !(kept = keepFirstWord(oldText, newText, run(i, last)))) last--;
    out.push(...(kept ?? [hunks[i]!]));
    i = kept ? last + 1 : i + 1;
  }
  return out;
}

/**
 * What an edited span's edge may stand on, given the character its old text began (ended) with: a word
 * character after a word character, anything but white space after a mark, anything after white space.
 * Inserted characters of another kind at a new edge stay outside the span.
 */
function edgeKind(ch: string): (c: string) => boolean {
  if (isWordChar(ch)) return isWordChar;
  if (/\s/u.test(ch)) return () => true;
  return (c) => !/\s/u.test(c);
}

/** How many edits apart by white space only `keepFirstWords` reads as one at most. */
const KEPT_WORD_RUN = 3;

/**
 * A replacement whose new text ends with the word its old text begins with, white space before it and
 * nothing but white space after it (`The documents` → `also The`), read as text inserted before that
 * word, the word kept, and the rest replaced by that white space (`also ` inserted, `The` kept,
 * ` documents` deleted): Myers ties the two, and a span that began at the word would otherwise take the
 * inserted text in.
 * @returns the edits, or undefined when the replacement has not that shape
 */
function keepFirstWord(oldText: string, newText: string, h: Hunk): Hunk[] | undefined {
  const word = /^[\p{L}\p{N}]+/u.exec(oldText.slice(h.oldStart, h.oldEnd))?.[0];
  if (!word || word.length === h.oldEnd - h.oldStart || isWordChar(oldText.charAt(h.oldStart + word.length))) return undefined;
  const space = /\s*$/u.exec(newText.slice(h.newStart, h.newEnd))![0].length;
  const at = h.newEnd - space - word.length;
  if (at <= h.newStart || !newText.startsWith(word, at) || !/\s/u.test(newText.charAt(at - 1))) return undefined;
  const rest = { oldStart: h.oldStart + word.length, oldEnd: h.oldEnd, newStart: h.newEnd - space, newEnd: h.newEnd, coarse: false };
  return [{ oldStart: h.oldStart, oldEnd: h.oldStart, newStart: h.newStart, newEnd: at, coarse: false }, rest];
}

/**
 * A replacement whose old text ends with the word that, with the white space after it, stands right
 * before it (`President ` + `Vladimir … U.S. President` → `😀`, then ` Joe`), read the other way where
 * the deletion then begins on a better boundary (`boundaryScore`): that word and the replaced text up to
 * its own copy deleted, the copy kept, and the white space with the new text inserted after it
 * (`President Vladimir … U.S. ` deleted, `President` kept, ` 😀` inserted). Myers matched a span's
 * first word with the first word of a sentence deleted before it, which took the span's word away.
 * @param low where the equal text before the replacement begins in the old text
 * @returns the two edits, or undefined when the replacement has not that shape
 */
function splitReplacement(oldText: string, h: Hunk, low: number): Hunk[] | undefined {
  const word = /[\p{L}\p{N}]+$/u.exec(oldText.slice(h.oldStart, h.oldEnd))?.[0];
  const space = /\s+$/u.exec(oldText.slice(low, h.oldStart))?.[0];
  if (!word || !space || word.length === h.oldEnd - h.oldStart) return undefined;
  const from = h.oldStart - space.length - word.length;
  if (from < low || !oldText.startsWith(word, from) || isWordChar(oldText.charAt(from - 1))) return undefined;
  if (boundaryScore(oldText, from, h.oldEnd - h.oldStart) <= boundaryScore(oldText, h.oldStart, h.oldEnd - h.oldStart)) return undefined;
  const at = h.newStart - space.length - word.length;
  return [
    { oldStart: from, oldEnd: h.oldEnd - word.length, newStart: at, newEnd: at, coarse: false },
    { oldStart: h.oldEnd, oldEnd: h.oldEnd, newStart: h.newStart - space.length, newEnd: h.newEnd, coarse: false },
  ];
}

/** Both texts of a changed run of lines and their token starts (each with the run's end last). */
interface TokenSides {
  oldText: string;
  newText: string;
  oldTokens: readonly number[];
  newTokens: readonly number[];
}

/** Whether old token `i` is the same text as new token `j`. */
function sameToken(t: TokenSides, i: number, j: number): boolean {
  return sameSlice(t.oldText, t.oldTokens[i]!, t.oldTokens[i + 1]!, t.newText, t.newTokens[j]!, t.newTokens[j + 1]!);
}

/** The most words of equal text that a long edit on either side may have taken from its own text. */
const THREAD_WORDS = 2;

/**
 * A thread that is only the end of one sentence and the space before the next (`. `), which keeps two
 * sentences' edits apart. Anchored, unlike `SENTENCE_BREAK`: any thread of marks holding a sentence's
 * end, kept apart too, lost a span its first words (diff-map.test.ts, a paragraph replaced above a span
 * whose first words were deleted).
 */
const BETWEEN_SENTENCES = /^[.!?]["'”’)]?\s+$/;

/**
 * Changes kept apart only by a little equal text that Myers took from inside a long edit, merged, the
 * merged change's ends that are the same on both sides given back as equal, and every change split at
 * its line breaks (`alignLineBreaks`): a deleted passage ending `… an invasion. Moscow has ` diffs as
 * deletions threaded on an earlier `Moscow ` and `has `, which would cut `Moscow has ` off the span that
 * begins there; a paragraph pasted before a replaced first word is threaded on a space. The equal text
 * between merged changes has no line break, at most `THREAD_WORDS` words and is shorter than the
 * changes on both sides, one of which has at least `REWRITE_WORDS` words (word swaps stay apart). A
 * merge whose lines do not pair up is not made: `enlargement` → `formally`, then a paragraph inserted
 * after the full stop, stays two edits rather than one ending inside the new paragraph.
 */
function absorbThreads(t: TokenSides, changes: readonly Change[]): Change[] {
  const groups: Change[][] = [];
  for (const c of changes) {
    const group = groups[groups.length - 1];
    if (group && isThread(t, spanOf(group), c)) group.push(c);
    else groups.push([c]);
  }
  return groups.flatMap((group) => {
    const merged = trimEqualEnds(t, spanOf(group));
    return alignLineBreaks(t, merged) ?? (group.length === 1 ? [merged] : group.flatMap((c) => alignLineBreaks(t, c) ?? [c]));
  });
}

/** One change from the first to the last of a run of changes. */
function spanOf(run: readonly Change[]): Change {
  return { aStart: run[0]!.aStart, aEnd: run[run.length - 1]!.aEnd, bStart: run[0]!.bStart, bEnd: run[run.length - 1]!.bEnd };
}

/** Whether the equal text between two changes is a thread (`absorbThreads`). */
function isThread(t: TokenSides, before: Change, after: Change): boolean {
  const from = t.oldTokens[before.aEnd]!;
  const to = t.oldTokens[after.aStart]!;
  const thread = t.oldText.slice(from, to);
  if (thread.includes('\n') || BETWEEN_SENTENCES.test(thread) || wordCount(t.oldText, from, to) > THREAD_WORDS) return false;
  const longer = (c: Change) => Math.max(t.oldTokens[c.aEnd]! - t.oldTokens[c.aStart]!, t.newTokens[c.bEnd]! - t.newTokens[c.bStart]!);
  const words = (c: Change) => Math.max(wordCount(t.oldText, t.oldTokens[c.aStart]!, t.oldTokens[c.aEnd]!), wordCount(t.newText, t.newTokens[c.bStart]!, t.newTokens[c.bEnd]!));
  return longer(before) > to - from && longer(after) > to - from && Math.max(words(before), words(after)) >= REWRITE_WORDS;
}

/** A change without the tokens at its start and end that are the same on both sides. */
function trimEqualEnds(t: TokenSides, c: Change): Change {
  let { aStart, aEnd, bStart, bEnd } = c;
  while (aStart < aEnd && bStart < bEnd && sameToken(t, aStart, bStart)) [aStart, bStart] = [aStart + 1, bStart + 1];
  while (aStart < aEnd && bStart < bEnd && sameToken(t, aEnd - 1, bEnd - 1)) [aEnd, bEnd] = [aEnd - 1, bEnd - 1];
  return { aStart, aEnd, bStart, bEnd };
}

/**
 * A change replacing text across lines, split at its line breaks, the old text's paired in order with
 * the new text's: the lines of a changed run correspond, and a replaced paragraph must not take in the
 * first words of the next one, which were deleted (`… rejected.\nThe documents, … U.S. ` → `… in
 * weeks.\n`). When one side has more line breaks, the extra whole lines are inserted (deleted) at the
 * change's start when it begins a line on both sides (a paragraph pasted before a replaced first word),
 * else at its end when it ends a line on both sides; otherwise the lines do not pair: undefined.
 */
function alignLineBreaks(t: TokenSides, c: Change): Change[] | undefined {
  if (c.aStart === c.aEnd || c.bStart === c.bEnd) return [c];
  const oldBreaks = lineBreakTokens(t.oldText, t.oldTokens, c.aStart, c.aEnd);
  const newBreaks = lineBreakTokens(t.newText, t.newTokens, c.bStart, c.bEnd);
  if (oldBreaks.length === 0 && newBreaks.length === 0) return [c];
  let { aStart, aEnd, bStart, bEnd } = c;
  let head: Change | undefined;
  let tail: Change | undefined;
  const extra = oldBreaks.length - newBreaks.length;
  if (extra !== 0) {
    const startsLine = (text: string, tokens: readonly number[], at: number) => at === 0 || isLineBreak(text, tokens, at - 1);
    const endsLine = (text: string, tokens: readonly number[], at: number) => at === tokens.length - 1 || isLineBreak(text, tokens, at);
    if (startsLine(t.oldText, t.oldTokens, aStart) && startsLine(t.newText, t.newTokens, bStart)) {
      // The longer side's first lines, through its extra line breaks, were inserted (deleted) whole.
      if (extra > 0) {
        const cut = oldBreaks.splice(0, extra)[extra - 1]! + 1;
        head = { aStart, aEnd: cut, bStart, bEnd: bStart };
        aStart = cut;
      } else {
        const cut = newBreaks.splice(0, -extra)[-extra - 1]! + 1;
        head = { aStart, aEnd: aStart, bStart, bEnd: cut };
        bStart = cut;
      }
    } else if (endsLine(t.oldText, t.oldTokens, aEnd) && endsLine(t.newText, t.newTokens, bEnd)) {
      // The longer side's last lines, from its extra line breaks on.
      if (extra > 0) {
        const cut = oldBreaks.splice(oldBreaks.length - extra)[0]!;
        tail = { aStart: cut, aEnd, bStart: bEnd, bEnd };
        aEnd = cut;
      } else {
        const cut = newBreaks.splice(newBreaks.length + extra)[0]!;
        tail = { aStart: aEnd, aEnd, bStart: cut, bEnd };
        bEnd = cut;
      }
    } else return undefined;
  }
  const pieces: Change[] = [];
  for (let i = 0; i <= oldBreaks.length; i++) {
    const aTo = i < oldBreaks.length ? oldBreaks[i]! : aEnd;
    const bTo = i < newBreaks.length ? newBreaks[i]! : bEnd;
    pieces.push(trimEqualEnds(t, { aStart, aEnd: aTo, bStart, bEnd: bTo }));
    if (i < oldBreaks.length) pieces.push(trimEqualEnds(t, { aStart: aTo, aEnd: aTo + 1, bStart: bTo, bEnd: bTo + 1 }));
    [aStart, bStart] = [aTo + 1, bTo + 1];
  }
  const changed = pieces.filter((p) => p.aStart < p.aEnd || p.bStart < p.bEnd);
  return [...(head ? [head] : []), ...changed, ...(tail ? [tail] : [])];
}

/** Indices of the tokens of `[from, to)` that hold a line break. */
function lineBreakTokens(text: string, tokens: readonly number[], from: number, to: number): number[] {
  const found: number[] = [];
  for (let i = from; i < to; i++) if (isLineBreak(text, tokens, i)) found.push(i);
  return found;
}

/** Whether token `i` is white space holding a line break. */
function isLineBreak(text: string, tokens: readonly number[], i: number): boolean {
  const at = text.indexOf('\n', tokens[i]!);
  return at >= 0 && at < tokens[i + 1]!;
}

/**
 * A change split so that punctuation marks replaced one for one at its ends (a quote or dash restyled)
 * are edits of their own: Myers merges `“severe` → `"reportedly` into one change, and a span that began
 * at `severe` would otherwise take in the new quote mark.
 */
function peelMarks(
  c: Change,
  oldText: string,
  oldTokens: readonly number[],
  newText: string,
  newTokens: readonly number[],
  hunk: (aStart: number, aEnd: number, bStart: number, bEnd: number) => Hunk,
): Hunk[] {
  const isMark = (text: string, tokens: readonly number[], i: number) => kindAt(text, tokens[i]!) === OTHER;
  let { aStart, aEnd, bStart, bEnd } = c;
  const head: Hunk[] = [];
  const tail: Hunk[] = [];
  const more = () => aStart < aEnd && bStart < bEnd && (aEnd - aStart > 1 || bEnd - bStart > 1);
  while (more() && isMark(oldText, oldTokens, aStart) && isMark(newText, newTokens, bStart)) {
    head.push(hunk(aStart, aStart + 1, bStart, bStart + 1));
    aStart++;
    bStart++;
  }
  while (more() && isMark(oldText, oldTokens, aEnd - 1) && isMark(newText, newTokens, bEnd - 1)) {
    tail.unshift(hunk(aEnd - 1, aEnd, bEnd - 1, bEnd));
    aEnd--;
    bEnd--;
  }
  const oldKind = tokensKind(oldText, oldTokens, aStart, aEnd);
  const newKind = tokensKind(newText, newTokens, bStart, bEnd);
  // Words replaced by marks only (or marks by words) are no rewording: a word deleted next to a restyled
  // dash (`Europe —` → `--`) would otherwise make the new dash the span's last "word".
  const middle =
    oldKind !== newKind && oldKind !== MIXED && newKind !== MIXED
      ? [hunk(aStart, aEnd, bStart, bStart), hunk(aEnd, aEnd, bStart, bEnd)]
      : [hunk(aStart, aEnd, bStart, bEnd)];
  return [...head, ...middle, ...tail];
}

/** What tokens `[from, to)` hold besides white space: only words (`WORD`), only marks (`OTHER`), or both or neither (`MIXED`). */
const MIXED = -1;
function tokensKind(text: string, tokens: readonly number[], from: number, to: number): number {
  let kind = MIXED;
  for (let i = from; i < to; i++) {
    const k = kindAt(text, tokens[i]!);
    if (k === SPACE) continue;
    if (kind !== MIXED && k !== kind) return MIXED;
    kind = k;
  }
  return kind;
}

/**
 * The fewest words (in the old or the new text) of a run of edits that reads as one passage rewritten
 * rather than words replaced one by one.
 */
const REWRITE_WORDS = 4;

/** The longest word that, kept between two edits, does not tie them to the same place (`a`, `to`, `the`). */
const FILLER_WORD = 3;

/**
 * Runs of edits kept apart only by spaces and short words merged into one: a sentence replaced by another
 * diffs as word replacements threaded on the spaces and the `to`s they share, and a span edge inside it
 * would be mapped into the middle of the new sentence. Merged, an edge inside goes to the start or end of
 * the whole replacement. Runs of fewer than `REWRITE_WORDS` words stay word by word.
 */
function mergeRewrites(oldText: string, newText: string, hunks: readonly Hunk[]): Hunk[] {
  const merged: Hunk[] = [];
  let run: Hunk[] = [];
  const flush = () => {
    if (run.length > 1 && wordCount(oldText, run[0]!.oldStart, run[run.length - 1]!.oldEnd) >= REWRITE_WORDS && wordCount(newText, run[0]!.newStart, run[run.length - 1]!.newEnd) >= REWRITE_WORDS) {
      merged.push({ oldStart: run[0]!.oldStart, oldEnd: run[run.length - 1]!.oldEnd, newStart: run[0]!.newStart, newEnd: run[run.length - 1]!.newEnd, coarse: false });
    } else merged.push(...run);
    run = [];
  };
  for (const h of hunks) {
    const last = run[run.length - 1];
    if (last && !onlyFiller(oldText, last.oldEnd, h.oldStart)) flush();
    run.push(h);
  }
  flush();
  return merged;
}

/** Whether `text[from, to)` holds only spaces (no line break) and words of at most `FILLER_WORD` characters. */
function onlyFiller(text: string, from: number, to: number): boolean {
  let word = 0;
  for (let i = from; i < to; i++) {
    const kind = kindAt(text, i);
    if (kind === OTHER || text.charCodeAt(i) === 10) return false;
    word = kind === WORD ? word + 1 : 0;
    if (word > FILLER_WORD) return false;
  }
  return true;
}

/** The words (runs of letters and digits) of `text[from, to)`: offset and length of each. */
function wordsOf(text: string, from: number, to: number): [number, number][] {
  const words: [number, number][] = [];
  for (let i = from; i < to; ) {
    if (kindAt(text, i) !== WORD) {
      i += widthAt(text, i);
      continue;
    }
    const at = i;
    while (i < to && kindAt(text, i) === WORD) i += widthAt(text, i);
    words.push([at, i - at]);
  }
  return words;
}

/** How many words (runs of letters and digits) `text[from, to)` holds. */
function wordCount(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (kindAt(text, i) === WORD && (i === from || kindAt(text, i - 1) !== WORD)) count++;
  return count;
}

/**
 * A pure insertion or deletion moved, within the equal text around it, to where it sits best on a
 * boundary (`boundaryScore`), as an inserted or deleted paragraph, sentence or word does: Myers may match
 * the old `The` of `The US` with an inserted `The ministry … comment. The`, which would put the insertion
 * inside a span beginning at `The`. On a tie it stays where the diff put it.
 * @param text the side the edit changed: the new text for an insertion, the old one for a deletion
 * @param low where the equal text before the edit begins on that side
 * @param high where the equal text after it ends
 */
function slide(text: string, h: Hunk, low: number, high: number, insertion: boolean): Hunk {
  // The changed side's edited run [from, to); the equal text around it, [low, high), bounds the slide.
  const from = insertion ? h.newStart : h.oldStart;
  const to = insertion ? h.newEnd : h.oldEnd;
  const length = to - from;
  let best = from;
  let bestScore = boundaryScore(text, from, length);
  for (let at = from; at > low && text.charCodeAt(at - 1) === text.charCodeAt(at - 1 + length); ) {
    const score = boundaryScore(text, --at, length);
    if (score > bestScore) [best, bestScore] = [at, score];
  }
  for (let at = from; to + (at - from) < high && text.charCodeAt(at) === text.charCodeAt(at + length); ) {
    const score = boundaryScore(text, ++at, length);
    if (score > bestScore) [best, bestScore] = [at, score];
  }
  const by = best - from;
  return { oldStart: h.oldStart + by, oldEnd: h.oldEnd + by, newStart: h.newStart + by, newEnd: h.newEnd + by, coarse: false };
}

/**
 * How well an edit of `length` units at `at` sits on a boundary: the better of how its start and its end
 * do (`startScore`, `endScore`), a tie going to the better start. A sentence appended to a paragraph
 * begins with a space but ends before the line break: ` It was … take place.` at the end of a line that
 * ends `in place.` is not to be slid back to begin at that `place`.
 */
function boundaryScore(text: string, at: number, length: number): number {
  if (isLowSurrogate(text.charCodeAt(at)) || isLowSurrogate(text.charCodeAt(at + length))) return 0;
  const start = startScore(text, at);
  return 4 * Math.max(start, endScore(text, at + length)) + start;
}

/**
 * How well an edit beginning at `at` begins on a boundary: with something other than white space right
 * after white space (3 after a line break or at the text's start, 2 after the end of a sentence, 1 after
 * a space between words), or with a word right after a mark (1: `“|Western We`, not `“We|stern We`),
 * else 0. An apostrophe inside a word is no mark: `NATO’|s` is inside the word (`splitsWord`).
 */
function startScore(text: string, at: number): number {
  if (/\s/.test(text.charAt(at))) return 0;
  if (at === 0 || text.charCodeAt(at - 1) === 10) return 3;
  if (!/\s/.test(text.charAt(at - 1))) return isWordChar(text.charAt(at)) && !isWordChar(text.charAt(at - 1)) && !splitsWord(text, at) ? 1 : 0;
  return SENTENCE_END.test(text.charAt(at - 2)) ? 2 : 1;
}

/**
 * How well an edit ending at `end` ends on a boundary: with something other than white space right
 * before a line break or the text's end (3), before white space after the end of a sentence (2) or
 * after a word (1), or with a word right before a mark (1, not an apostrophe inside a word), else 0.
 */
function endScore(text: string, end: number): number {
  if (end === 0 || /\s/.test(text.charAt(end - 1))) return 0;
  if (end === text.length || text.charCodeAt(end) === 10) return 3;
  if (!/\s/.test(text.charAt(end))) return isWordChar(text.charAt(end - 1)) && !isWordChar(text.charAt(end)) && !splitsWord(text, end) ? 1 : 0;
  return SENTENCE_END.test(text.charAt(end - 1)) ? 2 : 1;
}

/** A character that ends a sentence, or a quote or bracket closing one. */
const SENTENCE_END = /[.!?:;"'”’)]/;

/** From this many hunks over a span with no long untouched stretch between them, it was rewritten (`paraphrased`). */
const PARAPHRASE_EDITS = 3;

/** Below this share of an edited span's text kept by the diff, its text standing whole elsewhere is a doubt (`standsWholeElsewhere`). */
const REWRITTEN_SCORE = 2 / 3;

/** The most words an edge edit may have replaced to count as the edge word become several (`edgeWordGrew`). */
const EDGE_WORDS = 2;

/** A line break, or a full stop (question or exclamation mark) that ends a sentence: before white space or at the end. */
const SENTENCE_BREAK = /\n|[.!?]["'”’)]?(?:\s|$)/;

/** Every sentence or line break of a text (`SENTENCE_BREAK`, global). */
const SENTENCE_BREAKS = new RegExp(SENTENCE_BREAK.source, 'g');

/** The end of text right before a word that begins a sentence (the text's or a line's start included). */
const BEGINS_SENTENCE = /(?:^|\n|[.!?]["'”’)]?\s+)$/;

/** Every line break of a text. */
const LINE_BREAKS = /\n/g;

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
