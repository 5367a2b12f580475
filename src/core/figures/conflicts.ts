/**
 * Figures that speak of the same quantity, and whether they can all be true. See docs/sources.md
 * ("Which figures are compared").
 *
 * A group is made of figures of one unit that
 * - are linked to one entity (the annotator said they are the same thing), or, without an entity,
 * - carry the same `subject` attribute (case and spacing folded), or, without either,
 * - count the same qualified thing: the same words besides the number and unit ("30 NATO countries"
 *   and "29 NATO countries"). A bare "100,000 troops" says too little to be compared with another
 *   bare "100,000 troops" of some other story, so it is left alone.
 * Units are never mixed: "100,000 troops" and "100,000 people" are not compared even under one entity.
 * Under an entity, figures that name no unit ("about 15,000") are compared with each other; without an
 * entity a figure needs a unit to be compared at all.
 * Years ("2021") and figures without a number are not compared.
 */
import type { FigureEntry } from './figures';
import { compareStrings } from '../order';

/** Figures of one quantity, as `marginalia conflicts --json` prints them. */
export interface FigureGroup {
  /** What the figures were grouped by: the entity id, `subject: …` or `counted: …`; the unit is added after " / " when one entity holds several units. */
  key: string;
  /** The unit of all its figures; null for the figures of an entity that name none. */
  unit: string | null;
  /** Whether two of its figures cannot both be true (their intervals do not meet). */
  conflict: boolean;
  figures: FigureEntry[];
}

/**
 * Group figures and find the conflicts.
 * @param figures the figures (as `readFigures` returns them, in report order)
 * @returns groups of two figures or more, conflicting ones first, then by key
 */
export function findFigureGroups(figures: readonly FigureEntry[]): FigureGroup[] {
  const byKey = new Map<string, { base: string; unit: string | null; figures: FigureEntry[] }>();
  const unitsOfBase = new Map<string, Set<string | null>>();
  for (const figure of figures) {
    const base = groupBase(figure);
    if (base === undefined) continue;
    const id = `${base}\u0000${figure.unit ?? ''}`;
    let group = byKey.get(id);
    if (!group) {
      group = { base, unit: figure.unit, figures: [] };
      byKey.set(id, group);
      const units = unitsOfBase.get(base) ?? new Set();
      units.add(figure.unit);
      unitsOfBase.set(base, units);
    }
    group.figures.push(figure);
  }
  const groups: FigureGroup[] = [];
  for (const g of byKey.values()) {
    if (g.figures.length >= 2) groups.push(figureGroup(g.base, g.unit, g.figures, unitsOfBase.get(g.base)!.size > 1));
  }
  return groups.sort(compareGroups);
}

/**
 * What a figure is grouped by, before its unit; undefined when it is not compared (no value, a year,
 * or neither an entity nor a unit).
 * @param figure the figure
 */
export function groupBase(figure: FigureEntry): string | undefined {
  if (figure.value === null || figure.modifier === 'year' || (figure.unit === null && !figure.entity)) return undefined;
  if (figure.entity) return figure.entity;
  if (figure.subject) return `subject: ${fold(figure.subject)}`;
  if (figure.counted) return `counted: ${fold(figure.counted)}`;
  return undefined;
}

/**
 * The group of the figures of one base and unit (two or more).
 * @param base what they are grouped by (`groupBase`)
 * @param unit their unit
 * @param figures the figures, in report order
 * @param severalUnits whether figures of the base name other units too (the key then names the unit)
 */
export function figureGroup(base: string, unit: string | null, figures: FigureEntry[], severalUnits: boolean): FigureGroup {
  return { key: severalUnits ? `${base} / ${unit ?? 'no unit'}` : base, unit, conflict: !canAllBeTrue(figures), figures };
}

/**
 * The order of groups: conflicting ones first, then by key.
 * @param a one group
 * @param b another
 */
export function compareGroups(a: FigureGroup, b: FigureGroup): number {
  return Number(b.conflict) - Number(a.conflict) || compareStrings(a.key, b.key);
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Whether every interval meets every other. On a line, intervals meet pairwise exactly when the
 * highest lower bound does not pass the lowest upper bound, so one pass finds it.
 * @param figures figures with a value
 */
export function canAllBeTrue(figures: readonly Pick<FigureEntry, 'low' | 'high' | 'low_open' | 'high_open'>[]): boolean {
  let low = -Infinity;
  let lowOpen = false;
  let high = Infinity;
  let highOpen = false;
  for (const f of figures) {
    const l = f.low ?? -Infinity;
    if (l > low || (l === low && f.low_open)) {
      low = l;
      lowOpen = f.low_open;
    }
    const h = f.high ?? Infinity;
    if (h < high || (h === high && f.high_open)) {
      high = h;
      highOpen = f.high_open;
    }
  }
  return low < high || (low === high && !lowOpen && !highOpen);
}
