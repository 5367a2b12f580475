// Activation and first decoration in the extension host this run is in (Node or web worker), measured
// the same way in both, for the benchmark: bench/figures/hosts.ts runs this suite in each host in one
// bench run and compares them. A measurement, not a check: it runs only when the runner was started with
// MARGINALIA_PERF=1 (the harness file says so), and prints one `[[bench:host]] {...}` line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateAnnotations, generateProse, seededRandom, sidecarOf } from '../../bench/data';
import { median } from '../../bench/measure';
import { writeSidecar } from '../../src/core/sidecar/write';
import type { MarginaliaApi } from '../../src/extension/extension';
import { marginalia, openEditor, removeScratch, scratchDocument, scratchLater, sidecarOf as sidecarUriOf, waitFor, writeFile } from './editor-helpers';
import { harness } from './harness';

const ANNOTATIONS = 1_000;
/** Labels that fit the generated annotations (the seeds' would warn about every quote's speaker). */
const BENCH_LABELS = 'labels:\n' + ['claim', 'quote', 'figure'].map((label) => `  ${label}:\n    attributes:\n      speaker:\n        type: text\n`).join('');
const RUNS = 15;
/** Documents opened first and not timed: the first ones compile the code paths. */
const WARMUP = 3;
const EXTENSION_ID = 'marginalia.marginalia';

/**
 * How long VS Code took to activate the extension in this host: from its mark before loading the
 * extension's code to its mark after `activate` returned (both hosts keep them in MonacoPerformanceMarks).
 */
function activationMs(): number {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${EXTENSION_ID}`)?.startTime;
  const [will, did] = [at('willActivateExtension'), at('didActivateExtension')];
  assert.ok(will !== undefined && did !== undefined, 'VS Code marked the activation of the extension');
  return did - will;
}

/** The annotations drawn in an editor, outer and nested, over every label. */
function drawnCount(api: MarginaliaApi, editor: vscode.TextEditor): number {
  return [...api.decorations.drawnIn(editor).values()].reduce((n, r) => n + r.outer.length + r.nested.length, 0);
}

suite('Host benchmark', () => {
  suiteTeardown(removeScratch);

  test('activation, and first decoration of a document with a 1,000-annotation sidecar', async function () {
    const found = await harness();
    if (!found?.settings.perf) this.skip();
    this.timeout(300_000);
    const api = await marginalia();
    const activation = activationMs();
    const rand = seededRandom(1000);
    const text = generateProse(rand, 100_000);
    const annotations = generateAnnotations(rand, text, ANNOTATIONS);
    const first = await scratchDocument('host-bench/doc-0.txt', text);
    const labelConfig = vscode.Uri.joinPath(first, '..', '.marginalia.yaml');
    await writeFile(labelConfig, BENCH_LABELS);
    scratchLater(labelConfig);
    await waitFor(() => api.store.labelsFor(first).labels.some((l) => l.attributes.some((a) => a.name === 'speaker' && !a.required)), 'the label configuration read');

    const times: number[] = [];
    for (let run = 0; run < WARMUP + RUNS; run++) {
      const name = `doc-${run}.txt`;
      const uri = run === 0 ? first : await scratchDocument(`host-bench/${name}`, text);
      await writeFile(sidecarUriOf(uri), writeSidecar(sidecarOf(name, annotations)));
      await waitFor(() => api.store.get(uri)?.annotations.length === ANNOTATIONS, `the sidecar of ${name} indexed`, 60_000);
      // Timed: from opening the document to its 1,000 annotations drawn.
      const t0 = performance.now();
      const editor = await openEditor(uri);
      await waitFor(() => drawnCount(api, editor) === ANNOTATIONS, `the ${ANNOTATIONS} annotations of ${name} drawn`, 30_000, 1);
      if (run >= WARMUP) times.push(performance.now() - t0);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.deepEqual(api.store.get(first)?.findings, [], 'the generated annotations fit the labels');
    const measurement = { host: found.settings.host, vscode: vscode.version, activation_ms: activation, decorate_ms: median(times), n: ANNOTATIONS, runs: times.map((t) => Number(t.toFixed(1))) };
    console.log(`[[bench:host]] ${JSON.stringify(measurement)}`);
  });
});
