/**
 * Writing a sidecar into its previous text: records whose content did not change keep their bytes
 * (and the comments above and inside them), a changed record keeps the lines of its unchanged keys
 * and its end-of-line comments, a removed record takes its lines with it, and a new record is written
 * in canonical form at its sorted place, in the indentation the file already uses.
 */

import type { Annotation, Sidecar } from '../model';
import type { SidecarAnalysis } from './analyze';
import { contentKey } from './content-key';
import { dashPrefix, emitEntry, emitRecord, recordKeys, sidecarExtraKeys } from './emit';
import type { EntrySpan, RecordSpan, SidecarLayout } from './layout';

/** A previous text, analysed, with what the splice compares against. Holds no caller's objects. */
export interface PreparedSource {
  /** The text as given. */
  source: string;
  /** Its line layout, when the writer can splice into it. */
  layout: SidecarLayout | undefined;
  /** Its top-level values by key (`marginalia`, `document`, extra keys). */
  header: Map<string, unknown>;
  /** The records of its `annotations` list in file order (key/value maps). */
  items: Record<string, unknown>[];
  /** The content key of each of `items`. */
  itemKeys: string[];
  /** Whether it uses CRLF line ends. */
  crlf: boolean;
  /** Whether it starts with a byte-order mark. */
  bom: boolean;
}

/**
 * Prepare an analysed, writable previous text for splicing.
 * @param source the text
 * @param analysis its analysis (`writable` true, so every item was read)
 */
export function prepareSource(source: string, analysis: SidecarAnalysis): PreparedSource {
  const items = analysis.items.filter((item): item is Annotation => item !== undefined) as unknown as Record<string, unknown>[];
  return {
    source,
    layout: analysis.sidecar ? analysis.layout : undefined,
    header: analysis.sidecar ? topValues(analysis.sidecar) : new Map(),
    items,
    itemKeys: items.map(contentKey),
    crlf: analysis.crlf,
    bom: analysis.bom,
  };
}

/**
 * Write a sidecar into a previous text whose layout is known.
 * @param sidecar the new content
 * @param sorted its annotations in writing order
 * @param sortedKeys the content key of each of `sorted`
 * @param previous the previous text, prepared, with a layout
 * @returns the new text with LF line ends, without a byte-order mark
 */
export function spliceSidecar(sidecar: Sidecar, sorted: readonly Annotation[], sortedKeys: readonly string[], previous: PreparedSource): string {
  const layout = previous.layout!;
  const lines = layout.lines;
  const out: string[] = [];
  const pushRange = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push(lines[i]!);
  };
  const newValues = topValues(sidecar);
  const oldValues = previous.header;
  const oldKeys = new Set(layout.top.map((entry) => entry.key));
  const pushMissing = (keys: string[]) => {
    for (const key of keys) if (!oldKeys.has(key) && newValues.has(key)) emitEntry(key, newValues.get(key), 0, out);
  };

  pushRange(0, layout.preambleEnd);
  pushMissing(['marginalia', 'document']);
  const extras = sidecarExtraKeys(sidecar);
  layout.top.forEach((entry, index) => {
    const regionEnd = layout.top[index + 1]?.line ?? lines.length;
    if (index === layout.annotations?.topIndex) {
      pushMissing(extras);
      spliceAnnotations(entry, regionEnd);
      return;
    }
    if (!newValues.has(entry.key)) {
      pushRange(entry.end, regionEnd);
      return;
    }
    const fresh = entryLines(entry.key, newValues.get(entry.key), 0);
    if (entryLines(entry.key, oldValues.get(entry.key), 0).join('\n') === fresh.join('\n')) pushRange(entry.line, regionEnd);
    else {
      out.push(...withComment(fresh, lines[entry.line]!, entry));
      pushRange(entry.end, regionEnd);
    }
  });
  if (!layout.annotations) {
    pushMissing(extras);
    if (sorted.length === 0) out.push('annotations: []');
    else {
      out.push('annotations:');
      for (const annotation of sorted) out.push(...emitRecord(annotation, 2, 4));
    }
  }
  return out.join('\n') + '\n';

  function spliceAnnotations(entry: EntrySpan, regionEnd: number): void {
    const span = layout.annotations!;
    if (sorted.length === 0) {
      if (span.records.length === 0) pushRange(entry.line, regionEnd);
      else {
        out.push(...withComment(['annotations: []'], lines[entry.line]!, entry));
        pushRange(span.trailer, regionEnd);
      }
      return;
    }
    if (span.block) out.push(lines[entry.line]!);
    else out.push(...withComment(['annotations:'], lines[entry.line]!, entry));
    const dashColumn = span.records[0]?.dashColumn ?? 2;
    const keyColumn = span.records[0]?.keyColumn ?? dashColumn + 2;
    const matches = matchRecords(sorted, sortedKeys, previous);
    sorted.forEach((annotation, i) => {
      const match = matches[i]!;
      if (match.index === -1) {
        out.push(...emitRecord(annotation, dashColumn, keyColumn));
        return;
      }
      const record = span.records[match.index]!;
      if (match.same) pushRange(record.lead, record.end);
      else {
        pushRange(record.lead, record.line);
        out.push(...spliceRecord(record, previous.items[match.index]!, annotation, lines));
      }
    });
    pushRange(span.trailer, regionEnd);
  }
}

/** For each new record, the old record it replaces (-1 for none) and whether its content is the same. */
function matchRecords(
  sorted: readonly Annotation[],
  sortedKeys: readonly string[],
  previous: PreparedSource,
): { index: number; same: boolean }[] {
  const byId = new Map<string, number[]>();
  previous.items.forEach((item, index) => {
    const id = item['id'] as string;
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
function spliceRecord(record: RecordSpan, oldValues: Record<string, unknown>, newItem: Annotation, lines: readonly string[]): string[] {
  const { keyColumn, dashColumn } = record;
  if (record.keys.length === 0) return emitRecord(newItem, dashColumn, keyColumn);
  const newValues = newItem as unknown as Record<string, unknown>;
  const oldIndex = new Map(record.keys.map((entry, i) => [entry.key, i]));
  const out: string[] = [];
  if (record.bareDash) for (let i = record.line; i < record.keys[0]!.line; i++) out.push(lines[i]!);
  for (const key of recordKeys(newItem)) {
    const fresh = entryLines(key, newValues[key], keyColumn);
    const i = oldIndex.get(key);
    if (i === undefined) {
      out.push(...fresh);
      continue;
    }
    const entry = record.keys[i]!;
    const next = record.keys[i + 1]?.line ?? record.end;
    if (entryLines(key, oldValues[key], keyColumn).join('\n') === fresh.join('\n')) {
      out.push(' '.repeat(keyColumn) + lines[entry.line]!.slice(keyColumn));
      for (let l = entry.line + 1; l < next; l++) out.push(lines[l]!);
    } else {
      out.push(...withComment(fresh, lines[entry.line]!, entry));
      for (let l = entry.end; l < next; l++) out.push(lines[l]!);
    }
  }
  if (!record.bareDash) out[0] = dashPrefix(dashColumn, keyColumn) + out[0]!.slice(keyColumn);
  return out;
}

/**
 * The top-level values of a sidecar by key, as written: `marginalia`, `document`, then extra keys.
 * @param sidecar the sidecar
 */
export function topValues(sidecar: Sidecar): Map<string, unknown> {
  const values = sidecar as unknown as Record<string, unknown>;
  const map = new Map<string, unknown>([
    ['marginalia', sidecar.version],
    ['document', sidecar.document],
  ]);
  for (const key of sidecarExtraKeys(sidecar)) map.set(key, values[key]);
  return map;
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
  return comment === -1 ? line.length : start + comment;
}
