// loadSidecarData: the first pass over a sidecar's text. What must not be parsed is refused with a
// finding at its place; the rest becomes plain data. The findings' wording as the user sees it, on
// every bad fixture, is bad-input.test.ts's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lineColumnAt, loadSidecarData, type LoadResult } from '../../../src/core/sidecar/load';
import { MAX_NESTING_DEPTH, MAX_SIDECAR_LENGTH } from '../../../src/core/sidecar/limits';
import { sidecarFixture } from './helpers';

const load = (source: string): LoadResult => loadSidecarData(source, source.split('\n'));
const findingsOf = (result: LoadResult): [string, number, number][] => {
  assert.equal(result.ok, false, 'the load is refused');
  return result.ok ? [] : result.findings.map((f) => [f.code, f.line, f.column]);
};

test('plain YAML becomes plain data; a timestamp stays the string it is written as (the core schema)', () => {
  const result = load('marginalia: 1\ndocument: doc.txt\nannotations:\n  - id: a\n    created: 2026-11-22T10:00:00Z\n');
  assert.deepEqual(result, { ok: true, data: { marginalia: 1, document: 'doc.txt', annotations: [{ id: 'a', created: '2026-11-22T10:00:00Z' }] } });
});

test(`a sidecar over ${MAX_SIDECAR_LENGTH} characters is refused before parsing, at line 1`, () => {
  const record = '  - id: 0a1b2c3d\n    label: claim\n    start: 10\n    end: 20\n    text: ten chars!\n';
  const source = 'marginalia: 1\ndocument: doc.txt\nannotations:\n' + record.repeat(Math.ceil(MAX_SIDECAR_LENGTH / record.length) + 1);
  const result = load(source);
  assert.deepEqual(findingsOf(result), [['sidecar-too-large', 1, 1]]);
  assert.match(!result.ok ? result.findings[0]!.message : '', /over the limit of 10\.0 M/);
});

test('merge-conflict markers are refused at the first marker line; a line of = signs alone is prose', () => {
  assert.deepEqual(findingsOf(load('marginalia: 1\n<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> theirs\n')), [['conflict-markers', 2, 1]]);
  assert.deepEqual(findingsOf(load('marginalia: 1\n|||||||\n')), [['conflict-markers', 2, 1]]);
  assert.equal(load('note: |\n  a\n  =======\n  b\n').ok, true);
});

test('bytes that were not UTF-8 are refused at the first one, in the own form or not, before conflict markers and the size limit', () => {
  // A byte 0xE9 as `decodeSidecar` escapes it (U+DCE9), and a lone surrogate as an editor may hold it.
  assert.deepEqual(findingsOf(load('marginalia: 1\ndocument: caf\uDCE9.txt\nannotations: []\n')), [['not-utf8', 2, 14]]);
  assert.deepEqual(findingsOf(load('marginalia: 1\n<<<<<<< HEAD\ndocument: \uD83D.txt\n')), [['not-utf8', 3, 11]]);
  const record = '  - id: 0a1b2c3d\n    label: claim\n    start: 10\n    end: 20\n    text: caf\uDCE9\n';
  const tooLarge = 'marginalia: 1\ndocument: doc.txt\nannotations:\n' + record.repeat(Math.ceil(MAX_SIDECAR_LENGTH / record.length) + 1);
  assert.deepEqual(findingsOf(load(tooLarge)), [['not-utf8', 8, 14]]);
});

test('the first alias stops the parse: the alias bomb fails at once, pointing at its *', () => {
  const result = load(sidecarFixture('bad', 'alias-bomb.annotations.yaml'));
  assert.deepEqual(findingsOf(result), [['yaml-alias', 4, 8]]);
  assert.match(!result.ok ? result.findings[0]!.message : '', /aliases are not allowed in a sidecar \(\*a\)/);
});

test('a syntax error is a finding at its line and column, never an exception', () => {
  const result = load('marginalia: 1\ndocument: [doc.txt\n');
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.findings[0]!.code, 'yaml-syntax');
  assert.match(!result.ok ? result.findings[0]!.message : '', /^YAML syntax error: .*; fix the file by hand/);
});

test(`values nested more than ${MAX_NESTING_DEPTH} levels deep are refused`, () => {
  const deep = 'a: ' + '['.repeat(MAX_NESTING_DEPTH + 2) + ']'.repeat(MAX_NESTING_DEPTH + 2) + '\n';
  const result = load(deep);
  assert.equal(!result.ok && result.findings[0]!.code, 'yaml-syntax');
  assert.match(!result.ok ? result.findings[0]!.message : '', new RegExp(`nested more than ${MAX_NESTING_DEPTH} levels deep`));
  const shallow = 'a: ' + '['.repeat(MAX_NESTING_DEPTH - 2) + ']'.repeat(MAX_NESTING_DEPTH - 2) + '\n';
  assert.equal(load(shallow).ok, true);
});

test('lineColumnAt: 1-based line and column of a UTF-16 offset', () => {
  const source = 'ab\ncd\n\nef';
  assert.deepEqual(lineColumnAt(source, 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumnAt(source, 2), { line: 1, column: 3 });
  assert.deepEqual(lineColumnAt(source, 3), { line: 2, column: 1 });
  assert.deepEqual(lineColumnAt(source, 6), { line: 3, column: 1 });
  assert.deepEqual(lineColumnAt(source, 8), { line: 4, column: 2 });
});
