/**
 * The first pass over a sidecar's text: refuse what must not be parsed (a file over the size limit,
 * a file with merge-conflict markers), then parse the YAML into plain data: a file in the form
 * Marginalia writes with its own parser (`canonical-load.ts`), anything else with js-yaml (about ten
 * times faster than a full `yaml` Document; see /work/shared/notes/performance.md). The core schema
 * keeps `2026-11-22T10:00:00Z` a string, and the first alias (`*name`) stops the parse: a sidecar
 * never needs one, and refusing them makes an alias bomb fail at once instead of filling memory.
 */

import * as jsyaml from 'js-yaml';
import type { Finding } from '../model';
import { loadCanonical } from './canonical-load';
import { firstEscapedByte } from './decode';
import { MAX_NESTING_DEPTH, MAX_SIDECAR_LENGTH } from './limits';

/** The outcome of loading: the parsed data, or the findings that stopped it. */
export type LoadResult =
  /** `recordLines`: the 0-based line of each item of the `annotations` block list, when the own parser read the file. */
  | { ok: true; data: unknown; recordLines?: readonly number[] | undefined }
  | { ok: false; findings: Finding[] };

/** A line that git writes into a file with a merge conflict (not `=======`, which prose may use). */
const CONFLICT_MARKER = /^(?:<{7}|>{7}|\|{7})(?: |$)/;

/**
 * Parse a sidecar's text (without a byte-order mark) into plain data.
 * @param source the whole file
 * @param lines the same text split into lines, without line terminators
 */
export function loadSidecarData(source: string, lines: readonly string[]): LoadResult {
  // Marginalia's own form, read by its own parser; anything else (or any doubt) by js-yaml. The own
  // parser refuses a text with a lone surrogate (bytes that were not UTF-8) or a conflict marker (a
  // line at column 0 is a key, a simple name): a text it reads needs neither check below, and the
  // well-formedness of a text is decided once, by it or, when it refuses, by `notUtf8Finding`.
  const canonical = source.length <= MAX_SIDECAR_LENGTH ? loadCanonical(source, lines) : undefined;
  if (canonical !== undefined) return { ok: true, data: canonical.data, recordLines: canonical.recordLines };
  const notUtf8 = notUtf8Finding(source);
  if (notUtf8) return { ok: false, findings: [notUtf8] };
  if (source.length > MAX_SIDECAR_LENGTH) return { ok: false, findings: [tooLarge(source.length)] };
  // Most files have no run of seven marker characters at all: then no line needs the expression.
  const mayHaveMarkers = source.includes('<<<<<<<') || source.includes('>>>>>>>') || source.includes('|||||||');
  const conflict = mayHaveMarkers ? lines.findIndex((line) => CONFLICT_MARKER.test(line)) : -1;
  if (conflict !== -1) return { ok: false, findings: [conflictFinding(lines[conflict]!, conflict + 1)] };
  try {
    return { ok: true, data: jsyaml.load(source, loadOptions()) };
  } catch (error) {
    if (error instanceof AliasFound) return { ok: false, findings: [aliasFinding(source, error.position)] };
    if (error instanceof jsyaml.YAMLException) return { ok: false, findings: [syntaxFinding(error)] };
    throw error;
  }
}

/** Thrown from the parse listener to stop at the first alias. */
class AliasFound {
  constructor(readonly position: number) {}
}

function loadOptions(): jsyaml.LoadOptions {
  let openedAt = 0;
  const options: jsyaml.LoadOptions & { maxDepth: number } = {
    schema: jsyaml.CORE_SCHEMA,
    maxDepth: MAX_NESTING_DEPTH,
    listener(event, state) {
      if (event === 'open') openedAt = state.position;
      // An alias is the only node that closes with a value but without a kind of its own.
      else if (state.kind === null && state.result !== null && state.result !== undefined) throw new AliasFound(openedAt);
    },
  };
  return options;
}

/** The error for a text whose bytes were not all UTF-8 (see `decodeSidecar`), at its first bad byte. */
function notUtf8Finding(text: string): Finding | undefined {
  const bad = firstEscapedByte(text);
  if (!bad) return undefined;
  const what = bad.byte === undefined ? 'a lone surrogate' : `byte 0x${bad.byte.toString(16).toUpperCase()}`;
  return {
    severity: 'error',
    code: 'not-utf8',
    message:
      `the sidecar is not valid UTF-8 (${what}); it is neither read nor rewritten: convert it to UTF-8 ` +
      '(e.g. `iconv -f latin1 -t utf-8`, for a file saved in Latin-1) and check it again',
    ...lineColumnAt(text, bad.offset),
  };
}

function tooLarge(length: number): Finding {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return {
    severity: 'error',
    code: 'sidecar-too-large',
    message:
      `the sidecar has ${mb(length)} M characters, over the limit of ${mb(MAX_SIDECAR_LENGTH)} M; ` +
      'it is neither read nor rewritten: split the document into smaller files or remove annotations by hand',
    line: 1,
    column: 1,
  };
}

function conflictFinding(line: string, lineNumber: number): Finding {
  return {
    severity: 'error',
    code: 'conflict-markers',
    message:
      `resolve the merge conflict (${line.slice(0, 7)} at line ${lineNumber}) before editing annotations: ` +
      'keep the records of both sides and delete the marker lines (or set up `marginalia merge-driver`)',
    line: lineNumber,
    column: 1,
  };
}

function syntaxFinding(error: jsyaml.YAMLException): Finding {
  const mark = (error as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
  const reason = error.reason.startsWith('nesting exceeded')
    ? `values are nested more than ${MAX_NESTING_DEPTH} levels deep`
    : `YAML syntax error: ${error.reason}`;
  return {
    severity: 'error',
    code: 'yaml-syntax',
    message: `${reason}; fix the file by hand (it is not rewritten until it parses)`,
    line: (mark?.line ?? 0) + 1,
    column: (mark?.column ?? 0) + 1,
  };
}

function aliasFinding(source: string, openedAt: number): Finding {
  const at = aliasPosition(source, openedAt);
  const { line, column } = lineColumnAt(source, at);
  const name = /^\*[^\s,[\]{}]*/.exec(source.slice(at, at + 200))?.[0] ?? 'an alias';
  return {
    severity: 'error',
    code: 'yaml-alias',
    message: `YAML aliases are not allowed in a sidecar (${name}); write the value out in full (the file is not rewritten until then)`,
    line,
    column,
  };
}

/** The `*` of the alias whose node opened at `from`: skip the white space and comments before it. */
function aliasPosition(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    const c = source[i];
    if (c === '*') return i;
    if (c === '#') {
      const eol = source.indexOf('\n', i);
      i = eol === -1 ? source.length : eol;
    } else i++;
  }
  return from;
}

/**
 * The 1-based line and column of a UTF-16 offset.
 * @param source the text
 * @param offset the offset
 */
export function lineColumnAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
