/**
 * The groups of `findFigureGroups`, kept up to date as figures come and go: after a change in one
 * document, only the groups of what its figures are grouped by (`groupBase`) are made again. The
 * groups are those `findFigureGroups` finds over the same figures in report order.
 */
import { compareGroups, figureGroup, groupBase, type FigureGroup } from './conflicts';
import type { FigureEntry } from './figures';

/** The figures of one base, by unit, and the groups they make. */
interface Base {
  byUnit: Map<string, { unit: string | null; figures: Set<FigureEntry> }>;
  groups: FigureGroup[];
}

/** The groups of a changing set of figures. */
export class FigureGroupIndex {
  private readonly bases = new Map<string, Base>();
  /** The base of each figure added (figures not compared are not kept). */
  private readonly baseOf = new Map<FigureEntry, string>();
  /** Bases whose figures changed since the last `groups()`. */
  private readonly touched = new Set<string>();
  private sorted: FigureGroup[] = [];

  /**
   * A figure is new.
   * @param figure the figure
   */
  add(figure: FigureEntry): void {
    const base = groupBase(figure);
    if (base === undefined) return;
    let slot = this.bases.get(base);
    if (!slot) this.bases.set(base, (slot = { byUnit: new Map(), groups: [] }));
    const unitKey = figure.unit ?? '';
    let ofUnit = slot.byUnit.get(unitKey);
    if (!ofUnit) slot.byUnit.set(unitKey, (ofUnit = { unit: figure.unit, figures: new Set() }));
    ofUnit.figures.add(figure);
    this.baseOf.set(figure, base);
    this.touched.add(base);
  }

  /**
   * A figure is gone.
   * @param figure the figure, as it was added
   */
  remove(figure: FigureEntry): void {
    const base = this.baseOf.get(figure);
    if (base === undefined) return;
    this.baseOf.delete(figure);
    this.bases.get(base)?.byUnit.get(figure.unit ?? '')?.figures.delete(figure);
    this.touched.add(base);
  }

  /**
   * Mark every group to be made again (the order of the documents changed).
   */
  touchAll(): void {
    for (const base of this.bases.keys()) this.touched.add(base);
  }

  /**
   * The groups as of now: those of the bases touched since the last call are made again.
   * @param reportOrder the order of figures in a group (the order `findFigureGroups` is given them in)
   * @returns the groups, conflicting ones first, then by key; and the groups made and dropped by this call
   */
  groups(reportOrder: (a: FigureEntry, b: FigureEntry) => number): { groups: readonly FigureGroup[]; made: readonly FigureGroup[]; dropped: readonly FigureGroup[] } {
    if (this.touched.size === 0) return { groups: this.sorted, made: [], dropped: [] };
    const made: FigureGroup[] = [];
    const dropped: FigureGroup[] = [];
    for (const base of this.touched) {
      const slot = this.bases.get(base);
      if (!slot) continue;
      dropped.push(...slot.groups);
      for (const [unitKey, ofUnit] of slot.byUnit) if (ofUnit.figures.size === 0) slot.byUnit.delete(unitKey);
      const severalUnits = slot.byUnit.size > 1;
      slot.groups = [];
      for (const { unit, figures } of slot.byUnit.values()) {
        if (figures.size >= 2) slot.groups.push(figureGroup(base, unit, [...figures].sort(reportOrder), severalUnits));
      }
      made.push(...slot.groups);
      if (slot.byUnit.size === 0) this.bases.delete(base);
    }
    const gone = new Set(dropped);
    this.sorted = [...this.sorted.filter((g) => !gone.has(g)), ...made].sort(compareGroups);
    this.touched.clear();
    return { groups: this.sorted, made, dropped };
  }
}
