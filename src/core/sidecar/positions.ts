/**
 * 1-based places of a sidecar's parts, for findings. They come from the line layout when the file is
 * in block style (the common case, and fast), otherwise from a full `yaml` parse, which is slower but
 * follows any YAML.
 */

import { LineCounter, isMap, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { SidecarLayout } from './layout';

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
  /** By key. */
  keys: Map<string, EntryPlaces>;
}

/** Places of everything findings point at. */
export interface SidecarPositions {
  /** Top-level entries by key. */
  top: Map<string, EntryPlaces>;
  /** Records in file order (an entry may be missing when a file is too irregular to locate them). */
  records: (RecordPlaces | undefined)[];
}

/**
 * Positions from a layout that `layoutMatches` accepted.
 * @param layout the scanned layout
 */
export function positionsFromLayout(layout: SidecarLayout): SidecarPositions {
  const entries = (spans: SidecarLayout['top']) => {
    const map = new Map<string, EntryPlaces>();
    for (const span of spans) {
      const key = { line: span.line + 1, column: span.column + 1 };
      const value = span.valueColumn === -1 ? key : { line: span.line + 1, column: span.valueColumn + 1 };
      map.set(span.key, { key, value });
    }
    return map;
  };
  return {
    top: entries(layout.top),
    records: (layout.annotations?.records ?? []).map((record) => ({
      place: { line: record.line + 1, column: record.dashColumn + 1 },
      keys: entries(record.keys),
    })),
  };
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
      const value = pair.value?.range ? place(pair.value.range[0]) : key;
      map.set(String(keyNode?.value ?? keyNode), { key, value });
    }
    return map;
  };
  const root = doc.contents;
  const items = isMap(root) ? root.get('annotations', true) : undefined;
  const records = isSeq(items)
    ? items.items.map((item) => {
        const node = item as YamlNode | null;
        return node?.range ? { place: place(node.range[0]), keys: entries(node) } : undefined;
      })
    : [];
  return { top: entries(root), records };
}
