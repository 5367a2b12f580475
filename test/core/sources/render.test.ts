// The text output of `figures`, `conflicts` and `quotes`: one line per figure or print, `file:line` first.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FigureEntry } from '../../../src/core/figures/figures';
import { describeFigure, renderClusters, renderFigures, renderGroups } from '../../../src/core/sources/render';

const figure = (fields: Partial<FigureEntry>): FigureEntry => ({
  file: 'a.txt',
  line: 3,
  id: 'f1',
  text: '13,000 people',
  value: 13000,
  low: 13000,
  high: 13000,
  low_open: false,
  high_open: false,
  unit: 'people',
  modifier: 'exact',
  entity: null,
  subject: null,
  counted: '',
  outlet: null,
  ...fields,
});

test('what a figure says, in words, for each way a phrase bounds its number', () => {
  assert.equal(describeFigure(figure({})), '13,000 people');
  assert.equal(describeFigure(figure({ modifier: 'more-than' })), 'more than 13,000 people');
  assert.equal(describeFigure(figure({ modifier: 'at-least' })), 'at least 13,000 people');
  assert.equal(describeFigure(figure({ modifier: 'less-than' })), 'less than 13,000 people');
  assert.equal(describeFigure(figure({ modifier: 'at-most' })), 'at most 13,000 people');
  assert.equal(describeFigure(figure({ modifier: 'nearly', low: 11700 })), 'just under 13,000 people (11,700 or more)');
  assert.equal(describeFigure(figure({ modifier: 'approximate', low: 11700, high: 14300 })), 'about 13,000 people (11,700–14,300)');
  assert.equal(describeFigure(figure({ modifier: 'between', low: 70000, high: 90000 })), '70,000–90,000 people');
  assert.equal(describeFigure(figure({ modifier: 'year', value: 2021, unit: 'year' })), 'the year 2021');
  assert.equal(describeFigure(figure({ value: null })), 'no number read');
  assert.equal(describeFigure(figure({ value: 30, unit: 'countries', counted: 'nato' })), '30 countries (nato)');
});

test('figures: one line each, place, quoted text, meaning, entity and outlet, then the count', () => {
  assert.equal(renderFigures([]), 'no figures\n');
  assert.equal(
    renderFigures([figure({ entity: 'toll', outlet: 'The Daily' }), figure({ file: 'b.txt', line: null, id: 'f2' })]),
    'a.txt:3  "13,000 people"  13,000 people  entity toll  [The Daily]\nb.txt  "13,000 people"  13,000 people\n2 figures\n',
  );
});

test('conflicts: a head line per group, its figures indented, then the count of groups in conflict', () => {
  assert.equal(renderGroups([]), 'no figures to compare\n');
  const groups = [
    { key: 'toll', unit: 'people', conflict: true, figures: [figure({}), figure({ modifier: 'more-than' })] },
    { key: 'subject: troops', unit: null, conflict: false, figures: [figure({ unit: null })] },
  ];
  assert.equal(
    renderGroups(groups),
    [
      'CONFLICT  toll (people, 2 figures)',
      '  a.txt:3  13,000 people  "13,000 people"',
      '  a.txt:3  more than 13,000 people  "13,000 people"',
      'agree  subject: troops (no unit, 1 figures)',
      '  a.txt:3  13,000  "13,000 people"',
      '2 groups, 1 in conflict',
      '',
    ].join('\n'),
  );
});

test('quotes: a head line per cluster (long keys cut), its prints indented with their speakers', () => {
  assert.equal(renderClusters([]), 'no quote printed more than once\n');
  const member = (speaker: string | null) => ({ file: 'a.txt', line: 2, id: 'q1', text: 'We will win', speaker, entity: null, outlet: null });
  const text = renderClusters([{ key: 'x'.repeat(80), speakers_agree: false, entity: 'e1', members: [member('Ana'), member(null)] }]);
  assert.equal(
    text,
    [`"${'x'.repeat(69)}…"  2 prints, entity e1, SPEAKERS DIFFER`, '  a.txt:2  Ana  "We will win"', '  a.txt:2  (no speaker)  "We will win"', '1 quotation printed more than once', ''].join('\n'),
  );
});
