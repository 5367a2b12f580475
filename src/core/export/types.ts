/**
 * What every exporter takes and gives. Exporters are pure: they turn documents with their
 * annotations into file contents; the CLI and the extension write those contents.
 */
import type { Annotation, DocumentSource, LabelConfig } from '../model';

/** One document as exporters see it. */
export interface ExportDocument {
  /** The document's path as exports name it: relative to the working folder, `/` separators. */
  source: string;
  /** The text offsets count in: normalised (LF line ends, no BOM), or a Markdown document's plain projection. */
  text: string;
  /**
   * Annotations whose `text` is exactly `text` between `start` and `end` (code points), none orphaned,
   * sorted by (start, end, label, id). `prepareDocument` makes sure of it.
   */
  annotations: Annotation[];
  /** Where the document was published (its sidecar's `source:` header), when the header is there and understood. */
  publication?: DocumentSource;
}

/** A file an export writes. */
export interface ExportFile {
  /** Path relative to the export's folder (brat) or its companion folder (csv), `/` separators. */
  path: string;
  /** The file's content, written as UTF-8. */
  content: string;
}

/** What an exporter produced. */
export interface ExportOutput {
  /** The single output file's content (JSONL, JSON, CSV); undefined for folder formats. */
  content: string | undefined;
  /** Folder formats: every file of the folder. CSV: the document texts for its companion folder. */
  files: ExportFile[];
  /** Annotations the format could not carry, one sentence each, for stderr or a notification. */
  warnings?: string[];
  /** What was exported, in one sentence, when it is not one item per annotation (ClaimReview counts reviews). */
  summary?: string;
}

/** What some formats need besides the annotations. */
export interface ExportOptions {
  /** ClaimReview: the organisation publishing the fact checks (`--author`). */
  reviewAuthor?: string;
  /** ClaimReview: the address of the page publishing them (`--url`). */
  reviewUrl?: string;
  /** ClaimReview: when they were published, ISO 8601 (`--date`). */
  reviewDate?: string;
}

/** The export format names accepted by `--format`. */
export type ExportFormat = 'doccano' | 'prodigy' | 'brat' | 'w3c' | 'csv' | 'labelstudio' | 'claimreview';

/** One export format. */
export interface Exporter {
  /** The name given to `--format`. */
  format: ExportFormat;
  /** `file`: one file (or stdout); `folder`: a folder of files, `--out` required. */
  shape: 'file' | 'folder';
  /** File name extension of the single output file, with its dot (empty for folders). */
  extension: string;
  /** One line shown in usage text and pickers. */
  description: string;
  /** The labels exported when none is chosen (`--label`); all labels when undefined. */
  defaultLabels?: readonly string[];
  /**
   * Produce the export.
   * @param documents the documents, sorted by `source`, annotations prepared
   * @param labels the label configuration (brat declares it in `annotation.conf`)
   * @param options what some formats need besides the annotations
   */
  write(documents: readonly ExportDocument[], labels: LabelConfig, options?: ExportOptions): ExportOutput;
}
