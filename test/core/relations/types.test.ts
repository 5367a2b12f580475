// Relation types: the configuration's, or the defaults; which labels each allows at its ends.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import type { RelationTypeSpec } from '../../../src/core/model';
import { DEFAULT_RELATION_TYPES, disallowedEnd, relationTypes } from '../../../src/core/relations/types';

const type = (spec: Partial<RelationTypeSpec>): RelationTypeSpec => ({ id: 't', description: 't', symmetric: false, ...spec });

test('without relation types of its own a configuration has the defaults, which fit the default labels', () => {
  assert.equal(relationTypes(DEFAULT_LABEL_CONFIG), DEFAULT_RELATION_TYPES);
  assert.deepEqual(
    DEFAULT_RELATION_TYPES.map((t) => [t.id, t.from, t.to, t.symmetric]),
    [
      ['said-by', ['quote'], undefined, false],
      ['supports', ['figure'], ['claim'], false],
      ['contradicts', ['claim', 'figure'], ['claim', 'figure'], true],
      ['same-as', ['claim'], ['claim'], true],
    ],
  );
  const labels = new Set(DEFAULT_LABEL_CONFIG.labels.map((l) => l.id));
  for (const t of DEFAULT_RELATION_TYPES) for (const label of [...(t.from ?? []), ...(t.to ?? [])]) assert.ok(labels.has(label), `${t.id}: ${label}`);
  assert.ok(Object.isFrozen(DEFAULT_RELATION_TYPES[0]!.from), 'the defaults cannot be changed by accident');
});

test("a configuration's own relation types replace the defaults, even when there are none", () => {
  const own = [type({ id: 'cites' })];
  assert.equal(relationTypes({ ...DEFAULT_LABEL_CONFIG, relations: own }), own);
  assert.deepEqual(relationTypes({ ...DEFAULT_LABEL_CONFIG, relations: [] }), []);
});

test('an end whose label the type does not allow is named; an open end allows any label', () => {
  const saidBy = type({ from: ['quote'], to: ['speaker'] });
  assert.equal(disallowedEnd(saidBy, 'quote', 'speaker'), undefined);
  assert.equal(disallowedEnd(saidBy, 'claim', 'speaker'), 'from');
  assert.equal(disallowedEnd(saidBy, 'quote', 'claim'), 'to');
  assert.equal(disallowedEnd(saidBy, 'claim', 'claim'), 'from');
  assert.equal(disallowedEnd(saidBy, 'speaker', 'quote'), 'from', 'not symmetric: the ends are not swapped');
  assert.equal(disallowedEnd(type({ from: ['quote'] }), 'quote', 'anything'), undefined);
});

test('a symmetric type allows its ends either way round', () => {
  const contradicts = type({ from: ['figure'], to: ['claim'], symmetric: true });
  assert.equal(disallowedEnd(contradicts, 'figure', 'claim'), undefined);
  assert.equal(disallowedEnd(contradicts, 'claim', 'figure'), undefined);
  assert.equal(disallowedEnd(contradicts, 'claim', 'claim'), 'from');
});
