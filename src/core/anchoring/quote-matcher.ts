/**
 * Candidates for one quote in one text, and their scores: exact occurrences, approximate matches of
 * prefix + quote + suffix split back into their parts, the rules that put their edges, and placements
 * close enough to the expected place to need no search. Counts UTF-16 code units. `match-quote.ts`
 * decides between the candidates; the method is in docs/anchoring.md.
 */
import { Alphabet, BitPattern } from './bit-parallel';
import { matchedExtent } from './extent';
import { charKind, isWordChar, nearestWordEdge } from './words';

/** What is known of the quote: its text and, when stored, the context on each side. */
export interface QuoteSelector {
  /** The quoted text. */
  text: string;
  /** Text just before it, if kept ('' when the quote began the document). */
  prefix?: string | undefined;
  /** Text just after it, if kept ('' when the quote ended the document). */
  suffix?: string | undefined;
}

/** A placement of the quote, with how well each part agrees (0..1). */
export interface QuoteMatch {
  /** UTF-16 offset of the quote's first code unit. */
  start: number;
  /** UTF-16 offset after its last code unit. */
  end: number;
  /** The weighted agreement of all parts: what `MIN_QUALITY` is compared with. */
  score: number;
  /** Similarity of the found text to the stored one (1 − edit distance / longer length). */
  quote: number;
  /** Similarity of the stored prefix to the text before the placement, if a prefix is stored (an empty one: 1 at the document's start, else not counted). */
  prefix: number | undefined;
  /** Similarity of the stored suffix to the text after it, if a suffix is stored (an empty one: 1 at the document's end, else not counted). */
  suffix: number | undefined;
  /**
   * Closeness to the expected place: 1 there, 1/2 at `POSITION_SCALE` code units away, falling on; 1 for
   * the only exact occurrence of the quote in the whole text (there is nothing to choose between).
   */
  position: number;
  /** Distance in UTF-16 units from the expected place. */
  distance: number;
}

/** Weights of the parts in the score; a part that is not stored drops out and the rest are rescaled. */
export const WEIGHTS = { quote: 4, prefix: 2.5, suffix: 2.5, position: 1 } as const;

/** Distance (UTF-16 units) from the expected place at which the position part falls to 1/2. */
export const POSITION_SCALE = 64;

/** Window radii searched in turn around the expected place; the last stage is the whole text. */
export const WINDOW_RADII = [64, 256, 4096] as const;

/** An exact occurrence this close to the expected place, with all its stored context intact, is taken at once. */
const IMMEDIATE_DISTANCE = 64;

/** At most this many approximate matches are refined per window. */
const MAX_FUZZY_CANDIDATES = 3;

/** At most this many exact occurrences, the nearest, are scored per window. */
const MAX_EXACT_CANDIDATES = 16;

/** Least length of each of the quote's two parts around text inserted inside it. */
const EDGE_MARGIN = 8;

/** Characters of the quote's edge that must match exactly to keep unmatched text outside it. */
const EDGE_EVIDENCE = 3;

/** Context at least this similar at a quote edge holds the edge in place. */
export const ANCHORED_CONTEXT = 0.5;

/** How much better a placement's context must agree to outweigh a nearer one. */
export const RIVAL_CONTEXT_MARGIN = 0.25;

/** An unanchored quote edge is cut back only if that gains this much in matches − errors. */
const TRIM_MARGIN = 8;

/** How many occurrences of each seed piece are taken on each side of the part already searched. */
const SEEDS_PER_SIDE = 4;

/** Length of the pieces of quote and context looked up exactly to seed the whole-text stage. */
export const SEED_LENGTH = 16;

/** Decides whether a match is good enough to stop searching. */
export type Acceptance = (match: QuoteMatch) => boolean;

/** Candidate search and scoring for one quote in one text; patterns are built on first use. */
export class QuoteMatcher {
  private readonly quote: string;
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly full: string;
  /** The stored prefix is empty, not absent: the quote began the document. */
  private readonly atTextStart: boolean;
  /** The stored suffix is empty, not absent: the quote ended the document. */
  private readonly atTextEnd: boolean;
  /** The quote began with a word character after a non-word one (known only when the prefix is stored). */
  private readonly startsAtWordEdge: boolean;
  /** The quote ended with a word character before a non-word one (known only when the suffix is stored). */
  private readonly endsAtWordEdge: boolean;
  private readonly patterns: (BitPattern | undefined)[] = [];
  private alphabet: Alphabet | undefined;
  private once: boolean | undefined;

  constructor(
    private readonly text: string,
    selector: QuoteSelector,
    private readonly hint: number,
  ) {
    this.quote = selector.text;
    this.prefix = selector.prefix ?? '';
    this.suffix = selector.suffix ?? '';
    this.full = this.prefix + this.quote + this.suffix;
    this.atTextStart = selector.prefix === '';
    this.atTextEnd = selector.suffix === '';
    this.startsAtWordEdge = selector.prefix !== undefined && isWordChar(this.quote.charAt(0)) && !isWordChar(this.prefix.slice(-1));
    this.endsAtWordEdge = selector.suffix !== undefined && isWordChar(this.quote.slice(-1)) && !isWordChar(this.suffix.charAt(0));
  }

  /**
   * A placement so close to the expected place and so well supported that no search is needed: the
   * nearest exact text within `IMMEDIATE_DISTANCE` with its stored context intact; else the nearest exact
   * text that close if acceptable and no other occurrence within ±256 has clearly better context (the
   * prefix and suffix choose between repeats); or the text between the stored prefix and suffix, both
   * found exactly that close, if acceptable (a word changed, or text inserted, inside the quote).
   */
  immediate(accept: Acceptance): QuoteMatch | undefined {
    const { text, quote, prefix, suffix, hint } = this;
    // The common case, text moved by exactly the shift expected, costs two string comparisons.
    if (text.startsWith(quote, hint) && this.contextIntact(hint, hint + quote.length)) return this.score(hint, hint + quote.length, 1);
    const near = this.occurrences(quote, hint - WINDOW_RADII[1], hint + WINDOW_RADII[1], MAX_EXACT_CANDIDATES);
    const close = near.filter((at) => Math.abs(at - hint) <= IMMEDIATE_DISTANCE);
    for (const at of close) if (this.contextIntact(at, at + quote.length)) return this.score(at, at + quote.length, 1);
    if (close.length > 0) {
      const nearest = this.exactAt(close[0]!);
      const better = near.slice(1).some((at) => contextOf(this.exactAt(at)) >= contextOf(nearest) + RIVAL_CONTEXT_MARGIN);
      if (accept(nearest) && !better) return nearest;
    }
    if (prefix && suffix) {
      const from = hint - IMMEDIATE_DISTANCE - prefix.length;
      for (const at of this.occurrences(prefix, from, from + 2 * IMMEDIATE_DISTANCE, 2)) {
        let start = at + prefix.length;
        let end = text.indexOf(suffix, start);
        if (end < 0) continue;
        // A small change of length, as a replaced word makes, or text put inside the quote; anything
        // else goes through the search.
        const small = Math.abs(end - start - quote.length) <= Math.max(8, quote.length >> 3);
        if (!small && !this.insertedInside(start, end)) continue;
        // A line break the quote did not have: a paragraph pasted next to it, inside the old context;
        // where the quote begins (ends) in that is for the search's edge rules to say.
        if (!quote.includes('\n') && text.slice(start, end).includes('\n')) continue;
        [start, end] = this.keepWordsOutside(start, end);
        const m = this.score(start, end);
        if (accept(m)) return m;
      }
    }
    return undefined;
  }

  /**
   * Score an exact occurrence of the quote at `at`, widened to whole words where the quote began or
   * ended at a word's edge and the occurrence does not (a word lengthened at the quote's edge: "said"
   * became "saidso" is the edited last word, not the old one with letters after it).
   */
  private exactAt(at: number): QuoteMatch {
    const { text } = this;
    let start = at;
    let end = at + this.quote.length;
    if (this.startsAtWordEdge) while (start > 0 && isWordChar(text.charAt(start - 1)) && isWordChar(text.charAt(start))) start--;
    if (this.endsAtWordEdge) while (end < text.length && isWordChar(text.charAt(end - 1)) && isWordChar(text.charAt(end))) end++;
    return this.score(start, end, start === at && end === at + this.quote.length ? 1 : undefined);
  }

  /** Whether the quote occurs exactly once in the whole text (computed once). */
  private occursOnce(): boolean {
    if (this.once === undefined) {
      const first = this.text.indexOf(this.quote);
      this.once = first >= 0 && this.text.indexOf(this.quote, first + 1) < 0;
    }
    return this.once;
  }

  /**
   * Whether [start, end) is the quote with one block of text put inside it: its beginning up to some
   * point, then new text, then the rest of it, each part at least `EDGE_MARGIN` long (a quote found
   * whole at one end, with text after it, is a different story: text added beside it, or a copy).
   */
  private insertedInside(start: number, end: number): boolean {
    const { text, quote } = this;
    const length = end - start;
    let head = 0;
    while (head < quote.length && head < length && text.charCodeAt(start + head) === quote.charCodeAt(head)) head++;
    let tail = 0;
    while (tail < quote.length && tail < length && text.charCodeAt(end - 1 - tail) === quote.charCodeAt(quote.length - 1 - tail)) tail++;
    return head + tail >= quote.length && head >= EDGE_MARGIN && tail >= EDGE_MARGIN && head <= quote.length - EDGE_MARGIN && tail <= quote.length - EDGE_MARGIN;
  }

  /**
   * Where the stored prefix ended inside a word and the quote began with a non-word character (or the
   * quote ended with one and the suffix began inside a word), letters that now run on at the edge
   * belong to that lengthened neighbouring word, not to the quote.
   */
  private keepWordsOutside(start: number, end: number): [number, number] {
    const { text, quote, prefix, suffix } = this;
    if (isWordChar(prefix.slice(-1)) && !isWordChar(quote.charAt(0))) {
      while (start < end && isWordChar(text.charAt(start))) start++;
    }
    if (isWordChar(suffix.charAt(0)) && !isWordChar(quote.slice(-1))) {
      while (end > start && isWordChar(text.charAt(end - 1))) end--;
    }
    return [start, end];
  }

  /** Whether the stored context (those parts that are stored) is exactly around [start, end). */
  private contextIntact(start: number, end: number): boolean {
    const { text, prefix, suffix } = this;
    const before = this.atTextStart ? start === 0 : text.endsWith(prefix, start);
    return before && (this.atTextEnd ? end === text.length : text.startsWith(suffix, end));
  }

  /**
   * Scored candidates whose quote starts in [from, to]: the nearest exact occurrences, and the best
   * approximate matches of prefix + quote + suffix, split back into their parts.
   */
  candidatesIn(from: number, to: number): QuoteMatch[] {
    const candidates: QuoteMatch[] = [];
    const seen = new Set<number>();
    const offer = (start: number, end: number, quoteSimilarity?: number) => {
      const key = start * 0x100000 + (end - start);
      if (start >= end || seen.has(key)) return;
      seen.add(key);
      candidates.push(this.score(start, end, quoteSimilarity));
    };
    for (const at of this.occurrences(this.quote, from, to, MAX_EXACT_CANDIDATES)) {
      const m = this.exactAt(at);
      offer(m.start, m.end, m.quote);
    }
    for (const [start, end] of this.approximate(from, to)) offer(start, end);
    return candidates;
  }

  /**
   * Places to search around in a long text, nearest the expected place first: where exact pieces of the
   * context and of the quote occur outside the part already searched.
   */
  seeds(searchedFrom: number, searchedTo: number): number[] {
    const { quote, prefix, suffix, text, hint } = this;
    const pieces: { piece: string; offset: number }[] = [];
    const tail = (s: string) => s.slice(Math.max(0, s.length - SEED_LENGTH));
    if (prefix) pieces.push({ piece: tail(prefix), offset: Math.min(prefix.length, SEED_LENGTH) });
    if (suffix) pieces.push({ piece: suffix.slice(0, SEED_LENGTH), offset: -quote.length });
    pieces.push({ piece: quote.slice(0, SEED_LENGTH), offset: 0 });
    pieces.push({ piece: tail(quote), offset: Math.min(quote.length, SEED_LENGTH) - quote.length });
    const seeds = new Set<number>();
    for (const { piece, offset } of pieces) {
      const outside = [
        ...this.occurrences(piece, 0, searchedFrom - offset - 1, SEEDS_PER_SIDE),
        ...this.occurrences(piece, searchedTo - offset + 1, text.length, SEEDS_PER_SIDE),
      ];
      for (const at of outside) seeds.add(at + offset);
    }
    return [...seeds].sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  }

  /** Score a placement of the quote at [start, end). */
  private score(start: number, end: number, quoteSimilarity?: number): QuoteMatch {
    const found = this.text.slice(start, end);
    const quote = quoteSimilarity ?? 1 - this.pattern(Part.Quote).distanceTo(found) / Math.max(found.length, this.quote.length);
    // An empty stored context (the quote touched the document's edge) counts in favour at that edge and
    // is left out elsewhere: text inserted above the first line must not count against the quote.
    const prefix = this.prefix ? this.contextSimilarity(start, true) : this.atTextStart && start === 0 ? 1 : undefined;
    const suffix = this.suffix ? this.contextSimilarity(end, false) : this.atTextEnd && end === this.text.length ? 1 : undefined;
    // Position only chooses between places; the only exact occurrence in the whole text has no rival.
    const distance = Math.abs(start - this.hint);
    const alone = quoteSimilarity === 1 && distance > WINDOW_RADII[1] && this.occursOnce();
    const position = alone ? 1 : 1 / (1 + distance / POSITION_SCALE);
    let sum = WEIGHTS.quote * quote + WEIGHTS.position * position;
    let weights = WEIGHTS.quote + WEIGHTS.position;
    if (prefix !== undefined) {
      sum += WEIGHTS.prefix * prefix;
      weights += WEIGHTS.prefix;
    }
    if (suffix !== undefined) {
      sum += WEIGHTS.suffix * suffix;
      weights += WEIGHTS.suffix;
    }
    return { start, end, score: sum / weights, quote, prefix, suffix, position, distance };
  }

  /**
   * How well the stored prefix agrees with the text ending at `at` (or the suffix with the text starting
   * there): 1 minus the fewest edits between it and any text touching `at`, over its length.
   */
  private contextSimilarity(at: number, before: boolean): number {
    const context = before ? this.prefix : this.suffix;
    // An empty stored context says the quote touched the document's edge; it agrees only there.
    if (context === '') return at === (before ? 0 : this.text.length) ? 1 : 0;
    if (before ? this.text.endsWith(context, at) : this.text.startsWith(context, at)) return 1;
    const count = Math.min(before ? at : this.text.length - at, context.length * 2);
    const out = buffer(1, count + 1);
    this.pattern(before ? Part.PrefixReversed : Part.Suffix).scanAnchored(this.text, at, count, before, out);
    let fewest = context.length;
    for (let k = 0; k <= count; k++) fewest = Math.min(fewest, out[k]!);
    return 1 - fewest / context.length;
  }

  /**
   * Approximate placements of the quote between from and to: the best end positions of prefix + quote +
   * suffix in the window, each traced back to its start and split where prefix, quote and suffix meet.
   */
  private approximate(from: number, to: number): [number, number][] {
    const { text, full, prefix, suffix, quote } = this;
    const scanFrom = Math.max(0, from - prefix.length);
    const scanTo = Math.min(text.length, to + quote.length + suffix.length);
    if (scanTo <= scanFrom) return [];
    const errors = buffer(0, scanTo - scanFrom);
    this.pattern(Part.Full).scanEnds(text, scanFrom, scanTo, errors);
    const expectedEnd = this.hint + quote.length + suffix.length - scanFrom - 1;
    const ends = pickMinima(errors, scanTo - scanFrom, expectedEnd, Math.max(8, Math.ceil(full.length / 3)), Math.max(8, full.length >> 1));
    const placements: [number, number][] = [];
    for (const k of ends) {
      const end = scanFrom + k + 1;
      const start = this.traceStart(end, errors[k]!);
      let [qs, qe] = this.split(start, end);
      // An edge that neither its context nor its own characters hold in place may have run on into
      // text that only replaced deleted words: keep the stretch where the quote still matches.
      if (!this.anchored(qe, false)) qe = qs + matchedExtent(quote, text, qs, qe - qs, false, TRIM_MARGIN);
      if (!this.anchored(qs, true)) qs = qe - matchedExtent(quote, text, qe, qe - qs, true, TRIM_MARGIN);
      // A quote that began (ended) at a word's edge does not begin (end) inside a word now.
      if (this.startsAtWordEdge) qs = nearestWordEdge(text, qs, qe, true);
      if (this.endsAtWordEdge) qe = nearestWordEdge(text, qs, qe, false);
      [qs, qe] = this.keepWordsOutside(qs, qe);
      // An empty stored context means the quote touched the document's edge. If it nearly does and its
      // own edge characters are not at the cut (its first or last word was replaced), it still does.
      const reach = quote.length >> 1;
      if (this.atTextStart && qs <= reach && this.edgeAgreement(qs, true) === 0) qs = 0;
      if (this.atTextEnd && text.length - qe <= reach && this.edgeAgreement(qe, false) === 0) qe = text.length;
      placements.push([snapBack(text, qs), snapForward(text, qe)]);
    }
    return placements;
  }

  /** Whether a quote edge at `at` is held in place by the stored context there or by the quote's own edge characters. */
  private anchored(at: number, atQuoteStart: boolean): boolean {
    if (this.edgeAgreement(at, atQuoteStart) > 0) return true;
    if (atQuoteStart ? this.atTextStart && at === 0 : this.atTextEnd && at === this.text.length) return true;
    const context = atQuoteStart ? this.prefix : this.suffix;
    return context.length > 0 && this.contextSimilarity(at, atQuoteStart) >= ANCHORED_CONTEXT;
  }

  /** Where the best alignment of the whole pattern ending at `end` begins. */
  private traceStart(end: number, errors: number): number {
    const count = Math.min(end, this.full.length + errors);
    const out = buffer(1, count + 1);
    this.pattern(Part.FullReversed).scanAnchored(this.text, end, count, true, out);
    let best = 0;
    for (let k = 1; k <= count; k++) {
      const better = out[k]! < out[best]!;
      const tie = out[k] === out[best] && Math.abs(k - this.full.length) < Math.abs(best - this.full.length);
      if (better || tie) best = k;
    }
    return end - best;
  }

  /**
   * Split the aligned text [start, end) into prefix | quote | suffix where the alignment cost is least.
   * Text the alignment leaves unmatched at an edge costs the same on either side of it; it goes outside
   * the quote when the quote's own first (last) characters follow (precede) it, as after an insertion at
   * the edge, and inside otherwise, as when the quote's first (last) word was replaced.
   */
  private split(start: number, end: number): [number, number] {
    const length = end - start;
    const { prefix, suffix } = this;
    let quoteStart = start;
    let quoteEnd = end;
    if (prefix) quoteStart = start + this.cut(start, end, length, Part.Prefix, Part.QuoteSuffixReversed, true);
    if (suffix) quoteEnd = start + this.cut(start, end, length, Part.PrefixQuote, Part.SuffixReversed, false);
    return [quoteStart, Math.max(quoteStart, quoteEnd)];
  }

  /**
   * Offset k in [0, length] minimising cost(left part vs text[start, start+k)) + cost(right part vs the
   * rest); among equal costs, the one where the most of the quote's edge matches exactly, else the one
   * nearest the context.
   * @param atQuoteStart whether the cut is the quote's start (else its end)
   */
  private cut(start: number, end: number, length: number, left: Part, right: Part, atQuoteStart: boolean): number {
    const fromLeft = buffer(2, length + 1);
    const fromRight = buffer(3, length + 1);
    this.pattern(left).scanAnchored(this.text, start, length, false, fromLeft);
    this.pattern(right).scanAnchored(this.text, end, length, true, fromRight);
    let least = Infinity;
    for (let k = 0; k <= length; k++) least = Math.min(least, fromLeft[k]! + fromRight[length - k]!);
    let best = -1;
    let bestRank = -1;
    for (let k = 0; k <= length; k++) {
      if (fromLeft[k]! + fromRight[length - k]! !== least) continue;
      const rank = 3 * this.edgeAgreement(start + k, atQuoteStart) + this.boundaryAgreement(start + k, atQuoteStart);
      // Still tied: at the start the first is nearest the prefix, at the end the last nearest the suffix.
      if (rank > bestRank || (!atQuoteStart && rank === bestRank)) {
        best = k;
        bestRank = rank;
      }
    }
    return best;
  }

  /**
   * On how many sides (0..2) the characters around a cut at `at` are of the same kind (word character,
   * white space, other) as they were around the quote's start (or end) when it was annotated: an edge that
   * fell between a space and a word still does.
   */
  private boundaryAgreement(at: number, atQuoteStart: boolean): number {
    const { text, quote, prefix, suffix } = this;
    const before = atQuoteStart ? prefix.slice(-1) : quote.slice(-1);
    const after = atQuoteStart ? quote.slice(0, 1) : suffix.slice(0, 1);
    return (
      (before && charKind(before) === charKind(text.charAt(at - 1)) ? 1 : 0) +
      (after && charKind(after) === charKind(text.charAt(at)) ? 1 : 0)
    );
  }

  /**
   * How many of the quote's first characters follow `at` (or of its last characters precede it), up to 8;
   * fewer than `EDGE_EVIDENCE` count as none, since a letter or two agree by chance, and so does a match
   * that would put a word's edge inside a word.
   */
  private edgeAgreement(at: number, atQuoteStart: boolean): number {
    const { text, quote } = this;
    const most = Math.min(8, quote.length);
    let n = 0;
    if (atQuoteStart) while (n < most && text.charCodeAt(at + n) === quote.charCodeAt(n)) n++;
    else while (n < most && at - 1 - n >= 0 && text.charCodeAt(at - 1 - n) === quote.charCodeAt(quote.length - 1 - n)) n++;
    // The same letters inside a longer word are no evidence for an edge that was a word's edge.
    const edgeChar = atQuoteStart ? quote.charAt(0) : quote.slice(-1);
    const outside = atQuoteStart ? this.prefix.slice(-1) : this.suffix.charAt(0);
    const beyond = atQuoteStart ? text.charAt(at - 1) : text.charAt(at);
    if (isWordChar(edgeChar) && !isWordChar(outside) && isWordChar(beyond)) return 0;
    return n >= Math.min(EDGE_EVIDENCE, most) ? n : 0;
  }

  /**
   * Start offsets of exact occurrences of `needle` starting in [from, to], the `limit` nearest the hint.
   */
  private occurrences(needle: string, from: number, to: number, limit: number): number[] {
    const { text, hint } = this;
    const lo = Math.max(0, from);
    const hi = Math.min(to, text.length - needle.length);
    if (needle.length === 0 || hi < lo) return [];
    // Search a slice (V8 shares the characters) so a miss costs the window, not the rest of the text.
    const window = text.slice(lo, hi + needle.length);
    const found: number[] = [];
    for (let at = window.indexOf(needle); at !== -1; at = window.indexOf(needle, at + 1)) found.push(lo + at);
    found.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
    if (found.length > limit) found.length = limit;
    return found;
  }

  /** The bit pattern for one part or combination of parts, built once. */
  private pattern(part: Part): BitPattern {
    let p = this.patterns[part];
    if (!p) {
      // Every part is a slice of prefix + quote + suffix, taken forwards or backwards.
      const { full } = this;
      const q = this.prefix.length;
      const s = q + this.quote.length;
      const [from, to, reversed] = PART_RANGES[part]!(q, s, full.length);
      this.alphabet ??= new Alphabet(full);
      p = new BitPattern(full, this.alphabet, from, to, reversed);
      this.patterns[part] = p;
    }
    return p;
  }
}

/** The parts patterns are built from; `Reversed` ones read text backwards. */
const enum Part {
  Quote,
  Full,
  FullReversed,
  PrefixReversed,
  Suffix,
  Prefix,
  QuoteSuffixReversed,
  PrefixQuote,
  SuffixReversed,
}

/** Where each part lies in prefix + quote + suffix, given where the quote starts (q) and the suffix starts (s). */
const PART_RANGES: ((q: number, s: number, n: number) => [number, number, boolean])[] = [
  (q, s) => [q, s, false],
  (_q, _s, n) => [0, n, false],
  (_q, _s, n) => [0, n, true],
  (q) => [0, q, true],
  (_q, s, n) => [s, n, false],
  (q) => [0, q, false],
  (q, _s, n) => [q, n, true],
  (_q, s) => [0, s, false],
  (_q, s, n) => [s, n, true],
];

/** Reusable score buffers, one per simultaneous use, grown as needed. */
const buffers: Int32Array[] = [];

/**
 * A scratch buffer of at least n entries for one use; the same use gets the same buffer back.
 * @param use which buffer (0: window errors, 1: traced starts and context, 2 and 3: the two sides of a cut)
 * @param n entries needed
 */
function buffer(use: number, n: number): Int32Array {
  let b = buffers[use];
  if (!b || b.length < n) {
    b = new Int32Array(Math.max(n, 1024));
    buffers[use] = b;
  }
  return b;
}

/**
 * Local minima of an error profile worth refining: at most `MAX_FUZZY_CANDIDATES`, each with no more
 * than `slack` errors above the best, fewest errors first (then nearest `expected`), at least `apart`
 * positions from one another.
 */
function pickMinima(errors: Int32Array, length: number, expected: number, slack: number, apart: number): number[] {
  let least = Infinity;
  for (let k = 0; k < length; k++) least = Math.min(least, errors[k]!);
  const limit = least + slack;
  const minima: number[] = [];
  for (let k = 0; k < length; k++) {
    const e = errors[k]!;
    if (e > limit) continue;
    if ((k > 0 && errors[k - 1]! < e) || (k + 1 < length && errors[k + 1]! < e)) continue;
    minima.push(k);
  }
  minima.sort((a, b) => errors[a]! - errors[b]! || Math.abs(a - expected) - Math.abs(b - expected));
  const picked: number[] = [];
  for (const k of minima) {
    if (picked.length === MAX_FUZZY_CANDIDATES) break;
    if (picked.every((p) => Math.abs(p - k) >= apart)) picked.push(k);
  }
  return picked;
}

/**
 * Mean agreement of the stored context parts with a placement's surroundings (1 when none is stored).
 * @param m a scored placement
 */
export function contextOf(m: QuoteMatch): number {
  if (m.prefix === undefined) return m.suffix ?? 1;
  return m.suffix === undefined ? m.prefix : (m.prefix + m.suffix) / 2;
}

/** Move an offset off the middle of a surrogate pair, backwards. */
function snapBack(text: string, at: number): number {
  return at > 0 && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/** Move an offset off the middle of a surrogate pair, forwards. */
function snapForward(text: string, at: number): number {
  return at > 0 && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1)) ? at + 1 : at;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
