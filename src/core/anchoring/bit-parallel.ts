/**
 * Edit distances a machine word at a time: Myers' bit-vector algorithm ("A fast bit-vector algorithm for
 * approximate string matching based on dynamic programming", J. ACM 46(3), 1999) in its block form,
 * so patterns of any length work. One column of the edit-distance table is kept as two bit vectors of
 * vertical +1/-1 differences; reading one text character updates a whole 32-row block with a handful of
 * bitwise operations instead of 32 cell updates.
 *
 * Written for this project rather than taken from `approx-string-match`, which reports only the
 * lowest-error matches of a whole text: re-anchoring needs the error count at every end position of a
 * window (to weigh a near copy far away against an edited span near the old place) and anchored
 * distances (to split a match between prefix, quote and suffix). Works on UTF-16 code units.
 */

const WORD = 32;

/**
 * The characters some patterns are made of, each given a row number (0 for any other character). Patterns
 * built from parts of the same strings share one, so only their match masks are built per pattern.
 */
export class Alphabet {
  /** Row of each ASCII character. */
  private readonly ascii = new Int32Array(128);
  /** Other characters, their row being their index here plus `firstOtherRow`. */
  private readonly others: number[] = [];
  private firstOtherRow = 0;
  /** Number of rows, row 0 included. */
  size = 1;

  /**
   * @param chars every character the patterns will contain (repeats are fine)
   */
  constructor(chars: string) {
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      if (c < 128 && this.ascii[c] === 0) this.ascii[c] = this.size++;
    }
    this.firstOtherRow = this.size;
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      if (c >= 128 && !this.others.includes(c)) {
        this.others.push(c);
        this.size++;
      }
    }
  }

  /**
   * The row of a character.
   * @param c a UTF-16 code unit
   */
  row(c: number): number {
    if (c < 128) return this.ascii[c]!;
    const i = this.others.indexOf(c);
    return i < 0 ? 0 : this.firstOtherRow + i;
  }
}

/** One pattern's match masks and running state; build once, scan many windows. */
export class BitPattern {
  /** Pattern length in UTF-16 code units. */
  readonly length: number;
  private readonly blocks: number;
  /** Bit of the pattern's last row within the last block. */
  private readonly lastRowBit: number;
  /** Match masks: `blocks` words per alphabet row. */
  private readonly peq: Int32Array;
  /** Per block, the vertical +1 and -1 bit vectors (for patterns of more than one block). */
  private readonly pv: Int32Array | undefined;
  private readonly mv: Int32Array | undefined;
  /** The single block's state, for patterns of up to 32 units. */
  private pv0 = -1;
  private mv0 = 0;

  /**
   * @param source the string the pattern is taken from (UTF-16 code units)
   * @param alphabet an alphabet holding every character of the pattern, shared with related patterns
   * @param from where the pattern starts in `source`
   * @param to where it ends (exclusive); the pattern may be empty
   * @param reversed take the pattern backwards, to compare with text read backwards
   */
  constructor(
    source: string,
    private readonly alphabet: Alphabet = new Alphabet(source),
    from = 0,
    to = source.length,
    reversed = false,
  ) {
    const length = to - from;
    this.length = length;
    this.blocks = Math.max(1, Math.ceil(length / WORD));
    this.lastRowBit = length === 0 ? 0 : 1 << ((length - 1) % WORD);
    this.peq = new Int32Array(alphabet.size * this.blocks);
    for (let i = 0; i < length; i++) {
      const row = alphabet.row(source.charCodeAt(reversed ? to - 1 - i : from + i));
      this.peq[row * this.blocks + ((i / WORD) | 0)]! |= 1 << i % WORD;
    }
    if (this.blocks > 1) {
      this.pv = new Int32Array(this.blocks);
      this.mv = new Int32Array(this.blocks);
    }
  }

  /**
   * Semi-global scan: for each end position, the fewest edits turning the pattern into some substring of
   * `text` that ends there (the pattern may start anywhere).
   * @param text the text to scan
   * @param from first UTF-16 position read
   * @param to UTF-16 position after the last one read
   * @param out receives, at `k`, the error count of the best match ending at `from + k + 1`; length ≥ to - from
   */
  scanEnds(text: string, from: number, to: number, out: Int32Array): void {
    this.reset();
    let score = this.length;
    for (let j = from; j < to; j++) {
      score += this.step(text.charCodeAt(j), 0);
      out[j - from] = score;
    }
  }

  /**
   * Anchored scan: the edit distance between the pattern and each prefix of the text read from `at`,
   * forwards or backwards (backwards compares against the pattern as given, so build the pattern
   * `reversed` to compare the natural orders).
   * @param text the text to scan
   * @param at UTF-16 position the compared text starts at (forwards) or ends at (backwards)
   * @param count how many code units to read
   * @param backwards read `text[at-1]`, `text[at-2]`, … instead of `text[at]`, `text[at+1]`, …
   * @param out receives at `k` the distance after reading `k` code units (`out[0]` = pattern length); length ≥ count + 1
   */
  scanAnchored(text: string, at: number, count: number, backwards: boolean, out: Int32Array): void {
    this.reset();
    let score = this.length;
    out[0] = score;
    for (let k = 0; k < count; k++) {
      score += this.step(text.charCodeAt(backwards ? at - 1 - k : at + k), 1);
      out[k + 1] = score;
    }
  }

  /**
   * The edit distance between the pattern and a whole string.
   * @param other the other string
   */
  distanceTo(other: string): number {
    this.reset();
    let score = this.length;
    for (let j = 0; j < other.length; j++) score += this.step(other.charCodeAt(j), 1);
    return score;
  }

  private reset(): void {
    if (this.blocks === 1) {
      this.pv0 = -1;
      this.mv0 = 0;
    } else {
      this.pv!.fill(-1);
      this.mv!.fill(0);
    }
  }

  /**
   * Read one text character into the column.
   * @param c the character's UTF-16 code unit
   * @param carryIn horizontal difference entering the top row: 0 when a match may start anywhere, 1 when anchored
   * @returns the change of the last row's value (-1, 0 or 1)
   */
  private step(c: number, carryIn: number): number {
    if (this.length === 0) return carryIn;
    return this.blocks === 1 ? this.stepOne(c, carryIn) : this.stepBlocks(c, carryIn);
  }

  /** `step` for a pattern of one block, its state in two fields (carryIn is 0 or 1 here). */
  private stepOne(c: number, carryIn: number): number {
    const eq = this.peq[this.alphabet.row(c)]!;
    const pv = this.pv0;
    const mv = this.mv0;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    const top = this.lastRowBit;
    const out = (ph & top) !== 0 ? 1 : (mh & top) !== 0 ? -1 : 0;
    ph = (ph << 1) | carryIn;
    mh <<= 1;
    this.pv0 = mh | ~(xv | ph);
    this.mv0 = ph & xv;
    return out;
  }

  /** `step` across blocks, carrying the horizontal difference from each block into the next. */
  private stepBlocks(c: number, carryIn: number): number {
    const blocks = this.blocks;
    const base = this.alphabet.row(c) * blocks;
    const pvs = this.pv!;
    const mvs = this.mv!;
    let carry = carryIn;
    for (let b = 0; b < blocks; b++) {
      let eq = this.peq[base + b]!;
      const pv = pvs[b]!;
      const mv = mvs[b]!;
      const xv = eq | mv;
      if (carry < 0) eq |= 1;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      const top = b === blocks - 1 ? this.lastRowBit : 1 << 31;
      const out = (ph & top) !== 0 ? 1 : (mh & top) !== 0 ? -1 : 0;
      ph <<= 1;
      mh <<= 1;
      if (carry < 0) mh |= 1;
      else if (carry > 0) ph |= 1;
      pvs[b] = mh | ~(xv | ph);
      mvs[b] = ph & xv;
      carry = out;
    }
    return carry;
  }
}

/**
 * Levenshtein distance between two strings, in UTF-16 code units.
 * @param a one string
 * @param b the other
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return new BitPattern(short).distanceTo(long);
}

/**
 * Similarity of two strings: 1 minus their edit distance over the longer length (1 for two empty strings).
 * @param a one string
 * @param b the other
 */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * Whether two strings are at least `min` similar (`similarity`). Each character one has more of than
 * the other costs an edit, so their count (over 64 buckets of character codes, which can only lower
 * it) bounds the edit distance from below: most pairs far apart are ruled out without computing it.
 * @param a one string
 * @param b the other
 * @param min the least similarity, 0 to 1
 */
export function similarAtLeast(a: string, b: string, min: number): boolean {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return true;
  const counts = BAG;
  counts.fill(0);
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 63]!++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i) & 63]!--;
  let surplus = 0;
  let deficit = 0;
  for (const n of counts) {
    if (n > 0) surplus += n;
    else deficit -= n;
  }
  if (1 - Math.max(surplus, deficit) / longer < min) return false;
  return similarity(a, b) >= min;
}

/** The buckets `similarAtLeast` counts in, reused: it runs for many placements of one re-anchoring. */
const BAG = new Int32Array(64);
