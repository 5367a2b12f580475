// The field table drives writing, comparing and reading: every row is written in its place, compared,
// checked and read back, so a field added to the table is handled everywhere or fails here.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../../src/core/model';
import { contentKey, sameContent } from '../../../src/core/sidecar/content-key';
import { ANNOTATION_FIELDS, ANNOTATION_KEYS, type AnnotationField } from '../../../src/core/sidecar/fields';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';

/** A record with a value in every field of the table, from the table. */
function fullRecord(): Annotation {
  const values: Record<AnnotationField['check']['kind'], unknown> = {
    text: 'x',
    offset: 3,
    'optional-text': 'y',
    attributes: { speaker: 'A', n: 2 },
    relations: [{ type: 'said-by', to: 'e5f6a7b8' }, { type: 'same-as', to: 'c9d0e1f2', document: '../other.txt' }],
    'one-of': 'orphaned',
    dispute: { side: 'B', by: 'bob', pair: 'a1b2c3d5' },
    review: { state: 'accepted', by: 'carol', at: '2026-12-04T23:00:00Z' },
  };
  const record = Object.fromEntries((ANNOTATION_FIELDS as readonly AnnotationField[]).map(({ key, check }) => [key, check.kind === 'one-of' ? check.values[0] : values[check.kind]]));
  return { ...record, id: 'a1b2c3d4', created: '2026-11-22T10:00:00Z', start: 3, end: 4 } as Annotation;
}

/** A value of another type than the field takes. */
function wrongValue(field: AnnotationField): unknown {
  return field.check.kind === 'offset' ? 'three' : field.check.kind === 'attributes' ? ['a', 'list'] : 42;
}

test('a record is written with its fields in the order of the table, and reads back the same', () => {
  const record = fullRecord();
  const text = writeSidecar({ version: 1, document: 'doc.txt', annotations: [record] });
  const keys = text
    .split('\n')
    .filter((line) => /^ {2}[- ] [a-z]+:/.test(line))
    .map((line) => line.slice(4).split(':')[0]);
  assert.deepEqual(keys, ANNOTATION_KEYS);
  const read = readSidecar(text);
  assert.deepEqual(read.findings, []);
  assert.deepEqual(read.sidecar?.annotations, [record]);
});

test('a change in any field of the table makes the record a different one', () => {
  const record = fullRecord();
  for (const field of ANNOTATION_FIELDS as readonly AnnotationField[]) {
    const changed = { ...record, [field.key]: field.check.kind === 'offset' ? 7 : field.check.kind === 'attributes' ? { speaker: 'B' } : 'other' };
    assert.equal(sameContent(record, changed), false, `${field.key} changed`);
    assert.notEqual(contentKey(record), contentKey(changed), `${field.key} changed`);
    assert.equal(sameContent(record, { ...record }), true);
  }
});

test('every field of the table is checked when read: a value of the wrong type is an error naming it, and the file is read-only', () => {
  for (const field of ANNOTATION_FIELDS as readonly AnnotationField[]) {
    const record = { ...fullRecord(), [field.key]: wrongValue(field) } as Annotation;
    const text = writeSidecar({ version: 1, document: 'doc.txt', annotations: [fullRecord()] }).replace(
      new RegExp(`^( {2}[- ] )${field.key}:.*(\\n {6}.*)*$`, 'm'),
      `$1${field.key}: ${JSON.stringify(record[field.key])}`,
    );
    const read = readSidecar(text);
    assert.equal(read.writable, false, `${field.key}: ${text}`);
    assert.ok(
      read.findings.some((f) => f.severity === 'error' && f.message.includes(field.key)),
      `${field.key}: ${JSON.stringify(read.findings)}`,
    );
  }
});
