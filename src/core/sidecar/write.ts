/**
 * Writing a sidecar for review: records sorted by (start, end, id), the same bytes for the same
 * content, and, given the previous text, a diff that touches only the records that changed (see
 * `splice.ts`). Every spliced result is read back and compared with what was meant to be written;
 * should they ever differ, the canonical form is written instead, so the content is always right.
 */

import type { Annotation, Sidecar } from '../model';
import { analyzeSidecar, splitLines, type LineBreak } from './analyze';
import { contentKey, sameContent, valueKey } from './content-key';
import { emitSidecar } from './emit';
import { loadSidecarData } from './load';
import type { SourceCache } from './source-cache';
import { headerKeys, prepareSource, spliceSidecar, type PreparedSource } from './splice';

/**
 * The order records are written in: by start, then end, then id (code unit order).
 * @param a one annotation
 * @param b another
 * @returns negative when `a` comes first, positive when `b` does, 0 when they tie
 */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The text of a sidecar.
 * @param sidecar the content to write
 * @param previousSource the file's current text, if it exists: records whose content is unchanged keep
 *   their bytes, comments written by hand are kept, and so are its extra top-level keys that `sidecar`
 *   does not have. It must be writable (see `readSidecar`).
 * @param cache where the previous text may have been prepared by a read or write a moment ago (then it
 *   is not parsed again), and where the new text is remembered for the read and write that follow
 * @param revision a token the caller replaces whenever any record object it passes may have changed
 *   since it was written (the sync engine's `Entry.revision`). When `previousSource` was written from
 *   `cache` at this same revision, a record that is the very object written then keeps its block
 *   without comparing its content. Given wrongly, a stale record would be written: when in doubt,
 *   pass a new token (or none).
 * @returns the new file text, LF line ends (CRLF or CR when the previous text used them)
 * @throws Error when `previousSource` is not writable (it could not be parsed, has merge-conflict
 *   markers, or has records that could not be read): overwriting it could lose data
 * @throws TypeError when an annotation could not be read back (a bug in the caller): an id or label
 *   that is not a non-empty string, offsets that are not whole numbers with 0 <= start <= end, a
 *   text that is not a string. Writing it would make the file read-only.
 */
export function writeSidecar(sidecar: Sidecar, previousSource?: string, cache?: SourceCache, revision?: object): string {
  for (const annotation of sidecar.annotations) if (!isWritable(annotation)) throw notWritable(annotation);
  const sorted = writingOrder(sidecar.annotations);
  if (previousSource === undefined) return emitSidecar(sidecar, sorted);

  const previous = prepared(previousSource, cache);
  const content = withKeptExtras(sidecar, previous);
  if (previous.layout) {
    const writtenFrom = revision !== undefined && previous.writtenFrom?.revision === revision ? previous.writtenFrom.records : undefined;
    const spliced = spliceSidecar(content, sorted, previous, writtenFrom);
    if (spliced) {
      const text = encode(spliced.text, previous.eol, previous.bom);
      if (!spliced.headerChanged || holds(text, content, sorted)) {
        Object.assign(spliced.prepared, { source: text, eol: previous.eol, bom: previous.bom });
        if (revision !== undefined) spliced.prepared.writtenFrom = { records: sorted, revision };
        cache?.remember(spliced.prepared);
        return text;
      }
    }
  }
  return encode(preamble(splitLines(stripBom(previousSource).replace(/\r(?!\n)/g, '\n'))) + emitSidecar(content, sorted), previous.eol, previous.bom);
}

// Ties on (start, end, id) are ordered by content, so that the bytes never depend on input order
// (content keys only for those ties: building one for every record would cost more than the sort).
function compareForWriting(a: Annotation, b: Annotation): number {
  return compareAnnotations(a, b) || compareKeys(contentKey(a), contentKey(b));
}

/** Beyond this many records out of order, the whole list is sorted instead of merged. */
const MAX_UNSORTED_TAIL = 64;

/**
 * The annotations in writing order: what a stable sort gives. The extension's list is usually the
 * last written one, in order, with new records appended: then the sorted part is found in one pass,
 * and the few records after it are sorted and merged in (each after the records it ties with, as a
 * stable sort puts them), instead of sorting ten thousand records again.
 * @param annotations the annotations in the caller's order
 */
export function writingOrder(annotations: readonly Annotation[]): Annotation[] {
  let inOrder = Math.min(1, annotations.length);
  while (inOrder < annotations.length && compareForWriting(annotations[inOrder - 1]!, annotations[inOrder]!) <= 0) inOrder++;
  if (annotations.length - inOrder > MAX_UNSORTED_TAIL) return [...annotations].sort(compareForWriting);
  const tail = annotations.slice(inOrder).sort(compareForWriting);
  // Where each goes: after the records of the sorted part it does not come before (binary search).
  const places = tail.map((record) => {
    let low = 0;
    let high = inOrder;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareForWriting(annotations[middle]!, record) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  });
  // Inserted from the last: the places of those before stay right, and ties keep their order.
  const sorted = annotations.slice(0, inOrder);
  for (let k = tail.length - 1; k >= 0; k--) sorted.splice(places[k]!, 0, tail[k]!);
  return sorted;
}

/**
 * The sidecar with the previous text's extra top-level keys that it does not mention: callers build
 * the sidecar from the three keys they know, and must not drop keys someone wrote by hand.
 */
function withKeptExtras(sidecar: Sidecar, previous: PreparedSource): Sidecar {
  const missing = [...previous.extras].filter(([key]) => !(key in sidecar));
  return missing.length === 0 ? sidecar : Object.assign({}, sidecar, Object.fromEntries(missing));
}

/** Whether an annotation can be written and read back; the quick test, run on every record at every write. */
function isWritable(a: Annotation): boolean {
  const { id, label, start, end } = a;
  return (
    typeof id === 'string' && id !== '' && typeof label === 'string' && label !== '' &&
    Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && typeof a.text === 'string'
  );
}

/** The error for an annotation that is not writable: what is wrong with it. */
function notWritable(a: Annotation): TypeError {
  const problem =
    typeof a.id !== 'string' || a.id === ''
      ? 'id must be a non-empty string'
      : typeof a.label !== 'string' || a.label === ''
        ? 'label must be a non-empty string'
        : !Number.isSafeInteger(a.start) || !Number.isSafeInteger(a.end) || a.start < 0 || a.start > a.end
          ? 'start and end must be whole numbers with 0 <= start <= end'
          : 'text must be a string';
  return new TypeError(`cannot write annotation ${JSON.stringify(a.id)}: ${problem} (got ${JSON.stringify(a)})`);
}

function prepared(source: string, cache: SourceCache | undefined): PreparedSource {
  const remembered = cache?.recall(source);
  if (remembered) return remembered;
  const analysis = analyzeSidecar(source);
  if (!analysis.writable) {
    const reason = analysis.findings.find((f) => f.severity === 'error');
    throw new Error(
      `refusing to overwrite a sidecar that could not be read${reason ? ` (line ${reason.line}: ${reason.message})` : ''}; check readSidecar(...).writable before writing`,
    );
  }
  return prepareSource(source, analysis);
}

/** Whether a whole text reads back as the content meant to be written. */
function holds(text: string, sidecar: Sidecar, sorted: readonly Annotation[]): boolean {
  const body = stripBom(text);
  const loaded = loadSidecarData(body, splitLines(body));
  if (!loaded.ok || typeof loaded.data !== 'object' || loaded.data === null) return false;
  const data = loaded.data as Record<string, unknown>;
  const expected = headerKeys(sidecar);
  const top = Object.keys(data).filter((key) => key !== 'annotations');
  if (top.length !== expected.size || top.some((key) => expected.get(key) !== valueKey(data[key]))) return false;
  const items = Array.isArray(data['annotations']) ? (data['annotations'] as unknown[]) : [];
  return items.length === sorted.length && items.every((item, i) => typeof item === 'object' && item !== null && sameContent(item, sorted[i]!));
}

/** The comment lines (and blank lines) that open a file, kept when it is rewritten in full. */
function preamble(lines: readonly string[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    if (!/^[ \t]*(?:#.*)?$/.test(line)) break;
    kept.push(line);
  }
  return kept.length > 0 ? kept.join('\n') + '\n' : '';
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function encode(text: string, eol: LineBreak, bom: boolean): string {
  // The same string when nothing changes: the source cache knows a spliced text's bytes by that string.
  if (!bom && eol === '\n') return text;
  return (bom ? '\uFEFF' : '') + (eol === '\n' ? text : text.replace(/\n/g, eol));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
