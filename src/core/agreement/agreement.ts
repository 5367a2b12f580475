/**
 * How well two annotators agree: the same documents annotated on two sides (two branches, two
 * folders, or two authors' records in one tree), compared per label by exact F1, overlap F1 and
 * Cohen's κ over code points, and, for the spans paired by overlap, by their attributes. Pure: the
 * caller reads the sidecars and documents. The definitions and edge cases are in docs/agreement.md.
 */
import type { Annotation, AttributeValue } from '../model';
import { compareStrings } from '../order';
import { OffsetIndex } from '../text';
import { addTable, cohenKappa, coverageTable, emptyTable, type CoverageTable } from './kappa';
import { countExactMatches, overlapPairs } from './matching';

/** One document as one side annotated it. */
export interface SideDocument {
  /** The document's path relative to the root compared, `/` separators. */
  document: string;
  /** The side's records of it. */
  annotations: readonly Annotation[];
  /** The document's normalised text on that side; undefined when it could not be read. */
  text: string | undefined;
}

/** Agreement on one attribute of one label, over the pairs of spans matched by overlap. */
export interface AttributeAgreement {
  /** Matched pairs where at least one side gave the attribute. */
  pairs: number;
  /** Of those, pairs whose two values are equal. */
  equal: number;
  /** equal / pairs. */
  agreement: number;
}

/** The counts and F1 of one label or of all together (JSON keys as `agree --json` prints them). */
interface MatchFigures {
  /** Records on side A and on side B. */
  a: number;
  b: number;
  exact_matches: number;
  overlap_matches: number;
  /** 2·matches / (a + b); over all labels, from their records together (micro-averaged). */
  exact_f1: number | null;
  overlap_f1: number | null;
}

/** The figures of one label. */
export interface LabelAgreement extends MatchFigures {
  /** Cohen's κ over the code points of the compared documents; null when undefined, see kappa_undefined. */
  kappa: number | null;
  /** Why κ is null. */
  kappa_undefined?: string;
  /** Per attribute name, sorted. */
  attributes: Record<string, AttributeAgreement>;
}

/** The figures over every label. */
export interface OverallAgreement extends MatchFigures {
  /** Mean of the labels' κ that have a value; null when none has. */
  kappa: number | null;
  /** Labels whose κ is undefined and left out of the mean. */
  kappa_left_out: string[];
}

/** Documents not compared, and records left out, each listed so that nothing is silently dropped. */
export interface LeftOut {
  /** Documents only side A annotated (B has no sidecar for them, or no record in `--author` mode). */
  only_in_a: string[];
  only_in_b: string[];
  /** Documents whose text differs between the sides: their offsets do not count the same text. */
  text_differs: string[];
  /** Documents whose text could not be read on one side or both. */
  text_missing: string[];
  /** Orphaned records of compared documents (status: orphaned), per side. */
  orphaned: { a: number; b: number };
  /** Records of compared documents whose text no longer matches the document at their offsets, per side. */
  drifted: { a: number; b: number };
}

/** The whole comparison, as `agree --json` prints it. */
export interface AgreementReport {
  /** Documents compared. */
  documents: number;
  labels: Record<string, LabelAgreement>;
  overall: OverallAgreement;
  left_out: LeftOut;
}

/** Running counts of one label. */
interface Tally {
  a: number;
  b: number;
  exact: number;
  overlap: number;
  table: CoverageTable;
  attributes: Map<string, { pairs: number; equal: number }>;
}

/**
 * Compare two sides' annotations of the same documents. A document is compared when both sides
 * annotated it and its text is the same on both; the others are listed in `left_out`.
 * @param sideA side A's documents
 * @param sideB side B's documents
 */
export function measureAgreement(sideA: readonly SideDocument[], sideB: readonly SideDocument[]): AgreementReport {
  const byPathB = new Map(sideB.map((d) => [d.document, d]));
  const pathsA = new Set(sideA.map((d) => d.document));
  const leftOut: LeftOut = {
    only_in_a: [],
    only_in_b: sideB.filter((d) => !pathsA.has(d.document)).map((d) => d.document),
    text_differs: [],
    text_missing: [],
    orphaned: { a: 0, b: 0 },
    drifted: { a: 0, b: 0 },
  };
  const tallies = new Map<string, Tally>();
  const tally = (label: string): Tally => {
    let t = tallies.get(label);
    if (!t) tallies.set(label, (t = { a: 0, b: 0, exact: 0, overlap: 0, table: emptyTable(), attributes: new Map() }));
    return t;
  };
  let compared = 0;
  let textLength = 0;
  const sortedA = [...sideA].sort((x, y) => compareStrings(x.document, y.document));
  for (const docA of sortedA) {
    const docB = byPathB.get(docA.document);
    if (!docB) leftOut.only_in_a.push(docA.document);
    else if (docA.text === undefined || docB.text === undefined) leftOut.text_missing.push(docA.document);
    else if (docA.text !== docB.text) leftOut.text_differs.push(docA.document);
    else {
      compared++;
      const index = new OffsetIndex(docA.text);
      textLength += index.length;
      const a = usable(docA.annotations, index, leftOut, 'a');
      const b = usable(docB.annotations, index, leftOut, 'b');
      for (const label of new Set([...a.keys(), ...b.keys()])) compareLabel(tally(label), a.get(label) ?? [], b.get(label) ?? [], index.length);
    }
  }
  // A label seen in some documents has its code points outside them on neither side.
  for (const t of tallies.values()) t.table.neither = textLength - t.table.both - t.table.onlyA - t.table.onlyB;
  leftOut.only_in_b.sort(compareStrings);
  return { documents: compared, ...summarise(tallies), left_out: leftOut };
}

/** A side's records that can be compared, by label; orphaned and drifted ones are counted instead. */
function usable(annotations: readonly Annotation[], index: OffsetIndex, leftOut: LeftOut, side: 'a' | 'b'): Map<string, Annotation[]> {
  const byLabel = new Map<string, Annotation[]>();
  for (const record of annotations) {
    if (record.status === 'orphaned') leftOut.orphaned[side]++;
    else if (record.end > index.length || index.slice(record.start, record.end) !== record.text) leftOut.drifted[side]++;
    else {
      const records = byLabel.get(record.label);
      if (records) records.push(record);
      else byLabel.set(record.label, [record]);
    }
  }
  return byLabel;
}

/** Add one document's records of one label to its tally. */
function compareLabel(t: Tally, a: readonly Annotation[], b: readonly Annotation[], length: number): void {
  t.a += a.length;
  t.b += b.length;
  t.exact += countExactMatches(a, b);
  const pairs = overlapPairs(a, b);
  t.overlap += pairs.length;
  const table = coverageTable(a, b, length);
  addTable(t.table, { ...table, neither: 0 });
  for (const [i, j] of pairs) {
    const valuesA = a[i]!.attributes ?? {};
    const valuesB = b[j]!.attributes ?? {};
    for (const name of new Set([...Object.keys(valuesA), ...Object.keys(valuesB)])) {
      const counts = t.attributes.get(name) ?? { pairs: 0, equal: 0 };
      counts.pairs++;
      if (sameValue(valuesA[name], valuesB[name])) counts.equal++;
      t.attributes.set(name, counts);
    }
  }
}

function sameValue(x: AttributeValue | undefined, y: AttributeValue | undefined): boolean {
  return x !== undefined && y !== undefined && x === y;
}

/** The labels' figures, sorted by label, and the overall ones. */
function summarise(tallies: ReadonlyMap<string, Tally>): Pick<AgreementReport, 'labels' | 'overall'> {
  const labels: Record<string, LabelAgreement> = {};
  const kappas: number[] = [];
  const kappaLeftOut: string[] = [];
  const sum = { a: 0, b: 0, exact: 0, overlap: 0 };
  for (const label of [...tallies.keys()].sort(compareStrings)) {
    const t = tallies.get(label)!;
    const kappa = cohenKappa(t.table);
    if (kappa.value === null) kappaLeftOut.push(label);
    else kappas.push(kappa.value);
    const attributes: Record<string, AttributeAgreement> = {};
    for (const name of [...t.attributes.keys()].sort(compareStrings)) {
      const { pairs, equal } = t.attributes.get(name)!;
      attributes[name] = { pairs, equal, agreement: equal / pairs };
    }
    labels[label] = {
      a: t.a,
      b: t.b,
      exact_matches: t.exact,
      overlap_matches: t.overlap,
      exact_f1: f1(t.exact, t.a, t.b),
      overlap_f1: f1(t.overlap, t.a, t.b),
      kappa: kappa.value,
      ...(kappa.reason === undefined ? {} : { kappa_undefined: kappa.reason }),
      attributes,
    };
    sum.a += t.a;
    sum.b += t.b;
    sum.exact += t.exact;
    sum.overlap += t.overlap;
  }
  const overall: OverallAgreement = {
    a: sum.a,
    b: sum.b,
    exact_matches: sum.exact,
    overlap_matches: sum.overlap,
    exact_f1: f1(sum.exact, sum.a, sum.b),
    overlap_f1: f1(sum.overlap, sum.a, sum.b),
    kappa: kappas.length === 0 ? null : kappas.reduce((x, y) => x + y, 0) / kappas.length,
    kappa_left_out: kappaLeftOut,
  };
  return { labels, overall };
}

/** 2·matches / (a + b); null when neither side has a record. */
function f1(matches: number, a: number, b: number): number | null {
  return a + b === 0 ? null : (2 * matches) / (a + b);
}
