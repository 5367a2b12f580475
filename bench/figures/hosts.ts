/**
 * The extension in the web-worker extension host (vscode.dev, github.dev) against the Node one, in one
 * bench run: the integration runner runs test/extension/hostBench.test.ts in each host in turn, a few
 * windows each, and this reads the `[[bench:host]]` lines they print. Needs code-server and Chromium
 * (scripts/ensure-deps.sh) and a `browser` entry; quick mode skips it (about three minutes).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { figure, type BenchOptions, type Figure } from '../figure';
import { median } from '../measure';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Windows opened per host: activation happens once per window. */
const WINDOWS = 3;
const MARKER = '[[bench:host]]';

interface HostMeasurement {
  host: 'node' | 'web';
  vscode: string;
  activation_ms: number;
  decorate_ms: number;
  n: number;
  runs: number[];
}

/**
 * Run the host benchmark suite once in a host.
 * @param host node or web
 * @returns what the suite printed, or undefined when the run failed
 */
function measureIn(host: 'node' | 'web'): HostMeasurement | undefined {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-vscode-tests.js'), '--host', host, '--artifacts', path.join(ROOT, '.artifacts', 'bench-hosts')], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, MARGINALIA_PERF: '1', MARGINALIA_TEST_GREP: 'Host benchmark' },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (result.status !== 0 || !line) {
    console.log(`(host benchmark in the ${host} host: the run exited ${result.status} ${line ? '' : 'without a measurement'})`);
    return undefined;
  }
  return JSON.parse(line.slice(MARKER.length)) as HostMeasurement;
}

/**
 * Activation, and first decoration of a document with a 1,000-annotation sidecar, in the web worker,
 * each against the same in the Node host measured in the same run (windows alternate between hosts).
 */
export async function extensionHosts(options: BenchOptions): Promise<Figure[] | undefined> {
  if (options.quick) return undefined;
  if (!JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).browser) {
    console.log('(host benchmark: package.json has no browser entry)');
    return undefined;
  }
  const node: HostMeasurement[] = [];
  const web: HostMeasurement[] = [];
  for (let window = 0; window < WINDOWS; window++) {
    const fromNode = measureIn('node');
    const fromWeb = measureIn('web');
    if (!fromNode || !fromWeb) return undefined;
    node.push(fromNode);
    web.push(fromWeb);
  }
  const version = web[0]!.vscode;
  const details = (of: (m: HostMeasurement) => number) => ({ node_runs_ms: node.map(of).join(', '), web_runs_ms: web.map(of).join(', ') });
  return [
    figure({
      name: `activate the extension in the web-worker host (VS Code ${version})`,
      n: WINDOWS,
      median_ms: median(web.map((m) => m.activation_ms)),
      reference: 'the same in the Node extension host (VS Code\'s will/did-activate marks)',
      reference_median_ms: median(node.map((m) => m.activation_ms)),
      target: '≤ 3× the reference',
      met: median(web.map((m) => m.activation_ms)) <= 3 * median(node.map((m) => m.activation_ms)),
      details: details((m) => Number(m.activation_ms.toFixed(1))),
    }),
    figure({
      name: `open a document with a ${web[0]!.n.toLocaleString('en')}-annotation sidecar until all are drawn, web-worker host`,
      n: web[0]!.n,
      median_ms: median(web.flatMap((m) => m.runs)),
      reference: 'the same in the Node extension host',
      reference_median_ms: median(node.flatMap((m) => m.runs)),
      target: '≤ 3× the reference',
      met: median(web.flatMap((m) => m.runs)) <= 3 * median(node.flatMap((m) => m.runs)),
      details: details((m) => Number(m.decorate_ms.toFixed(1))),
    }),
  ];
}
