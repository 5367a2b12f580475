/**
 * The findings of a document's records (label checks and anchoring), kept from one change to the
 * next: after a change, only the records that changed are checked again. Every finding of these two
 * passes is about one record alone (its label and attributes, its place against the sidecar's copy),
 * so a record that did not change keeps its problems; the sidecar's own findings that look at pairs
 * (duplicate ids) come from reading the file and are not computed here.
 */
import type { Annotation, Finding, LabelConfig } from '../model';
import { LabelChecker, labelFinding, type LabelProblem } from '../sidecar/check-labels';
import { anchorFindings, type Placement } from './anchor-findings';

/** The problems of a record whose labels are not checked. */
const NO_PROBLEMS: readonly LabelProblem[] = Object.freeze([]);

/** What a record was checked as: its label, attributes object and status then, and the problems found. */
interface Checked {
  label: string;
  attributes: Annotation['attributes'];
  orphaned: boolean;
  problems: readonly LabelProblem[];
  /** Whether it has problems or is orphaned: most records have neither, and are passed over on this alone. */
  flagged: boolean;
}

/** What the findings are computed from. */
export interface RecordFindingsInput {
  /** The annotations as they lie in the current text. */
  annotations: readonly Annotation[];
  /**
   * The text they count over (any object that changes with it): over one text, a record that changes
   * is a new object, so the records of the last pass that are still there are taken as they were
   * without reading them. After a change of the text, each record is compared field by field.
   */
  text: unknown;
  /** The label configuration, or undefined when the labels are not checked (a sidecar that cannot be read). */
  config: LabelConfig | undefined;
  /** 1-based line of each annotation's record in the sidecar, by id. */
  recordLines: ReadonlyMap<string, number>;
  /** The sidecar's copy of each annotation that re-anchoring moved, changed or orphaned, by id. */
  drift: ReadonlyMap<string, Annotation>;
  /** How re-anchoring placed them, by id. */
  placements: ReadonlyMap<string, Placement>;
}

/**
 * The label and anchoring findings of one document, the same as `checkLabels` followed by
 * `anchorFindings` over every record, at the cost of the records that changed.
 *
 * Over one text, a record counts as unchanged when it is the same object at the same place: the sync
 * engine replaces a record that changes (see `Entry.annotations`). After the text changed, or for a
 * record found at another place, it is unchanged when it has the same label, the same attributes
 * object (attributes are replaced whole, never changed in place) and the same status.
 */
export class RecordFindings {
  /** The configuration of the last pass, and its checker. */
  private prepared: { config: LabelConfig | undefined; checker: LabelChecker | undefined } | undefined;
  /** The records of the last pass, by position, and what each was checked as. */
  private records: Annotation[] = [];
  private checked: Checked[] = [];
  /** By position, 1 where the memo in `checked` is flagged: read densely, where the memos lie scattered. */
  private flagged = new Uint8Array(0);
  /** The same, by record: a record that moved in the list (one before it was removed) is not checked again. */
  private byRecord = new WeakMap<Annotation, Checked>();
  /** The text of the last pass. */
  private text: unknown;

  /**
   * The findings, in the order of the full passes: every label finding in record order, then every
   * anchoring finding in record order.
   * @param input what they are computed from
   */
  findings(input: RecordFindingsInput): Finding[] {
    const { annotations, config, recordLines, drift } = input;
    const checker = this.checkerFor(config);
    const findings: Finding[] = [];
    // Only these can have anchoring findings; the others hold where the sidecar says.
    const anchoring: Annotation[] = [];
    const records = this.records;
    const checked = this.checked;
    if (this.flagged.length < annotations.length) {
      const grown = new Uint8Array(Math.max(1024, 2 * annotations.length));
      grown.set(this.flagged);
      this.flagged = grown;
    }
    const flagged = this.flagged;
    const sameText = this.text === input.text;
    this.text = input.text;
    const anyDrift = drift.size > 0;
    for (let i = 0; i < annotations.length; i++) {
      const annotation = annotations[i]!;
      let memo: Checked;
      if (sameText && records[i] === annotation) {
        // The same record at the same place over the same text has not changed: nothing of it is read,
        // and its memo only when it has findings (loading 10,000 scattered memos costs more than the rest).
        if (flagged[i] === 0) {
          if (anyDrift && drift.has(annotation.id)) anchoring.push(annotation);
          continue;
        }
        memo = checked[i]!;
      } else {
        const before = this.byRecord.get(annotation);
        memo = before && checkedAs(before, annotation) ? before : this.check(annotation, checker);
        records[i] = annotation;
        checked[i] = memo;
        flagged[i] = memo.flagged ? 1 : 0;
      }
      if (memo.flagged) {
        for (const problem of memo.problems) findings.push(labelFinding(problem, annotation.id, recordLines));
        if (memo.orphaned) anchoring.push(annotation);
      }
      if (anyDrift && !memo.orphaned && drift.has(annotation.id)) anchoring.push(annotation);
    }
    records.length = annotations.length;
    checked.length = annotations.length;
    if (anchoring.length > 0) findings.push(...anchorFindings(anchoring, drift, recordLines, input.placements));
    return findings;
  }

  /** Check a record, and remember it. */
  private check(annotation: Annotation, checker: LabelChecker | undefined): Checked {
    const problems = checker ? checker.problemsOf(annotation) : NO_PROBLEMS;
    const orphaned = annotation.status === 'orphaned';
    const memo = { label: annotation.label, attributes: annotation.attributes, orphaned, problems, flagged: orphaned || problems.length > 0 };
    this.byRecord.set(annotation, memo);
    return memo;
  }

  /** The checker of a configuration (none: the labels are not checked); another one checks every record again. */
  private checkerFor(config: LabelConfig | undefined): LabelChecker | undefined {
    if (!this.prepared || this.prepared.config !== config) {
      this.prepared = { config, checker: config && new LabelChecker(config) };
      this.records = [];
      this.checked = [];
      this.byRecord = new WeakMap();
    }
    return this.prepared.checker;
  }
}

/** Whether a record is still as it was checked. */
function checkedAs(memo: Checked, annotation: Annotation): boolean {
  return memo.label === annotation.label && memo.attributes === annotation.attributes && memo.orphaned === (annotation.status === 'orphaned');
}
