/**
 * Whole-process figures: `marginalia check seeds` as a user runs it, and tagging in the real
 * extension host (measured by the integration suite, read here from its artifact).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';
import { runNode } from '../node-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function checkProcess(options: BenchOptions): Promise<Figure> {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 11 };
  const ours = await medianMs(() => runNode([cli, 'check', 'seeds']), repeats);
  const reference = await medianMs(() => runNode(['-e', '0']), repeats);
  return figure({
    name: '`marginalia check seeds` as a whole process',
    n: 5,
    median_ms: ours,
    reference: 'starting node with an empty script',
    reference_median_ms: reference,
    target: '≤ 400 ms wall',
    met: ours <= 400,
  });
}

/** Written by test/extension/performance.test.ts in the integration run. */
const HOST_MEASUREMENT = path.join(ROOT, '.artifacts', 'perf', 'tag-in-host.json');

/**
 * Tagging in the real extension host: the full run starts the integration runner on the performance
 * suite alone (about a minute); quick mode skips it.
 */
export async function tagInExtensionHost(options: BenchOptions): Promise<Figure | undefined> {
  if (options.quick) return undefined;
  rmSync(HOST_MEASUREMENT, { force: true });
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-vscode-tests.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, MARGINALIA_PERF: '1', MARGINALIA_TEST_GREP: 'Performance' },
  });
  if (!existsSync(HOST_MEASUREMENT)) {
    console.log(`(tagging in the extension host: the integration runner wrote no ${path.relative(ROOT, HOST_MEASUREMENT)})`);
    return undefined;
  }
  const m = JSON.parse(readFileSync(HOST_MEASUREMENT, 'utf8')) as { n: number; median_ms: number; reference_median_ms: number; reference: string; vscode: string };
  return figure({
    name: `tag a span in a document of 10,000 annotations, real extension host (VS Code ${m.vscode})`,
    n: m.n,
    median_ms: m.median_ms,
    reference: m.reference,
    reference_median_ms: m.reference_median_ms,
    target: '≤ 20 ms (issue 20)',
    met: m.median_ms <= 20,
  });
}
