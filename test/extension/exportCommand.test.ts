import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { run } from '../../src/cli/run';
import { EXPORTERS } from '../../src/core/export';
import type { ExportArgs, ExportSummary } from '../../src/extension/exportCommand';
import { OffsetIndex } from '../../src/core/text';
import type { Annotation } from '../../src/core/model';
import type { MarginaliaApi } from '../../src/extension/extension';
import { activeApi, readText, workspaceFolder } from './navigation-helpers';

suite('Export Annotations…', () => {
  let api: MarginaliaApi;
  const exports = (): vscode.Uri => vscode.Uri.joinPath(workspaceFolder(), 'exports');

  suiteSetup(async () => {
    api = await activeApi();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(exports(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('is contributed and registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('marginalia.exportAnnotations'));
    const contributed = vscode.extensions.getExtension('marginalia.marginalia')!.packageJSON.contributes.commands as { command: string; title: string }[];
    assert.equal(contributed.find((c) => c.command === 'marginalia.exportAnnotations')?.title, 'Export Annotations…');
  });

  test('prodigy from the editor: every span slices the exported text to the annotation the store holds', async () => {
    const destination = vscode.Uri.joinPath(exports(), 'seeds.jsonl');
    const summary = await vscode.commands.executeCommand<ExportSummary>('marginalia.exportAnnotations', {
      format: 'prodigy',
      destination,
    } satisfies ExportArgs);
    assert.ok(summary, 'the command reports what it did');
    const documents = api.store.documents().filter((d) => d.hasText);
    assert.equal(summary.documents, documents.length);
    const lines = (await readText(destination)).trimEnd().split('\n');
    assert.equal(lines.length, documents.length);
    let spans = 0;
    for (const line of lines) {
      const task = JSON.parse(line) as { text: string; spans: { start: number; end: number; label: string }[]; meta: { source: string } };
      const doc = documents.find((d) => vscode.workspace.asRelativePath(d.documentUri) === task.meta.source);
      assert.ok(doc, `${task.meta.source} is an annotated document`);
      const index = new OffsetIndex(task.text);
      for (const span of task.spans) {
        const annotation: Annotation | undefined = doc.annotations.find((a) => a.label === span.label && a.start === span.start && a.end === span.end);
        assert.ok(annotation, `${task.meta.source} ${span.label} ${span.start}..${span.end} is in the store`);
        assert.equal(index.slice(span.start, span.end), annotation.text);
        spans++;
      }
    }
    assert.equal(spans, summary.annotations);
  });

  test('the editor and the CLI export the same bytes from the same annotations', async () => {
    const folder = workspaceFolder();
    if (folder.scheme !== 'file') return;
    for (const format of ['doccano', 'w3c', 'labelstudio'] as const) {
      const destination = vscode.Uri.joinPath(exports(), `same.${format}`);
      await vscode.commands.executeCommand('marginalia.exportAnnotations', { format, destination } satisfies ExportArgs);
      const temporary = mkdtempSync(path.join(os.tmpdir(), 'marginalia-export-'));
      try {
        const out = path.join(temporary, 'out');
        const code = await run(['export', '--format', format, '--out', out], {
          cwd: folder.fsPath,
          stdout: { write: () => true },
          stderr: { write: () => true },
        });
        assert.equal(code, 0);
        assert.equal(await readText(destination), readFileSync(out, 'utf8'), format);
      } finally {
        rmSync(temporary, { recursive: true, force: true });
      }
    }
  });

  test('claimreview is offered, and from the editor gives the CLI\'s bytes, claims without a verdict reported as left out', async () => {
    assert.ok(EXPORTERS.some((e) => e.format === 'claimreview'), 'the format picker lists every exporter');
    const folder = workspaceFolder();
    if (folder.scheme !== 'file') return;
    const review = { reviewAuthor: 'Example Fact Check', reviewUrl: 'https://factcheck.example/seeds', reviewDate: '2026-12-04' };
    const destination = vscode.Uri.joinPath(exports(), 'reviews.jsonld');
    const summary = await vscode.commands.executeCommand<ExportSummary>('marginalia.exportAnnotations', { format: 'claimreview', destination, review } satisfies ExportArgs);
    assert.ok(summary, 'the command reports what it did');
    assert.ok(summary.warnings.some((w) => /^\d+ claims? without a verdict attribute left out$/.test(w)), summary.warnings.join('\n'));
    const temporary = mkdtempSync(path.join(os.tmpdir(), 'marginalia-export-'));
    try {
      const out = path.join(temporary, 'reviews.jsonld');
      const args = ['export', '--format', 'claimreview', '--out', out, '--author', review.reviewAuthor, '--url', review.reviewUrl, '--date', review.reviewDate];
      const code = await run(args, { cwd: folder.fsPath, stdout: { write: () => true }, stderr: { write: () => true } });
      assert.equal(code, 0);
      assert.equal(await readText(destination), readFileSync(out, 'utf8'));
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  });

  test('claimreview chosen in the picker asks for the fact check\'s author, address and date, and counts what it left out', async () => {
    const window = vscode.window as unknown as Record<'showQuickPick' | 'showInputBox' | 'showWarningMessage', unknown>;
    const saved = { showQuickPick: window.showQuickPick, showInputBox: window.showInputBox, showWarningMessage: window.showWarningMessage };
    const offered: string[] = [];
    const prompts: string[] = [];
    const answers = ['Example Fact Check', 'https://factcheck.example/seeds', '2026-12-04'];
    const warnings: string[] = [];
    window.showQuickPick = async (items: { label: string }[]) => {
      offered.push(...items.map((i) => i.label));
      return items.find((i) => i.label === 'claimreview');
    };
    window.showInputBox = async (options: vscode.InputBoxOptions) => {
      prompts.push(options.prompt ?? '');
      return answers[prompts.length - 1];
    };
    window.showWarningMessage = async (message: string) => {
      warnings.push(message);
      return undefined;
    };
    try {
      const destination = vscode.Uri.joinPath(exports(), 'asked.jsonld');
      const summary = await vscode.commands.executeCommand<ExportSummary>('marginalia.exportAnnotations', { destination } satisfies ExportArgs);
      assert.ok(summary, 'the command reports what it did');
      assert.deepEqual(offered, EXPORTERS.map((e) => e.format));
      assert.deepEqual(prompts, ["The organisation publishing the fact checks (the reviews' author)", 'The address of the page publishing them', 'When they are published (ISO 8601)']);
      assert.equal(await readText(destination), '[]\n', 'the seeds carry no verdicts');
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0]!, /^Marginalia: exported 0 ClaimReviews of 0 claims; (\d+) left out \(\1 without a verdict, 0 with conflicting verdicts\) from \d+ documents to .*asked\.jsonld\. 1 warning\.$/);
    } finally {
      Object.assign(window, saved);
    }
  });

  test('brat from the editor writes a folder: a .txt and .ann per document and annotation.conf', async () => {
    const destination = vscode.Uri.joinPath(exports(), 'brat');
    const summary = await vscode.commands.executeCommand<ExportSummary>('marginalia.exportAnnotations', { format: 'brat', destination } satisfies ExportArgs);
    assert.ok(summary);
    const names = (await vscode.workspace.fs.readDirectory(destination)).map(([name]) => name).sort();
    assert.ok(names.includes('annotation.conf'));
    assert.equal(names.filter((n) => n.endsWith('.ann')).length, summary.documents);
    assert.equal(names.filter((n) => n.endsWith('.txt')).length, summary.documents);
    const conf = await readText(vscode.Uri.joinPath(destination, 'annotation.conf'));
    assert.match(conf, /^\[entities\]\nclaim\nquote\nfigure\n/m);
  });
});
