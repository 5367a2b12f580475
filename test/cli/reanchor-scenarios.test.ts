/**
 * `marginalia check --fix` on generated scenarios with known answers (bench/scenarios/), as a user
 * runs it: the seed article and its sidecar committed in a git repository, or in a plain folder, then
 * the article edited outside the editor and the written sidecar compared with the truth. In git the
 * CLI finds the text the annotations were verified against (diff-first); in a plain folder it can
 * only search. Sidecars with and without prefix/suffix, alternately.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyTally, tallyTable, type Placement, type Tally } from '../../bench/scenarios/classify';
import { generateScenarios, loadSeeds, type Scenario } from '../../bench/scenarios/generate';
import { CONTEXT_VARIANTS, judge, withContext } from '../../bench/scenarios/run';
import { sidecarPathFor } from '../../src/core/paths';
import { readSidecar } from '../../src/core/sidecar/read';
import { writeSidecar } from '../../src/core/sidecar/write';
import { REPO_ROOT } from '../fixture-path';
import { commitAll, marginalia } from './cli-harness';

/** Each way: git and plain folder. Scenarios from 10,000 on, apart from the unit test's. */
const PER_WAY = 40;
const SEEDS = path.join(REPO_ROOT, 'seeds');
const scenarios = generateScenarios(loadSeeds(SEEDS), PER_WAY, 10_000);

/**
 * Lay the seed and its sidecar out in a fresh folder (committed, in git), edit the article, run
 * `check --fix`, and return where the written sidecar puts each annotation.
 */
async function fixOnDisk(s: Scenario, variant: (typeof CONTEXT_VARIANTS)[number], inGit: boolean): Promise<Placement[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-scenario-'));
  try {
    const doc = path.join(dir, s.seed);
    copyFileSync(path.join(SEEDS, s.seed), doc);
    copyFileSync(path.join(SEEDS, '.marginalia.yaml'), path.join(dir, '.marginalia.yaml'));
    const annotations = withContext(s.annotations, variant);
    writeFileSync(sidecarPathFor(doc), writeSidecar({ version: 1, document: s.seed, annotations }));
    if (inGit) {
      commitAll(dir, 'annotated');
    }
    writeFileSync(doc, s.raw);
    const result = await marginalia(['check', '--fix', '--json', dir], dir);
    assert.ok(result.code === 0 || result.code === 1, `scenario ${s.number}: check --fix ran (exit ${result.code}): ${result.stderr}`);
    const { sidecar } = readSidecar(readFileSync(sidecarPathFor(doc), 'utf8'));
    assert.ok(sidecar, `scenario ${s.number}: the written sidecar reads`);
    const byId = new Map(sidecar.annotations.map((a) => [a.id, a]));
    return annotations.map((a) => {
      const fixed = byId.get(a.id);
      assert.ok(fixed, `scenario ${s.number}: annotation ${a.id} is kept`);
      return fixed.status === 'orphaned' ? null : { start: fixed.start, end: fixed.end, text: fixed.text };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runWay(inGit: boolean): Promise<Tally> {
  const tally = emptyTally();
  const wrong: string[] = [];
  for (const [k, s] of scenarios.entries()) {
    const variant = CONTEXT_VARIANTS[k % 2]!;
    judge(s, await fixOnDisk(s, variant, inGit), tally, (i, verdict) => wrong.push(`${verdict}: scenario ${s.number}, ${variant}, ${s.annotations[i]!.id}`));
  }
  const name = inGit ? 'check --fix in a git repository (diff-first)' : 'check --fix in a plain folder (search)';
  console.log(`${tallyTable([{ name, tally }])}\n${wrong.slice(0, 10).join('\n')}`);
  return tally;
}

test(`check --fix in a git repository, ${PER_WAY} scenarios: never silently wrong, every surviving span placed`, async () => {
  const tally = await runWay(true);
  assert.equal(tally['silently-wrong'], 0, 'silently wrong placements');
  assert.equal(tally['orphaned-wrongly'] + tally['orphaned-edited'], 0, 'spans orphaned though their text is there');
});

test(`check --fix in a plain folder, ${PER_WAY} scenarios: never silently wrong`, async () => {
  const tally = await runWay(false);
  assert.equal(tally['silently-wrong'], 0, 'silently wrong placements');
});
