import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findFigureGroups } from '../../../src/core/figures/conflicts';
import { readFigure, type FigureEntry } from '../../../src/core/figures/figures';
import { FigureGroupIndex } from '../../../src/core/figures/group-index';

let nextId = 0;
function figure(text: string, fields: { entity?: string; prefix?: string; subject?: string } = {}): FigureEntry {
  const id = (nextId++).toString(16).padStart(8, '0');
  const { subject, ...rest } = fields;
  return readFigure({ annotation: { id, label: 'figure', start: 0, end: text.length, text, ...rest, ...(subject ? { attributes: { subject } } : {}) }, file: `doc-${id}.txt`, line: 1, outlet: null });
}

/** Figures in the order they were made: the report order of these tests. */
const byId = (a: FigureEntry, b: FigureEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

test('groups kept up to date through many changes are the groups found afresh', () => {
  let seed = 5;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Entities, subjects and counted things shared by a few figures each; units that sometimes differ
  // under one entity (the key then names the unit); years and words without a number, never grouped.
  const make = () =>
    figure(`${pick(['13,000', '14,000', 'about 15,000', '2021', 'many'])} ${pick(['people', 'lives', 'troops', 'NATO countries', ''])}`.trim(), {
      ...(random() < 0.5 ? { entity: pick(['toll', 'troops', 'aid']) } : {}),
      ...(random() < 0.3 ? { subject: pick(['Deaths', 'deaths ', 'soldiers']) } : {}),
      prefix: pick(['', 'more than ', 'nearly ']),
    });
  const index = new FigureGroupIndex();
  let figures = Array.from({ length: 30 }, make);
  figures.forEach((f) => index.add(f));
  for (let step = 0; step < 100; step++) {
    assert.equal(JSON.stringify(index.groups(byId).groups), JSON.stringify(findFigureGroups([...figures].sort(byId))), `step ${step}`);
    for (let c = 1 + Math.floor(random() * 3); c > 0; c--) {
      const at = Math.floor(random() * figures.length);
      const kind = random();
      if (kind < 0.4) {
        index.remove(figures[at]!);
        figures[at] = make();
        index.add(figures[at]!);
      } else if (kind < 0.7 && figures.length > 5) {
        index.remove(figures[at]!);
        figures = figures.filter((_, i) => i !== at);
      } else {
        const f = make();
        figures.push(f);
        index.add(f);
      }
    }
  }
});

test('a group not touched by a change is the same object after it; a group left with one figure is dropped', () => {
  const index = new FigureGroupIndex();
  const [a, b, c, d] = [figure('13,000 people', { entity: 'toll' }), figure('15,000 people', { entity: 'toll' }), figure('100 tanks', { entity: 'tanks' }), figure('120 tanks', { entity: 'tanks' })];
  for (const f of [a!, b!, c!, d!]) index.add(f);
  const first = index.groups(byId);
  assert.deepEqual(first.groups.map((g) => g.key), ['tanks', 'toll']);
  index.remove(d!);
  const second = index.groups(byId);
  assert.deepEqual(second.groups.map((g) => g.key), ['toll']);
  assert.ok(first.groups.includes(second.groups[0]!), 'the toll was not made again');
  assert.deepEqual(second.dropped.map((g) => g.key), ['tanks']);
});
