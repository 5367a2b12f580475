// The canonical text of a sidecar: `marginalia`, `document`, extra top-level keys by name, then the
// records, one block each, known keys in the table's order then extra keys by name, two spaces of
// indentation, one line per scalar. Whatever is emitted reads back as the same data.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { dashPrefix, emitEntry, emitRecord, emitSidecar, recordKeys, sidecarExtraKeys } from '../../../src/core/sidecar/emit';
import { ANNOTATION_KEYS } from '../../../src/core/sidecar/fields';

const BASE: Annotation = { id: 'aaaaaaaa', label: 'claim', start: 0, end: 5, text: 'Hello' };

test('a record is written with its known keys in the order of the field table, then extra keys by name', () => {
  const annotation = { note: 'n', text: 'Hello', zeta: 1, end: 5, alpha: 'x', start: 0, label: 'claim', id: 'aaaaaaaa' } as unknown as Annotation;
  assert.deepEqual(recordKeys(annotation), ['id', 'label', 'start', 'end', 'text', 'note', 'alpha', 'zeta']);
  const known = recordKeys(annotation).filter((key) => (ANNOTATION_KEYS as readonly string[]).includes(key));
  assert.deepEqual(known, ANNOTATION_KEYS.filter((key) => known.includes(key)));
});

test('keys without a value are not written', () => {
  const annotation = { ...BASE, note: undefined, entity: null } as unknown as Annotation;
  assert.deepEqual(recordKeys(annotation), ['id', 'label', 'start', 'end', 'text']);
});

test('a record puts its dash before the first key and its other keys at the key column', () => {
  assert.deepEqual(emitRecord(BASE, 2, 4), ['  - id: aaaaaaaa', '    label: claim', '    start: 0', '    end: 5', '    text: Hello']);
  assert.deepEqual(emitRecord(BASE, 0, 4).slice(0, 2), ['-   id: aaaaaaaa', '    label: claim']);
  assert.equal(dashPrefix(2, 4), '  - ');
  assert.equal(dashPrefix(0, 2), '- ');
});

test('an entry with a map or list value is written as a block, its keys sorted, empty ones inline', () => {
  const out: string[] = [];
  emitEntry('attributes', { value: 3, unit: 'm' }, 4, out);
  emitEntry('list', ['a', { b: 1 }], 4, out);
  emitEntry('empty', {}, 4, out);
  emitEntry('none', [], 4, out);
  emitEntry('nothing', null, 4, out);
  assert.deepEqual(out, ['    attributes:', '      unit: m', '      value: 3', '    list:', '      - a', '      - b: 1', '    empty: {}', '    none: []', '    nothing: null']);
});

test('a value a sidecar cannot hold is refused, not written as something else', () => {
  assert.throws(() => emitEntry('f', () => 1, 0, []), TypeError);
  assert.throws(() => emitEntry('b', 1n, 0, []), TypeError);
});

test('an empty sidecar is written with an empty list', () => {
  assert.equal(emitSidecar({ version: 1, document: 'a.txt', annotations: [] }, []), 'marginalia: 1\ndocument: a.txt\nannotations: []\n');
});

test('the whole sidecar: header, extra keys by name, records in the order given, one final line break', () => {
  const second: Annotation = { id: 'bbbbbbbb', label: 'quote', start: 6, end: 8, text: '😀\n', attributes: { speaker: 'yes' } };
  const sidecar = { version: 1, document: 'a b.txt', annotations: [BASE, second], zz: 1, source: { outlet: 'X' } } as unknown as Sidecar;
  assert.deepEqual(sidecarExtraKeys(sidecar), ['source', 'zz']);
  const text = emitSidecar(sidecar, [second, BASE]);
  assert.equal(
    text,
    [
      'marginalia: 1',
      'document: a b.txt',
      'source:',
      '  outlet: X',
      'zz: 1',
      'annotations:',
      '  - id: bbbbbbbb',
      '    label: quote',
      '    start: 6',
      '    end: 8',
      '    text: "😀\\n"',
      '    attributes:',
      "      speaker: 'yes'",
      '  - id: aaaaaaaa',
      '    label: claim',
      '    start: 0',
      '    end: 5',
      '    text: Hello',
      '',
    ].join('\n'),
  );
  assert.deepEqual(parseYaml(text), { marginalia: 1, document: 'a b.txt', source: { outlet: 'X' }, zz: 1, annotations: [second, BASE] });
});
