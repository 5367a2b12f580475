// \`marginalia quotes\` (src/cli/commands/quotes.ts) on the seeds. How prints are clustered is
// test/core/quotes/clusters.test.ts's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { QuoteCluster } from '../../../src/core/quotes/clusters';
import { expected, inSeeds, name } from '../sources-harness';

test('quotes --json finds the seeds\' clusters', async () => {
  const result = await inSeeds(['quotes', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const { clusters } = JSON.parse(result.stdout) as { clusters: QuoteCluster[] };
  const sortedMembers = (members: string[]): string => [...members].sort().join(' ');
  assert.deepEqual(
    clusters.map((c) => ({ members: sortedMembers(c.members.map(name)), speakers_agree: c.speakers_agree })).sort((a, b) => a.members.localeCompare(b.members)),
    expected.clusters.map((c) => ({ members: sortedMembers(c.members), speakers_agree: c.speakers_agree })).sort((a, b) => a.members.localeCompare(b.members)),
  );
  const clustered = new Set(clusters.flatMap((c) => c.members.map(name)));
  for (const id of Object.keys(expected.not_clustered)) assert.ok(!clustered.has(id), id);
  for (const m of clusters.flatMap((c) => c.members)) assert.equal(m.outlet, expected.outlets[m.file.slice(0, 3)], name(m));
});
