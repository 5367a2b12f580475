/**
 * Everything known about a sidecar's text: the typed content and findings the reader returns, plus
 * the line layout the writer needs to splice new records into the old file.
 */

import { layoutMatches, scanLayout, type SidecarLayout } from './layout';
import { loadSidecarData } from './load';
import { positionsFromDocument, positionsFromLayout } from './positions';
import { validateSidecar, type ValidatedSidecar } from './validate';

/** The reader's result with the layout behind it. */
export interface SidecarAnalysis extends ValidatedSidecar {
  /** The line layout, when the file is in a block style the scan follows and it matches the data. */
  layout: SidecarLayout | undefined;
  /** The file's lines, without line terminators and without the byte-order mark. */
  lines: string[];
  /** Whether the file uses CRLF line ends (a git autocrlf checkout). */
  crlf: boolean;
  /** Whether the file starts with a byte-order mark. */
  bom: boolean;
  /** The items of the `annotations` list as parsed, in file order (never given to callers of the reader). */
  records: Record<string, unknown>[];
}

/**
 * Analyse a sidecar's text. Never throws on bad input.
 * @param source the file's whole text
 */
export function analyzeSidecar(source: string): SidecarAnalysis {
  const bom = source.charCodeAt(0) === 0xfeff;
  // A lone CR ends a line in YAML (classic Mac line ends): read as LF, one character for one, so every
  // line number and offset is the file's own. A rewrite writes LF.
  const body = bom ? source.slice(1) : source;
  const text = body.includes('\r') ? body.replace(/\r(?!\n)/g, '\n') : body; // tested first: the replace costs ms on a large file
  const crlf = text.includes('\r\n');
  const lines = splitLines(text);
  const loaded = loadSidecarData(text, lines);
  if (!loaded.ok) {
    return { sidecar: undefined, findings: loaded.findings, recordLines: new Map(), writable: false, items: [], clean: new Uint8Array(0), layout: undefined, lines, crlf, bom, records: [] };
  }
  let layout = scanLayout(lines);
  if (layout && !layoutMatches(layout, loaded.data)) layout = undefined;
  const positions = layout ? positionsFromLayout(layout) : positionsFromDocument(text);
  const data = loaded.data as Record<string, unknown> | null | undefined;
  const records = Array.isArray(data?.['annotations']) ? (data['annotations'] as Record<string, unknown>[]) : [];
  return { ...validateSidecar(loaded.data, positions), layout, lines, crlf, bom, records };
}

/**
 * A text's lines without terminators (LF or CRLF); a final line break does not start another line.
 * @param text the text
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}
