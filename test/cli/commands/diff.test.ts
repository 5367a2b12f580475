/**
 * `marginalia diff` on a real git repository made in a temporary folder: two commits of the fixture
 * documents, the second one after the documents were edited and re-anchored with `check --fix` and
 * the sidecars edited through the sidecar writer (a relabel, a removal, an addition).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { fixturePath } from '../../fixture-path';
import { git, marginalia, twoAnnotatorFoldersOneUnreadable } from '../cli-harness';
import { copyFolder, SETS, temporaryFolder } from '../export-harness';

/** Rewrite a sidecar through the sidecar writer, as the editor would. */
function editSidecar(file: string, edit: (sidecar: Sidecar) => void): void {
  const source = readFileSync(file, 'utf8');
  const { sidecar } = readSidecar(source);
  assert.ok(sidecar);
  edit(sidecar);
  writeFileSync(file, writeSidecar(sidecar, source));
}

/** A repository with the fixtures committed twice; returns its folder and the folder of the first version. */
async function repository(dir: string): Promise<{ repo: string; v1: string }> {
  const repo = path.join(dir, 'repo');
  const docs = path.join(repo, 'docs');
  copyFolder(SETS.fixtures, docs);
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.name', 'Test Annotator');
  git(repo, 'config', 'user.email', 'annotator@example.org');
  git(repo, 'config', 'commit.gpgsign', 'false');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'v1');
  const v1 = path.join(dir, 'v1');
  cpSync(docs, v1, { recursive: true });

  // Text inserted above every emoji.txt annotation: check --fix moves them.
  const emoji = path.join(docs, 'emoji.txt');
  writeFileSync(emoji, 'BREAKING. ' + readFileSync(emoji, 'utf8'));
  const fixed = await marginalia(['check', '--fix', 'docs/emoji.txt'], repo);
  assert.match(fixed.stdout, /fixed: 6 re-anchored/, fixed.stdout + fixed.stderr);
  editSidecar(path.join(docs, 'emoji.txt.annotations.yaml'), (sidecar) => {
    sidecar.annotations.find((a) => a.id === 'a1000005')!.label = 'claim';
    sidecar.annotations.find((a) => a.id === 'a1000006')!.note = 'Approval is in the minutes.';
  });
  editSidecar(path.join(docs, 'crlf.txt.annotations.yaml'), (sidecar) => {
    sidecar.annotations = sidecar.annotations.filter((a) => a.id !== 'b2000004');
    const text = 'The minister';
    sidecar.annotations.push({ id: 'b2000009', label: 'quote', start: 24, end: 36, text, author: 'ben' });
    const quote = sidecar.annotations.find((a) => a.id === 'b2000003')!;
    quote.text = quote.text.replace('taxes', 'levies');
  });
  git(repo, 'commit', '-q', '-am', 'v2');
  return { repo, v1 };
}

test('diff between two git revisions: Markdown for a pull request, per document and per label', async () => {
  const work = temporaryFolder('diff');
  try {
    const { repo } = await repository(work.dir);
    const result = await marginalia(['diff', 'HEAD~1', 'HEAD'], repo);
    assert.equal(result.code, 0, result.stderr);
    const md = result.stdout;
    assert.match(md, /^## Annotation changes: `HEAD~1` → `HEAD`$/m);
    assert.match(md, /^2 documents changed: 1 added, 1 removed, 1 relabelled, 6 re-anchored, 1 text changed, 1 edited\.$/m);
    const crlf = md.slice(md.indexOf('### `docs/crlf.txt`'), md.indexOf('### `docs/emoji.txt`'));
    assert.match(crlf, /\*\*Added \(1\)\*\*\n\n- `quote` 24–36 `The minister`/);
    assert.match(crlf, /\*\*Removed \(1\)\*\*\n\n- `claim` 156–189 `A tab\there and a backslash \\ too\.`/);
    assert.match(crlf, /\*\*Text changed \(1\)\*\*\n\n- `quote` 101–155 `"We will not raise taxes,⏎not this year and not next\."` → `"We will not raise levies,⏎not this year and not next\."`/);
    const emoji = md.slice(md.indexOf('### `docs/emoji.txt`'));
    assert.match(emoji, /\*\*Relabelled \(1\)\*\*\n\n- `quote` → `claim` 201–211 `"approved"`/);
    assert.match(emoji, /\*\*Re-anchored \(6\)\*\*\n\n- `quote` 37–59 \(was 27–49\) `“we shipped 🎉 on time”`/);
    assert.match(emoji, /\*\*Edited \(1\)\*\*\n\n- `claim` 191–214 `the board "approved" it`: note added/);
    assert.match(md, /^\| `quote` \| 4 \| 4 \| 1 \| 0 \| 0 \| 1 \| 1 \| 0 \| 0 \|$/m, 'quote: 4 before and after (one relabelled away, one added), 1 re-anchored, 1 text changed');
  } finally {
    work.dispose();
  }
});

test('diff between a folder and a revision, run from a subfolder: documents are named from the repository root', async () => {
  const work = temporaryFolder('diff-folder');
  try {
    const { repo, v1 } = await repository(work.dir);
    const sub = path.join(repo, 'docs');
    const sameVersion = await marginalia(['diff', 'HEAD~1', path.relative(sub, work.dir) + '/v1'], sub);
    assert.equal(sameVersion.code, 0, sameVersion.stderr);
    // The folder's documents are named from the folder (emoji.txt), the revision's from the root (docs/emoji.txt).
    assert.match(sameVersion.stdout, /### `docs\/emoji\.txt`/);
    assert.match(sameVersion.stdout, /### `emoji\.txt`/);
    const folders = await marginalia(['diff', v1, sub], work.dir);
    assert.match(folders.stdout, /^2 documents changed: 1 added, 1 removed, 1 relabelled, 6 re-anchored, 1 text changed, 1 edited\.$/m);
    const none = await marginalia(['diff', 'HEAD', 'HEAD'], repo);
    assert.match(none.stdout, /^No annotation changes\.$/m);
  } finally {
    work.dispose();
  }
});

test('diff --json gives the comparison as data', async () => {
  const work = temporaryFolder('diff-json');
  try {
    const { repo } = await repository(work.dir);
    const result = await marginalia(['diff', 'HEAD~1', 'HEAD', '--json'], repo);
    const diff = JSON.parse(result.stdout) as { documents: { document: string; moved: unknown[] }[] };
    assert.deepEqual(
      diff.documents.map((d) => [d.document, d.moved.length]),
      [
        ['docs/crlf.txt', 0],
        ['docs/emoji.txt', 6],
      ],
    );
  } finally {
    work.dispose();
  }
});

test('diff HEAD HEAD on a sidecar with duplicate ids: no change, and the duplicate id reported', async () => {
  const work = temporaryFolder('diff-duplicates');
  try {
    const repo = path.join(work.dir, 'repo');
    copyFolder(fixturePath('bad', 'duplicate-ids'), repo);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, '-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'v1');
    const result = await marginalia(['diff', 'HEAD', 'HEAD'], repo);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^No annotation changes\.$/m);
    assert.match(result.stdout, /ids used by more than one record, compared by content instead of by id: `doc\.txt` \(`0a1b2c3d`\)/);
  } finally {
    work.dispose();
  }
});

test('a name that is neither a folder nor a revision is a usage error', async () => {
  const work = temporaryFolder('diff-bad');
  try {
    const { repo } = await repository(work.dir);
    const result = await marginalia(['diff', 'no-such-branch', 'HEAD'], repo);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /'no-such-branch' is neither a folder nor a revision of the repository/);
  } finally {
    work.dispose();
  }
});

test('diff limited to PATHs compares only the sidecars of those documents and folders', async () => {
  const work = temporaryFolder('diff-paths');
  try {
    const { repo, v1 } = await repository(work.dir);
    const one = await marginalia(['diff', 'HEAD~1', 'HEAD', 'docs/emoji.txt', '--json'], repo);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual((JSON.parse(one.stdout) as { documents: { document: string }[] }).documents.map((d) => d.document), ['docs/emoji.txt']);
    const fromSub = await marginalia(['diff', 'HEAD~1', 'HEAD', 'crlf.txt.annotations.yaml', '--json'], path.join(repo, 'docs'));
    assert.deepEqual((JSON.parse(fromSub.stdout) as { documents: { document: string }[] }).documents.map((d) => d.document), ['docs/crlf.txt']);
    const folders = await marginalia(['diff', v1, path.join(repo, 'docs'), 'emoji.txt', '--json'], work.dir);
    assert.deepEqual((JSON.parse(folders.stdout) as { documents: { document: string }[] }).documents.map((d) => d.document), ['emoji.txt']);
    const nothing = await marginalia(['diff', 'HEAD~1', 'HEAD', 'no/such/path'], repo);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /no sidecar in HEAD~1 or HEAD under no\/such\/path/);
  } finally {
    work.dispose();
  }
});

test('a sidecar that cannot be read in one version is not compared: its records are not reported removed, and the comment says so', async () => {
  const work = temporaryFolder('diff-unreadable');
  try {
    copyFolder(SETS.fixtures, path.join(work.dir, 'old'));
    copyFolder(SETS.fixtures, path.join(work.dir, 'new'));
    cpSync(fixturePath('bad', 'malformed-yaml', 'doc.txt.annotations.yaml'), path.join(work.dir, 'new', 'emoji.txt.annotations.yaml'));
    const markdown = await marginalia(['diff', 'old', 'new'], work.dir);
    assert.equal(markdown.code, 1);
    assert.match(markdown.stderr, /warning: emoji\.txt\.annotations\.yaml cannot be read; left out/);
    assert.doesNotMatch(markdown.stdout, /emoji\.txt`\n/, 'no section for the document: nothing is known of what changed in it');
    assert.match(markdown.stdout, /^\*\*Not compared:\*\* `emoji\.txt\.annotations\.yaml` cannot be read in `new`\.$/m);
    assert.match(markdown.stdout, /^No annotation changes\.$/m);
    const json = await marginalia(['diff', 'old', 'new', '--json'], work.dir);
    const parsed = JSON.parse(json.stdout) as { documents: unknown[]; unreadable: unknown[] };
    assert.deepEqual(parsed.documents, []);
    assert.deepEqual(parsed.unreadable, [{ sidecar: 'emoji.txt.annotations.yaml', version: 'new' }]);
  } finally {
    work.dispose();
  }
});

test('--agree leaves out a sidecar the other side cannot read, as `agree` does, not counted as annotated on one side only', async () => {
  const work = temporaryFolder('diff-agree-unreadable');
  try {
    twoAnnotatorFoldersOneUnreadable(work.dir);
    const result = await marginalia(['diff', 'a', 'a', '--agree', 'b'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /warning: report\.txt\.annotations\.yaml cannot be read; left out/);
    assert.match(result.stdout, /^- 1 document annotated in `a` only, not compared: `only-a\.txt`$/m, 'report.txt is not said to be annotated in a only');
    const agreed = await marginalia(['agree', 'a', 'b'], work.dir);
    assert.ok(result.stdout.endsWith('\n' + agreed.stdout), 'the agreement is the one `agree` measures');
  } finally {
    work.dispose();
  }
});

test('a version named through a link to a folder is compared as that folder, not as an empty one', async () => {
  const work = temporaryFolder('diff-linked');
  try {
    copyFolder(SETS.fixtures, path.join(work.dir, 'old'));
    copyFolder(SETS.fixtures, path.join(work.dir, 'current'));
    symlinkSync('current', path.join(work.dir, 'new'));
    const result = await marginalia(['diff', 'old', 'new'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^No annotation changes\.$/m);
    const [throughLink, direct] = [await marginalia(['export', 'new', '--format', 'doccano'], work.dir), await marginalia(['export', 'current', '--format', 'doccano'], work.dir)];
    assert.match(direct.stderr, /exported [1-9]\d* annotations/);
    assert.equal(throughLink.stdout, direct.stdout.replaceAll('"source":"current/', '"source":"new/'));
  } finally {
    work.dispose();
  }
});
