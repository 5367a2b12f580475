/**
 * Judging placements against the known answers of the scenarios, and the counts table. Wrong
 * outcomes come first everywhere: in the table's columns and in the list of cases.
 */
import type { Truth } from './tracked-text';

/** Where a method put an annotation (code points over the normalised new text), or null: orphaned. */
export type Placement = { start: number; end: number; text: string } | null;

/**
 * The verdict on one placement:
 * - silently-wrong: placed, but not where the truth is (or its text is not the document's there);
 * - orphaned-wrongly: orphaned though its text is still there, intact;
 * - orphaned-edited: orphaned though part of its text is still there (edited in place);
 * - orphaned-undetermined: orphaned, and the texts do not tell where it is (`Truth.undetermined`: its
 *   paragraph moved and copied, its edge word become several), flagged ambiguous or not;
 * - exact: an intact span placed on its text;
 * - edited-correctly: an edited span placed on its true new bounds (give or take white space at an edge);
 * - orphaned-rightly: its text is gone, and it was orphaned (also where an unedited copy of it is as
 *   true: copied, then deleted; the copy is then exact).
 */
export type Verdict =
  | 'silently-wrong'
  | 'orphaned-wrongly'
  | 'orphaned-edited'
  | 'orphaned-undetermined'
  | 'exact'
  | 'edited-correctly'
  | 'orphaned-rightly';

/** Every verdict, wrong ones first, then the undetermined: the order of the table's columns. */
export const VERDICTS: readonly Verdict[] = [
  'silently-wrong',
  'orphaned-wrongly',
  'orphaned-edited',
  'orphaned-undetermined',
  'exact',
  'edited-correctly',
  'orphaned-rightly',
];

/**
 * Judge one placement.
 * @param truth the known answer
 * @param placement what the method did
 * @param newText the normalised new text, to check that a placement's text is the document's
 */
export function classify(truth: Truth, placement: Placement, newCodePoints: readonly string[]): Verdict {
  if (placement === null) {
    if (truth.kind === 'gone') return 'orphaned-rightly';
    if (truth.undetermined) return 'orphaned-undetermined';
    return truth.kind === 'intact' ? 'orphaned-wrongly' : 'orphaned-edited';
  }
  if (truth.kind === 'gone') {
    // Copied, then deleted (`Truth.undetermined`): the copy is as true as the orphan.
    const onCopy = truth.alternatives.some((b) => b.start === placement.start && b.end === placement.end);
    return onCopy && newCodePoints.slice(placement.start, placement.end).join('') === placement.text ? 'exact' : 'silently-wrong';
  }
  const bounds = [{ start: truth.start, end: truth.end }, ...truth.alternatives];
  const onTruth = bounds.some((b) =>
    truth.kind === 'intact'
      ? b.start === placement.start && b.end === placement.end
      : sameButSpaces(newCodePoints, b.start, placement.start) && sameButSpaces(newCodePoints, b.end, placement.end),
  );
  if (!onTruth || newCodePoints.slice(placement.start, placement.end).join('') !== placement.text) return 'silently-wrong';
  return truth.kind === 'intact' ? 'exact' : 'edited-correctly';
}

/**
 * Whether two offsets differ only by white space between them. An edited span's edge may: deleting
 * "big " or " big" from "a big dog" gives the same text, so no diff can say which space went.
 */
function sameButSpaces(codePoints: readonly string[], a: number, b: number): boolean {
  for (let i = Math.min(a, b); i < Math.max(a, b); i++) if (!/\s/u.test(codePoints[i]!)) return false;
  return true;
}

/** Counts of each verdict. */
export type Tally = Record<Verdict, number>;

/** A tally of zeros. */
export function emptyTally(): Tally {
  return Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Tally;
}

/** The number of placements a tally counts. */
export function total(t: Tally): number {
  return VERDICTS.reduce((n, v) => n + t[v], 0);
}

/** One row of the counts table. */
export interface TallyRow {
  /** What was run, e.g. "diff-first, with prefix/suffix". */
  name: string;
  tally: Tally;
}

/**
 * The counts as a Markdown table, wrong columns first.
 * @param rows one row per mode and context variant
 */
export function tallyTable(rows: readonly TallyRow[]): string {
  const head = ['mode', 'placements', 'silently wrong', 'orphaned wrongly (text intact)', 'orphaned (text edited)', 'orphaned, place undetermined', 'exact', 'edited correctly', 'orphaned rightly'];
  const lines = [`| ${head.join(' | ')} |`, `|---|${head.slice(1).map(() => '---:').join('|')}|`];
  for (const { name, tally } of rows) {
    const n = (v: number) => v.toLocaleString('en-US');
    lines.push(`| ${name} | ${n(total(tally))} | ${VERDICTS.map((v) => (v === 'silently-wrong' && tally[v] > 0 ? `**${n(tally[v])}**` : n(tally[v]))).join(' | ')} |`);
  }
  return lines.join('\n');
}
