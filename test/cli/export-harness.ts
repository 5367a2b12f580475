/**
 * Helpers for the export and import tests: temporary copies of annotated folders, reading a whole
 * export back, and reading each format's spans out of it the way its consumers would.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSidecarPath } from '../../src/core/paths';
import { fixturePath, REPO_ROOT } from '../fixture-path';

/** The annotated sets the golden files are made from. */
export const SETS = {
  /** The repository's seed articles and their sidecars. */
  seeds: path.join(REPO_ROOT, 'seeds'),
  /** Hand-made documents: emoji, CRLF line ends, a tab, a span across lines, an orphan, Markdown. */
  fixtures: fixturePath('export', 'docs'),
  /**
   * A CRLF document whose spans, note and attribute hold every line break Python's `splitlines` knows
   * besides LF (U+2028, U+2029, NEL, VT, FF, 0x1C–0x1E), an emoji, and two spans of different labels
   * over the same text.
   */
  breaks: fixturePath('export', 'breaks'),
  /** Two documents in two folders whose annotations relate, within each document and across them. */
  relations: fixturePath('relations', 'good'),
} as const;

/**
 * Where Python's `str.splitlines` ends a line, which is how brat reads `.ann` files (its
 * `open_textfile` is `codecs.open`, whose `readlines` uses `splitlines`).
 */
// eslint-disable-next-line no-control-regex -- control characters are the point
export const PYTHON_LINE_BREAKS = /\r\n|[\n\r\v\f\u001C-\u001E\u0085\u2028\u2029]/u;

/** The lines of a brat `.ann` file as brat's parser reads them: each must be a T, A, AnnotatorNotes or R line. */
const BRAT_LINE = /^(?:T\d+\t\S+ \d+ \d+(?:;\d+ \d+)*\t.*|A\d+\t\S+ T\d+ \S+|#\d+\tAnnotatorNotes T\d+\t.*|R\d+\t\S+ Arg1:T\d+ Arg2:T\d+)$/u;

/** Every export format, with the file name its single output gets in the tests. */
export const FORMATS = ['doccano', 'prodigy', 'brat', 'w3c', 'csv', 'labelstudio'] as const;
export type Format = (typeof FORMATS)[number];
export const OUTPUT_NAMES: Record<Format, string> = {
  doccano: 'export.jsonl',
  prodigy: 'export.jsonl',
  brat: 'brat',
  w3c: 'export.jsonld',
  csv: 'export.csv',
  labelstudio: 'export.json',
};

/**
 * A temporary folder, deleted by `dispose`.
 * @param prefix the folder name's start
 */
export function temporaryFolder(prefix: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `marginalia-${prefix}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Copy an annotated folder into `target` (the copy sits outside the repository, so no label
 * configuration above it applies).
 * @param source the folder
 * @param target where the copy goes
 * @param withSidecars false to copy the documents only
 */
export function copyFolder(source: string, target: string, withSidecars = true): void {
  cpSync(source, target, { recursive: true, filter: (file) => withSidecars || !isSidecarPath(file) });
}

/**
 * Every file under a folder with its content, keyed by path relative to it (`/` separators).
 * @param dir the folder
 */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  return files;
}

/** One span as an export gives it. */
export interface ExportedSpan {
  label: string;
  start: number;
  end: number;
  /** The span's text, when the format writes it. */
  text?: string;
}

/** One document as an export gives it. */
export interface ExportedDocument {
  source: string;
  text: string;
  spans: ExportedSpan[];
}

/**
 * Read an export back as its consumer would: the documents' texts and every span's offsets.
 * @param format the format
 * @param files the export's files (see `readTree`), keyed as `OUTPUT_NAMES` names them
 */
export function readExport(format: Format, files: Map<string, string>): ExportedDocument[] {
  const main = files.get(OUTPUT_NAMES[format]);
  switch (format) {
    case 'doccano':
      return jsonLines<DoccanoLine>(main!).map((d) => ({
        source: d.meta.source,
        text: d.text,
        spans: d.label
          ? d.label.map(([start, end, label]) => ({ label, start, end }))
          : d.entities!.map((e) => ({ label: e.label, start: e.start_offset, end: e.end_offset })),
      }));
    case 'prodigy':
      return jsonLines<ProdigyLine>(main!).map((d) => ({ source: d.meta.source, text: d.text, spans: d.spans }));
    case 'labelstudio':
      return (JSON.parse(main!) as LabelStudioTask[]).map((task) => ({
        source: task.meta.source,
        text: task.data.text,
        spans: (task.annotations[0]?.result ?? [])
          .filter((r) => r.type === 'labels')
          .map((r) => ({ label: r.value!.labels[0]!, start: r.value!.start, end: r.value!.end, text: r.value!.text })),
      }));
    case 'w3c': {
      const collection = JSON.parse(main!) as W3cCollection;
      assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
      return collection.documents.map((d) => ({
        source: decodeURI(d.id),
        text: d.value,
        spans: collection.first.items
          .filter((a) => a.target.source === d.id)
          .map((a) => {
            const position = a.target.selector.find((s) => s.type === 'TextPositionSelector')!;
            const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
            const tag = a.body.find((b) => b.purpose === 'tagging')!;
            return { label: tag.value, start: position.start!, end: position.end!, text: quote.exact! };
          }),
      }));
    }
    case 'csv': {
      const [header, ...rows] = parseCsv(main!);
      const column = (name: string): number => header!.indexOf(name);
      const sources = [...new Set(rows.map((r) => r[column('document')]!))];
      return sources.map((source) => ({
        source,
        text: files.get(`export.texts/${source}`)!,
        spans: rows
          .filter((r) => r[column('document')] === source)
          .map((r) => ({ label: r[column('label')]!, start: Number(r[column('start')]), end: Number(r[column('end')]), text: r[column('text')]! })),
      }));
    }
    case 'brat':
      return [...files.keys()]
        .filter((name) => name.endsWith('.ann'))
        .map((ann) => {
          const stem = ann.slice(0, -'.ann'.length);
          const text = files.get(`${stem}.txt`)!;
          const lines = files.get(ann)!.split(new RegExp(PYTHON_LINE_BREAKS, 'gu'));
          assert.equal(lines.pop(), '', `${ann} ends with a line break`);
          for (const line of lines) assert.match(line, BRAT_LINE, `${ann}: brat reads the line whole`);
          const spans = lines
            .filter((line) => line.startsWith('T'))
            .map((line) => {
              // As brat reads it: the id, the type and offsets, then everything else is the text (tabs included).
              const [, typeOffsets, ...textParts] = line.split('\t');
              const [label, ...rest] = typeOffsets!.split(' ');
              const fragments = rest.join(' ').split(';').map((pair) => pair.split(' ').map(Number) as [number, number]);
              return { label: label!, start: fragments[0]![0], end: fragments.at(-1)![1], text: textParts.join('\t') };
            });
          return { source: stem.replace(/^brat\//, ''), text, spans };
        });
  }
}

interface DoccanoLine {
  text: string;
  /** Sequence labelling; relation extraction has `entities` instead. */
  label?: [number, number, string][];
  entities?: { label: string; start_offset: number; end_offset: number }[];
  meta: { source: string };
}

interface ProdigyLine {
  text: string;
  spans: ExportedSpan[];
  meta: { source: string };
}

interface LabelStudioTask {
  data: { text: string };
  meta: { source: string };
  /** Regions (`labels`) and relations between them (`relation`, which have no `value`). */
  annotations: { result: { type: string; value?: { start: number; end: number; text: string; labels: string[] } }[] }[];
}

interface W3cCollection {
  '@context': string;
  documents: { id: string; value: string }[];
  first: {
    items: {
      body: { purpose: string; value: string }[];
      target: { source: string; selector: { type: string; start?: number; end?: number; exact?: string }[] };
    }[];
  };
}

function jsonLines<T>(content: string): T[] {
  assert.ok(content.endsWith('\n'), 'JSON Lines end with a line break');
  return content
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

/**
 * A strict RFC 4180 reader: CRLF between records, quoted fields may hold commas, quotes and line breaks.
 * @param content the CSV text
 */
export function parseCsv(content: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < content.length) {
    if (content[i] === '"' && field === '') {
      i++;
      for (;;) {
        const quote = content.indexOf('"', i);
        assert.notEqual(quote, -1, 'an opened quote is closed');
        field += content.slice(i, quote);
        i = quote + 1;
        if (content[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else if (content[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (content.startsWith('\r\n', i)) {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      assert.notEqual(content[i], '\n', 'a bare line break only appears inside quotes');
      field += content[i];
      i++;
    }
  }
  assert.equal(record.length + field.length, 0, 'the last record ends with CRLF');
  return records;
}
