import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DEFAULT_LABEL_CONFIG, LABEL_CONFIG_FILE, MAX_CONFIG_LENGTH, parseLabelConfig } from '../../src/core/config';
import { fixturePath } from '../fixture-path';

function config(name: string): ReturnType<typeof parseLabelConfig> {
  return parseLabelConfig(fs.readFileSync(fixturePath('sidecar', 'config', name), 'utf8'));
}

function shape(result: ReturnType<typeof parseLabelConfig>): string[] {
  return result.config.labels.map((label) => `${label.id}[${label.attributes.map((a) => `${a.name}:${a.type}${a.required ? '!' : ''}`).join(',')}]`);
}

const DEFAULT_SHAPE = ['claim[source:text]', 'quote[speaker:text]', 'figure[value:number,unit:text,subject:text]'];

describe('label configuration', () => {
  test('the file name and the defaults: claim, quote and figure with their attributes', () => {
    assert.equal(LABEL_CONFIG_FILE, '.marginalia.yaml');
    assert.deepEqual(shape({ config: DEFAULT_LABEL_CONFIG, findings: [] }), DEFAULT_SHAPE);
    assert.ok(Object.isFrozen(DEFAULT_LABEL_CONFIG.labels[0]!.attributes), 'the defaults cannot be changed by accident');
  });

  test('labels as a map: description, color, key, typed attributes; a label without a body gets its id as description', () => {
    const result = config('labels-map.yaml');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(shape(result), ['claim[source:text,verdict:enum!]', 'figure[value:number!,unit:text]', 'person[]']);
    const [claim, , person] = result.config.labels;
    assert.equal(claim?.color, '#e5a50a');
    assert.equal(claim?.key, 'c');
    assert.deepEqual(claim?.attributes[1]?.values, ['true', 'false', 'misleading'], 'enum values are texts as written');
    assert.equal(person?.description, 'person');
  });

  test('labels as a list with ids, attributes as a list with names (the seeds use this form)', () => {
    const result = config('labels-list.yaml');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(shape(result), ['quote[speaker:text!]', 'figure[value:number,qualifier:enum]']);
    assert.deepEqual(result.config.labels[1]?.attributes[1]?.values, ['exact', 'approximate', 'lower-bound', 'upper-bound']);
    assert.equal(result.config.labels[1]?.description, 'figure');
  });

  test('the seeds\' configuration reads without findings', () => {
    const result = parseLabelConfig(fs.readFileSync(fixturePath('..', '..', 'seeds', '.marginalia.yaml'), 'utf8'));
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.config.labels.map((l) => l.id), ['claim', 'quote', 'figure', 'speaker']);
  });

  const INVALID: [string, string, number][] = [
    ['syntax-error.yaml', 'config-syntax', 5],
    ['wrong-types.yaml', 'config-invalid', 6],
    ['labels-not-map.yaml', 'config-invalid', 1],
    ['duplicate-label.yaml', 'config-invalid', 4],
  ];
  for (const [name, code, line] of INVALID) {
    test(`${name}: the defaults, and ${code} at line ${line}`, () => {
      const result = config(name);
      assert.deepEqual(shape(result), DEFAULT_SHAPE);
      assert.equal(result.findings[0]?.code, code);
      assert.equal(result.findings[0]?.line, line);
      assert.equal(result.findings[0]?.severity, 'error');
      assert.match(result.findings[0]!.message, /the default labels \(claim, quote, figure\) are used until it is fixed/);
    });
  }

  test('every problem is reported, not only the first', () => {
    assert.deepEqual(
      config('wrong-types.yaml').findings.map((f) => [f.line, f.message.split(';')[0]]),
      [
        [6, 'attribute "source" of label "claim": type must be text, number or enum, got "person"'],
        [10, 'attribute "tone" of label "quote": an enum needs values, a list of texts such as [for, against]'],
      ],
    );
  });

  test('unknown keys and shared keys are warnings; the configuration still counts', () => {
    const result = config('unknown-keys.yaml');
    assert.deepEqual(shape(result), ['claim[source:text]', 'quote[]']);
    assert.deepEqual(
      result.findings.map((f) => [f.severity, f.code, f.line]),
      [
        ['warning', 'config-unknown-key', 1],
        ['warning', 'config-unknown-key', 4],
        ['warning', 'config-unknown-key', 9],
        ['warning', 'config-duplicate-key', 11],
      ],
    );
  });

  test('an empty file means the defaults, with a warning', () => {
    const result = config('empty.yaml');
    assert.deepEqual(shape(result), DEFAULT_SHAPE);
    assert.deepEqual(result.findings.map((f) => [f.severity, f.code]), [['warning', 'config-no-labels']]);
  });

  test('never throws, whatever the text', () => {
    for (const text of ['labels: *nowhere', '[1, 2', 'labels:\n  - 42\n  - [a]\n', '\u0000\u0001', 'labels: {a: {attributes: {x: {type: enum, values: {}}}}}', '- - -']) {
      const result = parseLabelConfig(text);
      assert.deepEqual(shape(result), DEFAULT_SHAPE, JSON.stringify(text));
      assert.ok(result.findings.length > 0, JSON.stringify(text));
    }
    assert.equal(parseLabelConfig('#'.repeat(MAX_CONFIG_LENGTH + 1)).findings[0]?.code, 'config-too-large');
  });

  test('the defaults returned are a copy the caller may change', () => {
    const result = config('empty.yaml');
    result.config.labels.pop();
    assert.equal(DEFAULT_LABEL_CONFIG.labels.length, 3);
  });
});

describe('label configuration: guidelines and suggestions', () => {
  test('examples of labels and attributes, and suggest: with patterns, terms, cues and builtin', () => {
    const result = config('suggest.yaml');
    assert.deepEqual(result.findings, []);
    const [claim, person] = result.config.labels;
    assert.deepEqual(claim?.examples, ['The West says Moscow has readied some 100,000 troops']);
    assert.deepEqual(claim?.attributes[0]?.examples, ['Pentagon', 'Kremlin']);
    assert.deepEqual(claim?.suggest, { builtin: true, patterns: [], terms: [], cues: ['alleges'] });
    assert.deepEqual(person?.suggest, { builtin: false, patterns: ['\\b(?:Mr|Ms)\\.? \\p{Lu}\\p{Ll}+'], terms: ['Sergei Ryabkov', '2021'] });
  });

  test('a pattern that could take exponential time is an error naming it; the defaults are used', () => {
    const result = config('suggest-unsafe.yaml');
    assert.deepEqual(result.findings.map((f) => [f.severity, f.code, f.line]), [['error', 'config-pattern', 6]]);
    assert.match(result.findings[0]!.message, /the pattern "\(\\\\w\+\\\\s\)\+x" is refused: a group repeated without bound holds a quantifier/);
    assert.deepEqual(shape(result), DEFAULT_SHAPE);
  });
});

describe('relation types in the label configuration', () => {
  const types = (result: ReturnType<typeof parseLabelConfig>) =>
    result.config.relations?.map((t) => `${t.id}${t.symmetric ? '<->' : '->'}[${t.from?.join(',') ?? '*'}|${t.to?.join(',') ?? '*'}] ${t.description}`);

  test('relations as a map: labels allowed at each end, symmetric, description; an end left empty allows any label', () => {
    const result = config('relations-map.yaml');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(types(result), [
      'said-by->[quote|speaker] Who said the quote',
      'contradicts<->[claim,figure|claim,figure] contradicts',
      'mentions->[*|*] mentions',
    ]);
  });

  test('relations as a list with ids; a label not defined and an unknown key are warnings, and the rest counts', () => {
    const result = config('relations-list.yaml');
    assert.deepEqual(types(result), ['said-by->[quote|persona] said-by']);
    assert.deepEqual(
      result.findings.map((f) => [f.severity, f.code, f.line]),
      [
        ['warning', 'config-invalid', 7],
        ['warning', 'config-unknown-key', 8],
      ],
    );
    assert.match(result.findings[0]!.message, /"persona", not a label of this configuration/);
  });

  test('without a relations key there are none of its own (the defaults apply); an empty map means none at all', () => {
    assert.equal(config('labels-map.yaml').config.relations, undefined);
    assert.deepEqual(config('relations-none.yaml').config.relations, []);
  });

  test('an end that is not a list, symmetric not true or false, a type defined twice: errors, and the defaults are used', () => {
    const result = config('relations-wrong.yaml');
    assert.deepEqual(shape(result), DEFAULT_SHAPE);
    assert.equal(result.config.relations, undefined);
    assert.deepEqual(
      result.findings.map((f) => [f.severity, f.code, f.line]),
      [
        ['error', 'config-invalid', 5],
        ['error', 'config-invalid', 6],
      ],
    );
    assert.match(result.findings[0]!.message, /from must be a list of labels/);
    const twice = parseLabelConfig('labels:\n  quote:\nrelations:\n  - id: said-by\n  - id: said-by\n');
    assert.deepEqual(twice.findings.map((f) => [f.code, f.line]), [['config-invalid', 5]]);
    assert.match(twice.findings[0]!.message, /relation type "said-by" is defined twice/);
  });

  test("the seeds' configuration defines the relations the seeds use", () => {
    const seeds = parseLabelConfig(fs.readFileSync(fixturePath('..', '..', 'seeds', '.marginalia.yaml'), 'utf8'));
    assert.deepEqual(seeds.findings, []);
    assert.deepEqual(seeds.config.relations?.map((t) => t.id), ['said-by', 'supports', 'contradicts', 'same-as']);
  });
});
