import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as jsyaml from 'js-yaml';
import { REPO_ROOT } from '../../fixture-path';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'sidecar.schema.json'), 'utf8')) as Record<string, unknown>;
const validSidecar = new Ajv({ allowUnionTypes: true }).compile(schema);
const data = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });

describe('the source: header', () => {
  test('is read into the sidecar as outlet, url and published, without a finding', () => {
    const { sidecar, findings, writable } = readSidecar(sidecarFixture('read', 'source.annotations.yaml'));
    assert.deepEqual(findings, []);
    assert.equal(writable, true);
    assert.deepEqual(sidecar?.source, { outlet: 'SpaceWar.com (AFP)', url: 'https://www.spacewar.com/reports/Russia_demands_999.html', published: '2021-12-17' });
  });

  test('is kept where it is when an annotation is added', () => {
    const before = sidecarFixture('read', 'source.annotations.yaml');
    const { sidecar } = readSidecar(before);
    sidecar!.annotations.push({ id: '0000beef', label: 'claim', start: 0, end: 4, text: 'more' });
    const after = writeSidecar(sidecar!, before);
    assert.equal(after.split('annotations:')[0], before.split('annotations:')[0]);
    assert.deepEqual(readSidecar(after).sidecar?.source, sidecar!.source);
  });

  test('that is not understood gives a warning, is not used, and is written back as it was', () => {
    const before = sidecarFixture('bad', 'source-not-understood.annotations.yaml');
    const { sidecar, findings, writable } = readSidecar(before);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.code, f.line]),
      [['warning', 'bad-source', 3]],
    );
    assert.equal(writable, true, 'the annotations do not depend on the header');
    sidecar!.annotations[0]!.note = 'checked';
    const after = writeSidecar(sidecar!, before);
    assert.equal(after.split('annotations:')[0], before.split('annotations:')[0]);
  });

  test('the schema accepts the header and the seeds, and rejects a header the reader does not use', () => {
    assert.ok(validSidecar(data(sidecarFixture('read', 'source.annotations.yaml'))));
    for (const seed of fs.readdirSync(path.join(REPO_ROOT, 'seeds')).filter((f) => f.endsWith('.annotations.yaml'))) {
      assert.ok(validSidecar(data(fs.readFileSync(path.join(REPO_ROOT, 'seeds', seed), 'utf8'))), seed);
    }
    assert.equal(validSidecar(data(sidecarFixture('bad', 'source-not-understood.annotations.yaml'))), false);
  });
});
