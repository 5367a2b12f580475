/**
 * Every silently wrong placement of our two modes (diff-first, the search fallback), with and without
 * the stored prefix/suffix, on a run of scenarios: the scenario, its edits, the stored span, the
 * truth, the placement and what placed it (method, outcome, score); then the counts table. For a round of work on the
 * rules (docs/anchoring.md, "The sixth round").
 *   npm run compile && node out/bench/scenarios/wrong-cases.js [count] [first]
 */
import * as path from 'node:path';
import { reanchor } from '../../src/core/anchoring/reanchor';
import { OffsetIndex } from '../../src/core/text';
import { classify, emptyTally, tallyTable, type Tally } from './classify';
import { loadSeeds, scenarioStream } from './generate';
import { CONTEXT_VARIANTS, withContext } from './run';

const ROOT = path.resolve(__dirname, '..', '..', '..');

const count = Number(process.argv[2] ?? 10_000);
const first = Number(process.argv[3] ?? 0);
const tallies = new Map<string, Tally>();
for (const s of scenarioStream(loadSeeds(path.join(ROOT, 'seeds')), count, first)) {
  const codePoints = [...s.newText];
  const index = new OffsetIndex(s.newText);
  for (const mode of ['diff-first', 'search fallback'] as const) {
    for (const variant of CONTEXT_VARIANTS) {
      const annotations = withContext(s.annotations, variant);
      const results = reanchor(annotations, index, mode === 'diff-first' ? { previousText: s.oldText } : {});
      results.forEach(({ annotation: a, method, outcome, score }, i) => {
        const placement = a.status === 'orphaned' ? null : { start: a.start, end: a.end, text: a.text };
        const truth = s.truths[i]!;
        const row = `${mode}, ${variant}`;
        const tally = tallies.get(row) ?? emptyTally();
        tallies.set(row, tally);
        const verdict = classify(truth, placement, codePoints);
        tally[verdict]++;
        if (verdict !== 'silently-wrong') return;
        const stored = annotations[i]!;
        const show = (from: number, to: number) => JSON.stringify(codePoints.slice(from, to).join(''));
        console.log(`#${s.number} ${row} — ${s.seed} ${stored.id} ${stored.start}..${stored.end} ${JSON.stringify(stored.text)}`);
        for (const e of s.edits) console.log(`    edit: ${e}`);
        const alternatives = truth.alternatives.map((b) => ` | ${b.start}..${b.end}`).join('');
        console.log(`    truth ${truth.kind}${truth.undetermined ? ' (undetermined)' : ''} ${truth.start}..${truth.end}${alternatives} ${truth.kind === 'gone' ? '' : show(truth.start, truth.end)}`);
        console.log(`    got   ${placement!.start}..${placement!.end} ${JSON.stringify(placement!.text)} by ${method} (${outcome}, score ${score.toFixed(2)})`);
        console.log(`    around ${show(placement!.start - 60, placement!.start)} [..] ${show(placement!.end, placement!.end + 60)}`);
      });
    }
  }
}
console.log(`\n${tallyTable([...tallies].map(([name, tally]) => ({ name, tally })))}`);
