/**
 * Writing a sidecar into its previous text: records whose content did not change keep their bytes
 * (and the comments above and inside them), a changed record keeps the lines of its unchanged keys
 * and its end-of-line comments, a removed record takes its lines with it, and a new record is written
 * in canonical form at its sorted place, in the indentation the file already uses.
 *
 * Every record block that is new, changed, or has a new neighbour is parsed again on its own and
 * compared with the record it should hold; if one differs (a layout the line scan misjudged), the
 * splice gives up and the caller writes the canonical form instead.
 */

import * as jsyaml from 'js-yaml';
import type { Annotation, Sidecar } from '../model';
import type { SidecarAnalysis } from './analyze';
import { sameContent, valueKey } from './content-key';
import { dashPrefix, emitEntry, emitRecord, recordKeys, sidecarExtraKeys } from './emit';
import { indentOf, layoutMatchesKeys, scanLayout, scanRecord, type EntrySpan, type RecordSpan, type SidecarLayout } from './layout';

/** A previous text, reduced to what the splice needs. It shares no object with anyone: callers never
 * get its records, and nothing changes them once they are here. */
export interface PreparedSource {
  /** The text as given. */
  source: string;
  /** Its line layout (undefined: the writer cannot splice into it). */
  layout: SidecarLayout | undefined;
  /** The content key of each top-level value (`marginalia`, `document`, extra keys). */
  header: Map<string, string>;
  /** The values of its extra top-level keys (copies). */
  extras: Map<string, unknown>;
  /** The id of each record of its `annotations` list, in file order. */
  ids: string[];
  /** The content of each record, as parsed or as written (compared with `sameContent`). */
  items: readonly Readonly<Record<string, unknown>>[];
  /** For a text the writer wrote: its top-level values but `annotations`; with `items`, what reading it gives. */
  written?: ReadonlyMap<string, unknown>;
  /** Whether it uses CRLF line ends. */
  crlf: boolean;
  /** Whether it starts with a byte-order mark. */
  bom: boolean;
}

/**
 * Prepare the analysis of a writable text for splicing.
 * @param source the text
 * @param analysis its analysis (`writable` true, so every record was read)
 */
export function prepareSource(source: string, analysis: SidecarAnalysis): PreparedSource {
  const items = analysis.items.filter((item): item is Annotation => item !== undefined);
  const complete = items.length === analysis.items.length;
  return {
    source,
    layout: analysis.sidecar && complete ? analysis.layout : undefined,
    header: analysis.sidecar ? headerKeys(analysis.sidecar) : new Map(),
    extras: analysis.sidecar ? extraValues(analysis.sidecar) : new Map(),
    ids: items.map((item) => item.id),
    // The parsed records, not the annotations made of them: those go to the caller, who may change them.
    items: complete ? analysis.records : [],
    crlf: analysis.crlf,
    bom: analysis.bom,
  };
}

/** Copies of the values of a sidecar's extra top-level keys. */
function extraValues(sidecar: Sidecar): Map<string, unknown> {
  const values = sidecar as unknown as Record<string, unknown>;
  return new Map(sidecarExtraKeys(sidecar).map((key) => [key, structuredClone(values[key])]));
}

/**
 * The content keys of a sidecar's top-level values: `marginalia`, `document`, then extra keys.
 * @param sidecar the sidecar
 */
export function headerKeys(sidecar: Sidecar): Map<string, string> {
  const values = sidecar as unknown as Record<string, unknown>;
  const keys = new Map<string, string>([
    ['marginalia', valueKey(sidecar.version)],
    ['document', valueKey(sidecar.document)],
  ]);
  for (const key of sidecarExtraKeys(sidecar)) keys.set(key, valueKey(values[key]));
  return keys;
}

/** The outcome of a splice. */
export interface SpliceResult {
  /** The new text, LF line ends, without a byte-order mark. */
  text: string;
  /** Whether a top-level value changed (the caller then checks the whole text). */
  headerChanged: boolean;
  /** The new text prepared for the next write (its `source` and encoding still to be set). */
  prepared: PreparedSource;
}

/**
 * Write a sidecar into a previous text whose layout is known.
 * @param sidecar the new content
 * @param sorted its annotations in writing order
 * @param previous the previous text, prepared, with a layout
 * @returns the new text, or undefined when a record block did not read back as it should
 */
export function spliceSidecar(
  sidecar: Sidecar,
  sorted: readonly Annotation[],
  previous: PreparedSource,
): SpliceResult | undefined {
  const layout = previous.layout!;
  const lines = layout.lines;
  const out: string[] = [];
  const kept: KeptLines[] = [];
  const pushRange = (from: number, to: number) => {
    if (from >= to) return;
    const last = kept[kept.length - 1];
    if (last && last.to === from && last.at + (last.to - last.from) === out.length) last.to = to;
    else kept.push({ at: out.length, from, to });
    for (let i = from; i < to; i++) out.push(lines[i]!);
  };
  const values = sidecar as unknown as Record<string, unknown>;
  const newValue = (key: string) => (key === 'marginalia' ? sidecar.version : values[key]);
  const header = headerKeys(sidecar);
  const oldKeys = new Set(layout.top.map((entry) => entry.key));
  let headerChanged = false;
  const pushMissing = (keys: readonly string[]) => {
    for (const key of keys)
      if (!oldKeys.has(key) && header.has(key)) {
        emitEntry(key, newValue(key), 0, out);
        headerChanged = true;
      }
  };
  // Each record's keys: its key names, or the old record when it was kept as it was (names taken only if needed).
  const recordKeyLists: (readonly string[] | RecordSpan)[] = [];
  const items: Readonly<Record<string, unknown>>[] = [];
  // The new text's records, found as they are written (undefined once one cannot be): see spliceAnnotations.
  let records: RecordSpan[] | undefined = [];
  let annotationsLine = -1;
  let trailer = -1;

  pushRange(0, layout.preambleEnd);
  pushMissing(['marginalia', 'document']);
  const extras = sidecarExtraKeys(sidecar);
  for (let index = 0; index < layout.top.length; index++) {
    const entry = layout.top[index]!;
    const regionEnd = layout.top[index + 1]?.line ?? lines.length;
    if (index === layout.annotations?.topIndex) {
      pushMissing(extras);
      if (!spliceAnnotations(entry, regionEnd)) return undefined;
    } else if (!header.has(entry.key)) {
      headerChanged = true;
      pushRange(entry.end, regionEnd);
    } else if (previous.header.get(entry.key) === header.get(entry.key)) pushRange(entry.line, regionEnd);
    else {
      headerChanged = true;
      out.push(...withComment(entryLines(entry.key, newValue(entry.key), 0), lines[entry.line]!, entry));
      pushRange(entry.end, regionEnd);
    }
  }
  if (!layout.annotations) {
    pushMissing(extras);
    headerChanged = true;
    if (sorted.length === 0) out.push('annotations: []');
    else {
      out.push('annotations:');
      for (const annotation of sorted) {
        out.push(...emitRecord(annotation, 2, 4));
        recordKeyLists.push(recordKeys(annotation));
        items.push(contentCopy(annotation));
      }
    }
  }

  // The next write usually splices into this text. When only records changed, its layout is the old
  // one with the records found while writing; otherwise it is scanned when the next write needs it.
  const known = !headerChanged && records !== undefined && layout.annotations?.block ? shiftedLayout(layout, out, annotationsLine, records, trailer) : undefined;
  const expectedTop = layoutOrder(layout, header, extras);
  let scanned: SidecarLayout | undefined | null = known ?? null;
  const prepared: PreparedSource = {
    source: '',
    extras: extraValues(sidecar),
    get layout() {
      if (scanned === null) {
        const found = scanLayout(out);
        const keyNames = recordKeyLists.map((k) => (isKeyNames(k) ? k : k.keys.map((e) => e.key)));
        scanned = found && layoutMatchesKeys(found, expectedTop, keyNames) ? found : undefined;
      }
      return scanned;
    },
    header,
    ids: sorted.map((a) => a.id),
    items,
    written: new Map([...header.keys()].map((key) => [key, writtenCopy(newValue(key))])),
    crlf: false,
    bom: false,
  };
  return { text: textOf(out, kept, previous), headerChanged, prepared };

  function spliceAnnotations(entry: EntrySpan, regionEnd: number): boolean {
    const span = layout.annotations!;
    if (sorted.length === 0) {
      records = undefined;
      if (span.records.length === 0) pushRange(entry.line, regionEnd);
      else {
        out.push(...withComment(['annotations: []'], lines[entry.line]!, entry));
        pushRange(span.trailer, regionEnd);
      }
      return true;
    }
    annotationsLine = out.length;
    if (span.block) out.push(lines[entry.line]!);
    else out.push(...withComment(['annotations:'], lines[entry.line]!, entry));
    const dashColumn = span.records[0]?.dashColumn ?? 2;
    const keyColumn = span.records[0]?.keyColumn ?? dashColumn + 2;
    const matches = matchRecords(sorted, previous);
    const last = span.records.length - 1;
    for (let i = 0; i < sorted.length; i++) {
      const annotation = sorted[i]!;
      const match = matches[i]!;
      const lead = out.length;
      let blockStart = lead;
      let keys: readonly string[] | RecordSpan;
      if (match.index === -1) {
        out.push(...emitRecord(annotation, dashColumn, keyColumn));
        keys = recordKeys(annotation);
        items.push(contentCopy(annotation));
      } else {
        const record = span.records[match.index]!;
        pushRange(record.lead, record.line);
        blockStart = out.length;
        if (match.same) {
          pushRange(record.line, record.end);
          keys = record;
          items.push(previous.items[match.index]!);
        } else {
          out.push(...spliceRecord(record, annotation, lines));
          keys = recordKeys(annotation);
          items.push(contentCopy(annotation, record.keys.length > 0 ? previous.items[match.index] : undefined));
        }
        if (records && i > 0 && hasDeepComment(lines, record.lead, record.line, dashColumn)) records = undefined;
      }
      recordKeyLists.push(keys);
      if (records) {
        // A record kept as it was is where it was, moved by the lines written before it; others are scanned.
        const record = match.same ? shiftRecord(span.records[match.index]!, lead - span.records[match.index]!.lead) : scanRecord(out, blockStart, out.length, dashColumn, lead);
        if (record && (!isKeyNames(keys) || sameKeyNames(record.keys, keys))) records.push(record);
        else records = undefined;
      }
      // A block read back as the same record in the same company needs no check; any other is parsed again.
      const sameNeighbours =
        match.same &&
        (i === 0 ? match.index === 0 : matches[i - 1]!.index === match.index - 1 && matches[i - 1]!.same) &&
        (i === sorted.length - 1 ? match.index === last : matches[i + 1]!.index === match.index + 1 && matches[i + 1]!.same);
      if (!sameNeighbours && !readsBackAs(out.slice(lead), annotation)) return false;
    }
    trailer = out.length;
    pushRange(span.trailer, regionEnd);
    return true;
  }
}

/** Lines of the new text copied from the old one: `out[at...]` are the old lines `from` to `to` (exclusive). */
interface KeptLines {
  at: number;
  from: number;
  to: number;
}

/**
 * The new text from its lines: runs of lines kept from the old text are cut out of that text in one
 * piece, so joining costs as many pieces as there are changes, not one per line.
 */
function textOf(out: readonly string[], kept: readonly KeptLines[], previous: PreparedSource): string {
  const starts = previous.crlf ? undefined : lineStarts(previous);
  if (!starts) return out.join('\n') + '\n';
  const source = previous.source;
  const pieces: string[] = [];
  let next = 0;
  for (const run of kept) {
    if (run.at > next) pieces.push(out.slice(next, run.at).join('\n') + '\n');
    pieces.push(source.slice(starts[run.from], starts[run.to]));
    if (run.to === starts.length - 1 && !source.endsWith('\n')) pieces.push('\n');
    next = run.at + (run.to - run.from);
  }
  if (next < out.length) pieces.push(out.slice(next).join('\n') + '\n');
  return pieces.join('');
}

/**
 * Offset of each line of a previous text (LF line ends) in `source`, and its length at the end; from
 * the lengths of its lines, which is much faster than looking for each line break.
 */
function lineStarts(previous: PreparedSource): number[] | undefined {
  const source = previous.source;
  const lines = previous.layout!.lines;
  // A last line ending in a lone CR lost it when split: its text is not the line (rare; join instead).
  if (source.endsWith('\r')) return undefined;
  const starts = new Array<number>(lines.length + 1);
  let offset = previous.bom ? 1 : 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += lines[i]!.length + 1;
  }
  // The lines and the text must agree: with a final line break, or without one.
  if (offset !== source.length && offset !== source.length + 1) return undefined;
  starts[lines.length] = source.length;
  return starts;
}

/**
 * The layout of a spliced text whose top-level entries were all kept as they were: the old entries
 * (those after `annotations` moved by the lines the records gained or lost) with the new records.
 */
function shiftedLayout(layout: SidecarLayout, lines: readonly string[], annotationsLine: number, records: RecordSpan[], trailer: number): SidecarLayout | undefined {
  const old = layout.annotations!;
  const entry = layout.top[old.topIndex]!;
  if (annotationsLine !== entry.line) return undefined;
  const delta = lines.length - layout.lines.length;
  const top = layout.top.map((e, i) => (i < old.topIndex ? e : i === old.topIndex ? { ...e, end: e.end + delta } : shiftEntry(e, delta)));
  return { lines, preambleEnd: layout.preambleEnd, top, annotations: { topIndex: old.topIndex, block: true, records, trailer } };
}

function isKeyNames(keys: readonly string[] | RecordSpan): keys is readonly string[] {
  return Array.isArray(keys);
}

function sameKeyNames(entries: readonly EntrySpan[], keys: readonly string[]): boolean {
  return entries.length === keys.length && entries.every((entry, i) => entry.key === keys[i]);
}

/** A record moved by some lines; its keys' lines count from its dash, so they stay as they are. */
function shiftRecord(r: RecordSpan, delta: number): RecordSpan {
  if (delta === 0) return r;
  return { lead: r.lead + delta, line: r.line + delta, end: r.end + delta, dashColumn: r.dashColumn, keyColumn: r.keyColumn, bareDash: r.bareDash, keys: r.keys };
}

function shiftEntry(e: EntrySpan, delta: number): EntrySpan {
  return { key: e.key, line: e.line + delta, column: e.column, afterKey: e.afterKey, valueColumn: e.valueColumn, end: e.end + delta };
}

/**
 * Whether comment lines above a record are indented past the dash: only the first record's can be
 * (elsewhere the scan gives such lines to the record before), so moved elsewhere they would belong
 * to another record than the one they came with.
 */
function hasDeepComment(lines: readonly string[], from: number, to: number, dashColumn: number): boolean {
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.trim() !== '' && indentOf(line) > dashColumn) return true;
  }
  return false;
}

/**
 * A private copy of a record's content as reading its lines back gives it: keys in the order they are
 * written, maps with their keys sorted and without undefined entries, undefined list items as null;
 * but a value the old record had keeps its old lines (see `spliceRecord`), so it is taken from there.
 * @param annotation the record as the caller gave it
 * @param old the old record's content, when the record was spliced into its old lines
 */
function contentCopy(annotation: Annotation, old?: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const values = annotation as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of recordKeys(annotation)) {
    const kept = old !== undefined && Object.prototype.hasOwnProperty.call(old, key) && valueKey(old[key]) === valueKey(values[key]);
    setOwnValue(copy, key, kept ? old[key] : writtenCopy(values[key]));
  }
  return copy;
}

/** A copy of a value as it reads back once written (see `emit.ts`). */
function writtenCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Array.from(value as unknown[], (item) => (item === undefined ? null : writtenCopy(item)));
  const map = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(map).sort(compareCodeUnits)) if (map[key] !== undefined) setOwnValue(copy, key, writtenCopy(map[key]));
  return copy;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Set a property, even one named `__proto__`, as an own data property. */
function setOwnValue(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The top-level keys of the new text in order: the old file's order, missing ones where they are put. */
function layoutOrder(layout: SidecarLayout, header: Map<string, string>, extras: readonly string[]): string[] {
  const old = layout.top.map((entry) => entry.key);
  const keys: string[] = [];
  for (const key of ['marginalia', 'document']) if (!old.includes(key) && header.has(key)) keys.push(key);
  for (const key of old) {
    if (key === 'annotations' && layout.annotations) {
      for (const extra of extras) if (!old.includes(extra)) keys.push(extra);
      keys.push(key);
    } else if (header.has(key)) keys.push(key);
  }
  if (!layout.annotations) {
    for (const extra of extras) if (!old.includes(extra)) keys.push(extra);
    keys.push('annotations');
  }
  return keys;
}

/** Whether a record block parsed on its own is one record with the given content. */
function readsBackAs(block: readonly string[], annotation: Annotation): boolean {
  const record = parseBlock(block);
  return record !== undefined && sameContent(record, annotation);
}

/** A record block parsed on its own (a sequence of one item), or undefined. */
function parseBlock(block: readonly string[]): Record<string, unknown> | undefined {
  try {
    const data = jsyaml.load(block.join('\n'), { schema: jsyaml.CORE_SCHEMA });
    if (!Array.isArray(data) || data.length !== 1) return undefined;
    const item: unknown = data[0];
    return typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** For each new record, the old record it replaces (-1 for none) and whether its content is the same. */
function matchRecords(sorted: readonly Annotation[], previous: PreparedSource): { index: number; same: boolean }[] {
  // Ids are nearly always unique: one index per id, and lists only for the ids used more than once.
  const firstIndex = new Map<string, number>();
  let repeated: Map<string, number[]> | undefined;
  previous.ids.forEach((id, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else {
      repeated ??= new Map();
      const list = repeated.get(id);
      if (list) list.push(index);
      else repeated.set(id, [first, index]);
    }
  });
  const used = new Uint8Array(previous.ids.length);
  /** The first old record with this id not taken yet (and with the same content, if asked). */
  const fits = (j: number, annotation: Annotation, sameOnly: boolean): boolean =>
    !used[j] && (!sameOnly || sameContent(previous.items[j]!, annotation));
  const take = (annotation: Annotation, sameOnly: boolean): number => {
    const list = repeated?.get(annotation.id);
    const found = list ? (list.find((j) => fits(j, annotation, sameOnly)) ?? -1) : (firstIndex.get(annotation.id) ?? -1);
    if (found === -1 || (!list && !fits(found, annotation, sameOnly))) return -1;
    used[found] = 1;
    return found;
  };
  const matches = sorted.map((annotation) => {
    const index = take(annotation, true);
    return { index, same: index !== -1 };
  });
  sorted.forEach((annotation, i) => {
    if (matches[i]!.index !== -1) return;
    const index = take(annotation, false);
    if (index !== -1) matches[i] = { index, same: false };
  });
  return matches;
}

/** A changed record: unchanged keys keep their lines, changed ones are rewritten with their comments. */
function spliceRecord(record: RecordSpan, newItem: Annotation, fileLines: readonly string[]): string[] {
  const { keyColumn, dashColumn } = record;
  // The record's own lines: its keys' lines count from its dash line.
  const lines = fileLines.slice(record.line, record.end);
  const oldValues = parseBlock(lines);
  if (!oldValues || record.keys.length === 0) return emitRecord(newItem, dashColumn, keyColumn);
  const newValues = newItem as unknown as Record<string, unknown>;
  const oldIndex = new Map(record.keys.map((entry, i) => [entry.key, i]));
  const out: string[] = [];
  if (record.bareDash) for (let i = 0; i < record.keys[0]!.line; i++) out.push(lines[i]!);
  for (const key of recordKeys(newItem)) {
    const i = oldIndex.get(key);
    if (i === undefined) {
      emitEntry(key, newValues[key], keyColumn, out);
      continue;
    }
    const entry = record.keys[i]!;
    const next = record.keys[i + 1]?.line ?? lines.length;
    if (valueKey(oldValues[key]) === valueKey(newValues[key])) {
      out.push(' '.repeat(keyColumn) + lines[entry.line]!.slice(keyColumn));
      for (let l = entry.line + 1; l < next; l++) out.push(lines[l]!);
    } else {
      out.push(...withComment(entryLines(key, newValues[key], keyColumn), lines[entry.line]!, entry));
      for (let l = entry.end; l < next; l++) out.push(lines[l]!);
    }
  }
  if (!record.bareDash) out[0] = dashPrefix(dashColumn, keyColumn) + out[0]!.slice(keyColumn);
  return out;
}

function entryLines(key: string, value: unknown, column: number): string[] {
  const lines: string[] = [];
  emitEntry(key, value, column, lines);
  return lines;
}

/** New lines for an entry, with the end-of-line comment of its old key line carried over. */
function withComment(fresh: string[], oldLine: string, entry: EntrySpan): string[] {
  const comment = trailingComment(oldLine, entry);
  if (comment) fresh[0] += comment;
  return fresh;
}

/** The comment at the end of an entry's key line (with the spaces before it), or ''. */
function trailingComment(line: string, entry: EntrySpan): string {
  const end = entry.valueColumn === -1 ? entry.afterKey : scalarEnd(line, entry.valueColumn);
  if (end === -1) return '';
  const rest = line.slice(end);
  return /^[ \t]+#/.test(rest) ? rest : '';
}

/** Where the scalar starting at `start` ends on its line, or -1 when that is not known. */
function scalarEnd(line: string, start: number): number {
  const first = line[start];
  if (first === "'") {
    for (let i = start + 1; i < line.length; i++) {
      if (line[i] !== "'") continue;
      if (line[i + 1] === "'") i++;
      else return i + 1;
    }
    return -1;
  }
  if (first === '"') {
    for (let i = start + 1; i < line.length; i++) {
      if (line[i] === '\\') i++;
      else if (line[i] === '"') return i + 1;
    }
    return -1;
  }
  if (first === '|' || first === '>') {
    const space = line.slice(start).search(/[ \t]/);
    return space === -1 ? line.length : start + space;
  }
  if (first === '[' || first === '{' || first === '&' || first === '!' || first === '*') return -1;
  const comment = line.slice(start).search(/[ \t]#/);
  if (comment === -1) return line.length;
  let end = start + comment;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end;
}
