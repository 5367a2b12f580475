/**
 * The annotation data model shared by the sidecar reader and writer, anchoring, the CLI and the
 * extension. Offsets are Unicode code points over the normalised document text (see `text.ts`).
 */

/** Value of one attribute of an annotation. */
export type AttributeValue = string | number;

/** One tagged span of a document, as stored in its sidecar. */
export interface Annotation {
  /** Stable identifier, unique within its sidecar and never reused (8 lowercase hex digits when generated). */
  id: string;
  /** Label id from the label configuration (`claim`, `quote`, `figure`, or a project's own). */
  label: string;
  /** First code point of the span, inclusive. */
  start: number;
  /** Code point after the span (exclusive). */
  end: number;
  /** Exactly the document text between `start` and `end`. */
  text: string;
  /** Up to 32 code points of document text just before the span, used to re-anchor. */
  prefix?: string;
  /** Up to 32 code points of document text just after the span, used to re-anchor. */
  suffix?: string;
  /** Links annotations of the same thing, within and across documents. */
  entity?: string;
  /** Per-label fields defined by the label configuration. */
  attributes?: Record<string, AttributeValue>;
  /** Its outgoing relations to other annotations, in this document or another, in the order written. */
  relations?: Relation[];
  /** Free text. */
  note?: string;
  /** Who made the annotation. */
  author?: string;
  /** When it was made, ISO 8601. */
  created?: string;
  /**
   * `orphaned` when the span could not be found again in the document; `suggested` when a suggester
   * proposed it (`marginalia suggest --apply`) and nobody has confirmed it yet. Absent otherwise.
   */
  status?: 'orphaned' | 'suggested';
  /** Present only on a record that `marginalia adjudicate` kept from one side of a disagreement. */
  dispute?: Dispute;
  /** A reviewer's verdict on this annotation's change in a pull request (`check --require-reviewed`). */
  review?: Review;
}

/** Who reviewed an annotation's change, when, and what they decided. */
export interface Review {
  /** accepted: the change stands; rejected: the reviewer asked for it to be undone. */
  state: 'accepted' | 'rejected';
  /** Who reviewed: a name, as git user.name gives it. */
  by: string;
  /** When, ISO 8601. */
  at: string;
}

/**
 * A typed link from the annotation that lists it (the source) to another (the target), by id, so that
 * re-anchoring and editing either end leave it standing.
 */
export interface Relation {
  /** A relation type of the label configuration (`said-by`, `supports`, …). */
  type: string;
  /** The target annotation's id. */
  to: string;
  /**
   * The target's document, relative to the folder of the source's document, with `/` separators
   * (`other.txt`, `../2021/other.txt`); absent when the target is in the same document.
   */
  document?: string;
}

/** Which annotator's version of a disagreement a record is, and the other version's record. */
export interface Dispute {
  /** The side of the comparison: A (the first version named) or B. */
  side: 'A' | 'B';
  /** Who said so: the side's revision, folder or author, as named to `adjudicate`. */
  by: string;
  /** The id of the other side's record this one disagrees with; absent when the other side marked nothing there. */
  pair?: string;
}

/** The current sidecar format version, the value of its `marginalia` key. */
export const FORMAT_VERSION = 1;

/** The content of one sidecar file. */
export interface Sidecar {
  /** Format version (`marginalia:` key). */
  version: number;
  /** The annotated document's path, relative to the sidecar's folder (POSIX separators). */
  document: string;
  /** The annotations, in the order of the file. */
  annotations: Annotation[];
  /** Where the document appeared (the `source:` header); absent when the sidecar has none. */
  source?: DocumentSource;
  /** `settled: true`: adjudication found no disagreement in this document (the `settled:` header). */
  settled?: boolean;
  /** Suggestions an annotator turned down (the `rejected:` header), so that nobody is offered them again. */
  rejected?: RejectedSuggestion[];
}

/**
 * A suggestion turned down, kept by its text rather than its offsets so that it survives edits of the
 * document: it matches a suggestion of the same label and text whose preceding text ends with `before`.
 */
export interface RejectedSuggestion {
  label: string;
  text: string;
  /** Up to 16 code points of text just before the span, spaces folded (absent at the start of the document). */
  before?: string;
}

/** Where a document was published: the optional `source:` header of its sidecar. */
export interface DocumentSource {
  /** The publication or agency that printed it ("Associated Press"). */
  outlet?: string;
  /** Where it can be read (http or https). */
  url?: string;
  /** When it was published, ISO 8601 (a date, or a date and time). */
  published?: string;
}

/** Severity of a finding. */
export type Severity = 'error' | 'warning';

/**
 * A problem found in a file, with its place. Lines and columns are 1-based, as editors and
 * `path:line:col` output show them.
 */
export interface Finding {
  /** How serious: an error makes `marginalia check` fail, a warning does not on its own. */
  severity: Severity;
  /** Stable machine-readable kind, e.g. `yaml-syntax`, `duplicate-id`, `text-mismatch`. */
  code: string;
  /** What is wrong and what to do about it, in one sentence or two. */
  message: string;
  /** 1-based line in the file the finding is about. */
  line: number;
  /** 1-based column. */
  column: number;
  /** The annotation concerned, when there is one. */
  annotationId?: string;
}

/** Type of a label attribute's value. */
export type AttributeType = 'text' | 'number' | 'enum';

/** One attribute a label defines. */
export interface AttributeSpec {
  /** Key under `attributes:` in the sidecar. */
  name: string;
  /** Value type; `enum` takes one of `values`. */
  type: AttributeType;
  /** Whether an annotation of the label must have it. */
  required: boolean;
  /** The allowed values of an `enum` attribute. */
  values?: string[];
  /** Shown as a prompt in the editor: the attribute's guideline. */
  description?: string;
  /** Example values, shown with the description. */
  examples?: string[];
}

/** One label of the label configuration. */
export interface LabelSpec {
  /** Identifier written in sidecars and exports. */
  id: string;
  /** The label's guideline: shown in the label picker, hovers and the tree's tooltips. */
  description: string;
  /** Example spans of the label, shown with its description. */
  examples?: string[];
  /** Highlight colour override (CSS colour); without it the theme colour `marginalia.<id>Background` is used. */
  color?: string;
  /** Single key shown as a hint in pickers. */
  key?: string;
  /** The attributes annotations of this label may carry. */
  attributes: AttributeSpec[];
  /** How spans of this label are suggested (`suggest:` in `.marginalia.yaml`); absent: the defaults. */
  suggest?: LabelSuggestSpec;
}

/** A label's `suggest:` settings: the built-in suggester of its id, and the project's own patterns and terms. */
export interface LabelSuggestSpec {
  /** Whether the built-in suggester of a label called quote, figure or claim runs (default true). */
  builtin: boolean;
  /** Regular expressions (checked by `patternProblem`) whose matches are suggested. */
  patterns: string[];
  /** Words or phrases suggested wherever they stand as whole words, in any case. */
  terms: string[];
  /** For a claim label: the words that make a sentence around a figure or quote a claim (replace the default cues). */
  cues?: string[];
}

/** One relation type of the label configuration. */
export interface RelationTypeSpec {
  /** Identifier written in sidecars (`type:` of a relation). */
  id: string;
  /** Shown in pickers and hovers. */
  description: string;
  /** Labels allowed at the source end; absent: any label. */
  from?: string[];
  /** Labels allowed at the target end; absent: any label. */
  to?: string[];
  /** Whether the relation reads the same both ways (`contradicts`): then shown at both ends alike, and its ends may be either way round. */
  symmetric: boolean;
}

/** The project's labels, from `.marginalia.yaml` or the defaults. */
export interface LabelConfig {
  labels: LabelSpec[];
  /**
   * The relation types annotations may use; absent (a configuration built in code) means the default
   * types. `relationTypes` in `relations/types.ts` resolves it.
   */
  relations?: RelationTypeSpec[];
}
