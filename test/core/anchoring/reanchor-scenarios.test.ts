/**
 * Issue 11's targets on 500 generated scenarios with known answers (bench/scenarios/, truth rules in
 * docs/anchoring.md): re-anchoring is never silently wrong, diff-first places every surviving span
 * exactly or on its edited bounds, the search fallback orphans at most 1% of spans whose text is
 * still there. The counts table and the first wrong cases are printed, so the log shows them.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { tallyTable, total, type TallyRow } from '../../../bench/scenarios/classify';
import { loadSeeds, scenarioStream } from '../../../bench/scenarios/generate';
import { DIFF_FIRST, SEARCH_FALLBACK, describeCase, runScenarios, type ScenarioReport } from '../../../bench/scenarios/run';
import { REPO_ROOT } from '../../fixture-path';

const SCENARIOS = 500;

let report: ScenarioReport | undefined;

/** The verdicts of ours, run once and shared by the tests; the table and the wrong cases printed. */
function ours(): ScenarioReport {
  if (!report) {
    report = runScenarios(scenarioStream(loadSeeds(path.join(REPO_ROOT, 'seeds')), SCENARIOS), [DIFF_FIRST, SEARCH_FALLBACK], 5);
    console.log(`re-anchoring ${SCENARIOS} edited seed articles with known answers:\n${tallyTable(report.rows)}`);
    for (const c of report.cases.slice(0, 10)) console.log(describeCase(c));
  }
  return report;
}

function rows(mode: string): TallyRow[] {
  const found = ours().rows.filter((r) => r.name.startsWith(`${mode},`));
  assert.equal(found.length, 2, `${mode}: with and without prefix/suffix`);
  return found;
}

function firstCases(mode: string, verdicts: string[]): string {
  return ours()
    .cases.filter((c) => c.mode === mode && verdicts.includes(c.verdict))
    .slice(0, 3)
    .map(describeCase)
    .join('\n');
}

test(`${SCENARIOS} scenarios: diff-first places no span silently wrong`, () => {
  for (const { name, tally } of rows(DIFF_FIRST.name)) {
    assert.equal(tally['silently-wrong'], 0, `${name}: silently wrong placements, the first:\n${firstCases(DIFF_FIRST.name, ['silently-wrong'])}`);
  }
});

test(`${SCENARIOS} scenarios: the search fallback places no span silently wrong`, () => {
  for (const { name, tally } of rows(SEARCH_FALLBACK.name)) {
    assert.equal(tally['silently-wrong'], 0, `${name}: silently wrong placements, the first:\n${firstCases(SEARCH_FALLBACK.name, ['silently-wrong'])}`);
  }
});

test(`${SCENARIOS} scenarios: diff-first places every span whose text survives and whose place the texts tell, exactly or on its edited bounds`, () => {
  for (const { name, tally } of rows(DIFF_FIRST.name)) {
    assert.ok(total(tally) >= 7_000, `${name}: ${total(tally)} placements judged`);
    assert.equal(
      tally['orphaned-wrongly'] + tally['orphaned-edited'],
      0,
      `${name}: orphaned though its text is there, the first:\n${firstCases(DIFF_FIRST.name, ['orphaned-wrongly', 'orphaned-edited'])}`,
    );
  }
});

test(`${SCENARIOS} scenarios: the search fallback orphans at most 1% of the spans whose text is intact`, () => {
  for (const { name, tally } of rows(SEARCH_FALLBACK.name)) {
    const intact = tally.exact + tally['orphaned-wrongly'] + tally['silently-wrong'];
    assert.ok(
      tally['orphaned-wrongly'] <= intact / 100,
      `${name}: ${tally['orphaned-wrongly']} of ${intact} intact spans orphaned, the first:\n${firstCases(SEARCH_FALLBACK.name, ['orphaned-wrongly'])}`,
    );
  }
});
