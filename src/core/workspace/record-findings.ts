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

/** What a record was checked as: its label and attributes object then, and the problems found. */
interface Checked {
  label: string;
  attributes: Annotation['attributes'];
  problems: readonly LabelProblem[];
}

/** What the findings are computed from. */
export interface RecordFindingsInput {
  /** The annotations as they lie in the current text. */
  annotations: readonly Annotation[];
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
 * A record counts as unchanged when it is the same object with the same label and the same
 * attributes object: the sync engine replaces a record's attributes whole (an edit sets a new
 * object), never changes them in place.
 */
export class RecordFindings {
  private checker: LabelChecker | undefined;
  /** The records of the last pass, by position, and what each was checked as. */
  private records: Annotation[] = [];
  private checked: Checked[] = [];
  /** The same, by record: a record that moved in the list (one before it was removed) is not checked again. */
  private byRecord = new WeakMap<Annotation, Checked>();

  /**
   * The findings, in the order of the full passes: every label finding in record order, then every
   * anchoring finding in record order.
   * @param input what they are computed from
   */
  findings(input: RecordFindingsInput): Finding[] {
    const { annotations, config, recordLines, drift } = input;
    const checker = config && this.checkerFor(config);
    const findings: Finding[] = [];
    // Only these can have anchoring findings; the others hold where the sidecar says.
    const anchoring: Annotation[] = [];
    const records = this.records;
    const checked = this.checked;
    for (let i = 0; i < annotations.length; i++) {
      const annotation = annotations[i]!;
      if (annotation.status === 'orphaned' || (drift.size > 0 && drift.has(annotation.id))) anchoring.push(annotation);
      if (!checker) continue;
      let memo = records[i] === annotation ? checked[i] : this.byRecord.get(annotation);
      if (!memo || memo.label !== annotation.label || memo.attributes !== annotation.attributes) {
        memo = { label: annotation.label, attributes: annotation.attributes, problems: checker.problemsOf(annotation) };
        this.byRecord.set(annotation, memo);
      }
      records[i] = annotation;
      checked[i] = memo;
      for (const problem of memo.problems) findings.push(labelFinding(problem, annotation.id, recordLines));
    }
    if (checker) {
      records.length = annotations.length;
      checked.length = annotations.length;
    }
    if (anchoring.length > 0) findings.push(...anchorFindings(anchoring, drift, recordLines, input.placements));
    return findings;
  }

  /** The checker of a configuration; a new configuration checks every record again. */
  private checkerFor(config: LabelConfig): LabelChecker {
    if (this.checker?.config !== config) {
      this.checker = new LabelChecker(config);
      this.records = [];
      this.checked = [];
      this.byRecord = new WeakMap();
    }
    return this.checker;
  }
}
