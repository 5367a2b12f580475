// JSON Lines for the doccano and Prodigy parsers: one JSON object per non-blank line, every other
// line a problem naming its line; and the small readers of a record's fields.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isObject, isOffset, jsonLines, sourceCandidates } from '../../../src/core/import/jsonl';
import type { ImportProblem } from '../../../src/core/import/types';

test('each object line is read with its origin; blank lines are skipped; CRLF and a BOM are fine', () => {
  const problems: ImportProblem[] = [];
  const records = [...jsonLines('\uFEFF{"a":1}\r\n\r\n  {"b":"😀"}  \n', 'x.jsonl', problems)];
  assert.deepEqual(records, [
    { value: { a: 1 }, origin: 'x.jsonl:1' },
    { value: { b: '😀' }, origin: 'x.jsonl:3' },
  ]);
  assert.deepEqual(problems, []);
});

test('a line that is not JSON, or JSON but not an object, is a problem at its line; the others are still read', () => {
  const problems: ImportProblem[] = [];
  const records = [...jsonLines('{"a":1}\nnot json\n[1,2]\nnull\n{"b":2}', 'x.jsonl', problems)];
  assert.deepEqual(records.map((r) => r.origin), ['x.jsonl:1', 'x.jsonl:5']);
  assert.deepEqual(problems.map((p) => p.origin), ['x.jsonl:2', 'x.jsonl:3', 'x.jsonl:4']);
  assert.match(problems[0]!.message, /not valid JSON/);
  assert.match(problems[1]!.message, /expected a JSON object/);
});

test('an empty file gives no records and no problems', () => {
  const problems: ImportProblem[] = [];
  assert.deepEqual([...jsonLines('', 'x.jsonl', problems)], []);
  assert.deepEqual(problems, []);
});

test('objects are maps, not arrays or null', () => {
  assert.equal(isObject({}), true);
  for (const value of [null, [], 'x', 1, undefined]) assert.equal(isObject(value), false);
});

test('the source is meta.source when it is text, else the top-level source; empty gives none', () => {
  assert.deepEqual(sourceCandidates({ meta: { source: 'a.txt' }, source: 'b.txt' }), ['a.txt']);
  assert.deepEqual(sourceCandidates({ meta: { source: 3 }, source: 'b.txt' }), ['b.txt']);
  assert.deepEqual(sourceCandidates({ source: '' }), []);
  assert.deepEqual(sourceCandidates({}), []);
});

test('an offset is a whole number, zero or more', () => {
  for (const value of [0, 7, 2 ** 40]) assert.equal(isOffset(value), true);
  for (const value of [-1, 1.5, NaN, Infinity, '3', null]) assert.equal(isOffset(value), false);
});
