import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as jsyaml from 'js-yaml';
import { fixturePath, REPO_ROOT } from '../../fixture-path';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';

const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'sidecar.schema.json'), 'utf8')) as Record<string, unknown>;
const validSidecar = new Ajv({ allowUnionTypes: true }).compile(schema);
const fixture = (name: string) => fs.readFileSync(fixturePath('suggestions', name), 'utf8');

describe('the rejected: header (suggestions turned down)', () => {
  test('is read as label, text and before, without a finding, and the schema accepts it', () => {
    const source = fixture('rejected.annotations.yaml');
    const { sidecar, findings } = readSidecar(source);
    assert.deepEqual(findings, []);
    assert.deepEqual(sidecar?.rejected, [
      { label: 'figure', text: '100,000 troops', before: 'has readied some ' },
      { label: 'quote', text: 'unacceptable' },
    ]);
    assert.equal(validSidecar(jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA })), true);
  });

  test('is kept when an annotation is added, and a new rejection is written into it', () => {
    const before = fixture('rejected.annotations.yaml');
    const { sidecar } = readSidecar(before);
    sidecar!.annotations.push({ id: '0000beef', label: 'claim', start: 0, end: 4, text: 'more' });
    sidecar!.rejected!.push({ label: 'claim', text: 'x' });
    const after = writeSidecar(sidecar!, before);
    assert.deepEqual(readSidecar(after).sidecar?.rejected, sidecar!.rejected);
  });

  test('that is not understood gives a warning, is not used, and is written back as it was', () => {
    const before = fixture('rejected-not-understood.annotations.yaml');
    const { sidecar, findings, writable } = readSidecar(before);
    assert.deepEqual(findings.map((f) => [f.severity, f.code, f.line]), [['warning', 'bad-rejected', 3]]);
    assert.equal(writable, true);
    assert.match(writeSidecar(sidecar!, before), /rejected:\n {2}- label: figure\n {4}offset: 12\n/);
  });
});
