/**
 * Suggestions for a document: spans that look like annotations of the project's labels, for the
 * annotator to confirm. Built-in suggesters serve the labels called `quote`, `figure` and `claim`;
 * a label's `suggest:` in `.marginalia.yaml` adds patterns and terms or turns its built-in suggester
 * off. A span already annotated with the label (overlapping) and a span rejected before are left out.
 * Pure and fast: a few regular-expression passes over the text. See docs/suggestions.md.
 */
import type { Annotation, AttributeValue, LabelConfig, LabelSpec, RejectedSuggestion } from '../model';
import { OffsetIndex } from '../text';
import { DEFAULT_CLAIM_CUES, findClaims } from './claims';
import { findFigures, type FigureSpan } from './figures';
import { findProjectMatches } from './project';
import { findQuotes, type QuoteSpan } from './quotes';
import { rejectionMatcher } from './rejected';
import type { Candidate } from './types';

/** A suggested annotation, in code points over the normalised text. */
export interface Suggestion {
  start: number;
  end: number;
  label: string;
  text: string;
  attributes: Record<string, AttributeValue>;
  /** How sure the suggester is, 0 to 1. */
  score: number;
}

/** What is already known of the document. */
export interface SuggestContext {
  /** Its annotations: a suggestion overlapping one of the same label is left out. */
  annotations?: readonly Pick<Annotation, 'label' | 'start' | 'end'>[];
  /** Its sidecar's `rejected:` records. */
  rejected?: readonly RejectedSuggestion[];
  /** Only these labels (default: every label of the configuration). */
  labels?: ReadonlySet<string>;
}

/**
 * Suggest annotations for a text.
 * @param text normalised document text (see `normalizeText`)
 * @param config the label configuration
 * @param context the document's annotations and rejected suggestions, and the labels wanted
 * @returns suggestions sorted by start, then label
 */
export function suggestAnnotations(text: string, config: LabelConfig, context: SuggestContext = {}): Suggestion[] {
  return filterSuggestions(suggestCandidates(text, config, context.labels), context);
}

/**
 * What the suggesters find in a text, before annotations and rejections are looked at: it depends
 * only on the text and the configuration, so it can be kept while the annotations change.
 */
export interface SuggestionCandidates {
  /** Candidates in code points, surest first, with their text and the text just before them. */
  readonly spans: readonly PreparedCandidate[];
}

interface PreparedCandidate {
  start: number;
  end: number;
  label: string;
  text: string;
  /** Up to 64 UTF-16 code units before the span, for rejections remembered with context. */
  before: string;
  attributes: Record<string, AttributeValue>;
  score: number;
}

/**
 * Run the suggesters over a text (the expensive half of `suggestAnnotations`).
 * @param text normalised document text
 * @param config the label configuration
 * @param labels only these labels (default: every label of the configuration)
 */
export function suggestCandidates(text: string, config: LabelConfig, labels?: ReadonlySet<string>): SuggestionCandidates {
  const wanted = config.labels.filter((label) => !labels || labels.has(label.id));
  if (wanted.length === 0) return { spans: [] };
  let quotes: QuoteSpan[] | undefined;
  let figures: FigureSpan[] | undefined;
  const quotesOf = () => (quotes ??= findQuotes(text));
  const figuresOf = () => (figures ??= findFigures(text));
  const candidates: Candidate[] = [];
  for (const label of wanted) {
    const builtin = label.suggest?.builtin ?? true;
    if (builtin && label.id === 'quote') candidates.push(...quotesOf().map((q) => quoteCandidate(q, label, text)));
    if (builtin && label.id === 'figure') candidates.push(...figuresOf().map((f) => figureCandidate(f, label)));
    if (builtin && label.id === 'claim') {
      const cues = label.suggest?.cues ?? DEFAULT_CLAIM_CUES;
      for (const s of findClaims(text, [...figuresOf(), ...quotesOf()], cues)) candidates.push({ ...s, label: label.id, attributes: {}, score: 0.5 });
    }
    if (label.suggest)
      for (const m of findProjectMatches(text, label.suggest.patterns, label.suggest.terms))
        candidates.push({ start: m.start, end: m.end, label: label.id, attributes: {}, score: m.source === 'pattern' ? 0.8 : 0.7 });
  }
  return prepare(text, candidates);
}

function quoteCandidate(q: QuoteSpan, label: LabelSpec, text: string): Candidate {
  const attributes: Record<string, AttributeValue> = {};
  if (q.speaker && label.attributes.some((a) => a.name === 'speaker' && a.type === 'text')) attributes['speaker'] = q.speaker;
  // A single quoted word is as often a title or a scare quote as speech.
  const oneWord = !/\s/.test(text.slice(q.start, q.end));
  const score = (q.speaker ? (q.speakerByPronoun ? 0.75 : 0.9) : 0.6) - (oneWord ? 0.1 : 0);
  return { start: q.start, end: q.end, label: label.id, attributes, score: round(score) };
}

function figureCandidate(f: FigureSpan, label: LabelSpec): Candidate {
  const attributes: Record<string, AttributeValue> = {};
  const has = (name: string, type: string) => label.attributes.some((a) => a.name === name && a.type === type);
  if (has('value', 'number')) attributes['value'] = f.figure.value;
  if (f.figure.unit !== null && has('unit', 'text')) attributes['unit'] = f.figure.unit;
  return { start: f.start, end: f.end, label: label.id, attributes, score: f.kind === 'number' ? 0.6 : f.kind === 'count' ? 0.7 : 0.9 };
}

/** Code points, text and context of each candidate, surest first (of two overlapping ones of a label the surer stays). */
function prepare(text: string, candidates: Candidate[]): SuggestionCandidates {
  const offsets = new OffsetIndex(text);
  candidates.sort((a, b) => b.score - a.score || a.start - b.start);
  const spans: PreparedCandidate[] = [];
  for (const c of candidates) {
    const start = offsets.toCodePoint(c.start);
    const end = offsets.toCodePoint(c.end);
    if (end <= start) continue;
    const before = text.slice(Math.max(0, c.start - 64), c.start);
    spans.push({ start, end, label: c.label, text: text.slice(c.start, c.end), before, attributes: c.attributes, score: c.score });
  }
  return { spans };
}

/**
 * The suggestions left of the candidates once annotated and rejected spans are left out, one per
 * overlapping group of a label (the cheap half of `suggestAnnotations`, redone when annotations change).
 * @param candidates what `suggestCandidates` found
 * @param context the document's annotations and rejected suggestions (its `labels` are not looked at)
 * @returns suggestions sorted by start, then label
 */
export function filterSuggestions(candidates: SuggestionCandidates, context: SuggestContext = {}): Suggestion[] {
  const isRejected = rejectionMatcher(context.rejected ?? []);
  const annotated = new Map<string, { start: number; end: number }[]>();
  for (const a of context.annotations ?? []) {
    const spans = annotated.get(a.label);
    if (spans) spans.push(a);
    else annotated.set(a.label, [a]);
  }
  const overlapsAnnotation = new Map<string, (start: number, end: number) => boolean>();
  for (const [label, spans] of annotated) overlapsAnnotation.set(label, overlapTest(spans));
  const kept: Suggestion[] = [];
  const taken = new Map<string, DisjointSpans>();
  for (const c of candidates.spans) {
    const { start, end } = c;
    if (overlapsAnnotation.get(c.label)?.(start, end)) continue;
    let mine = taken.get(c.label);
    if (!mine) taken.set(c.label, (mine = new DisjointSpans()));
    if (mine.overlaps(start, end)) continue;
    if (isRejected(c.label, c.text, c.before)) continue;
    mine.add(start, end);
    kept.push({ start, end, label: c.label, text: c.text, attributes: c.attributes, score: c.score });
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * Spans of one label kept so far: sorted by start and never overlapping, so their ends are sorted
 * too, and whether a new (non-empty) span overlaps one is decided by its two neighbours in O(log n).
 * A scan of every kept span made re-filtering a large document's candidates quadratic.
 */
class DisjointSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Whether the span overlaps a kept one. */
  overlaps(start: number, end: number): boolean {
    const next = this.firstStartingAtOrAfter(start);
    return (next > 0 && this.ends[next - 1]! > start) || (next < this.starts.length && this.starts[next]! < end);
  }

  /** Keep a span that overlaps none kept (see `overlaps`). */
  add(start: number, end: number): void {
    const at = this.firstStartingAtOrAfter(start);
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
  }

  private firstStartingAtOrAfter(start: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Whether a span overlaps one of some spans, in O(log n) a question: spans sorted by start, and the
 * furthest end among each prefix; the last span starting before the question's end decides.
 */
function overlapTest(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts = sorted.map((s) => s.start);
  const furthest: number[] = [];
  let max = -Infinity;
  for (const s of sorted) furthest.push((max = Math.max(max, s.end)));
  return (start, end) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && furthest[lo - 1] > start;
  };
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
