import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeSidecar, encodeSidecar } from '../../../src/core/sidecar/decode';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { fixturePath } from '../../fixture-path';

const LATIN1 = readFileSync(fixturePath('bad', 'latin1-sidecar', 'doc.txt.annotations.yaml'));

test('a sidecar saved in Latin-1: an error at the line and column of its first bad byte, and not writable', () => {
  const source = decodeSidecar(LATIN1);
  const read = readSidecar(source);
  assert.equal(read.writable, false);
  assert.equal(read.sidecar, undefined, 'nothing is read from it: its text would be wrong');
  assert.deepEqual(
    read.findings.map((f) => [f.severity, f.code, f.line, f.column]),
    [['error', 'not-utf8', 9, 14]],
  );
  assert.match(read.findings[0]!.message, /not valid UTF-8 \(byte 0xE9\); it is neither read nor rewritten: convert it to UTF-8/);
  assert.throws(() => writeSidecar({ version: 1, document: 'doc.txt', annotations: [] }, source), /refusing to overwrite a sidecar that could not be read \(line 9/);
});

test('the bytes that are not UTF-8 are kept: encoding the decoded text gives the file back byte for byte', () => {
  assert.deepEqual(Buffer.from(encodeSidecar(decodeSidecar(LATIN1))), LATIN1);
  const mixed = Buffer.concat([Buffer.from('ok “é” 😀 '), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98]), Buffer.from(' end')]);
  assert.deepEqual(Buffer.from(encodeSidecar(decodeSidecar(mixed))), mixed, 'bad bytes beside valid multi-byte characters and truncated sequences');
});

test('valid UTF-8 is decoded as is, its byte-order mark kept, and reads without a finding', () => {
  const bytes = Buffer.from('\uFEFFmarginalia: 1\ndocument: doc.txt\nannotations: []\n', 'utf8');
  const source = decodeSidecar(bytes);
  assert.equal(source, bytes.toString('utf8'));
  assert.equal(source.charCodeAt(0), 0xfeff);
  assert.deepEqual(readSidecar(source).findings, []);
  assert.deepEqual(Buffer.from(encodeSidecar(source)), bytes);
});
