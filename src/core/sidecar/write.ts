/**
 * Writing a sidecar for review: records sorted by (start, end, id), the same bytes for the same
 * content, and, given the previous text, a diff that touches only the records that changed (see
 * `splice.ts`). Every spliced result is read back and compared with what was meant to be written;
 * should they ever differ, the canonical form is written instead, so the content is always right.
 */

import type { Annotation, Sidecar } from '../model';
import { analyzeSidecar, splitLines } from './analyze';
import { contentKey, valueKey } from './content-key';
import { emitSidecar } from './emit';
import { layoutMatches, scanLayout } from './layout';
import { loadSidecarData } from './load';
import { prepareSource, spliceSidecar, topValues, type PreparedSource } from './splice';

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
 *   their bytes, and comments written by hand are kept. It must be writable (see `readSidecar`).
 * @returns the new file text, LF line ends (CRLF when the previous text used them)
 * @throws Error when `previousSource` is not writable (it could not be parsed, has merge-conflict
 *   markers, or has records that could not be read): overwriting it could lose data
 */
export function writeSidecar(sidecar: Sidecar, previousSource?: string): string {
  const keyed = sidecar.annotations.map((annotation) => ({ annotation, key: contentKey(annotation) }));
  // Ties on (start, end, id) are ordered by content, so that the bytes never depend on input order.
  keyed.sort((a, b) => compareAnnotations(a.annotation, b.annotation) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sorted = keyed.map((k) => k.annotation);
  const sortedKeys = keyed.map((k) => k.key);
  if (previousSource === undefined) return emitSidecar(sidecar, sorted);

  const previous = prepared(previousSource);
  if (previous.layout) {
    const text = encode(spliceSidecar(sidecar, sorted, sortedKeys, previous), previous.crlf, previous.bom);
    const written = verify(text, sidecar, sortedKeys);
    if (written) {
      lastWritten = written;
      return text;
    }
  }
  return encode(preamble(splitLines(stripBom(previousSource))) + emitSidecar(sidecar, sorted), previous.crlf, previous.bom);
}

/** The last text written, prepared: the next write usually passes it back as `previousSource`. */
let lastWritten: PreparedSource | undefined;

function prepared(source: string): PreparedSource {
  if (lastWritten?.source === source) return lastWritten;
  const analysis = analyzeSidecar(source);
  if (!analysis.writable) {
    const reason = analysis.findings.find((f) => f.severity === 'error');
    throw new Error(
      `refusing to overwrite a sidecar that could not be read${reason ? ` (line ${reason.line}: ${reason.message})` : ''}; check readSidecar(...).writable before writing`,
    );
  }
  return prepareSource(source, analysis);
}

/**
 * Read a spliced text back and compare it with what was meant to be written.
 * @returns the text prepared for the next write, or undefined when it does not hold the content
 */
function verify(text: string, sidecar: Sidecar, sortedKeys: readonly string[]): PreparedSource | undefined {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const lines = splitLines(body);
  const loaded = loadSidecarData(body, lines);
  if (!loaded.ok || typeof loaded.data !== 'object' || loaded.data === null) return undefined;
  const data = loaded.data as Record<string, unknown>;
  const items = Array.isArray(data['annotations']) ? (data['annotations'] as Record<string, unknown>[]) : [];
  const header = new Map(Object.entries(data).filter(([key]) => key !== 'annotations'));
  header.set('marginalia', data['marginalia']);
  const expected = topValues(sidecar);
  if (header.size !== expected.size || [...expected].some(([key, value]) => !header.has(key) || valueKey(header.get(key)) !== valueKey(value)))
    return undefined;
  if (items.length !== sortedKeys.length) return undefined;
  const itemKeys = items.map((item) => (typeof item === 'object' && item !== null ? contentKey(item) : ''));
  if (itemKeys.some((key, i) => key !== sortedKeys[i])) return undefined;
  const layout = scanLayout(lines);
  return {
    source: text,
    layout: layout && layoutMatches(layout, data) ? layout : undefined,
    header,
    items,
    itemKeys,
    crlf: body.includes('\r\n'),
    bom,
  };
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

function encode(text: string, crlf: boolean, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
}
