// scanLayout finds, line by line, where each top-level entry and each record of a block-style
// sidecar is, for the splicing writer; a form it does not follow gives undefined (the writer then
// rewrites the whole file). layoutMatches says whether a layout describes the parsed data.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { indentOf, layoutMatches, layoutMatchesKeys, scanLayout } from '../../../src/core/sidecar/layout';

const LINES = [
  '# made by hand',
  'marginalia: 1',
  'document: a.txt',
  'annotations:',
  '  - id: aaaaaaaa',
  '    label: claim',
  '    text: 😀 x',
  '',
  '  # the second one',
  '  -',
  '    id: bbbbbbbb',
  '    attributes:',
  '      speaker: x',
];

test('a block-style sidecar: preamble, top-level entries and records with their lines and columns', () => {
  const layout = scanLayout(LINES)!;
  assert.ok(layout);
  assert.equal(layout.preambleEnd, 1);
  assert.deepEqual(layout.top.map((e) => [e.key, e.line]), [['marginalia', 1], ['document', 2], ['annotations', 3]]);
  assert.equal(layout.top[1]!.valueColumn, 'document: '.length);
  assert.equal(layout.top[2]!.valueColumn, -1, 'the value of annotations starts on a later line');
  const span = layout.annotations!;
  assert.equal(span.block, true);
  assert.equal(span.topIndex, 2);
  const [first, second] = span.records;
  assert.deepEqual([first!.lead, first!.line, first!.dashColumn, first!.keyColumn, first!.bareDash], [4, 4, 2, 4, false]);
  assert.deepEqual(first!.keys.map((k) => k.key), ['id', 'label', 'text']);
  // The blank and comment lines above a record lead it; a bare dash puts its first key on the next line.
  assert.deepEqual([second!.lead, second!.line, second!.end, second!.bareDash], [7, 9, 13, true]);
  assert.deepEqual(second!.keys.map((k) => k.key), ['id', 'attributes']);
});

test('the layout matches the parsed data only with the same keys in the same order', () => {
  const layout = scanLayout(LINES)!;
  const data = parseYaml(LINES.join('\n')) as Record<string, unknown>;
  assert.equal(layoutMatches(layout, data), true);
  assert.equal(layoutMatchesKeys(layout, ['marginalia', 'document', 'annotations'], [['id', 'label', 'text'], ['id', 'attributes']]), true);
  assert.equal(layoutMatchesKeys(layout, ['marginalia', 'document', 'annotations'], [['id', 'text', 'label'], ['id', 'attributes']]), false);
  assert.equal(layoutMatchesKeys(layout, ['marginalia', 'document', 'annotations'], [['id', 'label', 'text']]), false);
  assert.equal(layoutMatches(layout, null), false);
});

test('an empty list and an empty file have layouts; an empty file matches no data', () => {
  const empty = scanLayout(['marginalia: 1', 'document: a.txt', 'annotations: []'])!;
  assert.equal(empty.annotations?.block, false);
  assert.deepEqual(empty.annotations?.records, []);
  const nothing = scanLayout([])!;
  assert.deepEqual(nothing.top, []);
  assert.equal(layoutMatches(nothing, null), true);
});

test('forms the scan does not follow give no layout', () => {
  assert.equal(scanLayout(['{marginalia: 1, document: a.txt, annotations: []}']), undefined);
  assert.equal(scanLayout(['marginalia: 1', 'annotations: [{id: a}]']), undefined);
});

test('indentation counts leading spaces', () => {
  assert.equal(indentOf('    key: v'), 4);
  assert.equal(indentOf('key'), 0);
});

test('keys are read the same whether they are simple names or not', () => {
  const cases: [string, string, number, number][] = [
    // line, key, afterKey, valueColumn
    ['id: x', 'id', 3, 4],
    ['a-b_9:', 'a-b_9', 6, -1],
    ['_x:\tv', '_x', 3, 4],
    ['k:   # c', 'k', 2, -1],
    ['key :  v', 'key', 5, 7],
    ['x.y: v', 'x.y', 4, 5],
    ["'q k': v", 'q k', 6, 7],
    ['"d\\u0041": v', 'dA', 10, 11],
    ['a:b: v', 'a:b', 4, 5],
  ];
  for (const [line, key, afterKey, valueColumn] of cases) {
    const entry = scanLayout([line])?.top[0];
    assert.deepEqual(entry && { key: entry.key, afterKey: entry.afterKey, valueColumn: entry.valueColumn }, { key, afterKey, valueColumn }, line);
  }
  assert.equal(scanLayout(['k:v']), undefined, 'a colon without a blank after it ends no key');
});
