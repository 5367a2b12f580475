/**
 * Everything known about a sidecar's text: the typed content and findings the reader returns, plus
 * the line layout the writer needs to splice new records into the old file.
 */

import { layoutMatches, scanLayout, type SidecarLayout } from './layout';
import { loadSidecarData } from './load';
import { positionsFromDocument, positionsFromLayout, type SidecarPositions } from './positions';
import { validateSidecar, type ValidatedSidecar } from './validate';

/** The reader's result with the layout behind it. */
export interface SidecarAnalysis extends ValidatedSidecar {
  /** The line layout, when the file is in a block style the scan follows and it matches the data. */
  layout: SidecarLayout | undefined;
  /** The file's lines, without line terminators and without the byte-order mark. */
  lines: string[];
  /** The file's line break, which a rewrite keeps: LF, CRLF (a git autocrlf checkout) or CR (classic Mac OS). */
  eol: LineBreak;
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
  let text = bom ? source.slice(1) : source;
  const eol = lineBreakOf(text);
  // YAML reads a lone CR as a line break; the rest of the reader counts lines by LF: make it one (same offsets).
  if (eol !== '\n' && /\r(?!\n)/.test(text)) text = text.replace(/\r(?!\n)/g, '\n');
  const lines = splitLines(text);
  const loaded = loadSidecarData(text, lines);
  if (!loaded.ok) {
    return { sidecar: undefined, findings: loaded.findings, recordLines: new Map(), writable: false, items: [], clean: new Uint8Array(0), layout: undefined, lines, eol, bom, records: [] };
  }
  // The layout is scanned when first asked for (a finding's place, a write that splices the file): a
  // file without findings needs only each record's line, which the own parser gives as it reads.
  let scanned: SidecarLayout | undefined | null = null;
  const layoutOf = (): SidecarLayout | undefined => {
    if (scanned === null) {
      scanned = scanLayout(lines);
      if (scanned && !layoutMatches(scanned, loaded.data)) scanned = undefined;
    }
    return scanned;
  };
  let scannedPositions: SidecarPositions | undefined;
  const allPositions = (): SidecarPositions => {
    const layout = layoutOf();
    return (scannedPositions ??= layout ? positionsFromLayout(layout) : positionsFromDocument(text));
  };
  const positions = loaded.recordLines ? withRecordLines(loaded.recordLines, allPositions) : allPositions();
  const data = loaded.data as Record<string, unknown> | null | undefined;
  const records = Array.isArray(data?.['annotations']) ? (data['annotations'] as Record<string, unknown>[]) : [];
  const analysis = { ...validateSidecar(loaded.data, positions), lines, eol, bom, records } as SidecarAnalysis;
  return Object.defineProperty(analysis, 'layout', { get: layoutOf, enumerable: true });
}

/**
 * Positions whose record lines are known (from the own parser), the rest found when first asked for.
 * @param recordLines the 0-based line of each record
 * @param all every position, made on the first call
 */
function withRecordLines(recordLines: readonly number[], all: () => SidecarPositions): SidecarPositions {
  return {
    top: (key) => all().top(key),
    record: (index) => all().record(index),
    recordLine: (index) => (index >= 0 && index < recordLines.length ? recordLines[index]! + 1 : undefined),
  };
}

/** A line break a sidecar is written with. */
export type LineBreak = '\n' | '\r\n' | '\r';

/** The line break of a text: CRLF if it has one, else CR if its first line ends with one, else LF. */
function lineBreakOf(text: string): LineBreak {
  if (!text.includes('\r')) return '\n';
  if (text.includes('\r\n')) return '\r\n';
  return /[\r\n]/.exec(text)?.[0] === '\r' ? '\r' : '\n';
}

/**
 * A text's lines without terminators (LF or CRLF; lone CRs are made LF before); a final line break does not start another line.
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
