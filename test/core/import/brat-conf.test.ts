import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseLabelConfig } from '../../../src/core/config';
import { parseBrat } from '../../../src/core/import/brat';
import { labelConfigFromBratConf } from '../../../src/core/import/brat-conf';
import { fixturePath } from '../../fixture-path';

const made = () => labelConfigFromBratConf(readFileSync(fixturePath('import', 'brat-corpus', 'annotation.conf'), 'utf8'));

test('the entity types become labels, abstract (!) types left out; the configuration reads without a finding', () => {
  const { config, findings } = parseLabelConfig(made().text);
  assert.deepEqual(findings, []);
  assert.deepEqual(config.labels.map((l) => l.id), ['Organization', 'Money']);
});

test('the relation types keep the labels of each end and brat\'s symmetric flag; <OVERLAP> is not a relation type', () => {
  const { config } = parseLabelConfig(made().text);
  assert.deepEqual(
    config.relations!.map((t) => [t.id, t.from, t.to, t.symmetric]),
    [
      ['Acquired', ['Organization'], ['Organization'], false],
      ['Price', ['Money'], ['Organization'], false],
      ['Coreference', ['Organization'], ['Organization'], true],
      ['Related', undefined, undefined, false],
    ],
    '<ENTITY>, or a type that is not a label (Span), allows any label',
  );
});

test('[spans], brat\'s older name of [entities], is read; a type on two lines allows the labels of both; invalid names are noted', () => {
  const { text, notes } = labelConfigFromBratConf('[spans]\nN\nV\n_question_\n[relations]\nobj Arg1:V, Arg2:N\nobj Arg1:N, Arg2:N\n_gt_N Arg1:N, Arg2:N\n');
  const { config } = parseLabelConfig(text);
  assert.deepEqual(config.labels.map((l) => l.id), ['N', 'V']);
  assert.deepEqual(config.relations!.map((t) => [t.id, t.from, t.to]), [['obj', ['V', 'N'], ['N']]]);
  assert.deepEqual(notes, [
    'entity type "_question_" is not a valid label name; left out of the label configuration',
    'relation type "_gt_N" is not a valid relation type name; left out of the label configuration',
  ]);
});

test('brat\'s Equiv is symmetric even without the flag, as brat assumes', () => {
  const { config } = parseLabelConfig(labelConfigFromBratConf('[entities]\nProtein\n[relations]\nEquiv\tArg1:Protein, Arg2:Protein\n').text);
  assert.equal(config.relations![0]!.symmetric, true);
});

test('[attributes] of entities become enum attributes of their labels; <ENTITY> means every label; a binary attribute takes "true"; attributes of events are left out', () => {
  const { text, notes } = labelConfigFromBratConf(
    '[entities]\nN\nV\n[events]\nBind Theme:N\n[attributes]\nCASE Arg:<ENTITY>, Value:Nom|Gen\nVOICE Arg:V, Value:Act|Pass\nNegation Arg:V\nSpeculation Arg:<EVENT>\nbad!name Arg:N, Value:x\n',
  );
  const { config, findings } = parseLabelConfig(text);
  assert.deepEqual(findings, []);
  assert.deepEqual(
    config.labels.map((l) => [l.id, l.attributes.map((a) => [a.name, a.type, a.values])]),
    [
      ['N', [['CASE', 'enum', ['Nom', 'Gen']]]],
      ['V', [['CASE', 'enum', ['Nom', 'Gen']], ['VOICE', 'enum', ['Act', 'Pass']], ['Negation', 'enum', ['true']]]],
    ],
  );
  assert.deepEqual(notes, [
    'event type "Bind" of [events] left out of the label configuration: Marginalia has no events, and the import reports their E lines',
    'attribute "Speculation" is of no entity type the configuration keeps (events, relations); left out of the label configuration',
    'attribute "bad!name" is not a valid attribute name; left out of the label configuration',
  ]);
});

test('a relation type is decoded as the importer decodes the type of an R line, so that its relations are not refused', () => {
  const conf = labelConfigFromBratConf('[entities]\nPerson\n[relations]\nsaid%2Dby Arg1:Person, Arg2:Person\n');
  assert.deepEqual(conf.notes, []);
  const { config } = parseLabelConfig(conf.text);
  const ann = parseBrat([
    { path: 'a.ann', content: 'T1\tPerson 0 3\tAnn\nT2\tPerson 8 11\tBob\nR1\tsaid%2Dby Arg1:T1 Arg2:T2\n' },
    { path: 'a.txt', content: 'Ann met Bob' },
  ]);
  assert.deepEqual(config.relations!.map((t) => t.id), [ann.documents[0]!.relations![0]!.type]);
});
