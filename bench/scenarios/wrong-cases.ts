/**
 * Every silently wrong placement of our two modes (diff-first, the search fallback), with and without
 * the stored prefix/suffix, on a run of scenarios: the scenario, its edits, the stored span, the truth,
 * the placement and the text around it; then the counts table. For a round of work on the rules, and
 * to try them on scenarios they were not made on (docs/anchoring.md, "Scenarios no rule was made on").
 *   npm run compile && node out/bench/scenarios/wrong-cases.js [count] [first]
 */
import * as path from 'node:path';
import { tallyTable } from './classify';
import { loadSeeds, scenarioStream } from './generate';
import { DIFF_FIRST, SEARCH_FALLBACK, describeCase, runScenarios } from './run';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const count = Number(process.argv[2] ?? 10_000);
const first = Number(process.argv[3] ?? 0);
const report = runScenarios(scenarioStream(loadSeeds(path.join(ROOT, 'seeds')), count, first), [DIFF_FIRST, SEARCH_FALLBACK], Infinity);
for (const c of report.cases.filter((x) => x.verdict === 'silently-wrong')) console.log(describeCase(c));
console.log(`\n${tallyTable(report.rows)}`);
