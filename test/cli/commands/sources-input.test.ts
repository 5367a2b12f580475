// readSources: the annotations of the cross-source commands (figures, conflicts, quotes), each placed
// in its document with its line and outlet, over the sidecars of test/fixtures/sources/input/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readSources } from '../../../src/cli/commands/sources-input';
import { UsageError } from '../../../src/cli/options';
import type { CliIO } from '../../../src/cli/run';
import { fixturePath } from '../../fixture-path';

/** The CLI's IO in the fixture folder, stderr kept. */
function io(): CliIO & { errors: string[] } {
  const errors: string[] = [];
  return { stdout: { write: () => assert.fail('readSources prints nothing') }, stderr: { write: (s: string) => errors.push(s) }, cwd: fixturePath('sources', 'input'), errors };
}

test('each annotation of the labels asked for, with its document as shown, its 1-based line and its outlet', async () => {
  const cli = io();
  const { placed } = await readSources('figures', ['news.txt.annotations.yaml'], new Set(['figure']), cli);
  assert.deepEqual(
    placed.map((p) => [p.annotation.id, p.file, p.line, p.outlet]),
    [
      ['f0000001', 'news.txt', 2, 'The Daily'],
      ['f0000002', 'news.txt', null, 'The Daily'],
    ],
  );
  assert.deepEqual(cli.errors, []);
});

test('an orphan has no line; a document that cannot be read leaves every line out, with a warning', async () => {
  const cli = io();
  const { placed, unreadable } = await readSources('figures', ['gone.txt.annotations.yaml'], new Set(['figure']), cli);
  assert.deepEqual(placed.map((p) => [p.annotation.id, p.file, p.line, p.outlet]), [['f0000003', 'gone.txt', null, null]]);
  assert.equal(unreadable, 0);
  assert.deepEqual(cli.errors, ['marginalia figures: warning: gone.txt cannot be read; its annotations are listed without a line\n']);
});

test('a sidecar that cannot be read is counted and named, and the others are still read', async () => {
  const cli = io();
  const { placed, unreadable } = await readSources('quotes', [], new Set(['figure', 'claim']), cli);
  assert.equal(unreadable, 1);
  assert.match(cli.errors.join(''), /^marginalia quotes: warning: broken\/doc\.txt\.annotations\.yaml cannot be read \('marginalia check' says why\); left out$/m);
  assert.deepEqual(placed.map((p) => p.annotation.id).sort(), ['c0000001', 'f0000001', 'f0000002', 'f0000003']);
});

test('a path that does not exist is a usage error', async () => {
  await assert.rejects(readSources('figures', ['nowhere'], new Set(['figure']), io()), (error: unknown) => error instanceof UsageError && /no such file or folder/.test(error.message));
});

test('a source header that check calls bad-source lends no outlet, as exports use none of it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-sources-'));
  try {
    writeFileSync(path.join(dir, 'bad.txt'), 'The toll rose to 13,000 people.\n');
    const header = 'source:\n  outlet: The Daily\n  url: not an address\n';
    const record = 'annotations:\n  - id: f0000009\n    label: figure\n    start: 17\n    end: 30\n    text: 13,000 people\n';
    writeFileSync(path.join(dir, 'bad.txt.annotations.yaml'), `marginalia: 1\ndocument: bad.txt\n${header}${record}`);
    const cli = { ...io(), cwd: dir };
    const { placed } = await readSources('figures', [], new Set(['figure']), cli);
    assert.deepEqual(placed.map((p) => [p.annotation.id, p.line, p.outlet]), [['f0000009', 1, null]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
