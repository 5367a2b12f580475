import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { suggestionRecords } from '../../../src/core/suggestions/apply';
import { OffsetIndex } from '../../../src/core/text';

const TEXT = 'The army has 🚀 about 100,000 troops near the border.';
const index = new OffsetIndex(TEXT);
const at = (phrase: string) => [...TEXT.slice(0, TEXT.indexOf(phrase))].length;
const figure = { label: 'figure', start: at('100,000 troops'), end: at('100,000 troops') + 14, text: '100,000 troops', attributes: { value: 100000 }, score: 0.9 };

test('a suggestion becomes a record marked suggested, with its context and attributes', () => {
  const [record] = suggestionRecords([figure], index, new Set());
  assert.equal(record!.status, 'suggested');
  assert.deepEqual([record!.label, record!.start, record!.end, record!.text], ['figure', figure.start, figure.end, '100,000 troops']);
  assert.deepEqual(record!.attributes, { value: 100000 });
  assert.ok(record!.prefix!.endsWith('🚀 about '), record!.prefix);
  assert.ok(record!.suffix!.startsWith(' near the'), record!.suffix);
});

test('the same suggestion applied twice gets the same id; ids the sidecar uses are never taken', () => {
  const first = suggestionRecords([figure], index, new Set())[0]!.id;
  assert.equal(suggestionRecords([figure], index, new Set())[0]!.id, first);
  const taken = new Set([first]);
  const second = suggestionRecords([figure], index, taken)[0]!.id;
  assert.notEqual(second, first);
  assert.ok(taken.has(second), 'the new id is added to the ids taken');
});

test('no attributes: the record has no attributes key', () => {
  const [record] = suggestionRecords([{ ...figure, attributes: {} }], index, new Set());
  assert.equal('attributes' in record!, false);
});
