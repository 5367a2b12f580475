// Relations in the sidecar: a block list under the record, after attributes; each relation written
// `type`, `to`, `document`, then any other key, sorted; read back as written; checked when read.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation, Relation } from '../../../src/core/model';
import { relationPlaces } from '../../../src/core/sidecar/positions';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

const RELATED = sidecarFixture('relations', 'related.annotations.yaml');

test('relations are read as written, a key set to nothing left out, other keys kept and reported', () => {
  const read = readSidecar(RELATED);
  assert.equal(read.writable, true);
  const quote = read.sidecar!.annotations.find((a) => a.id === 'q1')!;
  assert.deepEqual(quote.relations, [
    { type: 'said-by', to: 's1' },
    { type: 'same-as', to: 'q9', document: '../2022/other.txt', confidence: 'high' },
  ]);
  assert.deepEqual(
    read.findings.map((f) => [f.severity, f.code, f.line, f.annotationId]),
    [['warning', 'unknown-key', 14, 'q1']],
  );
  assert.match(read.findings[0]!.message, /"confidence" in a relation; it is kept/);
});

test('a relation is written in canonical order after attributes, and the file is given back byte for byte', () => {
  const annotation: Annotation = {
    id: 'a1',
    label: 'quote',
    start: 0,
    end: 5,
    text: 'Hello',
    note: 'checked',
    attributes: { speaker: 'Smith' },
    relations: [{ zeta: 1, document: 'b.txt', to: 'b2', type: 'same-as' } as Relation, { type: 'said-by', to: 's1' }],
  };
  const text = writeSidecar({ version: 1, document: 'a.txt', annotations: [annotation] });
  assert.equal(
    text,
    [
      'marginalia: 1',
      'document: a.txt',
      'annotations:',
      '  - id: a1',
      '    label: quote',
      '    start: 0',
      '    end: 5',
      '    text: Hello',
      '    attributes:',
      '      speaker: Smith',
      '    relations:',
      '      - type: same-as',
      '        to: b2',
      '        document: b.txt',
      '        zeta: 1',
      '      - type: said-by',
      '        to: s1',
      '    note: checked',
      '',
    ].join('\n'),
  );
  assert.deepEqual(readSidecar(text).sidecar!.annotations, [annotation]);
  assert.equal(writeSidecar(readSidecar(RELATED).sidecar!, RELATED), RELATED, 'an unchanged file keeps its bytes and comments');
});

test('a relation added, changed or removed rewrites that record only, keeping the comments of the others', () => {
  const { sidecar } = readSidecar(RELATED);
  const [quote, speaker] = sidecar!.annotations as [Annotation, Annotation];
  const added = writeSidecar({ ...sidecar!, annotations: [quote, { ...speaker, relations: [{ type: 'same-as', to: 'q1' }] }] }, RELATED);
  assert.ok(added.startsWith(RELATED.slice(0, RELATED.indexOf('  - id: s1'))), added);
  assert.ok(added.endsWith('    text: Smith\n    relations:\n      - type: same-as\n        to: q1\n'), added);
  const removed = writeSidecar({ ...sidecar!, annotations: [{ ...quote, relations: [quote.relations![0]!] }, speaker] }, RELATED);
  assert.deepEqual(readSidecar(removed).sidecar!.annotations[0]!.relations, [{ type: 'said-by', to: 's1' }]);
  assert.ok(removed.includes('# The quote and who said it.'), removed);
  const none = writeSidecar({ ...sidecar!, annotations: [{ ...quote, relations: undefined }, speaker] }, RELATED);
  assert.doesNotMatch(none, /relations|said-by|same-as/);
  assert.equal(readSidecar(none).sidecar!.annotations[0]!.note, 'kept');
});

test('a relations value that cannot be taken as it is makes its record unread and the file read-only, with the reason', () => {
  const read = readSidecar(sidecarFixture('relations', 'bad-relations.annotations.yaml'));
  assert.equal(read.writable, false);
  assert.deepEqual(read.sidecar!.annotations, []);
  const byRecord = (id: string) => read.findings.filter((f) => f.annotationId === id).map((f) => [f.code, f.line]);
  assert.deepEqual(byRecord('a1'), [['wrong-type', 9]], 'not a list');
  assert.deepEqual(byRecord('a2'), [['wrong-type', 16]], 'an item not a map');
  assert.deepEqual(byRecord('a3'), [['missing-key', 23]], 'no type');
  assert.deepEqual(byRecord('a4'), [['invalid-id', 30]], 'to not an id');
  assert.deepEqual(byRecord('a5'), [['wrong-type', 38]], 'document not text');
  assert.match(read.findings.find((f) => f.annotationId === 'a3')!.message, /relation 1 has no type/);
});

test('the place of each relation, for findings: its item, whatever the line ends; nothing for a record or relation not there', () => {
  for (const text of [RELATED, RELATED.replace(/\n/g, '\r\n'), RELATED.replace(/\n/g, '\r')]) {
    const placeOf = relationPlaces(text);
    assert.deepEqual(placeOf(5, 0), { line: 11, column: 9 });
    assert.deepEqual(placeOf(5, 1), { line: 14, column: 9 });
    assert.equal(placeOf(5, 2), undefined);
    assert.equal(placeOf(19, 0), undefined, 'a record without relations');
    assert.equal(placeOf(2, 0), undefined, 'not a record line');
  }
});
