import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as jsyaml from 'js-yaml';
import { REPO_ROOT } from '../../fixture-path';
import { sidecarFixture } from './helpers';

// ajv (draft-07) comes with the dev tools (eslint, vsce); VS Code's YAML support validates with the same schemas.
const ajv = new Ajv({ allowUnionTypes: true });
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', name), 'utf8')) as Record<string, unknown>;
const validSidecar = ajv.compile(schema('sidecar.schema.json'));
const validConfig = ajv.compile(schema('marginalia-config.schema.json'));
const data = (text: string) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });

describe('JSON Schemas', () => {
  test('are draft-07, the version VS Code\'s YAML support understands', () => {
    for (const name of ['sidecar.schema.json', 'marginalia-config.schema.json']) assert.equal(schema(name)['$schema'], 'http://json-schema.org/draft-07/schema#');
  });

  test('are contributed for sidecars and the label configuration', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string; url: string }[] } };
    assert.deepEqual(manifest.contributes.yamlValidation, [
      { fileMatch: '*.annotations.yaml', url: './schemas/sidecar.schema.json' },
      { fileMatch: '.marginalia.yaml', url: './schemas/marginalia-config.schema.json' },
    ]);
  });

  test('the sidecar schema accepts what the writer writes and what the reader reads without errors', () => {
    for (const file of [['golden', 'expected.annotations.yaml'], ...['commented', 'compact', 'flow', 'block-scalars', 'unknown-keys', 'disputed', 'reviewed'].map((n) => ['read', `${n}.annotations.yaml`]), ['relations', 'related.annotations.yaml']]) {
      assert.ok(validSidecar(data(sidecarFixture(...file))), `${file.join('/')}: ${ajv.errorsText(validSidecar.errors)}`);
    }
  });

  test('the sidecar schema rejects the records the reader refuses', () => {
    for (const name of ['string-offset', 'negative-offset', 'id-number', 'bad-status', 'list-for-map', 'missing-text', 'newer-version', 'missing-version', 'not-a-map', 'record-not-map', 'document-escapes', 'hostile-id', 'hostile-label', 'bad-dispute', 'bad-review']) {
      assert.equal(validSidecar(data(sidecarFixture('bad', `${name}.annotations.yaml`))), false, name);
    }
    const bad = data(sidecarFixture('relations', 'bad-relations.annotations.yaml')) as { annotations: object[] };
    for (const record of bad.annotations) assert.equal(validSidecar({ ...bad, annotations: [record] }), false, JSON.stringify(record));
  });

  test('the config schema accepts both forms and the seeds\' file, and rejects invalid ones', () => {
    for (const name of ['labels-map.yaml', 'labels-list.yaml', 'config-for-check.yaml', 'relations-map.yaml', 'relations-none.yaml']) {
      assert.ok(validConfig(data(sidecarFixture('config', name))), `${name}: ${ajv.errorsText(validConfig.errors)}`);
    }
    assert.ok(validConfig(data(fs.readFileSync(path.join(REPO_ROOT, 'seeds', '.marginalia.yaml'), 'utf8'))), ajv.errorsText(validConfig.errors));
    for (const name of ['wrong-types.yaml', 'labels-not-map.yaml', 'unknown-keys.yaml', 'relations-wrong.yaml', 'relations-list.yaml']) {
      assert.equal(validConfig(data(sidecarFixture('config', name))), false, name);
    }
  });
});
