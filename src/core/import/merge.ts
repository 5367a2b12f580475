/**
 * Imported spans into a document's annotations: each span is checked against the document (its
 * offsets in range, its text what the document holds there, its label configured) and added unless
 * the document already has an annotation with the same label and span. Relations between imported
 * spans are then added to their source's record (a copy, when the record was already there), unless
 * it already lists them. Pure: the caller reads the sidecar and writes the result.
 */
import { contextAround } from '../anchoring/context';
import { isBratLineBreaks } from '../export/brat-codec';
import { keyedRandom, newAnnotationId } from '../ids';
import { isAnnotationId } from '../names';
import type { Annotation, AttributeValue, LabelConfig, Relation } from '../model';
import { disallowedEnd, relationTypes } from '../relations/types';
import { OffsetIndex, quoteForMessage } from '../text';
import type { ImportedRelation, ImportedSpan } from './types';

/** A span the import left out, and why. */
export interface SkippedSpan {
  /** Where the span is in the imported file. */
  origin: string;
  label: string;
  start: number | undefined;
  end: number | undefined;
  /** The span's text as the import gives it, if it does. */
  text: string | undefined;
  /** Why it was left out, in one sentence. */
  reason: string;
}

/** An imported span whose id was taken (by the sidecar or an earlier span of the import): it got a new one. */
export interface RenamedSpan {
  /** Where the span is in the imported file. */
  origin: string;
  /** The id the import gave it. */
  from: string;
  /** The id it was added with. */
  to: string;
}

/** What merging one document's imported spans gave. */
export interface MergeResult {
  /** The existing annotations followed by the added ones: every existing record, those sharing an id included. */
  annotations: Annotation[];
  /** The annotations added. */
  added: Annotation[];
  /** How many imported spans the document already had (same label and span). */
  present: number;
  /** The spans left out. */
  skipped: SkippedSpan[];
  /** Spans added under a new id because the id they came with is not a valid annotation id or is taken. */
  renamed: RenamedSpan[];
  /** How many relations were added to records (new or already there). */
  related: number;
  /** Relations left out, each with where it is in the imported file and why. */
  skippedRelations: { origin: string; reason: string }[];
}

/** How many characters of a text a report quotes. */
const QUOTE_LENGTH = 60;

/**
 * Merge imported spans into a document's annotations.
 * @param existing the annotations of the document's sidecar (empty when it has none)
 * @param spans the spans the import gives for the document
 * @param text the document's normalised text
 * @param importedText the text the imported file's offsets count in, when it carries one
 * @param config the label configuration that applies to the document
 * @param relations the relations between the imported spans, by their keys
 */
export function mergeImported(
  existing: readonly Annotation[],
  spans: readonly ImportedSpan[],
  text: string,
  importedText: string | undefined,
  config: LabelConfig,
  relations: readonly ImportedRelation[] = [],
): MergeResult {
  const index = new OffsetIndex(text);
  const imported = importedText === undefined ? undefined : new OffsetIndex(importedText);
  const taken = new Set(existing.map((a) => a.id));
  const keys = new Map(existing.map((a, i) => [spanKey(a), i]));
  const result: MergeResult = { annotations: [...existing], added: [], renamed: [], present: 0, skipped: [], related: 0, skippedRelations: [] };
  /** The position in `result.annotations` of each imported span's record, by the span's key: the first placed of spans sharing one (a region's labels). */
  const placedAt = new Map<string, number>();
  const placeKey = (key: string | undefined, at: number): void => {
    if (key !== undefined && !placedAt.has(key)) placedAt.set(key, at);
  };
  for (const span of spans) {
    const placed = place(span, index, imported, config);
    if (typeof placed === 'string') {
      result.skipped.push({ origin: span.origin, label: span.label, start: span.start, end: span.end, text: span.text, reason: placed });
      continue;
    }
    const key = spanKey({ label: span.label, ...placed });
    const there = keys.get(key);
    if (there !== undefined) {
      placeKey(span.key, there);
      result.present++;
      continue;
    }
    keys.set(key, result.annotations.length);
    placeKey(span.key, result.annotations.length);
    const id = span.id !== undefined && isAnnotationId(span.id) && !taken.has(span.id) ? span.id : newAnnotationId(taken, keyedRandom(key));
    if (span.id !== undefined && id !== span.id) result.renamed.push({ origin: span.origin, from: span.id, to: id });
    taken.add(id);
    const annotation = buildAnnotation(id, span, placed, index, config);
    result.added.push(annotation);
    result.annotations.push(annotation);
  }
  for (const relation of relations) addRelation(result, placedAt, relation, config);
  return result;
}

/** Add an imported relation to its source's record, or say why it is left out. */
function addRelation(result: MergeResult, placedAt: ReadonlyMap<string, number>, relation: ImportedRelation, config: LabelConfig): void {
  const skip = (reason: string) => result.skippedRelations.push({ origin: relation.origin, reason: `relation ${relation.type}: ${reason}` });
  const type = relationTypes(config).find((t) => t.id === relation.type);
  if (!type) return void skip(`the type is not in the label configuration; add it under relations: in .marginalia.yaml`);
  if (relation.bidirectional && !type.symmetric) return void skip('it goes both ways, but the type is not symmetric in the label configuration (symmetric: true)');
  const from = placedAt.get(relation.from);
  if (relation.document !== undefined) {
    // The target is in another document, imported on its own: 'marginalia check' tells whether it is there.
    if (from === undefined) return void skip(`its span ${relation.from} was not imported`);
    return void link(result, from, { type: relation.type, to: relation.to, document: relation.document });
  }
  const to = placedAt.get(relation.to);
  if (from === undefined || to === undefined) return void skip(`its span ${from === undefined ? relation.from : relation.to} was not imported`);
  const source = result.annotations[from]!;
  const target = result.annotations[to]!;
  const wrongEnd = disallowedEnd(type, source.label, target.label);
  if (wrongEnd) return void skip(`the type does not allow label '${wrongEnd === 'from' ? source.label : target.label}' at its ${wrongEnd === 'from' ? 'source' : 'target'}`);
  link(result, from, { type: relation.type, to: target.id });
}

/** Add a relation to the record at a position of `result.annotations` (a copy of it), unless it lists it already. */
function link(result: MergeResult, from: number, relation: Relation): void {
  const source = result.annotations[from]!;
  if ((source.relations ?? []).some((r) => r.type === relation.type && r.to === relation.to && r.document === relation.document)) return;
  const updated: Annotation = { ...source, relations: [...(source.relations ?? []), relation] };
  result.annotations[from] = updated;
  const added = result.added.indexOf(source);
  if (added !== -1) result.added[added] = updated;
  result.related++;
}

function spanKey(a: { label: string; start: number; end: number }): string {
  return `${a.label}\u0000${a.start}\u0000${a.end}`;
}

/** The span's place in the document, or why it has none. */
function place(span: ImportedSpan, index: OffsetIndex, imported: OffsetIndex | undefined, config: LabelConfig): { start: number; end: number } | string {
  if (!config.labels.some((l) => l.id === span.label)) {
    return `label '${span.label}' is not in the label configuration; add it to .marginalia.yaml or relabel the span`;
  }
  if (span.start === undefined || span.end === undefined) {
    return span.text === undefined ? 'the span has neither offsets nor a quote' : findQuote(span, index);
  }
  const { start, end } = span;
  if (start >= end) return `the span ${start}..${end} is empty or reversed`;
  if (end > index.length) return `the span ${start}..${end} ends after the document's last code point (${index.length})`;
  const holds = index.slice(start, end);
  if (span.fragments) {
    for (let i = 1; i < span.fragments.length; i++) {
      const gap = index.slice(span.fragments[i - 1]!.end, span.fragments[i]!.start);
      if (!isBratLineBreaks(gap)) return `the fragments are separated by ${quoteForMessage(gap, QUOTE_LENGTH)}, not by line breaks; Marginalia spans are contiguous`;
    }
    const joined = span.fragments.map((f) => index.slice(f.start, f.end)).join(' ');
    if (span.text !== undefined && joined !== span.text) return mismatch(joined, span.text, start, end);
    return { start, end };
  }
  let expected = span.text;
  if (expected === undefined && imported) {
    if (end > imported.length) return `the span ${start}..${end} ends after the imported text's last code point (${imported.length})`;
    expected = imported.slice(start, end);
  }
  if (expected !== undefined && expected !== holds) return mismatch(holds, expected, start, end);
  return { start, end };
}

function mismatch(holds: string, expected: string, start: number, end: number): string {
  return `the document holds ${quoteForMessage(holds, QUOTE_LENGTH)} at ${start}..${end}, the import says ${quoteForMessage(expected, QUOTE_LENGTH)}`;
}

/** Where a quote-only span is: the occurrence whose surroundings best match its prefix and suffix. */
function findQuote(span: ImportedSpan, index: OffsetIndex): { start: number; end: number } | string {
  const exact = span.text!;
  if (exact === '') return 'the quote is empty';
  const text = index.text;
  const found: { at: number; score: number }[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    const before = commonSuffix(text.slice(Math.max(0, at - (span.prefix?.length ?? 0)), at), span.prefix ?? '');
    const after = commonPrefix(text.slice(at + exact.length, at + exact.length + (span.suffix?.length ?? 0)), span.suffix ?? '');
    found.push({ at, score: before + after });
  }
  if (found.length === 0) return `the quote ${quoteForMessage(exact, QUOTE_LENGTH)} does not occur in the document`;
  const best = Math.max(...found.map((f) => f.score));
  const winners = found.filter((f) => f.score === best);
  if (winners.length > 1) return `the quote ${quoteForMessage(exact, QUOTE_LENGTH)} occurs ${winners.length} times and its prefix and suffix do not tell them apart`;
  const start = index.toCodePoint(winners[0]!.at);
  return { start, end: start + [...exact].length };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function buildAnnotation(id: string, span: ImportedSpan, at: { start: number; end: number }, index: OffsetIndex, config: LabelConfig): Annotation {
  const { prefix, suffix } = contextAround(index, at.start, at.end);
  const attributes = span.attributes ? coerceAttributes(span.label, span.attributes, config) : undefined;
  return {
    id,
    label: span.label,
    start: at.start,
    end: at.end,
    text: index.slice(at.start, at.end),
    prefix,
    suffix,
    ...(span.entity !== undefined ? { entity: span.entity } : {}),
    ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
    ...(span.note !== undefined ? { note: span.note } : {}),
    ...(span.author !== undefined ? { author: span.author } : {}),
    ...(span.created !== undefined ? { created: span.created } : {}),
  };
}

/** Attribute values as the label configuration types them: formats that only hold strings (brat) give numbers back as text. */
function coerceAttributes(label: string, attributes: Record<string, AttributeValue>, config: LabelConfig): Record<string, AttributeValue> {
  const specs = config.labels.find((l) => l.id === label)?.attributes ?? [];
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => {
      const spec = specs.find((s) => s.name === name);
      if (spec?.type === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return [name, Number(value)];
      if (spec && spec.type !== 'number' && typeof value === 'number') return [name, String(value)];
      return [name, value];
    }),
  );
}
