/**
 * 1-based places of a sidecar's parts, for findings. They come from the line layout when the file is
 * in block style (the common case, and fast), otherwise from a full `yaml` parse, which is slower but
 * follows any YAML.
 */

import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { recordParts, type EntrySpan, type SidecarLayout } from './layout';

/** A 1-based line and column. */
export interface Place {
  line: number;
  column: number;
}

/** Where a `key: value` entry is: its key, and its value (the key's place when the value is empty). */
export interface EntryPlaces {
  key: Place;
  value: Place;
}

/** A record's place and its entries' places. */
export interface RecordPlaces {
  /** The record's first line (its dash). */
  place: Place;
  /**
   * Where one of its entries is.
   * @param key the entry's key
   */
  entry(key: string): EntryPlaces | undefined;
  /**
   * Where an item of one of its list entries (`relations:`) starts: the first character after its dash.
   * @param key the entry's key
   * @param index the item's index in the list
   */
  item(key: string, index: number): Place | undefined;
}

/** Places of everything findings point at, computed when asked for (most files have no finding). */
export interface SidecarPositions {
  /**
   * Where a top-level entry is.
   * @param key the entry's key
   */
  top(key: string): EntryPlaces | undefined;
  /**
   * Where a record of the `annotations` list is.
   * @param index its index in file order
   */
  record(index: number): RecordPlaces | undefined;
  /**
   * The 1-based line of a record of the `annotations` list (the line of `record(index).place`).
   * @param index its index in file order
   */
  recordLine(index: number): number | undefined;
}

/**
 * Positions from a layout that `layoutMatches` accepted.
 * @param layout the scanned layout
 */
export function positionsFromLayout(layout: SidecarLayout): SidecarPositions {
  /** 1-based places of an entry; `from` is the line its lines count from (a record's dash line, or 0). */
  const places = (span: EntrySpan | undefined, from = 0): EntryPlaces | undefined => {
    if (!span) return undefined;
    const line = from + span.line + 1;
    const key = { line, column: span.column + 1 };
    return { key, value: span.valueColumn === -1 ? key : { line, column: span.valueColumn + 1 } };
  };
  const parts = layout.annotations ? recordParts(layout.annotations) : undefined;
  const lineOf = (index: number): number | undefined => (parts && index >= 0 && index < parts.bases.length ? parts.line[index] : undefined);
  return {
    top: (key) => places(layout.top.find((span) => span.key === key)),
    record: (index) => {
      const record = parts?.bases[index];
      const line = lineOf(index);
      if (!record || line === undefined) return undefined;
      return {
        place: { line: line + 1, column: record.dashColumn + 1 },
        entry: (key) => places(record.keys.find((span) => span.key === key), line),
        item: (key, itemIndex) => {
          const span = record.keys.find((s) => s.key === key);
          return span && span.valueColumn === -1 ? listItems(layout.lines, line + span.line + 1, line + span.end)[itemIndex] : undefined;
        },
      };
    },
    recordLine: (index) => {
      const line = lineOf(index);
      return line === undefined ? undefined : line + 1;
    },
  };
}

/**
 * The places of the items of a block list, in lines `[from, to)`: the lines with a dash at the
 * list's indentation (the least of its lines'), at the first character after the dash.
 */
function listItems(lines: readonly string[], from: number, to: number): Place[] {
  const dashes: { line: number; indent: number }[] = [];
  for (let i = from; i < to; i++) {
    const text = lines[i]!;
    const indent = text.length - text.trimStart().length;
    if (text[indent] === '-' && (text.length === indent + 1 || text[indent + 1] === ' ')) dashes.push({ line: i, indent });
  }
  const column = Math.min(...dashes.map((d) => d.indent));
  return dashes
    .filter((d) => d.indent === column)
    .map((d) => {
      const text = lines[d.line]!;
      const after = text.slice(column + 1);
      return { line: d.line + 1, column: column + 2 + (after.length - after.trimStart().length) };
    });
}

/**
 * Positions from a full parse with the `yaml` package, for files the line scan cannot follow. Called
 * only on text that js-yaml has already parsed without aliases and within the size limit.
 * @param source the sidecar's text
 */
export function positionsFromDocument(source: string): SidecarPositions {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const place = (offset: number | undefined): Place => {
    const { line, col } = lineCounter.linePos(offset ?? 0);
    return { line, column: col };
  };
  const entries = (node: unknown) => {
    const map = new Map<string, EntryPlaces>();
    if (!isMap(node)) return map;
    for (const pair of node.items as Pair<YamlNode | null, YamlNode | null>[]) {
      const keyNode = pair.key as (YamlNode & { value?: unknown }) | null;
      const key = place(keyNode?.range?.[0]);
      // An empty value is a null scalar of no length after the colon: placed at its key, as the layout does.
      const range = pair.value?.range;
      const value = range && range[1] > range[0] ? place(range[0]) : key;
      map.set(String(keyNode?.value ?? keyNode), { key, value });
    }
    return map;
  };
  const root = doc.contents;
  const items = isMap(root) ? root.get('annotations', true) : undefined;
  const records: (RecordPlaces | undefined)[] = isSeq(items)
    ? items.items.map((item) => {
        const node = item as YamlNode | null;
        if (!node?.range) return undefined;
        const keys = entries(node);
        const listItem = (key: string, index: number) => {
          const list = isMap(node) ? node.get(key, true) : undefined;
          const itemNode = isSeq(list) ? (list.items[index] as YamlNode | undefined) : undefined;
          return itemNode?.range ? place(itemNode.range[0]) : undefined;
        };
        return { place: place(node.range[0]), entry: (key: string) => keys.get(key), item: listItem };
      })
    : [];
  const top = entries(root);
  return { top: (key) => top.get(key), record: (index) => records[index], recordLine: (index) => records[index]?.place.line };
}

/**
 * Where each relation of a sidecar is, for findings about relations (`marginalia check`): made from a
 * full parse, so call it only when there is something to report.
 * @param source the sidecar's text
 * @returns for the record whose first line is a 1-based line and a relation's index in its list, the
 *   place of the relation (the first character of its item), or undefined when there is none
 */
export function relationPlaces(source: string): (recordLine: number, index: number) => Place | undefined {
  const lineCounter = new LineCounter();
  // The yaml package breaks lines at LF only: a lone CR (classic Mac OS line ends) is made LF, same offsets.
  const doc = parseDocument(source.replace(/\r(?!\n)/g, '\n'), { lineCounter, uniqueKeys: false, prettyErrors: false });
  const lineOf = (node: YamlNode | null | undefined): number | undefined => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const records = new Map<number, YamlNode>();
  const root = doc.contents;
  const items = isMap(root) ? root.get('annotations', true) : undefined;
  if (isSeq(items))
    for (const item of items.items as (YamlNode | null)[]) {
      const line = lineOf(item);
      if (line !== undefined && !records.has(line)) records.set(line, item!);
    }
  return (recordLine, index) => {
    const record = records.get(recordLine) ?? records.get(recordLine + 1); // a dash alone on its line: the map starts below
    const list = isMap(record) ? record.get('relations', true) : undefined;
    const node = isSeq(list) ? (list.items[index] as YamlNode | undefined) : undefined;
    if (!node?.range) return undefined;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
}
