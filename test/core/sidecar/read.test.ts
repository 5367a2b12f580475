import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

/** 1-based lines of the `- id: <id>` lines of a text, found by a plain text search. */
function dashLines(source: string): Map<string, number> {
  const lines = new Map<string, number>();
  source.split('\n').forEach((line, i) => {
    const match = /^\s*-\s+id:\s*(\S+)/.exec(line);
    if (match) lines.set(match[1]!, i + 1);
  });
  return lines;
}

describe('readSidecar', () => {
  test('reads a hand-commented sidecar: values, comments ignored, no findings', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml');
    const { sidecar, findings, writable, recordLines } = readSidecar(source);
    assert.deepEqual(findings, []);
    assert.equal(writable, true);
    assert.equal(sidecar?.version, 1);
    assert.equal(sidecar?.document, 'doc.txt');
    assert.deepEqual(sidecar?.annotations[1], {
      id: 'e5f2f67d',
      label: 'quote',
      start: 936,
      end: 947,
      text: 'as early as',
      attributes: { speaker: 'Sergei Ryabkov' },
      created: '2026-11-22T10:05:00Z',
    });
    assert.deepEqual(recordLines, dashLines(source));
  });

  test('an unquoted YAML timestamp is read as the string it is written as', () => {
    const { sidecar } = readSidecar(sidecarFixture('read', 'commented.annotations.yaml'));
    assert.equal(sidecar?.annotations[0]?.created, '2026-11-22T10:00:00Z');
    assert.equal(typeof sidecar?.annotations[0]?.created, 'string');
  });

  test('block scalars (literal, folded, chomping) are read as YAML defines them', () => {
    const source = sidecarFixture('read', 'block-scalars.annotations.yaml');
    const { sidecar, recordLines } = readSidecar(source);
    const [first] = sidecar!.annotations;
    assert.equal(first?.prefix, 'scow, Dec 17 (AFP) Dec 17, 2021\n');
    assert.equal(first?.suffix, '.\n\nThe far-reaching proposals, w');
    assert.equal(first?.note, 'A folded note on two lines.');
    assert.deepEqual(recordLines, dashLines(source));
  });

  test('records indented at column 0 under annotations are read, with their lines', () => {
    const source = sidecarFixture('read', 'compact.annotations.yaml');
    const { sidecar, recordLines } = readSidecar(source);
    assert.deepEqual(
      sidecar?.annotations.map((a) => a.id),
      ['0a1b2c3d', '1b2c3d4e'],
    );
    assert.deepEqual(recordLines, new Map([['0a1b2c3d', 4], ['1b2c3d4e', 9]]));
  });

  test('flow style is read too, and record lines come from a full parse', () => {
    const { sidecar, recordLines, findings } = readSidecar(sidecarFixture('read', 'flow.annotations.yaml'));
    assert.deepEqual(findings, []);
    assert.deepEqual(sidecar?.annotations[1]?.attributes, { speaker: 'Ana' });
    assert.deepEqual(recordLines, new Map([['0a1b2c3d', 3], ['1b2c3d4e', 4]]));
  });

  test('a finding in a flow-style file still points at its line', () => {
    const source = sidecarFixture('read', 'flow.annotations.yaml').replace('start: 30', 'start: thirty');
    const finding = readSidecar(source).findings.find((f) => f.code === 'wrong-type');
    assert.equal(finding?.line, 4);
  });

  test('unknown keys are kept (in the record and at the top) and reported as warnings with their lines', () => {
    const { sidecar, findings, writable } = readSidecar(sidecarFixture('read', 'unknown-keys.annotations.yaml'));
    assert.equal(writable, true);
    const record = sidecar!.annotations[0] as unknown as Record<string, unknown>;
    assert.equal(record['lable'], 'typo');
    assert.equal(record['confidence'], 0.8);
    assert.deepEqual(record['links'], ['https://example.org/a', { kind: 'wire', url: 'https://example.org/b' }]);
    assert.equal((sidecar as unknown as Record<string, unknown>)['reviewer'], 'lea');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.code, f.line]),
      [
        ['warning', 'unknown-key', 3],
        ['warning', 'unknown-key', 10],
        ['warning', 'unknown-key', 11],
        ['warning', 'unknown-key', 12],
      ],
    );
  });

  test('unknown keys survive a rewrite', () => {
    const { sidecar } = readSidecar(sidecarFixture('read', 'unknown-keys.annotations.yaml'));
    assert.deepEqual(readSidecar(writeSidecar(sidecar!)).sidecar, sidecar);
  });

  test('CRLF line ends and a byte-order mark read the same as LF, with the same lines', () => {
    for (const name of ['commented.annotations.yaml', 'flow.annotations.yaml']) {
      const lf = sidecarFixture('read', name);
      const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
      const a = readSidecar(lf);
      const b = readSidecar(crlf);
      assert.deepEqual(b.sidecar, a.sidecar, name);
      assert.deepEqual(b.recordLines, a.recordLines, name);
    }
    const bad = sidecarFixture('bad', 'string-offset.annotations.yaml');
    assert.deepEqual(readSidecar(bad.replace(/\n/g, '\r\n')).findings, readSidecar(bad).findings);
  });

  test('CR-only line ends (classic Mac) read the same as LF, with every finding on its own line', () => {
    for (const name of ['commented.annotations.yaml', 'flow.annotations.yaml']) {
      const lf = sidecarFixture('read', name);
      const a = readSidecar(lf);
      const b = readSidecar(lf.replace(/\n/g, '\r'));
      assert.deepEqual(b.sidecar, a.sidecar, name);
      assert.deepEqual(b.recordLines, a.recordLines, name);
    }
    const bad = sidecarFixture('bad', 'string-offset.annotations.yaml');
    const findings = readSidecar(bad.replace(/\n/g, '\r')).findings;
    assert.deepEqual(findings, readSidecar(bad).findings);
    assert.ok(findings.some((f) => f.line > 1), 'the findings are not all at line 1');
  });

  test('a CR-only sidecar is rewritten with LF line ends and the same content', () => {
    const lf = sidecarFixture('read', 'commented.annotations.yaml');
    const cr = lf.replace(/\n/g, '\r');
    const { sidecar } = readSidecar(cr);
    const changed = { ...sidecar!, annotations: sidecar!.annotations.map((a, i) => (i === 0 ? { ...a, note: 'edited' } : a)) };
    const written = writeSidecar(changed, cr);
    assert.equal(written.includes('\r'), false);
    assert.deepEqual(readSidecar(written).sidecar, changed);
    assert.equal(written, writeSidecar(changed, lf), 'as if the file had been LF');
  });

  test('an optional key left empty is the same as an absent one', () => {
    const source = sidecarFixture('read', 'compact.annotations.yaml').replace('  text: hello\n', '  text: hello\n  note:\n  prefix:\n');
    const { sidecar, findings } = readSidecar(source);
    assert.deepEqual(findings, []);
    assert.deepEqual(Object.keys(sidecar!.annotations[1]!), ['id', 'label', 'start', 'end', 'text']);
  });

  test('a created value that is not ISO 8601 is a warning only', () => {
    const source = sidecarFixture('read', 'compact.annotations.yaml').replace('  text: hello\n', '  text: hello\n  created: last tuesday\n');
    const { findings, writable, sidecar } = readSidecar(source);
    assert.equal(writable, true);
    assert.equal(sidecar?.annotations[1]?.created, 'last tuesday');
    assert.deepEqual(
      findings.map((f) => [f.severity, f.code, f.line]),
      [['warning', 'created-format', 14]],
    );
  });
});
