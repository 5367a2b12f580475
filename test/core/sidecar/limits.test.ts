import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isPlainCssColor, parseLabelConfig } from '../../../src/core/config';
import { MAX_ANNOTATIONS, MAX_ATTRIBUTE_LENGTH } from '../../../src/core/sidecar/limits';
import { readSidecar } from '../../../src/core/sidecar/read';

const HEADER = 'marginalia: 1\ndocument: doc.txt\nannotations:\n';
const record = (id: string, extra = '') => `  - id: ${id}\n    label: claim\n    start: 0\n    end: 4\n    text: Some\n${extra}`;

test('an attribute value over the limit is a finding on its record, and the file is not rewritten', () => {
  const long = 'x'.repeat(MAX_ATTRIBUTE_LENGTH + 1);
  const { findings, writable } = readSidecar(HEADER + record('0a1b2c3d', `    attributes:\n      source: ${long}\n`));
  const finding = findings.find((f) => f.code === 'limit-exceeded');
  assert.ok(finding, JSON.stringify(findings.map((f) => f.code)));
  assert.match(finding.message, new RegExp(`over the limit of ${MAX_ATTRIBUTE_LENGTH}`));
  assert.equal(finding.line, 9);
  assert.equal(writable, false);
  assert.equal(readSidecar(HEADER + record('0a1b2c3d', `    attributes:\n      source: ${'x'.repeat(MAX_ATTRIBUTE_LENGTH)}\n`)).writable, true, 'at the limit is fine');
});

test('more annotations than the per-document limit are refused with a finding', () => {
  const records = Array.from({ length: MAX_ANNOTATIONS + 1 }, (_, i) => record(i.toString(16).padStart(8, 'a')));
  const { findings, writable } = readSidecar(HEADER + records.join(''));
  const finding = findings.find((f) => f.code === 'limit-exceeded');
  assert.ok(finding);
  assert.match(finding.message, new RegExp(`${MAX_ANNOTATIONS + 1} annotations, over the limit of ${MAX_ANNOTATIONS}`));
  assert.equal(writable, false);
});

test('a label colour must be a plain CSS colour: nothing else reaches the editor CSS', () => {
  for (const ok of ['#fc0', '#ffcc0080', 'orange', 'rgba(255, 204, 0, 0.3)', 'hsl(40 100% 50%)']) assert.ok(isPlainCssColor(ok), ok);
  for (const bad of ['red; background-image:url(https://example.invalid/x.png)', 'url(x)', 'expression(alert(1))', '']) assert.ok(!isPlainCssColor(bad), bad);
  const { config, findings } = parseLabelConfig('labels:\n  claim:\n    color: "red; background-image:url(https://example.invalid/x.png)"\n');
  assert.equal(config.labels.find((l) => l.id === 'claim')?.color, undefined);
  assert.match(findings[0]?.message ?? '', /color must be a CSS colour/);
  assert.equal(findings[0]?.line, 3);
});
