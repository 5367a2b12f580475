/**
 * brat standoff (https://brat.nlplab.org/standoff.html): a folder with a `.txt` (the text offsets
 * count in, UTF-8, LF line ends) and an `.ann` per document, and an `annotation.conf` declaring the
 * labels and attributes. brat counts offsets in code points (it reads texts as Python strings).
 * - A span is a `T` line, `T1<TAB>label start end<TAB>text`; a span across lines gets brat's
 *   discontinuous form, one fragment per line (`start end;start end`), its text the fragments'
 *   texts joined by a space, as brat itself joins them.
 * - Attributes are `A` lines (`A1<TAB>name T1 value`), declared in `annotation.conf` as brat's
 *   multi-valued attributes with every value the export holds (an enum's declared values first).
 *   brat's values are single tokens, so whitespace and its separator characters are percent-encoded.
 * - A note is an `AnnotatorNotes` line (`#1<TAB>AnnotatorNotes T1<TAB>note`), backslash-escaped onto one line.
 * - A relation is an `R` line (`R1<TAB>supports Arg1:T2 Arg2:T1`), its type declared in `annotation.conf`'s
 *   `[relations]` with the labels each end allows (`<ENTITY>` for any) and `<REL-TYPE>:symmetric` when it
 *   reads the same both ways. brat's relations stay inside one document: one to another document, or
 *   to a span the export leaves out, is named in a warning.
 * Entities, authors and dates have no place in brat and are not written, nor is where a document was
 * published (its sidecar's `source:` header): each document that has one is named in a warning.
 */
import type { Annotation, LabelConfig, RelationTypeSpec } from '../model';
import { relationTypes } from '../relations/types';
import { bratFragments, BRAT_FRAGMENT_SEPARATOR, encodeBratToken, escapeBratNote } from './brat-codec';
import { folderPaths } from './names';
import { documentRelations } from './relations';
import type { Exporter, ExportDocument, ExportFile } from './types';

/** The configuration file brat reads in a collection's folder. */
export const BRAT_CONFIG_FILE = 'annotation.conf';

export const bratExporter: Exporter = {
  format: 'brat',
  shape: 'folder',
  extension: '',
  description: 'brat standoff folder (.txt + .ann, annotation.conf)',
  write(documents, labels) {
    const files: ExportFile[] = [];
    const warnings: string[] = [];
    const stems = bratStems(documents.map((d) => d.source));
    documents.forEach((document, i) => {
      if (document.publication) {
        warnings.push(`${document.source}: where it was published (the sidecar's source: header) has no place in brat; left out`);
      }
      files.push({ path: `${stems[i]}.txt`, content: document.text });
      files.push({ path: `${stems[i]}.ann`, content: annLines(document, warnings).join('') });
    });
    files.push({ path: BRAT_CONFIG_FILE, content: annotationConf(documents, labels) });
    return { content: undefined, files, warnings };
  },
};

/**
 * The path without extension of each document's `.txt`/`.ann` pair: brat pairs the two by name, so a
 * document's `.txt` extension is dropped unless that would give two documents the same name.
 * @param sources the documents' paths
 */
export function bratStems(sources: readonly string[]): string[] {
  const paths = folderPaths(sources);
  const stripped = paths.map((p) => p.replace(/\.txt$/, ''));
  const count = new Map<string, number>();
  for (const stem of stripped) count.set(stem, (count.get(stem) ?? 0) + 1);
  return paths.map((p, i) => (count.get(stripped[i]!)! > 1 ? p : stripped[i]!));
}

function annLines(document: ExportDocument, warnings: string[]): string[] {
  const lines: string[] = [];
  let t = 0;
  let attribute = 0;
  let note = 0;
  const tids = new Map<string, string>();
  for (const a of document.annotations) {
    const fragments = bratFragments(a.text, a.start);
    if (fragments.length === 0) {
      warnings.push(`${document.source}: annotation ${a.id} (${a.label}) spans only line breaks, which brat cannot hold; left out`);
      continue;
    }
    const tid = `T${++t}`;
    tids.set(a.id, tid);
    const offsets = fragments.map((f) => `${f.start} ${f.end}`).join(';');
    const text = fragmentTexts(a, fragments).join(BRAT_FRAGMENT_SEPARATOR);
    lines.push(`${tid}\t${encodeBratToken(a.label)} ${offsets}\t${text}\n`);
    for (const name of Object.keys(a.attributes ?? {}).sort()) {
      lines.push(`A${++attribute}\t${encodeBratToken(name)} ${tid} ${encodeBratToken(a.attributes![name]!)}\n`);
    }
    if (a.note !== undefined) lines.push(`#${++note}\tAnnotatorNotes ${tid}\t${escapeBratNote(a.note)}\n`);
  }
  const written = document.annotations.filter((a) => tids.has(a.id));
  documentRelations(document, 'brat', warnings, written).forEach((r, i) => {
    lines.push(`R${i + 1}\t${encodeBratToken(r.type)} Arg1:${tids.get(r.from.id)!} Arg2:${tids.get(r.to.id)!}\n`);
  });
  return lines;
}

function fragmentTexts(a: Annotation, fragments: { start: number; end: number }[]): string[] {
  const chars = [...a.text];
  return fragments.map((f) => chars.slice(f.start - a.start, f.end - a.start).join(''));
}

/**
 * annotation.conf: the labels as entity types, overlaps allowed, the relation types (configured ones,
 * then those found only in the export) with the labels their ends allow, every attribute with its values.
 */
function annotationConf(documents: readonly ExportDocument[], config: LabelConfig): string {
  const labels = [...config.labels.map((l) => l.id)];
  const attributes = new Map<string, { labels: Set<string>; values: string[] }>();
  const declare = (name: string, label: string, value?: string | number): void => {
    const entry = attributes.get(name) ?? { labels: new Set(), values: [] };
    attributes.set(name, entry);
    entry.labels.add(label);
    if (value !== undefined && !entry.values.includes(encodeBratToken(value))) entry.values.push(encodeBratToken(value));
  };
  for (const label of config.labels) {
    for (const spec of label.attributes) {
      declare(spec.name, label.id);
      for (const value of spec.type === 'enum' ? (spec.values ?? []) : []) declare(spec.name, label.id, value);
    }
  }
  const seen = new Map<string, Set<string | number>>();
  const extraLabels = new Set<string>();
  for (const document of documents) {
    for (const a of document.annotations) {
      if (!labels.includes(a.label)) extraLabels.add(a.label);
      for (const [name, value] of Object.entries(a.attributes ?? {})) {
        declare(name, a.label);
        seen.set(name, (seen.get(name) ?? new Set()).add(value));
      }
    }
  }
  labels.push(...[...extraLabels].sort());
  const types: RelationTypeSpec[] = [...relationTypes(config)];
  const extraTypes = new Set<string>();
  for (const document of documents) {
    for (const a of document.annotations) {
      for (const r of a.relations ?? []) if (!types.some((t) => t.id === r.type)) extraTypes.add(r.type);
    }
  }
  types.push(...[...extraTypes].sort().map((id) => ({ id, description: id, symmetric: false })));
  for (const [name, values] of seen) {
    const entry = attributes.get(name)!;
    const extra = [...values].map(encodeBratToken).filter((v) => !entry.values.includes(v));
    entry.values.push(...[...new Set(extra)].sort());
  }
  const attributeLines = [...attributes.keys()]
    .sort()
    .filter((name) => attributes.get(name)!.values.length > 0)
    .map((name) => {
      const { labels: on, values } = attributes.get(name)!;
      const args = labels.filter((l) => on.has(l)).map(encodeBratToken).join('|');
      return `${encodeBratToken(name)}\tArg:${args}, Value:${values.join('|')}\n`;
    });
  return [
    '# Label configuration of a Marginalia export (https://brat.nlplab.org/configuration.html)\n',
    '[entities]\n',
    ...labels.map((l) => `${encodeBratToken(l)}\n`),
    '\n[relations]\n',
    ...types.map(relationTypeLine),
    '# Marginalia spans may nest and cross.\n',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n',
    '\n[events]\n',
    '\n[attributes]\n',
    ...attributeLines,
  ].join('');
}

/** A relation type as a `[relations]` line: the labels each end allows, and whether it is symmetric. */
function relationTypeLine(type: RelationTypeSpec): string {
  const end = (labels: readonly string[] | undefined) => (labels && labels.length > 0 ? labels.map(encodeBratToken).join('|') : '<ENTITY>');
  return `${encodeBratToken(type.id)}\tArg1:${end(type.from)}, Arg2:${end(type.to)}${type.symmetric ? ', <REL-TYPE>:symmetric' : ''}\n`;
}
