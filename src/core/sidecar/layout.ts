/**
 * Where each part of a block-style sidecar sits, found from its lines alone: the top-level entries,
 * each annotation record (its dash line, the comment lines above it, its last line) and each key of a
 * record. It serves two purposes: 1-based positions for findings, and the line ranges the writer
 * splices so that untouched records keep their bytes.
 *
 * This scan does not parse values; it only relies on YAML's indentation rules, and the result is
 * trusted only after `layoutMatches` has checked it against the parsed data (same keys, same number
 * of records, in the same order). A file it cannot follow (flow collections, explicit keys, ...)
 * gets `undefined`, and positions then come from a full `yaml` parse instead.
 */

/**
 * One `key: value` entry: its key line and the lines of its value. Lines of a top-level entry count
 * from the file's start; lines of a record's entry count from the record's dash line, so that a
 * record moved in the file keeps its entries as they are.
 */
export interface EntrySpan {
  /** The key, unquoted. */
  key: string;
  /** 0-based line of the key. */
  line: number;
  /** 0-based column of the key. */
  column: number;
  /** 0-based column just after the key's colon. */
  afterKey: number;
  /** 0-based column where the value starts on the key line; -1 when it starts on a later line or is empty. */
  valueColumn: number;
  /** 0-based line after the value's last line (comment and blank lines that follow it are not included). */
  end: number;
}

/** One annotation record of a block sequence. */
export interface RecordSpan {
  /** 0-based first line of the blank and comment lines just above the record (equal to `line` when none). */
  lead: number;
  /** 0-based line of the record's dash. */
  line: number;
  /** 0-based line after the record's last line. */
  end: number;
  /** 0-based column of the dash. */
  dashColumn: number;
  /** 0-based column of the record's keys. */
  keyColumn: number;
  /** Whether the dash stands alone on its line (the first key is on the next line). */
  bareDash: boolean;
  /** The record's entries in file order; empty when the item is not a map. */
  keys: EntrySpan[];
}

/** The `annotations:` entry and its records. */
export interface AnnotationsSpan {
  /** Index of the entry in `SidecarLayout.top`. */
  topIndex: number;
  /** Whether the value is a block sequence, or empty; false for a flow sequence (`[]`). */
  block: boolean;
  /** The records in file order. */
  records: RecordSpan[];
  /** 0-based first line of the blank and comment lines after the last record. */
  trailer: number;
}

/** The line layout of a whole sidecar. */
export interface SidecarLayout {
  /** The file's lines without line terminators. */
  lines: readonly string[];
  /** 0-based line after the comments (and `---`) that open the file. */
  preambleEnd: number;
  /** The top-level entries in file order; each one's `end` is its region's end for `annotations`. */
  top: EntrySpan[];
  /** The annotations entry, when there is one. */
  annotations: AnnotationsSpan | undefined;
}

/** Where a span keeps its records' parts (see `recordParts`), hidden from enumeration. */
const PARTS = Symbol('record parts');

/**
 * The records of an `annotations` span in two parts: each record as it was first found (its keys and
 * columns, which never change), and where each one is now, in typed arrays. The writer moves records
 * at every write; moving them here writes three numbers per record instead of making an object, and
 * reading where a record is touches no object at all.
 */
export interface RecordParts {
  /** The records as first found (never changed: several texts' layouts share them); their lines may be old. */
  bases: readonly RecordSpan[];
  /** For each record, its `lead` now. */
  lead: Int32Array;
  /** For each record, its `line` now. */
  line: Int32Array;
  /** For each record, its `end` now. */
  end: Int32Array;
}

/**
 * An `annotations` span made of moved records, as the writer makes for the text it wrote. Its
 * `records` are made when first asked for (the writer and positions use `recordParts`).
 * @param topIndex index of the entry in `SidecarLayout.top`
 * @param trailer 0-based first line of the blank and comment lines after the last record
 * @param parts the records as first found and where each is now
 */
export function movedRecordsSpan(topIndex: number, trailer: number, parts: RecordParts): AnnotationsSpan {
  let records: RecordSpan[] | undefined;
  const span: AnnotationsSpan = {
    topIndex,
    block: true,
    get records() {
      return (records ??= parts.bases.map((record, i) => moveRecord(record, parts.lead[i]! - record.lead)));
    },
    trailer,
  };
  // Not enumerable: the span reads, and compares, as one the scan would find.
  Object.defineProperty(span, PARTS, { value: parts });
  return span;
}

/**
 * The records of an `annotations` span and where each is (see `RecordParts`); for a scanned span,
 * taken from its records once and kept with it.
 * @param span the span
 */
export function recordParts(span: AnnotationsSpan): RecordParts {
  const known = (span as AnnotationsSpan & { [PARTS]?: RecordParts })[PARTS];
  if (known) return known;
  const bases = span.records;
  const parts: RecordParts = { bases, lead: new Int32Array(bases.length), line: new Int32Array(bases.length), end: new Int32Array(bases.length) };
  bases.forEach((record, i) => {
    parts.lead[i] = record.lead;
    parts.line[i] = record.line;
    parts.end[i] = record.end;
  });
  Object.defineProperty(span, PARTS, { value: parts });
  return parts;
}

/**
 * A record moved by some lines; its keys' lines count from its dash, so they stay as they are.
 * @param r the record
 * @param delta lines moved down (negative: up)
 */
export function moveRecord(r: RecordSpan, delta: number): RecordSpan {
  if (delta === 0) return r;
  return { lead: r.lead + delta, line: r.line + delta, end: r.end + delta, dashColumn: r.dashColumn, keyColumn: r.keyColumn, bareDash: r.bareDash, keys: r.keys };
}

const PLAIN_KEY = /^((?:[^\s\-?:,[\]{}#&*!|>'"%@`]|[-?:](?=\S))[^\n]*?)[ \t]*:(?=[ \t]|$)/;
const SINGLE_QUOTED_KEY = /^'((?:[^']|'')*)'[ \t]*:(?=[ \t]|$)/;
const DOUBLE_QUOTED_KEY = /^"((?:[^"\\]|\\.)*)"[ \t]*:(?=[ \t]|$)/;

/**
 * Scan the lines of a sidecar.
 * @param lines the file's lines without line terminators
 * @returns the layout, or undefined when the file uses a form this scan does not follow
 */
export function scanLayout(lines: readonly string[]): SidecarLayout | undefined {
  let preambleEnd = 0;
  let documentStart = false;
  for (; preambleEnd < lines.length; preambleEnd++) {
    const line = lines[preambleEnd]!;
    if (isBlankOrComment(line)) continue;
    if (!documentStart && /^---[ \t]*(?:#.*)?$/.test(line)) {
      documentStart = true;
      continue;
    }
    break;
  }
  const keyLines: number[] = [];
  for (let i = preambleEnd; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line[0] === ' ' || line[0] === '#' || isDash(line, 0) || isBlankOrComment(line)) continue;
    keyLines.push(i);
  }
  if (keyLines.length > 0 && keyLines[0] !== preambleEnd) return undefined;
  if (keyLines.length === 0 && preambleEnd < lines.length) return undefined;

  const top: EntrySpan[] = [];
  let annotations: AnnotationsSpan | undefined;
  for (let k = 0; k < keyLines.length; k++) {
    const line = keyLines[k]!;
    const regionEnd = keyLines[k + 1] ?? lines.length;
    const entry = entryAt(lines, line, 0, regionEnd);
    if (!entry) return undefined;
    if (entry.key === 'annotations' && !annotations) {
      const records = scanRecords(lines, entry, regionEnd);
      if (!records) return undefined;
      annotations = { ...records, topIndex: top.length };
      entry.end = regionEnd;
    }
    top.push(entry);
  }
  return { lines, preambleEnd, top, annotations };
}

/**
 * Whether a layout describes the parsed data: the same top-level keys, and for each record the same
 * keys, in the same order. Only then are its positions and line ranges used.
 * @param layout the scanned layout
 * @param data the parsed file
 */
export function layoutMatches(layout: SidecarLayout, data: unknown): boolean {
  if (data === null || data === undefined) return layout.top.length === 0;
  if (!isPlainMap(data)) return false;
  const items = data['annotations'];
  if (items !== null && items !== undefined && !Array.isArray(items)) return false;
  const records = ((items ?? []) as unknown[]).map((item) => (isPlainMap(item) ? Object.keys(item) : []));
  return layoutMatchesKeys(layout, Object.keys(data), layout.annotations ? records : []);
}

/**
 * Whether a layout has the given top-level keys and record keys, in this order.
 * @param layout the scanned layout
 * @param topKeys the top-level keys
 * @param recordKeys the keys of each record of the `annotations` list
 */
export function layoutMatchesKeys(layout: SidecarLayout, topKeys: readonly string[], recordKeys: readonly (readonly string[])[]): boolean {
  if (!sameKeys(layout.top, topKeys)) return false;
  const records = layout.annotations?.records ?? [];
  return records.length === recordKeys.length && records.every((record, i) => sameKeys(record.keys, recordKeys[i]!));
}

function scanRecords(
  lines: readonly string[],
  entry: EntrySpan,
  regionEnd: number,
): Omit<AnnotationsSpan, 'topIndex'> | undefined {
  if (entry.valueColumn !== -1) {
    const value = stripComment(lines[entry.line]!.slice(entry.valueColumn));
    if (value !== '[]') return undefined;
    return { block: false, records: [], trailer: entry.line + 1 };
  }
  const dashLines: number[] = [];
  let dashColumn = -1;
  for (let i = entry.line + 1; i < regionEnd; i++) {
    const line = lines[i]!;
    if (isBlankOrComment(line)) continue;
    const indent = indentOf(line);
    if (dashColumn === -1) dashColumn = indent;
    if (indent < dashColumn) return undefined;
    if (indent === dashColumn) {
      if (!isDash(line, indent)) return undefined;
      dashLines.push(i);
    }
  }
  const records: RecordSpan[] = [];
  let lead = entry.line + 1;
  for (let r = 0; r < dashLines.length; r++) {
    const record = scanRecord(lines, dashLines[r]!, dashLines[r + 1] ?? regionEnd, dashColumn, lead);
    if (!record) return undefined;
    records.push(record);
    lead = record.end;
  }
  return { block: true, records, trailer: lead };
}

/**
 * Scan one record of a block sequence.
 * @param lines the file's lines
 * @param line 0-based line of the record's dash
 * @param limit 0-based line after the last line the record may have (the next dash, or the region's end)
 * @param dashColumn the sequence's dash column
 * @param lead 0-based first line of the blank and comment lines above the record
 * @returns the record, or undefined when its lines are in a form this scan does not follow
 */
export function scanRecord(
  lines: readonly string[],
  line: number,
  limit: number,
  dashColumn: number,
  lead: number,
): RecordSpan | undefined {
  const end = valueEnd(lines, line, limit, dashColumn);
  const dashLine = lines[line]!;
  const afterDash = dashLine.slice(dashColumn + 1);
  const spaces = /^ */.exec(afterDash)![0].length;
  const bareDash = isBlankOrComment(afterDash);
  let keyColumn: number;
  if (bareDash) {
    const firstContent = findLine(lines, line + 1, end, (l) => !isBlankOrComment(l));
    keyColumn = firstContent === -1 ? dashColumn + 2 : indentOf(lines[firstContent]!);
  } else {
    if (afterDash[spaces] === '\t') return undefined;
    keyColumn = dashColumn + 1 + spaces;
  }
  const record: RecordSpan = { lead, line, end, dashColumn, keyColumn, bareDash, keys: [] };
  if (!bareDash && !parseKey(dashLine, keyColumn)) return record; // a scalar or flow item: no keys
  const keyLines: number[] = bareDash ? [] : [line];
  for (let i = line + 1; i < end; i++) {
    const l = lines[i]!;
    if (isBlankOrComment(l)) continue;
    const indent = indentOf(l);
    if (indent < keyColumn) return undefined;
    if (indent === keyColumn) keyLines.push(i);
  }
  for (let k = 0; k < keyLines.length; k++) {
    const entry = entryAt(lines, keyLines[k]!, keyColumn, keyLines[k + 1] ?? end);
    if (!entry) return undefined;
    entry.line -= line;
    entry.end -= line;
    record.keys.push(entry);
  }
  return record;
}

function entryAt(lines: readonly string[], line: number, column: number, limit: number): EntrySpan | undefined {
  const parsed = parseKey(lines[line]!, column);
  if (!parsed) return undefined;
  const { key, afterKey, valueColumn } = parsed;
  return { key, line, column, afterKey, valueColumn, end: valueEnd(lines, line, limit, column) };
}

/** The line after a node's last line: trailing blank lines and comments at or left of `column` are not its own. */
function valueEnd(lines: readonly string[], line: number, limit: number, column: number): number {
  let end = limit;
  while (end > line + 1) {
    const l = lines[end - 1]!;
    if (isBlank(l) || (isComment(l) && indentOf(l) <= column)) end--;
    else break;
  }
  return end;
}

function parseKey(line: string, column: number): { key: string; afterKey: number; valueColumn: number } | undefined {
  const simple = simpleKeyEnd(line, column);
  if (simple !== -1) return { key: line.slice(column, simple), afterKey: simple + 1, valueColumn: valueColumnAfter(line, simple + 1) };
  const content = line.slice(column);
  let key: string;
  let match = PLAIN_KEY.exec(content);
  if (match) key = match[1]!;
  else if ((match = SINGLE_QUOTED_KEY.exec(content))) key = match[1]!.replace(/''/g, "'");
  else if ((match = DOUBLE_QUOTED_KEY.exec(content))) {
    try {
      key = JSON.parse(`"${match[1]}"`) as string;
    } catch {
      return undefined;
    }
  } else return undefined;
  const afterKey = column + match[0].length;
  return { key, afterKey, valueColumn: valueColumnAfter(line, afterKey) };
}

/** Where a value starts after its key's colon, or -1 when the line has none (only blanks or a comment). */
function valueColumnAfter(line: string, afterKey: number): number {
  let v = afterKey;
  while (line[v] === ' ' || line[v] === '\t') v++;
  return v >= line.length || line[v] === '#' ? -1 : v;
}

/**
 * The colon's column when the key at `column` is a simple name (a letter or `_`, then letters, digits,
 * `_` and `-`) right before a colon that a blank or the line's end follows, the form Marginalia writes;
 * -1 otherwise. `PLAIN_KEY` reads such a key the same way; this is only quicker than the expression.
 */
function simpleKeyEnd(line: string, column: number): number {
  const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (!isLetter(line.charCodeAt(column))) return -1;
  let i = column + 1;
  for (let c = line.charCodeAt(i); isLetter(c) || (c >= 48 && c <= 57) || c === 45; c = line.charCodeAt(++i));
  if (line.charCodeAt(i) !== 58) return -1;
  const after = line.charCodeAt(i + 1);
  return Number.isNaN(after) || after === 32 || after === 9 ? i : -1;
}

function sameKeys(entries: readonly EntrySpan[], keys: readonly string[]): boolean {
  return entries.length === keys.length && entries.every((entry, i) => entry.key === keys[i]);
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function findLine(lines: readonly string[], from: number, to: number, test: (line: string) => boolean): number {
  for (let i = from; i < to; i++) if (test(lines[i]!)) return i;
  return -1;
}

function stripComment(value: string): string {
  return value.replace(/[ \t]+#.*$/, '').trimEnd();
}

function isDash(line: string, column: number): boolean {
  return line[column] === '-' && (line.length === column + 1 || line[column + 1] === ' ');
}

/**
 * Number of spaces that open a line.
 * @param line one line
 */
export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function isComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return c === 35;
  }
  return false;
}

/** Blank, or a comment only: these lines carry nothing the parser reads. */
function isBlankOrComment(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return c === 35;
  }
  return true;
}
