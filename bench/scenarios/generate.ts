/**
 * Realistic outside edits of the seed articles, with known answers: each scenario is a seed article
 * edited one to three ways (words, sentences and paragraphs inserted, deleted or replaced; a paragraph
 * holding a short annotation rewritten, its text reused in another paragraph; a paragraph
 * moved or copied; quote and dash styles changed; emoji; edits at a span's edge and inside it), saved
 * with LF or CRLF line endings, and the true new place of every annotation (`TrackedText`).
 * Seeded and reproducible: scenario n is the same on every run and machine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Annotation } from '../../src/core/model';
import { sidecarPathFor } from '../../src/core/paths';
import { readSidecar } from '../../src/core/sidecar/read';
import { OffsetIndex, normalizeText } from '../../src/core/text';
import { seededRandom } from '../data';
import { TrackedText, type Truth } from './tracked-text';

/** A seed article and the annotations of its sidecar. */
export interface SeedDocument {
  /** The article's file name. */
  name: string;
  /** Its normalised text. */
  text: string;
  annotations: Annotation[];
}

/** One edited article with the known answer for each of its annotations. */
export interface Scenario {
  /** The scenario's number, which is also its random seed. */
  number: number;
  /** The seed article's file name. */
  seed: string;
  /** What was done, one line per edit (for reports and reproductions). */
  edits: string[];
  /** The normalised text the annotations hold on. */
  oldText: string;
  /** The normalised edited text. */
  newText: string;
  /** The edited file as written to disk: `newText` with CRLF line endings and a BOM in some scenarios. */
  raw: string;
  /** The seed's annotations, holding on `oldText`. */
  annotations: Annotation[];
  /** The truth for each annotation, in the same order. */
  truths: Truth[];
}

/**
 * Read the seed articles and their sidecars (with the project's own sidecar reader).
 * @param dir the seeds folder
 */
export function loadSeeds(dir: string): SeedDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const { sidecar, findings } = readSidecar(readFileSync(sidecarPathFor(file), 'utf8'));
      if (!sidecar) throw new Error(`${name}: its sidecar does not read: ${JSON.stringify(findings)}`);
      return { name, text: normalizeText(readFileSync(file, 'utf8')), annotations: sidecar.annotations };
    });
}

/**
 * Scenarios `first` .. `first + count − 1`, scenario n editing seed n modulo the number of seeds.
 * @param seeds the seed articles
 * @param count how many scenarios
 * @param first the first scenario's number
 */
export function generateScenarios(seeds: readonly SeedDocument[], count: number, first = 0): Scenario[] {
  return [...scenarioStream(seeds, count, first)];
}

/**
 * The same scenarios as `generateScenarios`, made one at a time as they are asked for.
 * @param seeds the seed articles
 * @param count how many scenarios
 * @param first the first scenario's number
 */
export function* scenarioStream(seeds: readonly SeedDocument[], count: number, first = 0): Generator<Scenario> {
  for (let n = first; n < first + count; n++) yield generateScenario(seeds[n % seeds.length]!, n);
}

/**
 * One scenario: the seed edited one to three ways chosen at random.
 * @param seed the seed article
 * @param number the scenario's number and random seed
 */
export function generateScenario(seed: SeedDocument, number: number): Scenario {
  const rand = seededRandom(0x9e3779b1 ^ Math.imul(number + 1, 0x85ebca6b));
  const doc = new TrackedText(seed.text);
  const editor = new Editor(doc, seed.annotations, rand);
  const edits: string[] = [];
  const howMany = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < howMany; k++) edits.push(editor.edit(pick(rand, EDIT_KINDS)));
  const newText = doc.text;
  const crlf = rand() < 0.25;
  const bom = rand() < 0.05;
  if (crlf) edits.push('saved with CRLF line endings');
  if (bom) edits.push('saved with a byte-order mark');
  const raw = (bom ? '\uFEFF' : '') + (crlf ? newText.replace(/\n/g, '\r\n') : newText);
  return {
    number,
    seed: seed.name,
    edits,
    oldText: seed.text,
    newText,
    raw,
    annotations: seed.annotations,
    truths: seed.annotations.map((a) => doc.truth(a.start, a.end)),
  };
}

/** The kinds of edit, each as likely as the others. */
export const EDIT_KINDS = [
  'insert-word',
  'delete-word',
  'replace-word',
  'insert-sentence',
  'delete-sentence',
  'replace-sentence',
  'insert-paragraph',
  'delete-paragraph',
  'replace-paragraph',
  'rewrite-paragraph',
  'move-paragraph',
  'copy-paragraph',
  'quote-style',
  'dash-style',
  'emoji',
  'span-edge',
  'inside-span',
] as const;

/** One kind of edit. */
export type EditKind = (typeof EDIT_KINDS)[number];

const WORDS = ['reportedly', 'roughly', 'senior', 'Western', 'formally', 'again', 'officially', 'however', 'later', 'nearly', 'new', 'also', 'Kremlin', 'allied', 'fresh'];
const SENTENCES = [
  'The talks are expected to last several days.',
  'Officials declined to comment further.',
  'Markets fell sharply on the news.',
  'This story has been updated with new details.',
  'The ministry did not respond to a request for comment.',
  'Analysts said the move was widely expected.',
  'It was not immediately clear when the meeting would take place.',
];
const PARAGRAPHS = [
  'If there is any further aggression, officials warned, it will carry a high price.',
  'UPDATE — this story was corrected on 18 December to add the minister’s full title.',
  'Reporting by the Moscow and Washington bureaus; editing by the desk in London.',
  'The statement came hours after a phone call between the two leaders, the first in weeks.',
  '“We will see,” a diplomat said when asked whether talks would begin before the new year.',
];
/** Sentences that reuse a short annotated text (`%s`) in another context: a rewrite's chance echo. */
const REUSES = [
  'Earlier reports had spoken of %s as well.',
  'A separate account also mentioned %s, without giving a source.',
  'Readers asked about %s in letters to the editor.',
];
/** The most words of an annotation whose text a rewrite may happen to reuse (a figure, a two-word quote). */
const SHORT_SPAN_WORDS = 3;
const EMOJI = ['😀', '🇺🇦', '📈', '🕊️', '🔥', '👍🏽'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** A stretch of the current text, in code points. */
interface Unit {
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’.,][\p{L}\p{N}]+)*/gu;
const SENTENCE = /[^\s][^\n]*?[.!?]["”’]?(?=[ \n]|$)/gu;
const PARAGRAPH = /[^\n]+/g;

/** Makes one edit of a kind at a random place of a tracked text. */
class Editor {
  constructor(
    private readonly doc: TrackedText,
    private readonly annotations: readonly Annotation[],
    private readonly rand: () => number,
  ) {}

  /**
   * Make one edit of `kind` (or, where the text offers no place for it, an insertion of a word).
   * @returns what was done, in words
   */
  edit(kind: EditKind): string {
    const rand = this.rand;
    const text = this.doc.text;
    switch (kind) {
      case 'insert-word': {
        const w = pick(rand, this.units(text, WORD));
        return this.splice(kind, w.start, 0, pick(rand, WORDS) + ' ');
      }
      case 'delete-word':
        return this.deleteWithSpace(kind, pick(rand, this.units(text, WORD)));
      case 'replace-word': {
        const w = pick(rand, this.units(text, WORD));
        return this.splice(kind, w.start, w.end - w.start, this.otherWord(w));
      }
      case 'insert-sentence': {
        const s = pick(rand, this.units(text, SENTENCE));
        return rand() < 0.5 ? this.splice(kind, s.start, 0, pick(rand, SENTENCES) + ' ') : this.splice(kind, s.end, 0, ' ' + pick(rand, SENTENCES));
      }
      case 'delete-sentence':
        return this.deleteWithSpace(kind, pick(rand, this.units(text, SENTENCE)));
      case 'replace-sentence': {
        const s = pick(rand, this.units(text, SENTENCE));
        return this.splice(kind, s.start, s.end - s.start, pick(rand, SENTENCES));
      }
      case 'insert-paragraph': {
        const p = pick(rand, this.units(text, PARAGRAPH));
        return this.splice(kind, p.start, 0, pick(rand, PARAGRAPHS) + '\n\n');
      }
      case 'delete-paragraph':
        return this.deleteParagraph(kind, pick(rand, this.units(text, PARAGRAPH)));
      case 'replace-paragraph': {
        const p = pick(rand, this.units(text, PARAGRAPH));
        return this.splice(kind, p.start, p.end - p.start, pick(rand, PARAGRAPHS));
      }
      case 'rewrite-paragraph':
        return this.rewriteParagraph();
      case 'move-paragraph':
        return this.moveParagraph();
      case 'copy-paragraph':
        return this.copyParagraph();
      case 'quote-style':
        return this.quoteStyle();
      case 'dash-style':
        return this.dashStyle();
      case 'emoji': {
        const w = pick(rand, this.units(text, WORD));
        return rand() < 0.5 ? this.splice(kind, w.start, 0, pick(rand, EMOJI) + ' ') : this.splice(kind, w.end, 0, ' ' + pick(rand, EMOJI));
      }
      case 'span-edge':
        return this.spanEdge();
      case 'inside-span':
        return this.insideSpan();
    }
  }

  /** Replace and describe. */
  private splice(kind: string, at: number, count: number, inserted: string): string {
    const old = [...this.doc.text].slice(at, at + count).join('');
    this.doc.splice(at, count, inserted);
    return `${kind}: at ${at} ${JSON.stringify(old)} → ${JSON.stringify(inserted)}`;
  }

  /** Delete a word or sentence with the space after it (or before it, at a line's end). */
  private deleteWithSpace(kind: string, u: Unit): string {
    if (this.doc.charAt(u.end) === ' ') return this.splice(kind, u.start, u.end - u.start + 1, '');
    if (this.doc.charAt(u.start - 1) === ' ') return this.splice(kind, u.start - 1, u.end - u.start + 1, '');
    return this.splice(kind, u.start, u.end - u.start, '');
  }

  /** A paragraph with the line breaks after it (before it, for the last one). */
  private paragraphBlock(p: Unit): Unit {
    let end = p.end;
    while (this.doc.charAt(end) === '\n') end++;
    if (end < this.doc.length) return { start: p.start, end };
    let start = p.start;
    while (start > 0 && this.doc.charAt(start - 1) === '\n') start--;
    return { start, end: p.end };
  }

  private deleteParagraph(kind: string, p: Unit): string {
    const block = this.paragraphBlock(p);
    return this.splice(kind, block.start, block.end - block.start, '');
  }

  /** A word unlike the one at `w`. */
  private otherWord(w: Unit): string {
    const old = [...this.doc.text].slice(w.start, w.end).join('');
    let word = pick(this.rand, WORDS);
    while (word === old) word = pick(this.rand, WORDS);
    return word;
  }

  /** Whether cutting the text at `at` would split the surviving text of an annotation. */
  private splitsSpan(at: number): boolean {
    return this.currentSpans().some((s) => s.start < at && at < s.end);
  }

  /** The current bounds of every annotation whose text survives. */
  private currentSpans(): Unit[] {
    return this.annotations.map((a) => this.doc.truth(a.start, a.end)).filter((t) => t.kind !== 'gone');
  }

  /** Move a paragraph no annotation crosses to the start of another paragraph (or the end). */
  private moveParagraph(): string {
    const paragraphs = this.units(this.doc.text, PARAGRAPH);
    for (let attempt = 0; attempt < 20; attempt++) {
      const block = this.paragraphBlock(pick(this.rand, paragraphs));
      if (block.end === this.doc.length) continue; // the last paragraph: its block is the line breaks before it
      if (this.splitsSpan(block.start) || this.splitsSpan(block.end)) continue;
      const targets = paragraphs.map((p) => p.start).filter((t) => (t < block.start || t > block.end) && !this.splitsSpan(t));
      if (targets.length === 0) continue;
      const to = pick(this.rand, targets);
      this.doc.move(block.start, block.end - block.start, to);
      return `move-paragraph: ${block.start}..${block.end} to ${to}`;
    }
    return this.edit('insert-paragraph');
  }

  /**
   * A near-total rewrite: the paragraph holding a short annotation (at most `SHORT_SPAN_WORDS` words,
   * its text standing once) replaced by new prose, and the annotation's text reused once, in a new
   * sentence at the start of another paragraph. The same words now stand in an unrelated sentence;
   * nothing around them came from the annotated passage, so the span is gone.
   */
  private rewriteParagraph(): string {
    const text = this.doc.text;
    const chars = [...text];
    const textOf = (u: Unit) => chars.slice(u.start, u.end).join('');
    const short = this.currentSpans().filter((s) => {
      const words = textOf(s).match(WORD)?.length ?? 0;
      return words > 0 && words <= SHORT_SPAN_WORDS && !textOf(s).includes('\n') && text.indexOf(textOf(s)) === text.lastIndexOf(textOf(s));
    });
    if (short.length === 0) return this.edit('replace-paragraph');
    const span = pick(this.rand, short);
    const spanText = textOf(span);
    const paragraphs = this.units(text, PARAGRAPH);
    const rewritten = paragraphs.find((p) => p.start <= span.start && span.end <= p.end)!;
    const others = paragraphs.filter((p) => p.start !== rewritten.start && !this.splitsSpan(p.start));
    const prose = PARAGRAPHS.filter((p) => !p.includes(spanText));
    if (others.length === 0 || prose.length === 0) return this.edit('replace-paragraph');
    const reused = pick(this.rand, others);
    const sentence = pick(this.rand, REUSES).replace('%s', spanText) + ' ';
    const replacement = pick(this.rand, prose);
    const kind = 'rewrite-paragraph';
    // The later place first, so that the earlier one's offsets still hold.
    if (reused.start > rewritten.start) {
      const second = this.splice(kind, reused.start, 0, sentence);
      return `${this.splice(kind, rewritten.start, rewritten.end - rewritten.start, replacement)}; ${second.slice(kind.length + 2)}`;
    }
    const second = this.splice(kind, rewritten.start, rewritten.end - rewritten.start, replacement);
    return `${this.splice(kind, reused.start, 0, sentence)}; ${second.slice(kind.length + 2)}`;
  }

  /** Copy a paragraph to the start of another one not next to it (above it half of the time): a trap. */
  private copyParagraph(): string {
    const paragraphs = this.units(this.doc.text, PARAGRAPH);
    const p = pick(this.rand, paragraphs);
    // Not next to the original: "P P" does not say which is the copy, so neither can a method.
    const block = this.paragraphBlock(p);
    const targets = paragraphs.filter((q) => q.start !== p.start && q.start !== block.end);
    if (targets.length === 0) return this.edit('insert-paragraph');
    const above = targets.filter((q) => q.start < p.start);
    const to = pick(this.rand, this.rand() < 0.5 && above.length ? above : targets).start;
    this.doc.copy(p.start, p.end - p.start, to, '\n\n');
    return `copy-paragraph: ${p.start}..${p.end} to ${to}`;
  }

  /** Straight double quotes to curly ones, or curly to straight, everywhere. */
  private quoteStyle(): string {
    const chars = [...this.doc.text];
    const curly = chars.some((c) => c === '“' || c === '”');
    let changed = 0;
    for (let i = chars.length - 1; i >= 0; i--) {
      const c = chars[i]!;
      if (curly && (c === '“' || c === '”')) this.doc.splice(i, 1, '"');
      else if (!curly && c === '"') this.doc.splice(i, 1, i === 0 || /[\s(]/.test(chars[i - 1]!) ? '“' : '”');
      else continue;
      changed++;
    }
    return changed ? `quote-style: ${changed} ${curly ? 'curly quotes made straight' : 'straight quotes made curly'}` : this.edit('emoji');
  }

  /** Em dashes to double hyphens, or double hyphens to em dashes, everywhere. */
  private dashStyle(): string {
    const text = this.doc.text;
    const toHyphens = text.includes('—');
    const found = this.units(text, toHyphens ? /—/g : /--/g);
    for (const u of found.reverse()) this.doc.splice(u.start, u.end - u.start, toHyphens ? '--' : '—');
    return found.length ? `dash-style: ${found.length} ${toHyphens ? '— made --' : '-- made —'}` : this.edit('replace-word');
  }

  /** An edit at an annotation's edge: a word inserted just outside, or its first or last word replaced or deleted. */
  private spanEdge(): string {
    const spans = this.currentSpans();
    if (spans.length === 0) return this.edit('insert-word');
    const s = pick(this.rand, spans);
    const words = this.units(this.doc.text, WORD).filter((w) => w.end > s.start && w.start < s.end);
    const first = words[0];
    const last = words[words.length - 1];
    const choice = Math.floor(this.rand() * 6);
    if (!first || !last || choice === 0) return this.splice('span-edge (insert before)', s.start, 0, pick(this.rand, WORDS) + ' ');
    if (choice === 1) return this.splice('span-edge (insert after)', s.end, 0, ' ' + pick(this.rand, WORDS));
    const firstPart = { start: Math.max(first.start, s.start), end: Math.min(first.end, s.end) };
    const lastPart = { start: Math.max(last.start, s.start), end: Math.min(last.end, s.end) };
    if (choice === 2) return this.splice('span-edge (replace first word)', firstPart.start, firstPart.end - firstPart.start, this.otherWord(firstPart));
    if (choice === 3) return this.splice('span-edge (replace last word)', lastPart.start, lastPart.end - lastPart.start, this.otherWord(lastPart));
    if (choice === 4) {
      const end = this.doc.charAt(firstPart.end) === ' ' && firstPart.end < s.end ? firstPart.end + 1 : firstPart.end;
      return this.splice('span-edge (delete first word)', firstPart.start, end - firstPart.start, '');
    }
    const start = this.doc.charAt(lastPart.start - 1) === ' ' && lastPart.start > s.start ? lastPart.start - 1 : lastPart.start;
    return this.splice('span-edge (delete last word)', start, lastPart.end - start, '');
  }

  /** An edit strictly inside an annotation: a word replaced, deleted or inserted, or an emoji inserted. */
  private insideSpan(): string {
    const spans = this.currentSpans();
    const s = spans.length ? pick(this.rand, spans) : undefined;
    const words = s ? this.units(this.doc.text, WORD).filter((w) => w.start > s.start && w.end < s.end) : [];
    if (words.length === 0) return this.edit('span-edge');
    const w = pick(this.rand, words);
    switch (Math.floor(this.rand() * 4)) {
      case 0:
        return this.splice('inside-span (replace word)', w.start, w.end - w.start, this.otherWord(w));
      case 1:
        return this.splice('inside-span (delete word)', w.start - 1, w.end - w.start + 1, '');
      case 2:
        return this.splice('inside-span (insert word)', w.start, 0, pick(this.rand, WORDS) + ' ');
      default:
        return this.splice('inside-span (insert emoji)', w.start, 0, pick(this.rand, EMOJI) + ' ');
    }
  }

  /** The matches of a global regular expression, as code-point ranges. */
  private units(text: string, pattern: RegExp): Unit[] {
    const index = new OffsetIndex(text);
    return [...text.matchAll(pattern)].map((m) => ({ start: index.toCodePoint(m.index), end: index.toCodePoint(m.index + m[0].length) }));
  }
}
