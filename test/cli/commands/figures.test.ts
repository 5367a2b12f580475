// \`marginalia figures\` and \`marginalia conflicts\` (src/cli/commands/figures.ts) on the seeds and on a
// hand-made document. How a figure is read is test/core/figures/'s; how groups are made, conflicts.test.ts's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FigureGroup } from '../../../src/core/figures/conflicts';
import type { FigureEntry } from '../../../src/core/figures/figures';
import { marginalia } from '../cli-harness';
import { SETS, temporaryFolder } from '../export-harness';
import { expected, inSeeds, name } from '../sources-harness';

test('conflicts --json finds the seeds\' groups, their conflicts and outlets', async () => {
  const result = await inSeeds(['conflicts', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const { groups } = JSON.parse(result.stdout) as { groups: FigureGroup[] };
  assert.deepEqual(
    groups.map((g) => ({ key: g.key, unit: g.unit, conflict: g.conflict, figures: g.figures.map(name) })),
    expected.groups.map(({ key, unit, conflict, figures }) => ({ key, unit, conflict, figures })),
  );
  const grouped = new Set(groups.flatMap((g) => g.figures.map(name)));
  for (const id of Object.keys(expected.not_grouped)) assert.ok(!grouped.has(id), id);
  for (const f of groups.flatMap((g) => g.figures)) assert.equal(f.outlet, expected.outlets[f.file.slice(0, 3)], name(f));
});

test('conflicts --strict exits 1 on the seeds, and the text names every figure with its place', async () => {
  const result = await inSeeds(['conflicts', '--strict']);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^CONFLICT {2}donbas-death-toll \(people, 4 figures\)$/m);
  assert.match(result.stdout, /^ {2}000_685ffd5502fe63ac\.txt:\d+ {2}more than 13,000 people {2}"13,000 people" {2}\[SpaceWar\.com \(AFP\)\]$/m);
  assert.match(result.stdout, /^3 groups, 2 in conflict$/m);
});

test('figures --json lists every figure with value, interval, unit and document line', async () => {
  const result = await inSeeds(['figures', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const { figures } = JSON.parse(result.stdout) as { figures: FigureEntry[] };
  assert.equal(figures.length, 12);
  const byName = new Map(figures.map((f) => [name(f), f]));
  const toll = byName.get('000:9a849699')!;
  assert.deepEqual(
    { file: toll.file, text: toll.text, value: toll.value, low: toll.low, high: toll.high, low_open: toll.low_open, unit: toll.unit, entity: toll.entity },
    { file: '000_685ffd5502fe63ac.txt', text: '13,000 people', value: 13000, low: 13000, high: null, low_open: true, unit: 'people', entity: 'donbas-death-toll' },
  );
  const seed = readFileSync(`${SETS.seeds}/000_685ffd5502fe63ac.txt`, 'utf8').split('\n');
  assert.ok(seed[toll.line! - 1]!.includes('has left more than 13,000 people'), 'line is the document line of the span');
  assert.deepEqual([byName.get('004:ac2c4337')!.value, byName.get('004:ac2c4337')!.unit, byName.get('004:ac2c4337')!.modifier], [30, 'years', 'nearly']);
});

test('conflicts names every figure whose number could not be read, instead of leaving it out unseen', async () => {
  const work = temporaryFolder('sources-unread');
  try {
    const text = 'The toll rose to 1,5 million people, officials said; others say 13,000 people.\n';
    writeFileSync(path.join(work.dir, 'doc.txt'), text);
    const figure = (id: string, quote: string): string => {
      const start = text.indexOf(quote);
      return `  - id: ${id}\n    label: figure\n    start: ${start}\n    end: ${start + quote.length}\n    text: ${quote}\n`;
    };
    writeFileSync(
      path.join(work.dir, 'doc.txt.annotations.yaml'),
      `marginalia: 1\ndocument: doc.txt\nannotations:\n${figure('f1', '1,5 million people')}${figure('f2', '13,000 people')}`,
    );
    const result = await marginalia(['conflicts', '--strict'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: doc\.txt:1: figure f1 "1,5 million people" has no number that could be read; it is not compared/);
    assert.doesNotMatch(result.stderr, /figure f2/);
  } finally {
    work.dispose();
  }
});
