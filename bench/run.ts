/**
 * `npm run bench [-- --quick]`: measures the project's own code paths, each beside a reference
 * measured in the same run, and writes bench/results.json and bench/results.md.
 * Quick mode (CI) uses smaller inputs and fewer runs and writes to .artifacts/bench instead, so the
 * committed results always come from a full run. `BENCH_ONLY=checkCorpus,openSidecar` runs only the
 * figures named (their functions' names), also into .artifacts/bench; with `--update` as well, its
 * figures replace those of the same name in the committed results, and the page says which figures
 * were measured in which run.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchOptions, Figure } from './figure';
import { reanchorInsertLarge, reanchorInsertSmall, reanchorWordEdits } from './figures/anchoring';
import { reanchorScatteredEdits, reanchorScenarios } from './figures/reanchor-scenarios';
import { agreeTwoTrees } from './figures/agreement';
import { exportClaimReview, exportDoccano } from './figures/export';
import { importLabelStudio } from './figures/import';
import { crossSourceCommands, editorCrossSourceView } from './figures/sources';
import { checkCorpus, corpusCommands } from './figures/corpus';
import { checkProcess, tagInExtensionHost } from './figures/process';
import { firstHighlightByHost } from './figures/hosts';
import { checkRelations, exportRelations } from './figures/relations';
import { durableSidecarWrite, openSidecar, tagWriteLargeSidecar, writeAfterOneChange } from './figures/sidecar';
import { liveTracking } from './figures/tracking';
import { workspaceIndex } from './figures/workspace-index';
import { speakerRelations, suggestOverText } from './figures/suggest';

const ROOT = path.resolve(__dirname, '..', '..');

type FigureRun = (options: BenchOptions) => Promise<Figure | Figure[] | undefined>;

const FIGURES: FigureRun[] = [
  liveTracking,
  openSidecar,
  workspaceIndex,
  reanchorInsertSmall,
  reanchorInsertLarge,
  reanchorWordEdits,
  reanchorScenarios,
  reanchorScatteredEdits,
  writeAfterOneChange,
  durableSidecarWrite,
  tagWriteLargeSidecar,
  exportDoccano,
  exportClaimReview,
  importLabelStudio,
  crossSourceCommands,
  editorCrossSourceView,
  agreeTwoTrees,
  suggestOverText,
  speakerRelations,
  checkProcess,
  checkCorpus,
  corpusCommands,
  checkRelations,
  exportRelations,
  tagInExtensionHost,
  firstHighlightByHost,
];

function markdown(figures: Figure[], quick: boolean, only: string[] | undefined, updated: string[]): string {
  const cpus = os.cpus();
  const scope = updated.length
    ? `the last full run, except ${updated.join('; ')}, re-measured on ${new Date().toISOString().slice(0, 10)} by a partial run (figures ${only!.join(', ')})`
    : `${quick ? 'quick mode' : 'full run'}${only ? ` of ${only.join(', ')} only` : ''}, ${new Date().toISOString().slice(0, 10)}`;
  const lines = [
    '# Benchmark results',
    '',
    `Node ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model ?? 'unknown'}), ${os.platform()} ${os.arch()}, ` +
      `${scope}. Medians after a warm-up; ` +
      'times in milliseconds; ratio = ours / reference, both measured in the same run.',
    '',
    '| figure | n | ours (ms) | reference | reference (ms) | ratio | target | met |',
    '|---|---:|---:|---|---:|---:|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.n.toLocaleString('en-US')} | ${f.median_ms} | ${f.reference} | ${f.reference_median_ms} | ${f.ratio} | ${f.target} | ${f.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  const detailed = figures.filter((f) => f.details);
  if (detailed.length) {
    lines.push('## Details', '');
    for (const f of detailed) {
      lines.push(`- ${f.name}: ${Object.entries(f.details!).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    lines.push('');
  }
  for (const f of figures.filter((f) => f.table)) lines.push(`## ${f.name}`, '', f.table!, '');
  return lines.join('\n');
}

/** The committed figures with those just measured in place of the same names (new ones at the end). */
function mergedInto(resultsFile: string, fresh: Figure[]): Figure[] {
  const old = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Figure[]) : [];
  const merged = old.map((f) => fresh.find((n) => n.name === f.name) ?? f);
  return merged.concat(fresh.filter((f) => !old.some((o) => o.name === f.name)));
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const only = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !FIGURES.some((run) => run.name === name));
  if (unknown?.length) throw new Error(`BENCH_ONLY: no figure named ${unknown.join(', ')}; the names are ${FIGURES.map((run) => run.name).join(', ')}`);
  // Said before any figure runs: otherwise the run ends in .artifacts/bench, the committed results untouched, and says nothing.
  if (process.argv.includes('--update') && quick) {
    throw new Error('--update replaces figures of the committed results, which come from full runs only: drop --quick');
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bench-'));
  const figures: Figure[] = [];
  const started = Date.now();
  try {
    for (const run of only ? FIGURES.filter((f) => only.includes(f.name)) : FIGURES) {
      if (run === tagInExtensionHost && !quick) {
        // Another process is timed next: free this one's heap from the figures before (hundreds of
        // megabytes) and let the machine settle. Without this pause it measured 48-50 ms, with it 31.
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((resolve) => setTimeout(resolve, 10_000));
      }
      const t0 = Date.now();
      const result = await run({ quick, scratch });
      for (const f of result === undefined ? [] : Array.isArray(result) ? result : [result]) {
        figures.push(f);
        console.log(`${f.met ? 'met    ' : quick ? 'over   ' : 'NOT MET'} ${f.name}: ${f.median_ms} ms (reference ${f.reference_median_ms} ms, ratio ${f.ratio}) [${((Date.now() - t0) / 1000).toFixed(1)} s]`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const update = only !== undefined && process.argv.includes('--update');
  const outDir = (quick || only) && !update ? path.join(ROOT, '.artifacts', 'bench') : path.join(ROOT, 'bench');
  mkdirSync(outDir, { recursive: true });
  const written = update ? mergedInto(path.join(outDir, 'results.json'), figures) : figures;
  writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(written, null, 2) + '\n');
  writeFileSync(path.join(outDir, 'results.md'), markdown(written, quick, only, update ? figures.map((f) => f.name) : []));
  const missed = figures.filter((f) => !f.met).length;
  console.log(`bench: ${figures.length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s, ${figures.length - missed} targets met, ${missed} not met; results in ${path.relative(ROOT, outDir)}/`);
  // Quick mode keeps the code paths from rotting in CI; its smaller inputs and few repeats make its
  // figures indicative (on this machine: live tracking 0.04-0.07 ms, the 200-sidecar index 5.2-7.4x JSON).
  if (quick) console.log('bench: quick mode: smaller inputs and fewer repeats; the targets are judged on a full run (npm run bench, bench/results.md)');
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  },
);
