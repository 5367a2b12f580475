/**
 * The canonical text of a sidecar and of its parts: one record per block, keys in a fixed order, two
 * spaces of indentation, one line per scalar. Both the full writer and the splicing writer build
 * their new lines here, so a record written on its own and a record written into an old file look
 * the same.
 */

import { FORMAT_VERSION, type Annotation, type Sidecar } from '../model';
import { ANNOTATION_KEYS, RELATION_KEYS, isAnnotationKey } from './fields';
import { formatNumber, formatString } from './scalar';

const KNOWN_SIDECAR_KEYS: ReadonlySet<string> = new Set(['version', 'document', 'annotations']);

/** Lists whose items are maps written with some keys first, in this order (then the others, sorted): by the list's key. */
const ITEM_KEY_ORDER: Readonly<Record<string, readonly string[]>> = { relations: RELATION_KEYS };

/** Canonical layout of records: the dash at column 2, keys at column 4. */
const CANONICAL_DASH_COLUMN = 2;

/**
 * The keys a record is written with, in order: the known keys that have a value, then any extra keys
 * (kept from a hand-edited file) sorted by name.
 * @param annotation the record
 */
export function recordKeys(annotation: Annotation): string[] {
  const values = annotation as unknown as Record<string, unknown>;
  const keys: string[] = ANNOTATION_KEYS.filter((key) => values[key] !== undefined && values[key] !== null);
  const extras = Object.keys(values).filter((key) => !isAnnotationKey(key) && values[key] !== undefined);
  return keys.concat(extras.sort(compareKeys));
}

/**
 * Extra top-level keys of a sidecar (not `marginalia`, `document`, `annotations`), sorted by name.
 * @param sidecar the sidecar, possibly carrying keys kept from a hand-edited file
 */
export function sidecarExtraKeys(sidecar: Sidecar): string[] {
  const values = sidecar as unknown as Record<string, unknown>;
  return Object.keys(values)
    .filter((key) => !KNOWN_SIDECAR_KEYS.has(key) && values[key] !== undefined)
    .sort(compareKeys);
}

/**
 * The lines of one record.
 * @param annotation the record
 * @param dashColumn column (0-based) of its `-`
 * @param keyColumn column (0-based) of its keys, more than `dashColumn + 1`
 */
export function emitRecord(annotation: Annotation, dashColumn: number, keyColumn: number): string[] {
  const values = annotation as unknown as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of recordKeys(annotation)) emitEntry(key, values[key], keyColumn, lines);
  return withDash(lines, dashColumn, keyColumn);
}

/**
 * The lines of one `key: value` entry.
 * @param key the key
 * @param value a string, number, boolean, null, list or map
 * @param column column (0-based) of the key
 * @param out lines are appended here
 */
export function emitEntry(key: string, value: unknown, column: number, out: string[]): void {
  const head = ' '.repeat(column) + formatString(key) + ':';
  const inline = inlineValue(value);
  if (inline !== undefined) {
    out.push(`${head} ${inline}`);
    return;
  }
  out.push(head);
  emitBlock(value as object, column + 2, out, Object.prototype.hasOwnProperty.call(ITEM_KEY_ORDER, key) ? ITEM_KEY_ORDER[key] : undefined);
}

/**
 * The whole sidecar in canonical form.
 * @param sidecar the content
 * @param sorted its annotations in the order to write them
 */
export function emitSidecar(sidecar: Sidecar, sorted: readonly Annotation[]): string {
  const values = sidecar as unknown as Record<string, unknown>;
  const lines = [`marginalia: ${formatNumber(sidecar.version ?? FORMAT_VERSION)}`];
  emitEntry('document', sidecar.document, 0, lines);
  for (const key of sidecarExtraKeys(sidecar)) emitEntry(key, values[key], 0, lines);
  if (sorted.length === 0) lines.push('annotations: []');
  else lines.push('annotations:');
  for (const annotation of sorted) {
    for (const line of emitRecord(annotation, CANONICAL_DASH_COLUMN, CANONICAL_DASH_COLUMN + 2)) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

/** Put the dash of a sequence item in front of the first line of its content (indented by `contentColumn`). */
function withDash(lines: string[], dashColumn: number, contentColumn: number): string[] {
  if (lines.length === 0) return [' '.repeat(dashColumn) + '- {}'];
  lines[0] = dashPrefix(dashColumn, contentColumn) + lines[0]!.slice(contentColumn);
  return lines;
}

/**
 * The text in front of an item's first key: spaces, the dash, spaces up to the key column.
 * @param dashColumn column of the dash
 * @param contentColumn column of the first key
 */
export function dashPrefix(dashColumn: number, contentColumn: number): string {
  return ' '.repeat(dashColumn) + '-' + ' '.repeat(contentColumn - dashColumn - 1);
}

/** Key order of maps: by UTF-16 code units, so the same keys always come out the same way. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The value on the key's own line, or undefined for a non-empty list or map (written as a block). */
function inlineValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return formatString(value);
    case 'number':
      return formatNumber(value);
    case 'boolean':
      return String(value);
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
      return Object.values(value).every((v) => v === undefined) ? '{}' : undefined;
    default:
      throw new TypeError(`a sidecar cannot hold a value of type ${typeof value}`);
  }
}

/**
 * A list or map as a block.
 * @param itemKeyOrder for a list of maps: the keys each item is written with first, in this order
 */
function emitBlock(value: object, column: number, out: string[], itemKeyOrder?: readonly string[]): void {
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) emitItem(item === undefined ? null : item, column, out, itemKeyOrder);
    return;
  }
  const map = value as Record<string, unknown>;
  for (const key of orderedKeys(Object.keys(map), itemKeyOrder)) {
    if (map[key] !== undefined) emitEntry(key, map[key], column, out);
  }
}

/** Keys sorted, those of `first` before the others and in its order. */
function orderedKeys(keys: string[], first: readonly string[] = []): string[] {
  const rank = (key: string) => {
    const at = first.indexOf(key);
    return at === -1 ? first.length : at;
  };
  return keys.sort((a, b) => rank(a) - rank(b) || compareKeys(a, b));
}

function emitItem(item: unknown, dashColumn: number, out: string[], keyOrder?: readonly string[]): void {
  const inline = inlineValue(item);
  if (inline !== undefined) {
    out.push(`${' '.repeat(dashColumn)}- ${inline}`);
    return;
  }
  const lines: string[] = [];
  emitBlock(item as object, dashColumn + 2, lines, keyOrder);
  for (const line of withDash(lines, dashColumn, dashColumn + 2)) out.push(line);
}
