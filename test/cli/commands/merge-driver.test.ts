import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { REPO_ROOT } from '../../fixture-path';
import { marginalia } from '../cli-harness';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const ARTICLE = '002_49c9f8d13296ee90.txt';
const SIDECAR = `${ARTICLE}.annotations.yaml`;

/** A git repository in a temporary folder holding the seeds (one article's sidecar is edited), with the merge driver set up. */
function repository(): { dir: string; git: (...args: string[]) => string; dispose: () => void } {
  assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-merge-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'merge.marginalia.driver', `node ${JSON.stringify(CLI)} merge-driver %O %A %B %P`);
  writeFileSync(path.join(dir, '.gitattributes'), '*.annotations.yaml merge=marginalia\n');
  // The whole seeds folder: the article's labels and the articles its relations point at come with it.
  for (const name of readdirSync(path.join(REPO_ROOT, 'seeds'))) copyFileSync(path.join(REPO_ROOT, 'seeds', name), path.join(dir, name));
  git('add', '-A');
  git('commit', '-qm', 'base');
  return { dir, git, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function load(dir: string): { sidecar: Sidecar; source: string } {
  const source = readFileSync(path.join(dir, SIDECAR), 'utf8');
  const { sidecar } = readSidecar(source);
  assert.ok(sidecar);
  return { sidecar, source };
}

/** Change the sidecar on the current branch as an annotator's tool would, and commit. */
function annotate(repo: ReturnType<typeof repository>, message: string, change: (annotations: Annotation[]) => Annotation[]): void {
  const { sidecar, source } = load(repo.dir);
  writeFileSync(path.join(repo.dir, SIDECAR), writeSidecar({ ...sidecar, annotations: change(sidecar.annotations) }, source));
  repo.git('commit', '-qam', message);
}

/** A new annotation over the first occurrence of `phrase` in the article. */
function tag(dir: string, id: string, phrase: string, label: string): Annotation {
  const text = readFileSync(path.join(dir, ARTICLE), 'utf8');
  const at = text.indexOf(phrase);
  assert.ok(at >= 0 && !/[\uD800-\uDFFF\r]/.test(text.slice(0, at + phrase.length)), 'UTF-16 offsets equal code points here');
  return { id, label, start: at, end: at + phrase.length, text: phrase, author: id };
}

test('two annotators on two branches: every record of both survives the merge', async () => {
  const repo = repository();
  try {
    const base = load(repo.dir).sidecar.annotations;
    assert.ok(base.length >= 3, 'the seed sidecar has records to edit');
    const [first, second] = base;
    repo.git('checkout', '-qb', 'ana');
    annotate(repo, 'ana tags and notes', (list) => [
      ...list.map((a) => (a.id === first!.id ? { ...a, note: 'Checked by Ana.' } : a)),
      tag(repo.dir, 'aaaa0001', 'Russia', 'claim'),
    ]);
    repo.git('checkout', '-q', 'main');
    repo.git('checkout', '-qb', 'ben');
    annotate(repo, 'ben tags and links', (list) => [
      ...list.map((a) => (a.id === second!.id ? { ...a, entity: 'linked-by-ben' } : a)),
      tag(repo.dir, 'bbbb0001', 'NATO', 'claim'),
    ]);
    const merge = spawnSync('git', ['merge', '-q', '--no-edit', 'ana'], { cwd: repo.dir, encoding: 'utf8' });
    assert.equal(merge.status, 0, merge.stderr + merge.stdout);

    const merged = load(repo.dir).sidecar.annotations;
    const byId = new Map(merged.map((a) => [a.id, a]));
    for (const a of base) assert.ok(byId.has(a.id), `base record ${a.id} kept`);
    assert.ok(byId.has('aaaa0001') && byId.has('bbbb0001'), 'both branches’ new records kept');
    assert.equal(merged.length, base.length + 2, 'zero lost, zero duplicated');
    assert.equal(byId.get(first!.id)!.note, 'Checked by Ana.');
    assert.equal(byId.get(second!.id)!.entity, 'linked-by-ben');
    const check = await marginalia(['check', '.'], repo.dir);
    assert.equal(check.code, 0, check.stdout);
  } finally {
    repo.dispose();
  }
});

test('the same record changed differently on both sides is a conflict that check reports, with both versions kept', async () => {
  const repo = repository();
  try {
    const target = load(repo.dir).sidecar.annotations[0]!;
    repo.git('checkout', '-qb', 'ana');
    annotate(repo, 'ana', (list) => list.map((a) => (a.id === target.id ? { ...a, note: 'Ana says so.' } : a)));
    repo.git('checkout', '-q', 'main');
    annotate(repo, 'main', (list) => list.map((a) => (a.id === target.id ? { ...a, note: 'Main says otherwise.' } : a)));
    const merge = spawnSync('git', ['merge', '-q', '--no-edit', 'ana'], { cwd: repo.dir, encoding: 'utf8' });
    assert.notEqual(merge.status, 0, 'git reports the conflict');

    const text = readFileSync(path.join(repo.dir, SIDECAR), 'utf8');
    assert.match(text, /^<<<<<<< ours/m);
    assert.ok(text.includes('Ana says so.') && text.includes('Main says otherwise.'), 'both versions of the record are in the file');
    const check = await marginalia(['check', '.'], repo.dir);
    assert.equal(check.code, 1);
    const markerLine = text.split('\n').findIndex((l) => l.startsWith('<<<<<<<')) + 1;
    assert.match(check.stdout, new RegExp(`^${SIDECAR.replace(/\./g, '\\.')}:${markerLine}:\\d+: error: .*conflict`, 'mi'));
  } finally {
    repo.dispose();
  }
});

test('a version that is not a sidecar: both texts kept between markers, exit 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-merge-'));
  try {
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((n) => path.join(dir, n));
    const good = readFileSync(path.join(REPO_ROOT, 'seeds', SIDECAR), 'utf8');
    writeFileSync(base!, good);
    writeFileSync(ours!, good);
    writeFileSync(theirs!, 'annotations: [unclosed\n');
    const result = await marginalia(['merge-driver', base!, ours!, theirs!, SIDECAR], dir);
    assert.equal(result.code, 1);
    const written = readFileSync(ours!, 'utf8');
    assert.ok(written.startsWith('<<<<<<< ours\n') && written.includes(good) && written.includes('annotations: [unclosed'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a version that is not UTF-8: both versions kept byte for byte between markers, exit 1', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-merge-'));
  try {
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((n) => path.join(dir, n));
    const good = readFileSync(path.join(REPO_ROOT, 'seeds', SIDECAR));
    const latin1 = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'bad', 'latin1-sidecar', 'doc.txt.annotations.yaml'));
    writeFileSync(base!, good);
    writeFileSync(ours!, good);
    writeFileSync(theirs!, latin1);
    const result = await marginalia(['merge-driver', base!, ours!, theirs!, SIDECAR], dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /a version is not a readable sidecar/);
    const expected = Buffer.concat([Buffer.from('<<<<<<< ours\n'), good, Buffer.from('=======\n'), latin1, Buffer.from('>>>>>>> theirs\n')]);
    assert.deepEqual(readFileSync(ours!), expected, 'the Latin-1 bytes are kept as they were, not turned into U+FFFD');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
