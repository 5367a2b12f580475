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
import type { LineBreak, SidecarAnalysis } from './analyze';
import { sameContent, valueKey } from './content-key';
import { dashPrefix, emitEntry, emitRecord, recordKeys, sidecarExtraKeys } from './emit';
import { indentOf, layoutMatchesKeys, movedRecordsSpan, recordParts, scanLayout, scanRecord, type EntrySpan, type RecordParts, type RecordSpan, type SidecarLayout } from './layout';
import { LineBuilder, lineAt, lineCount, lineTextOf, linesOf, withBytes, type LineText } from './lines';
import { matchRecords } from './match';

/** A previous text, reduced to what the splice needs. It shares no object it reads with anyone: callers
 * never get its records, and nothing changes them once they are here (`writtenFrom` holds caller's
 * objects, only to tell them by identity). */
export interface PreparedSource {
  /** The text as given. */
  source: string;
  /** Its line layout (undefined: the writer cannot splice into it). */
  layout: SidecarLayout | undefined;
  /** Its lines as one LF text (see `lines.ts`): given for a text the writer wrote, made at the first splice otherwise. */
  lineText?: LineText;
  /** The content key of each top-level value (`marginalia`, `document`, extra keys). */
  header: Map<string, string>;
  /** The values of its extra top-level keys (copies). */
  extras: Map<string, unknown>;
  /** The id of each record of its `annotations` list, in file order. */
  ids: string[];
  /** Whether no two of `ids` are the same (undefined: not known yet). */
  uniqueIds?: boolean;
  /** The content of each record, as parsed or as written (compared with `sameContent`). */
  items: readonly Readonly<Record<string, unknown>>[];
  /** For each of `items`, 1 when it was validated without a finding (see `validateSidecar`); undefined when none was. */
  clean?: Uint8Array;
  /** For a text the writer wrote: its top-level values but `annotations`; with `items`, what reading it gives. */
  written?: ReadonlyMap<string, unknown>;
  /**
   * For a text the writer spliced: the items of the text it was spliced into, and for each of its own
   * items the index of the old item it kept as it was (the very object), or -1. A read of this text
   * takes what a read of that one made of those items (see `readSidecar`'s `previous`).
   */
  keptFrom?: { readonly items: readonly object[]; readonly index: Int32Array };
  /**
   * For a text the writer spliced with a caller's revision: the caller's record objects it was
   * written from, one per item, and that revision. They are only ever compared by identity, never
   * read: a later write at the same revision takes such an object as unchanged (see `writeSidecar`).
   */
  writtenFrom?: { readonly records: readonly object[]; readonly revision: object };
  /** Its line break. */
  eol: LineBreak;
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
    // recordLines has one entry per id used: as many as records when none is used twice.
    uniqueIds: analysis.recordLines.size === items.length,
    // The parsed records, not the annotations made of them: those go to the caller, who may change them.
    items: complete ? analysis.records : [],
    clean: complete ? analysis.clean : undefined,
    eol: analysis.eol,
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
 * @param unchanged for each of the previous text's records, the object it was written from, when none
 *   of those objects changed since (see `matchRecords`)
 * @returns the new text, or undefined when a record block did not read back as it should
 */
export function spliceSidecar(
  sidecar: Sidecar,
  sorted: readonly Annotation[],
  previous: PreparedSource,
  unchanged?: readonly object[],
): SpliceResult | undefined {
  const layout = previous.layout!;
  const old = lineTextFor(previous);
  const oldCount = lineCount(old);
  const out = new LineBuilder(old);
  const values = sidecar as unknown as Record<string, unknown>;
  const newValue = (key: string) => (key === 'marginalia' ? sidecar.version : values[key]);
  const header = headerKeys(sidecar);
  const oldKeys = new Set(layout.top.map((entry) => entry.key));
  let headerChanged = false;
  const pushMissing = (keys: readonly string[]) => {
    for (const key of keys)
      if (!oldKeys.has(key) && header.has(key)) {
        out.addAll(entryLines(key, newValue(key), 0));
        headerChanged = true;
      }
  };
  // Each record's keys: its key names, or the old record when it was kept as it was (names taken only if needed).
  // Arrays of the records' length, filled in place: no growing by push for ten thousand records.
  const recordKeyLists = new Array<readonly string[] | RecordSpan>(sorted.length);
  const items = new Array<Readonly<Record<string, unknown>>>(sorted.length);
  const ids = new Array<string>(sorted.length);
  // For each item, whether it is one that was validated without a finding (see PreparedSource.clean).
  const clean = new Uint8Array(sorted.length);
  // For each item, the old item it is (see PreparedSource.keptFrom); undefined when the records were not spliced.
  let kept: Int32Array | undefined;
  // The new text's records, found as they are written (undefined once one cannot be), and where each
  // is (see RecordParts): see spliceAnnotations.
  let records: RecordSpan[] | undefined = new Array<RecordSpan>(sorted.length);
  const at = { lead: new Int32Array(sorted.length), line: new Int32Array(sorted.length), end: new Int32Array(sorted.length) };
  let uniqueIds: boolean | undefined;
  let annotationsLine = -1;
  let trailer = -1;

  out.keep(0, layout.preambleEnd);
  pushMissing(['marginalia', 'document']);
  const extras = sidecarExtraKeys(sidecar);
  for (let index = 0; index < layout.top.length; index++) {
    const entry = layout.top[index]!;
    const regionEnd = layout.top[index + 1]?.line ?? oldCount;
    if (index === layout.annotations?.topIndex) {
      pushMissing(extras);
      if (!spliceAnnotations(entry, regionEnd)) return undefined;
    } else if (!header.has(entry.key)) {
      headerChanged = true;
      out.keep(entry.end, regionEnd);
    } else if (previous.header.get(entry.key) === header.get(entry.key)) out.keep(entry.line, regionEnd);
    else {
      headerChanged = true;
      out.addAll(withComment(entryLines(entry.key, newValue(entry.key), 0), lineAt(old, entry.line), entry));
      out.keep(entry.end, regionEnd);
    }
  }
  if (!layout.annotations) {
    pushMissing(extras);
    headerChanged = true;
    if (sorted.length === 0) out.addAll(['annotations: []']);
    else {
      out.addAll(['annotations:']);
      sorted.forEach((annotation, i) => {
        ids[i] = annotation.id;
        out.addAll(emitRecord(annotation, 2, 4));
        recordKeyLists[i] = recordKeys(annotation);
        items[i] = contentCopy(annotation);
      });
    }
  }

  const lineText = out.finish();
  let lines: string[] | undefined;
  const newLines = () => (lines ??= linesOf(lineText, 0, lineCount(lineText)));
  // The next write usually splices into this text. When only records changed, its layout is the old
  // one with the records found while writing; otherwise it is scanned when the next write needs it.
  const known =
    !headerChanged && records !== undefined && layout.annotations?.block ? shiftedLayout(layout, newLines, lineCount(lineText) - oldCount, annotationsLine, { bases: records, ...at }, trailer) : undefined;
  const expectedTop = layoutOrder(layout, header, extras);
  let scanned: SidecarLayout | undefined | null = known ?? null;
  const prepared: PreparedSource = {
    source: '',
    extras: extraValues(sidecar),
    get layout() {
      if (scanned === null) {
        const found = scanLayout(newLines());
        const keyNames = recordKeyLists.map((k) => (isKeyNames(k) ? k : k.keys.map((e) => e.key)));
        scanned = found && layoutMatchesKeys(found, expectedTop, keyNames) ? found : undefined;
      }
      return scanned;
    },
    lineText,
    header,
    ids,
    uniqueIds,
    items,
    clean,
    written: new Map([...header.keys()].map((key) => [key, writtenCopy(newValue(key))])),
    keptFrom: kept && { items: previous.items, index: kept },
    eol: '\n',
    bom: false,
  };
  return { text: lineText.text, headerChanged, prepared };

  function spliceAnnotations(entry: EntrySpan, regionEnd: number): boolean {
    const span = layout.annotations!;
    if (sorted.length === 0) {
      records = undefined;
      if (recordParts(span).bases.length === 0) out.keep(entry.line, regionEnd);
      else {
        out.addAll(withComment(['annotations: []'], lineAt(old, entry.line), entry));
        out.keep(span.trailer, regionEnd);
      }
      return true;
    }
    annotationsLine = out.count;
    if (span.block) out.keep(entry.line, entry.line + 1);
    else out.addAll(withComment(['annotations:'], lineAt(old, entry.line), entry));
    const { bases: oldRecords, lead: oldLead, line: oldLine, end: oldEnd } = recordParts(span);
    const dashColumn = oldRecords[0]?.dashColumn ?? 2;
    const keyColumn = oldRecords[0]?.keyColumn ?? dashColumn + 2;
    const matches = matchRecords(sorted, previous, unchanged);
    uniqueIds = matches.uniqueIds;
    const { index: matchIndex, same: matchSame } = matches;
    // Locals rather than the enclosing function's variables: this loop runs for every record of every write.
    const oldItems = previous.items;
    const oldClean = previous.clean;
    const lines = out;
    const newItems = items;
    const oldIds = previous.ids;
    const newIds = ids;
    const newClean = clean;
    const keptIndex = (kept = new Int32Array(sorted.length).fill(-1));
    const { lead: newLead, line: newLine, end: newEnd } = at;
    const keyLists = recordKeyLists;
    let found = records;
    const last = oldRecords.length - 1;
    for (let i = 0; i < sorted.length; i++) {
      const annotation = sorted[i]!;
      const index = matchIndex[i]!;
      const same = matchSame[i] === 1;
      const lead = lines.count;
      let blockStart = lead;
      let keys: readonly string[] | RecordSpan;
      // A record kept as it was has its old id (its content is the same): read without touching the annotation.
      newIds[i] = same ? oldIds[index]! : annotation.id;
      if (index === -1) {
        lines.addAll(emitRecord(annotation, dashColumn, keyColumn));
        keys = recordKeys(annotation);
        newItems[i] = contentCopy(annotation);
      } else {
        // Where the old record is in the old text (read from arrays: a kept record's object is not touched).
        const recordLead = oldLead[index]!;
        const recordLine = oldLine[index]!;
        const recordEnd = oldEnd[index]!;
        if (same) {
          lines.keep(recordLead, recordEnd);
          keys = oldRecords[index]!;
          newItems[i] = oldItems[index]!;
          keptIndex[i] = index;
          if (oldClean) newClean[i] = oldClean[index]!;
          // Kept as it was, where it was, moved by the lines written before it.
          if (found) {
            found[i] = oldRecords[index]!;
            newLead[i] = lead;
            newLine[i] = lead + recordLine - recordLead;
            newEnd[i] = lead + recordEnd - recordLead;
          }
        } else {
          const record = oldRecords[index]!;
          lines.keep(recordLead, recordLine);
          blockStart = lines.count;
          lines.addAll(spliceRecord(record, annotation, linesOf(old, recordLine, recordEnd)));
          keys = recordKeys(annotation);
          newItems[i] = contentCopy(annotation, record.keys.length > 0 ? oldItems[index] : undefined);
        }
        if (found && i > 0 && index === 0 && recordLead < recordLine && hasDeepComment(old, recordLead, recordLine, dashColumn)) found = undefined;
      }
      keyLists[i] = keys;
      // A block read back as the same record in the same company needs no check; any other is parsed again.
      const sameNeighbours =
        same &&
        (i === 0 ? index === 0 : matchIndex[i - 1] === index - 1 && matchSame[i - 1] === 1) &&
        (i === sorted.length - 1 ? index === last : matchIndex[i + 1] === index + 1 && matchSame[i + 1] === 1);
      const block = sameNeighbours ? undefined : lines.linesFrom(lead);
      if (found && !same) {
        // A record written here is scanned.
        const record = scanBlock(block!, blockStart - lead, dashColumn, lead);
        if (record && sameKeyNames(record.keys, keys as readonly string[])) {
          found[i] = record;
          newLead[i] = record.lead;
          newLine[i] = record.line;
          newEnd[i] = record.end;
        } else found = undefined;
      }
      if (block && !readsBackAs(block, annotation)) return false;
    }
    records = found;
    trailer = out.count;
    out.keep(span.trailer, regionEnd);
    return true;
  }
}

/**
 * The lines of a previous text as one LF text, made once per text: from the text itself when it is
 * those lines (LF line ends, which the writer writes unless the file used CRLF), else from the lines;
 * with its bytes when the texts made from it are written as they are.
 */
function lineTextFor(previous: PreparedSource): LineText {
  if (previous.lineText) return previous.lineText;
  const lines = previous.layout!.lines;
  let body = previous.bom ? previous.source.slice(1) : previous.source;
  if (body.length > 0 && !body.endsWith('\n')) body += '\n';
  // lineTextOf takes the text only if its length is that of the lines with a break each: never so for CRLF or a final lone CR.
  // CR line ends would pass that test with the wrong breaks: that text is built from the lines.
  const lineText = lineTextOf(lines, previous.eol === '\n' ? body : undefined);
  // Written as it is only with LF line ends and no byte-order mark: then its bytes are worth knowing (see LineBytes).
  previous.lineText = previous.eol === '\n' && !previous.bom ? withBytes(lineText) : lineText;
  return previous.lineText;
}

/**
 * A record of a block just written, scanned from that block's lines.
 * @param block the lines from the record's first comment line above it to its last line
 * @param dash the dash line's index in `block`
 * @param dashColumn the sequence's dash column
 * @param lead 0-based line of the new text where the block starts
 */
function scanBlock(block: readonly string[], dash: number, dashColumn: number, lead: number): RecordSpan | undefined {
  const record = scanRecord(block, dash, block.length, dashColumn, lead);
  if (!record) return undefined;
  record.line += lead;
  record.end += lead;
  return record;
}

/**
 * The layout of a spliced text whose top-level entries were all kept as they were: the old entries
 * (those after `annotations` moved by the lines the records gained or lost) with the new records.
 * @param lines the new text's lines, made when first asked for (the writer itself never needs them)
 * @param delta the number of lines the records gained (negative: lost)
 */
function shiftedLayout(
  layout: SidecarLayout,
  lines: () => string[],
  delta: number,
  annotationsLine: number,
  records: RecordParts,
  trailer: number,
): SidecarLayout | undefined {
  const old = layout.annotations!;
  const entry = layout.top[old.topIndex]!;
  if (annotationsLine !== entry.line) return undefined;
  const top = layout.top.map((e, i) => (i < old.topIndex ? e : i === old.topIndex ? { ...e, end: e.end + delta } : shiftEntry(e, delta)));
  return {
    get lines() {
      return lines();
    },
    preambleEnd: layout.preambleEnd,
    top,
    annotations: movedRecordsSpan(old.topIndex, trailer, records),
  };
}

function isKeyNames(keys: readonly string[] | RecordSpan): keys is readonly string[] {
  return Array.isArray(keys);
}

function sameKeyNames(entries: readonly EntrySpan[], keys: readonly string[]): boolean {
  return entries.length === keys.length && entries.every((entry, i) => entry.key === keys[i]);
}

function shiftEntry(e: EntrySpan, delta: number): EntrySpan {
  return { key: e.key, line: e.line + delta, column: e.column, afterKey: e.afterKey, valueColumn: e.valueColumn, end: e.end + delta };
}

/**
 * Whether comment lines above a record are indented past the dash: only the first record's can be
 * (elsewhere the scan gives such lines to the record before, and a layout the writer carries over is
 * one the scan finds), so moved elsewhere they would belong to another record than the one they came
 * with. Hence it is asked only of the old first record.
 */
function hasDeepComment(lines: LineText, from: number, to: number, dashColumn: number): boolean {
  for (let i = from; i < to; i++) {
    const line = lineAt(lines, i);
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

/**
 * A changed record: unchanged keys keep their lines, changed ones are rewritten with their comments.
 * @param lines the record's own lines, from its dash line (its keys' lines count from there)
 */
function spliceRecord(record: RecordSpan, newItem: Annotation, lines: readonly string[]): string[] {
  const { keyColumn, dashColumn } = record;
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
