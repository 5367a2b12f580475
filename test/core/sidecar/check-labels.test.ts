import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_LABEL_CONFIG, parseLabelConfig } from '../../../src/core/config';
import { checkLabels, readSidecar } from '../../../src/core/sidecar/read';
import { sidecarFixture } from './helpers';

describe('checkLabels', () => {
  const { sidecar, recordLines } = readSidecar(sidecarFixture('bad', 'labels.annotations.yaml'));
  const { config } = parseLabelConfig(sidecarFixture('config', 'config-for-check.yaml'));

  test('reports each label problem at its record\'s line', () => {
    const findings = checkLabels(sidecar!, config, recordLines);
    assert.deepEqual(
      findings.map((f) => [f.severity, f.code, f.line, f.annotationId]),
      [
        ['error', 'unknown-label', 4, '0a1b2c3d'],
        ['warning', 'unknown-attribute', 9, '1b2c3d4e'],
        ['warning', 'missing-attribute', 9, '1b2c3d4e'],
        ['error', 'attribute-type', 16, '2c3d4e5f'],
        ['error', 'attribute-value', 16, '2c3d4e5f'],
        ['warning', 'missing-attribute', 24, '3d4e5f60'],
      ],
    );
  });

  test('messages say what is wrong and what to do', () => {
    const messages = checkLabels(sidecar!, config, recordLines).map((f) => f.message);
    assert.match(messages[0]!, /unknown label "rumour"; use one of quote, figure, or add "rumour" to the labels in \.marginalia\.yaml/);
    assert.match(messages[1]!, /label "quote" has no attribute "mood" \(it has: speaker\)/);
    assert.match(messages[2]!, /has no "speaker", which the label requires/);
    assert.match(messages[3]!, /attribute "value" of this figure must be a number, got "a lot"/);
    assert.match(messages[4]!, /must be one of exact, approximate; got "roughly"/);
  });

  test('with the default labels, a text attribute given a number is reported', () => {
    const source = sidecarFixture('read', 'compact.annotations.yaml').replace('  text: hello\n', '  text: hello\n  attributes:\n    speaker: 42\n');
    const read = readSidecar(source);
    assert.deepEqual(
      checkLabels(read.sidecar!, DEFAULT_LABEL_CONFIG, read.recordLines).map((f) => [f.code, f.line]),
      [['attribute-type', 9]],
    );
  });

  test('an enum value written as a number matches the same text', () => {
    const numbered = parseLabelConfig('labels:\n  rating:\n    attributes:\n      stars: {type: enum, values: [1, 2, 3]}\n').config;
    const annotation = { id: 'aaaaaaaa', label: 'rating', start: 0, end: 1, text: 'x', attributes: { stars: 2 } };
    assert.deepEqual(checkLabels({ version: 1, document: 'd', annotations: [annotation] }, numbered, new Map()), []);
  });

  test('a sidecar within the labels has no findings', () => {
    const read = readSidecar(sidecarFixture('read', 'commented.annotations.yaml'));
    assert.deepEqual(checkLabels(read.sidecar!, DEFAULT_LABEL_CONFIG, read.recordLines), []);
  });
});
