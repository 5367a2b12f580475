/**
 * Indexing a workspace of 2,000 sidecars × 50 annotations: cold (nothing cached), warm (the cache
 * from the last session, nothing changed on disk) and the heap the index holds, each through the
 * index's Node file system (`nodeIndexFileSystem`: synchronous reads under the workspace rule). The
 * reference is reading and `JSON.parse`-ing the same data stored as JSON, 32 files at a time.
 */
import { promises as fsp, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeIndexFileSystem } from '../../src/core/io/index-files';
import { writeSidecar } from '../../src/core/sidecar/write';
import { SidecarIndex } from '../../src/core/workspace-index';
import { generateAnnotations, generateProse, sidecarOf, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs, medianPairMs } from '../measure';

async function readAllJson(files: string[]): Promise<unknown[]> {
  const out: unknown[] = new Array(files.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      out[i] = JSON.parse(await fsp.readFile(files[i]!, 'utf8'));
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return out;
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmark with node --expose-gc (npm run bench does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function workspaceIndex(options: BenchOptions): Promise<Figure[]> {
  const count = options.quick ? 200 : 2_000;
  const perSidecar = 50;
  const rand = seededRandom(2000);
  const text = generateProse(rand, 8_000);
  const folder = path.join(options.scratch, 'workspace');
  const sidecars: string[] = [];
  const jsons: string[] = [];
  const lastHour = new Date(Date.now() - 3_600_000);
  for (let i = 0; i < count; i++) {
    const dir = path.join(folder, `part-${Math.floor(i / 100)}`);
    mkdirSync(dir, { recursive: true });
    const name = `doc-${String(i).padStart(4, '0')}.txt`;
    const sidecar = sidecarOf(name, generateAnnotations(rand, text, perSidecar));
    const file = path.join(dir, `${name}.annotations.yaml`);
    writeFileSync(file, writeSidecar(sidecar));
    // Written an hour ago: the cache answers only for files that had settled when they were read.
    utimesSync(file, lastHour, lastHour);
    writeFileSync(file + '.json', JSON.stringify(sidecar));
    sidecars.push(file);
    jsons.push(file + '.json');
  }
  // Made anew for each index, as a new session would: it resolves each folder's real path once.
  const nodeFs = () => nodeIndexFileSystem(folder);
  const repeats = options.quick ? { warmup: 2, runs: 7 } : { warmup: 1, runs: 5 };
  const [cold, reference] = await medianPairMs(() => new SidecarIndex().refresh(sidecars, nodeFs()), () => readAllJson(jsons), repeats);

  const primed = new SidecarIndex();
  await primed.refresh(sidecars, nodeFs());
  const saved = JSON.stringify(primed.serialize());
  const warm = await medianMs(() => new SidecarIndex(JSON.parse(saved)).refresh(sidecars, nodeFs()), repeats);

  const baseline = heapUsed();
  const held = new SidecarIndex();
  await held.refresh(sidecars, nodeFs());
  const indexHeap = heapUsed() - baseline;
  const jsonBaseline = heapUsed();
  const parsed = await readAllJson(jsons);
  const jsonHeap = heapUsed() - jsonBaseline;
  const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));
  const n = count * perSidecar;
  const scale = options.quick ? ' (quick: 200 sidecars)' : '';
  const result = [
    figure({
      name: `index a workspace of ${count.toLocaleString('en-US')} sidecars × 50 annotations, cold${scale}`,
      n,
      median_ms: cold,
      reference: 'reading and JSON.parse of the same data as JSON',
      reference_median_ms: reference,
      target: '≤ 2,000 ms and ≤ 3× the reference',
      met: cold <= 2_000 && cold / reference <= 3,
    }),
    figure({
      name: `the same index, warm (cache from the last session, nothing changed)${scale}`,
      n,
      median_ms: warm,
      reference: 'the cold index',
      reference_median_ms: cold,
      target: '≤ 500 ms',
      met: warm <= 500,
      details: { cache_bytes: saved.length },
    }),
    figure({
      name: `heap held by that index (MB, not ms)${scale}`,
      n,
      median_ms: mb(indexHeap),
      reference: 'heap held by the same data JSON.parse-d (MB)',
      reference_median_ms: mb(jsonHeap),
      target: '≤ 150 MB',
      met: mb(indexHeap) <= 150,
    }),
  ];
  if (held.serialize().entries.length !== count || parsed.length !== count) throw new Error('index lost sidecars');
  return result;
}
