/**
 * Every span diff-first does not place right on a run of scenarios — orphaned though its text
 * survives (the place the texts do not determine included), or silently wrong — with what is needed to find the rule at fault: the scenario, its
 * edits, the stored span, the truth, what `DiffMap` made of the span and the hunks around it; then the
 * counts by cause. For a round of work on the diff's rules (docs/anchoring.md, "The fourth round").
 *   npm run compile && node out/bench/scenarios/diff-orphans.js [count] [first] [bare]
 * `bare` drops the stored prefix/suffix (diff-first does not read them: the counts are the same).
 */
import * as path from 'node:path';
import { DiffMap } from '../../src/core/anchoring/diff-map';
import { reanchor } from '../../src/core/anchoring/reanchor';
import { OffsetIndex } from '../../src/core/text';
import { classify, emptyTally } from './classify';
import { loadSeeds, scenarioStream } from './generate';
import { withContext } from './run';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** How often `part` stands in `text`. */
function occurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) n++;
  return n;
}

/** What the diff made of old UTF-16 `[start, end)`, and, for a span it gave up on, where its text stands. */
function cause(diff: DiffMap | undefined, oldText: string, newText: string, start: number, end: number): string {
  if (!diff) return 'too many line edits: searched';
  const mapping = diff.map(start, end);
  if (mapping.kind === 'unknown') return 'coarse hunk: searched';
  if (mapping.kind === 'mapped') return `mapped ${mapping.edited ? 'edited' : 'unchanged'}`;
  const text = oldText.slice(start, end);
  const hunks = diff.hunks.filter((h) => h.oldEnd > start && h.oldStart < end).length;
  return `${mapping.kind} (${hunks} hunks over it; its text ${occurrences(oldText, text)}× in the old text, ${occurrences(newText, text)}× in the new)`;
}

const count = Number(process.argv[2] ?? 10_000);
const first = Number(process.argv[3] ?? 0);
const variant = process.argv[4] === 'bare' ? 'without prefix/suffix' : 'with prefix/suffix';
const byCause = new Map<string, number>();
const tally = emptyTally();
for (const s of scenarioStream(loadSeeds(path.join(ROOT, 'seeds')), count, first)) {
  const annotations = withContext(s.annotations, variant);
  const results = reanchor(annotations, new OffsetIndex(s.newText), { previousText: s.oldText });
  const codePoints = [...s.newText];
  const old = new OffsetIndex(s.oldText);
  let diff: DiffMap | undefined | null = null;
  results.forEach(({ annotation: a }, i) => {
    const placement = a.status === 'orphaned' ? null : { start: a.start, end: a.end, text: a.text };
    const truth = s.truths[i]!;
    const verdict = classify(truth, placement, codePoints);
    tally[verdict]++;
    if (verdict === 'exact' || verdict === 'edited-correctly' || verdict === 'orphaned-rightly') return;
    diff ??= DiffMap.between(s.oldText, s.newText);
    const stored = annotations[i]!;
    const from = old.toUtf16(stored.start);
    const to = old.toUtf16(stored.end);
    const why = `${verdict}: ${cause(diff, s.oldText, s.newText, from, to)}`;
    byCause.set(why, (byCause.get(why) ?? 0) + 1);
    console.log(`#${s.number} ${why} — ${s.seed} ${stored.id} ${stored.start}..${stored.end} ${JSON.stringify(stored.text)}`);
    for (const e of s.edits) console.log(`    edit: ${e}`);
    console.log(`    truth ${truth.kind} ${truth.start}..${truth.end} ${JSON.stringify(codePoints.slice(truth.start, truth.end).join(''))}`);
    if (placement) console.log(`    got ${placement.start}..${placement.end} ${JSON.stringify(placement.text)}`);
    for (const h of diff?.hunks.filter((h) => h.oldEnd >= from - 200 && h.oldStart <= to + 200) ?? []) {
      const show = (text: string, a: number, b: number) => JSON.stringify(text.slice(a, b)).slice(0, 160);
      console.log(`    hunk old ${h.oldStart}..${h.oldEnd} ${show(s.oldText, h.oldStart, h.oldEnd)} → ${show(s.newText, h.newStart, h.newEnd)}`);
    }
  });
}
console.log(`\n${variant}: ${JSON.stringify(tally)}`);
for (const [why, n] of [...byCause].sort((a, b) => b[1] - a[1])) console.log(`${n}\t${why}`);
