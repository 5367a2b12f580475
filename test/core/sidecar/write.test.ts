import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { compareAnnotations, writeSidecar } from '../../../src/core/sidecar/write';
import { fixturePath } from '../../fixture-path';
import { sidecarFixture } from './helpers';

/** The record keys in the order the format writes them. */
const KEY_ORDER = ['id', 'label', 'start', 'end', 'text', 'prefix', 'suffix', 'entity', 'attributes', 'relations', 'note', 'author', 'created', 'status'];

function golden(): Sidecar {
  return JSON.parse(sidecarFixture('golden', 'content.json')) as Sidecar;
}

function sortedCopy(sidecar: Sidecar): Sidecar {
  return { ...sidecar, annotations: [...sidecar.annotations].sort(compareAnnotations) };
}

/** The same annotation with its keys inserted in reverse order. */
function reversedKeys(annotation: Annotation): Annotation {
  return Object.fromEntries(Object.entries(annotation).reverse()) as unknown as Annotation;
}

describe('writeSidecar without a previous text', () => {
  test('writes exactly the golden bytes (set UPDATE=1 to regenerate after a deliberate format change)', () => {
    const written = writeSidecar(golden());
    const path = fixturePath('sidecar', 'golden', 'expected.annotations.yaml');
    if (process.env['UPDATE']) fs.writeFileSync(path, written);
    assert.equal(written, fs.readFileSync(path, 'utf8'));
  });

  test('reading the golden file gives back the content, records sorted', () => {
    const { sidecar, findings } = readSidecar(sidecarFixture('golden', 'expected.annotations.yaml'));
    assert.deepEqual(sidecar, sortedCopy(golden()));
    assert.deepEqual(
      findings.map((f) => [f.code, f.annotationId]),
      [['unknown-key', '00c0ffee']],
      'the extra reviewed_by key is reported, nothing else',
    );
  });

  test('the same content gives the same bytes whatever the order of records and keys', () => {
    const content = golden();
    const expected = writeSidecar(content);
    const shuffled = { ...content, annotations: [...content.annotations].reverse().map(reversedKeys) };
    assert.equal(writeSidecar(shuffled), expected);
    const rotated = { ...content, annotations: [...content.annotations.slice(2), ...content.annotations.slice(0, 2)] };
    assert.equal(writeSidecar(rotated), expected);
  });

  test('records come out sorted by start, then end, then id', () => {
    const written = readSidecar(writeSidecar(golden())).sidecar!.annotations;
    for (let i = 1; i < written.length; i++) assert.ok(compareAnnotations(written[i - 1]!, written[i]!) < 0, `records ${i - 1} and ${i}`);
    assert.deepEqual(
      written.map((a) => a.id),
      ['a0b1c2d2', 'a0b1c2d3', '12345678', '00c0ffee', '5f2c9e1a'],
    );
  });

  test('one block per record: "  - id:" first, then its keys in the fixed order, indented by four', () => {
    const lines = writeSidecar(golden()).split('\n');
    const records: string[][] = [];
    for (const line of lines.slice(3, -1)) {
      if (line.startsWith('  - ')) records.push([line.slice(4)]);
      else if (line.startsWith('    ') && !line.startsWith('      ')) records[records.length - 1]!.push(line.slice(4));
      else assert.match(line, /^ {6}\S|^ {8}\S/, 'only attribute entries and relations are indented further');
    }
    assert.equal(records.length, 5);
    for (const record of records) {
      const keys = record.map((line) => line.slice(0, line.indexOf(':')));
      assert.equal(keys[0], 'id');
      const known = keys.filter((key) => KEY_ORDER.includes(key));
      assert.deepEqual(known, [...known].sort((a, b) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b)));
      assert.deepEqual(keys.slice(known.length), keys.filter((key) => !KEY_ORDER.includes(key)), 'extra keys come last');
    }
  });

  test('long text stays on one line, and Unicode is written as it is', () => {
    const text = 'Ryabkov said “we are ready” — 😀 '.repeat(60).trim();
    const written = writeSidecar({ version: 1, document: 'd.txt', annotations: [{ id: 'aaaaaaaa', label: 'quote', start: 0, end: 1, text }] });
    assert.ok(written.includes(`    text: ${text}\n`));
    assert.doesNotMatch(written, /\\u|\\x/);
  });

  test('strings that look like other YAML types are quoted and read back as strings', () => {
    const tricky = ['yes', 'No', 'on', 'null', '~', 'true', '12', '0x1F', '1e3', '.inf', '1:20', '2026-11-22', '2026-11-22T10:00:00Z', '', ' padded ', '- dash', '# hash', 'a: b', 'c #d', '@at', '`tick`', "it's", '"quoted"'];
    const annotations = tricky.map((value, i) => ({ id: `0000000${i % 10}${i}`, label: 'claim', start: i, end: i, text: value, note: value, attributes: { v: value } }));
    const sidecar = { version: 1, document: 'd.txt', annotations };
    const back = readSidecar(writeSidecar(sidecar)).sidecar!;
    assert.deepEqual(back, sortedCopy(sidecar));
    assert.match(writeSidecar(sidecar), /note: '2026-11-22T10:00:00Z'\n/);
  });

  test('line breaks and control characters are escaped in double quotes; nothing else is', () => {
    const written = writeSidecar({
      version: 1,
      document: 'd.txt',
      annotations: [{ id: 'aaaaaaaa', label: 'quote', start: 0, end: 9, text: 'one\ntwo\tthree\u0007 “ok”' }],
    });
    assert.ok(written.includes('    text: "one\\ntwo\\tthree\\a “ok”"\n'));
  });

  test('no annotations: an empty list', () => {
    assert.equal(writeSidecar({ version: 1, document: 'd.txt', annotations: [] }), 'marginalia: 1\ndocument: d.txt\nannotations: []\n');
  });

  test('compareAnnotations orders by start, then end, then id', () => {
    const a = (id: string, start: number, end: number) => ({ id, label: 'claim', start, end, text: '' });
    assert.ok(compareAnnotations(a('b', 1, 5), a('a', 2, 3)) < 0);
    assert.ok(compareAnnotations(a('b', 1, 3), a('a', 1, 5)) < 0);
    assert.ok(compareAnnotations(a('a', 1, 5), a('b', 1, 5)) < 0);
    assert.equal(compareAnnotations(a('a', 1, 5), a('a', 1, 5)), 0);
  });

  test('an annotation that could not be read back is refused with a TypeError, so the file never becomes read-only', () => {
    const base = { id: 'aaaaaaaa', label: 'claim', start: 1, end: 2, text: 'x' };
    for (const bad of [{ id: '' }, { label: 7 }, { start: -1 }, { start: 3 }, { end: 1.5 }, { text: undefined }]) {
      const annotation = { ...base, ...bad } as unknown as Annotation;
      assert.throws(() => writeSidecar({ version: 1, document: 'd.txt', annotations: [annotation] }), TypeError, JSON.stringify(bad));
    }
  });
});
