// analyzeSidecar: the reader's result plus what the writer needs to splice into the old file (its
// lines, line break, byte-order mark, layout); never throws on bad input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeSidecar, splitLines } from '../../../src/core/sidecar/analyze';

const LINES = ['marginalia: 1', 'document: a.txt', 'annotations:', '  - id: aaaaaaaa', '    label: claim', '    start: 0', '    end: 2', '    text: 😀x'];
const ANNOTATION = { id: 'aaaaaaaa', label: 'claim', start: 0, end: 2, text: '😀x' };

test('lines are split on LF or CRLF, and a final line break starts no line', () => {
  assert.deepEqual(splitLines('a\nb\r\nc\n'), ['a', 'b', 'c']);
  assert.deepEqual(splitLines('a\n\nb'), ['a', '', 'b']);
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('\n'), ['']);
});

test('an LF sidecar: its annotations, lines, LF, no BOM, and a layout the writer can splice', () => {
  const analysis = analyzeSidecar(LINES.join('\n') + '\n');
  assert.deepEqual(analysis.findings, []);
  assert.deepEqual(analysis.sidecar?.annotations, [ANNOTATION]);
  assert.deepEqual(analysis.lines, LINES);
  assert.equal(analysis.eol, '\n');
  assert.equal(analysis.bom, false);
  assert.ok(analysis.layout);
  assert.equal(analysis.records.length, 1);
});

test('CRLF, lone CR and a BOM are recorded so a rewrite keeps them; the content is the same', () => {
  for (const [eol, bom] of [['\r\n', true], ['\r', false], ['\r\n', false]] as const) {
    const analysis = analyzeSidecar((bom ? '\uFEFF' : '') + LINES.join(eol) + eol);
    assert.deepEqual(analysis.findings, [], JSON.stringify(eol));
    assert.equal(analysis.eol, eol);
    assert.equal(analysis.bom, bom);
    assert.deepEqual(analysis.lines, LINES);
    assert.deepEqual(analysis.sidecar?.annotations, [ANNOTATION]);
    assert.equal(analysis.recordLines.get('aaaaaaaa'), 4);
  }
});

test('YAML that cannot be parsed is an error with no sidecar, never writable, and does not throw', () => {
  const analysis = analyzeSidecar('marginalia: 1\nannotations: [\n  - id: "unclosed\n');
  assert.equal(analysis.sidecar, undefined);
  assert.equal(analysis.writable, false);
  assert.ok(analysis.findings.some((f) => f.severity === 'error'));
});

test('text decoded from bytes that are not UTF-8 is refused at its first bad byte', () => {
  // decodeSidecar keeps a byte 0x80–0xFF that is not UTF-8 as the code unit U+DC00 + byte.
  const analysis = analyzeSidecar('marginalia: 1\ndocument: caf\uDCE9.txt\nannotations: []\n');
  assert.deepEqual(analysis.findings.map((f) => [f.code, f.line]), [['not-utf8', 2]]);
  assert.match(analysis.findings[0]!.message, /byte 0xE9/);
  assert.equal(analysis.writable, false);
});

test('a sidecar in flow style is read without a layout (the writer then rewrites it whole)', () => {
  const analysis = analyzeSidecar('{marginalia: 1, document: a.txt, annotations: [{id: aaaaaaaa, label: claim, start: 0, end: 2, text: "😀x"}]}\n');
  assert.deepEqual(analysis.findings, []);
  assert.deepEqual(analysis.sidecar?.annotations, [ANNOTATION]);
  assert.equal(analysis.layout, undefined);
});
