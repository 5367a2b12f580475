import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

/** Each bad sidecar under test/fixtures/sidecar/bad/ and the finding it must produce. */
const CASES: {
  fixture: string;
  code: string;
  line: number;
  column?: number;
  writable: boolean;
  severity?: 'error' | 'warning';
  says?: RegExp;
}[] = [
  { fixture: 'syntax-error', code: 'yaml-syntax', line: 6, writable: false, says: /indentation/ },
  { fixture: 'conflict-markers', code: 'conflict-markers', line: 7, column: 1, writable: false, says: /resolve the merge conflict \(<<<<<<< at line 7\)/ },
  { fixture: 'string-offset', code: 'wrong-type', line: 11, column: 12, writable: false, says: /start must be a whole number of code points, got "12a"/ },
  { fixture: 'list-for-map', code: 'wrong-type', line: 9, writable: false, says: /attributes must be a map .* got a list/ },
  { fixture: 'record-not-map', code: 'wrong-type', line: 9, writable: false, says: /each annotation must be a map/ },
  { fixture: 'id-number', code: 'wrong-type', line: 4, column: 9, writable: false, says: /put it in quotes \('12345678'\)/ },
  { fixture: 'missing-text', code: 'missing-key', line: 4, writable: false, says: /no text/ },
  { fixture: 'bad-status', code: 'wrong-type', line: 9, writable: false, says: /status can only be orphaned/ },
  { fixture: 'negative-offset', code: 'invalid-offset', line: 6, column: 12, writable: false, says: /must not be negative, got -4/ },
  { fixture: 'reversed-offsets', code: 'invalid-offset', line: 11, writable: false, says: /start \(35\) is after end \(30\)/ },
  { fixture: 'empty-span', code: 'empty-span', line: 12, column: 10, writable: true, says: /covers no text \(start = end = 30\)/ },
  { fixture: 'duplicate-ids', code: 'duplicate-id', line: 9, writable: true, says: /also used by the record at line 4/ },
  { fixture: 'alias-bomb', code: 'yaml-alias', line: 4, column: 8, writable: false, says: /aliases are not allowed .*\*a/ },
  { fixture: 'deep-nesting', code: 'yaml-syntax', line: 3, writable: false, says: /nested more than 32 levels/ },
  { fixture: 'newer-version', code: 'unsupported-version', line: 1, writable: false, says: /format 2, newer/ },
  { fixture: 'missing-version', code: 'missing-key', line: 1, writable: false, says: /marginalia: 1/ },
  { fixture: 'not-a-map', code: 'wrong-type', line: 1, writable: false, says: /must be a map/ },
  { fixture: 'document-escapes', code: 'document-path', line: 2, column: 11, writable: true, says: /without "\.\."/ },
  { fixture: 'hostile-id', code: 'invalid-id', line: 4, column: 9, writable: false, says: /id must be 1 to 64 ASCII letters, digits, "_" or "-", got "x` !\[p\]/ },
  { fixture: 'hostile-label', code: 'invalid-label', line: 10, column: 12, writable: false, says: /label must be a label name .* got "claim\]\(command:/ },
  { fixture: 'unknown-key', code: 'unknown-key', line: 9, column: 5, writable: true, severity: 'warning', says: /did you mean "label"/ },
];

describe('bad sidecars: a finding with its line, never an exception', () => {
  for (const c of CASES) {
    test(`${c.fixture}: ${c.code} at line ${c.line}`, () => {
      const source = sidecarFixture('bad', `${c.fixture}.annotations.yaml`);
      const result = readSidecar(source);
      const finding = result.findings.find((f) => f.code === c.code);
      assert.ok(finding, `expected a ${c.code} finding, got ${JSON.stringify(result.findings)}`);
      assert.equal(finding.line, c.line);
      if (c.column !== undefined) assert.equal(finding.column, c.column);
      assert.equal(finding.severity, c.severity ?? 'error');
      if (c.says) assert.match(finding.message, c.says);
      assert.equal(result.writable, c.writable);
    });
  }

  test('a sidecar that is not writable is never overwritten: writeSidecar throws', () => {
    for (const c of CASES.filter((c) => !c.writable)) {
      const source = sidecarFixture('bad', `${c.fixture}.annotations.yaml`);
      const sidecar = readSidecar(source).sidecar ?? { version: 1, document: 'doc.txt', annotations: [] };
      assert.throws(() => writeSidecar(sidecar, source), /refusing to overwrite/, c.fixture);
    }
  });

  test('a record that cannot be read is left out of the content and reported, the others are read', () => {
    const result = readSidecar(sidecarFixture('bad', 'string-offset.annotations.yaml'));
    assert.deepEqual(
      result.sidecar?.annotations.map((a) => a.id),
      ['0a1b2c3d'],
    );
    assert.equal(result.findings.filter((f) => f.severity === 'error').length, 1);
  });

  test('duplicate ids: both records are kept, and recordLines points at the first', () => {
    const result = readSidecar(sidecarFixture('bad', 'duplicate-ids.annotations.yaml'));
    assert.equal(result.sidecar?.annotations.length, 2);
    assert.equal(result.recordLines.get('0a1b2c3d'), 4);
  });

  test('an empty file is not an error: nothing to read, nothing to lose', () => {
    const result = readSidecar('');
    assert.equal(result.sidecar, undefined);
    assert.equal(result.writable, true);
    assert.deepEqual(
      result.findings.map((f) => [f.severity, f.code]),
      [['warning', 'empty-sidecar']],
    );
  });
});
