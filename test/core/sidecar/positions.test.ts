// Where a sidecar's parts are, for findings: from the line layout of a block-style file, or from a
// full parse of any other. Both must give the same places.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { scanLayout } from '../../../src/core/sidecar/layout';
import { positionsFromDocument, positionsFromLayout, type SidecarPositions } from '../../../src/core/sidecar/positions';

const BLOCK = [
  'marginalia: 1',
  'document: doc.txt',
  'annotations:',
  '  - id: a1',
  '    label: claim',
  '    start: 0',
  '    end: 4',
  '    text: Rain',
  '  # a comment between records',
  '  - id: b2',
  '    label: quote',
  '    note:',
  '    start: 5',
  '    end: 9',
  '    text: fell',
  '',
].join('\n');

function fromLayout(source: string): SidecarPositions {
  const layout = scanLayout(source.split('\n'));
  assert.ok(layout, 'the line scan follows a block-style file');
  return positionsFromLayout(layout);
}

for (const [how, positionsOf] of [
  ['the line layout', fromLayout],
  ['a full parse', positionsFromDocument],
] as const) {
  test(`${how}: top-level entries, records and their entries at 1-based lines and columns`, () => {
    const positions = positionsOf(BLOCK);
    assert.deepEqual(positions.top('document'), { key: { line: 2, column: 1 }, value: { line: 2, column: 11 } });
    assert.equal(positions.top('source'), undefined);
    assert.equal(positions.record(1)?.place.line, 10);
    assert.deepEqual(positions.record(1)?.entry('start'), { key: { line: 13, column: 5 }, value: { line: 13, column: 12 } });
    assert.deepEqual(positions.record(0)?.entry('text'), { key: { line: 8, column: 5 }, value: { line: 8, column: 11 } });
    assert.equal(positions.record(0)?.entry('note'), undefined);
    assert.deepEqual([positions.recordLine(0), positions.recordLine(1), positions.recordLine(2)], [4, 10, undefined]);
    assert.equal(positions.record(2), undefined);
    assert.equal(positions.record(-1), undefined);
  });

  test(`${how}: an entry with an empty value is placed at its key`, () => {
    const note = positionsOf(BLOCK).record(1)?.entry('note');
    assert.deepEqual(note?.value, note?.key);
    assert.deepEqual(note?.key, { line: 12, column: 5 });
  });
}

test('the line layout places a record at its dash', () => {
  assert.deepEqual(fromLayout(BLOCK).record(1)?.place, { line: 10, column: 3 });
});

test('a flow-style file, which the line scan does not follow, is placed by the full parse', () => {
  const source = 'marginalia: 1\ndocument: doc.txt\nannotations: [{id: a1, label: claim, start: 0, end: 4, text: Rain},\n  {id: b2, label: quote, start: 5, end: 9, text: fell}]\n';
  const positions = positionsFromDocument(source);
  assert.deepEqual([positions.recordLine(0), positions.recordLine(1)], [3, 4]);
  assert.deepEqual(positions.record(1)?.entry('start')?.value, { line: 4, column: 33 });
});
