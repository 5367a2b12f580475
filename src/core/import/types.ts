/**
 * What the import parsers read out of another tool's files, before it is matched to documents and
 * checked against their text.
 */
import type { AttributeValue, DocumentSource } from '../model';

/** One span as an imported file gives it. */
export interface ImportedSpan {
  /** Label id. */
  label: string;
  /** First code point; undefined when the source only quotes the text (a W3C quote selector alone). */
  start: number | undefined;
  /** Code point after the span; undefined with `start`. */
  end: number | undefined;
  /** The span's text as the file gives it (brat's text field, W3C's `exact`), if it does. */
  text?: string;
  /** Text just before the span, to tell repeated quotes apart (W3C `prefix`). */
  prefix?: string;
  /** Text just after the span (W3C `suffix`). */
  suffix?: string;
  /** brat's discontinuous form: the fragments, which must be separated by line breaks only. */
  fragments?: { start: number; end: number }[];
  /** Marginalia's own id when the file carries it (W3C exports), kept if it is free. */
  id?: string;
  note?: string;
  entity?: string;
  attributes?: Record<string, AttributeValue>;
  author?: string;
  created?: string;
  /** Where the span is in the imported file, for reports (`export.jsonl:3`, `seeds/a.ann:T4`). */
  origin: string;
  /** The name the file gives the span within its document (brat's `T4`, a region id), which its relations use. */
  key?: string;
}

/** A relation between two spans of one imported document, by the keys the file gives them. */
export interface ImportedRelation {
  /** The relation type. */
  type: string;
  /** The source span's `key`. */
  from: string;
  /** The target span's `key`; with `document`, the target annotation's id in that document. */
  to: string;
  /** A target in another document: its path relative to the source document's folder (W3C). */
  document?: string;
  /** The file gives it both ways (Label Studio's `bi`): imported only for a type configured symmetric. */
  bidirectional?: boolean;
  /** Where the relation is in the imported file, for reports. */
  origin: string;
}

/** One document of an imported file. */
export interface ImportedDocument {
  /** Paths the file names the document by, most likely first (relative, `/` separators); empty if none. */
  candidates: string[];
  /** The text the file's offsets count in, when the file carries it. */
  text: string | undefined;
  /** The document's spans. */
  spans: ImportedSpan[];
  /** The relations between its spans, when the format carries them. */
  relations?: ImportedRelation[];
  /** Where the document is in the imported file, for reports. */
  origin: string;
  /** Where the document was published, when the file says (Marginalia's own exports carry it). */
  publication?: DocumentSource;
}

/** Something in the imported file that could not be read; every span in it is lost to the import. */
export interface ImportProblem {
  /** Where (`file:line`). */
  origin: string;
  /** What is wrong. */
  message: string;
}

/** What a parser read. */
export interface ParsedImport {
  documents: ImportedDocument[];
  /** Parts that could not be read at all: the import reports them and fails. */
  problems: ImportProblem[];
  /** Parts deliberately not imported (brat relations, rejected Prodigy tasks): reported, not a failure. */
  ignored: string[];
}
