/**
 * The figures of a set of documents, each read into a value, an interval and a unit: what
 * `marginalia figures` prints and what conflicts are found between. See docs/sources.md.
 */
import type { Annotation } from '../model';
import type { PlacedAnnotation } from '../sources/placed';
import { comparePlaced } from '../sources/placed';
import { interval, parseFigure, type Bound, type FigureModifier } from './parse';
import { normalizeUnit } from './units';

/** The default label of figures. */
export const FIGURE_LABEL = 'figure';

/** One figure, as `marginalia figures --json` prints it. */
export interface FigureEntry {
  file: string;
  line: number | null;
  id: string;
  text: string;
  /** The number; null when neither the text nor a `value` attribute gives one. */
  value: number | null;
  /** Lowest value the phrase allows; null when unbounded below (or when `value` is null). */
  low: number | null;
  /** Highest value the phrase allows; null when unbounded above (or when `value` is null). */
  high: number | null;
  /** Whether `low` itself is excluded ("more than"). */
  low_open: boolean;
  /** Whether `high` itself is excluded ("fewer than", "nearly"). */
  high_open: boolean;
  /** Normalised unit; null when none is named. */
  unit: string | null;
  /** How the phrase bounds its number; null when no number was read. */
  modifier: FigureModifier | null;
  entity: string | null;
  /** The `subject` attribute (what is counted), when set. */
  subject: string | null;
  /** The words after the number and unit ("nato" for "30 NATO countries"), lower case. */
  counted: string;
  outlet: string | null;
}

/**
 * Read every figure annotation into a figure entry. The value, interval and unit come from the text,
 * with "more than", "some"… read from just before the span when the text starts at the number;
 * `value` and `unit` attributes the user set win over what was read.
 * @param placed annotations of any label; those of `label` are read
 * @param label the label of figures
 * @returns the entries, ordered by document, line and id
 */
export function readFigures(placed: Iterable<PlacedAnnotation>, label = FIGURE_LABEL): FigureEntry[] {
  const entries: FigureEntry[] = [];
  for (const p of placed) if (p.annotation.label === label) entries.push(readFigure(p));
  return entries.sort(comparePlaced);
}

/**
 * One figure annotation read.
 * @param placed the annotation in its document
 * @param parse reads the words (`parseFigure`, or a memo of it that the editor keeps between changes)
 */
export function readFigure(placed: PlacedAnnotation, parse: typeof parseFigure = parseFigure): FigureEntry {
  const a = placed.annotation;
  const parsed = parse(a.text, a.prefix ?? '');
  const entry: FigureEntry = {
    file: placed.file,
    line: placed.line,
    id: a.id,
    text: a.text,
    value: null,
    low: null,
    high: null,
    low_open: false,
    high_open: false,
    unit: userUnit(a) ?? parsed?.unit ?? null,
    modifier: null,
    entity: a.entity || null,
    subject: typeof a.attributes?.['subject'] === 'string' && a.attributes['subject'].trim() ? a.attributes['subject'].trim() : null,
    counted: parsed?.counted ?? '',
    outlet: placed.outlet,
  };
  const userValue = a.attributes?.['value'];
  if (parsed && (typeof userValue !== 'number' || userValue === parsed.value)) {
    return { ...entry, value: parsed.value, low: parsed.low, high: parsed.high, low_open: parsed.lowOpen, high_open: parsed.highOpen, modifier: parsed.modifier };
  }
  if (typeof userValue === 'number') {
    // The user's number keeps the words' bound: "more than" before a corrected value still means more than.
    const modifier: Bound = parsed && parsed.modifier !== 'between' && parsed.modifier !== 'year' ? parsed.modifier : 'exact';
    const bounds = interval(userValue, modifier);
    return { ...entry, value: userValue, low: bounds.low, high: bounds.high, low_open: bounds.lowOpen, high_open: bounds.highOpen, modifier };
  }
  return entry;
}

function userUnit(a: Annotation): string | undefined {
  const unit = a.attributes?.['unit'];
  if (typeof unit !== 'string' || !unit.trim()) return undefined;
  return normalizeUnit(unit)?.unit ?? unit.trim();
}
