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
import { contentKey, valueKey } from './content-key';
import { dashPrefix, emitEntry, emitRecord, recordKeys, sidecarExtraKeys } from './emit';
import { layoutMatchesKeys, scanLayout, type EntrySpan, type RecordSpan, type SidecarLayout } from './layout';

/** A previous text, reduced to what the splice needs. Only strings: it shares no object with anyone. */
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
  /** The content key of each record. */
  itemKeys: string[];
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
  return {
    source,
    layout: analysis.sidecar && items.length === analysis.items.length ? analysis.layout : undefined,
    header: analysis.sidecar ? headerKeys(analysis.sidecar) : new Map(),
    extras: analysis.sidecar ? extraValues(analysis.sidecar) : new Map(),
    ids: items.map((item) => item.id),
    itemKeys: items.map(contentKey),
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
 * @param sortedKeys the content key of each of `sorted`
 * @param previous the previous text, prepared, with a layout
 * @returns the new text, or undefined when a record block did not read back as it should
 */
export function spliceSidecar(
  sidecar: Sidecar,
  sorted: readonly Annotation[],
  sortedKeys: readonly string[],
  previous: PreparedSource,
): SpliceResult | undefined {
  const layout = previous.layout!;
  const lines = layout.lines;
  const out: string[] = [];
  const pushRange = (from: number, to: number) => {
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
  const recordKeyLists: string[][] = [];

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
      }
    }
  }

  // The next write usually splices into this text: its layout is scanned then, not now.
  const expectedTop = layoutOrder(layout, header, extras);
  let scanned: SidecarLayout | undefined | null = null;
  const prepared: PreparedSource = {
    source: '',
    extras: extraValues(sidecar),
    get layout() {
      if (scanned === null) {
        const found = scanLayout(out);
        scanned = found && layoutMatchesKeys(found, expectedTop, recordKeyLists) ? found : undefined;
      }
      return scanned;
    },
    header,
    ids: sorted.map((a) => a.id),
    itemKeys: [...sortedKeys],
    crlf: false,
    bom: false,
  };
  return { text: out.join('\n') + '\n', headerChanged, prepared };

  function spliceAnnotations(entry: EntrySpan, regionEnd: number): boolean {
    const span = layout.annotations!;
    if (sorted.length === 0) {
      if (span.records.length === 0) pushRange(entry.line, regionEnd);
      else {
        out.push(...withComment(['annotations: []'], lines[entry.line]!, entry));
        pushRange(span.trailer, regionEnd);
      }
      return true;
    }
    if (span.block) out.push(lines[entry.line]!);
    else out.push(...withComment(['annotations:'], lines[entry.line]!, entry));
    const dashColumn = span.records[0]?.dashColumn ?? 2;
    const keyColumn = span.records[0]?.keyColumn ?? dashColumn + 2;
    const matches = matchRecords(sorted, sortedKeys, previous);
    const last = span.records.length - 1;
    for (let i = 0; i < sorted.length; i++) {
      const annotation = sorted[i]!;
      const match = matches[i]!;
      const blockStart = out.length;
      let keys: string[];
      if (match.index === -1) {
        out.push(...emitRecord(annotation, dashColumn, keyColumn));
        keys = recordKeys(annotation);
      } else {
        const record = span.records[match.index]!;
        pushRange(record.lead, record.line);
        if (match.same) {
          pushRange(record.line, record.end);
          keys = record.keys.map((k) => k.key);
        } else {
          out.push(...spliceRecord(record, annotation, lines));
          keys = recordKeys(annotation);
        }
      }
      recordKeyLists.push(keys);
      // A block read back as the same record in the same company needs no check; any other is parsed again.
      const sameNeighbours =
        match.same &&
        (i === 0 ? match.index === 0 : matches[i - 1]!.index === match.index - 1 && matches[i - 1]!.same) &&
        (i === sorted.length - 1 ? match.index === last : matches[i + 1]!.index === match.index + 1 && matches[i + 1]!.same);
      if (!sameNeighbours && parseBlockKey(out.slice(blockStart)) !== sortedKeys[i]) return false;
    }
    pushRange(span.trailer, regionEnd);
    return true;
  }
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

/** The content key of a record block parsed on its own, or undefined when it is not one record. */
function parseBlockKey(block: readonly string[]): string | undefined {
  const record = parseBlock(block);
  return record ? contentKey(record) : undefined;
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
function matchRecords(
  sorted: readonly Annotation[],
  sortedKeys: readonly string[],
  previous: PreparedSource,
): { index: number; same: boolean }[] {
  const byId = new Map<string, number[]>();
  previous.ids.forEach((id, index) => {
    const list = byId.get(id);
    if (list) list.push(index);
    else byId.set(id, [index]);
  });
  const used = new Set<number>();
  const matches = sorted.map((annotation, i) => {
    const index = (byId.get(annotation.id) ?? []).find((j) => !used.has(j) && previous.itemKeys[j] === sortedKeys[i]);
    if (index === undefined) return { index: -1, same: false };
    used.add(index);
    return { index, same: true };
  });
  sorted.forEach((annotation, i) => {
    if (matches[i]!.index !== -1) return;
    const index = (byId.get(annotation.id) ?? []).find((j) => !used.has(j));
    if (index === undefined) return;
    used.add(index);
    matches[i] = { index, same: false };
  });
  return matches;
}

/** A changed record: unchanged keys keep their lines, changed ones are rewritten with their comments. */
function spliceRecord(record: RecordSpan, newItem: Annotation, lines: readonly string[]): string[] {
  const { keyColumn, dashColumn } = record;
  const oldValues = parseBlock(lines.slice(record.line, record.end));
  if (!oldValues || record.keys.length === 0) return emitRecord(newItem, dashColumn, keyColumn);
  const newValues = newItem as unknown as Record<string, unknown>;
  const oldIndex = new Map(record.keys.map((entry, i) => [entry.key, i]));
  const out: string[] = [];
  if (record.bareDash) for (let i = record.line; i < record.keys[0]!.line; i++) out.push(lines[i]!);
  for (const key of recordKeys(newItem)) {
    const i = oldIndex.get(key);
    if (i === undefined) {
      emitEntry(key, newValues[key], keyColumn, out);
      continue;
    }
    const entry = record.keys[i]!;
    const next = record.keys[i + 1]?.line ?? record.end;
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
