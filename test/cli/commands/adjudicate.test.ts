/**
 * `marginalia adjudicate` on a real git repository with two annotators' branches (the fixtures of
 * test/fixtures/agreement), then `check` on what it wrote.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../../src/cli/run';
import { readSidecar } from '../../../src/core/sidecar/read';
import { fixturePath } from '../../fixture-path';
import { marginalia, RecordingGit, twoAnnotatorBranches, twoAnnotatorFoldersOneUnreadable } from '../cli-harness';
import { copyFolder, temporaryFolder } from '../export-harness';

test('adjudicate two branches into a folder: agreed records once, disputes per side, then check counts them', async () => {
  const work = temporaryFolder('adjudicate');
  try {
    const repo = twoAnnotatorBranches(work.dir);
    const result = await marginalia(['adjudicate', 'alice', 'bob', '--into', 'curated'], repo);
    // edited.txt's text differs between the branches: it cannot be adjudicated, and that is a failure.
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^corpus\/report\.txt: 2 agreed, 7 disputed$/m);
    assert.match(result.stdout, /^corpus\/only-a\.txt: not adjudicated: annotated in alice only$/m);
    assert.match(result.stdout, /^corpus\/edited\.txt: not adjudicated: its text differs between the two versions$/m);
    assert.match(result.stdout, /^1 document adjudicated into curated: 0 settled, 1 with disputes \(7 disputed records\)$/m);

    const curated = path.join(repo, 'curated', 'corpus');
    assert.deepEqual(readdirSync(curated).sort(), ['report.txt', 'report.txt.annotations.yaml']);
    assert.equal(readFileSync(path.join(curated, 'report.txt'), 'utf8'), readFileSync(fixturePath('agreement', 'a', 'report.txt'), 'utf8'));
    const { sidecar, findings } = readSidecar(readFileSync(path.join(curated, 'report.txt.annotations.yaml'), 'utf8'));
    assert.deepEqual(findings, []);
    assert.equal(sidecar!.settled, false);
    const byId = new Map(sidecar!.annotations.map((r) => [r.id, r]));
    assert.equal(byId.get('a0000001')!.dispute, undefined);
    assert.equal(byId.get('a0000005')!.dispute, undefined);
    assert.equal(byId.has('b0000001'), false);
    assert.deepEqual(byId.get('a0000003')!.dispute, { side: 'A', by: 'alice', pair: 'b0000003' });
    assert.deepEqual(byId.get('b0000004')!.dispute, { side: 'B', by: 'bob', pair: 'a0000004' });
    assert.deepEqual(byId.get('b0000002')!.dispute, { side: 'B', by: 'bob' });

    const check = await marginalia(['check', 'curated'], repo);
    assert.match(check.stdout, /^curated\/corpus\/report\.txt\.annotations\.yaml:\d+:3: warning: annotation a0000003 \(figure\) is disputed: side A \(alice\) marked it, the other side's version is b0000003;/m);
    assert.match(check.stdout, /\(7 disputes left to settle\)$/m);
    const json = JSON.parse((await marginalia(['check', '--json', 'curated'], repo)).stdout) as { summary: { disputes: number } };
    assert.equal(json.summary.disputes, 7);

    // Run again into the same folder: nothing there is overwritten.
    const before = readFileSync(path.join(curated, 'report.txt.annotations.yaml'), 'utf8');
    const again = await marginalia(['adjudicate', 'alice', 'bob', '--into', 'curated'], repo);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /curated already holds a sidecar that adjudication would overwrite: corpus\/report\.txt\.annotations\.yaml/);
    assert.equal(readFileSync(path.join(curated, 'report.txt.annotations.yaml'), 'utf8'), before);
  } finally {
    work.dispose();
  }
});

test('adjudicate reads A and B at once: B listed before A\'s files are read', async () => {
  const work = temporaryFolder('adjudicate-at-once');
  try {
    const repo = twoAnnotatorBranches(work.dir);
    const git = new RecordingGit();
    const result = await marginalia(['adjudicate', 'alice', 'bob', '--into', 'curated'], repo, git);
    assert.match(result.stdout, /^corpus\/report\.txt: 2 agreed, 7 disputed$/m, result.stderr);
    assert.ok(git.calls.indexOf('ls-tree bob') < git.calls.indexOf('cat-file --batch'), git.calls.join('\n'));
  } finally {
    work.dispose();
  }
});

test('a document both annotators marked the same way is settled', async () => {
  const work = temporaryFolder('adjudicate-settled');
  try {
    const a = path.join(work.dir, 'a');
    copyFolder(fixturePath('agreement', 'a'), a);
    copyFolder(a, path.join(work.dir, 'a-copy'));
    const result = await marginalia(['adjudicate', 'a', 'a-copy', 'report.txt', '--into', 'out'], work.dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^report\.txt: settled, 5 agreed$/m);
    const { sidecar } = readSidecar(readFileSync(path.join(work.dir, 'out', 'report.txt.annotations.yaml'), 'utf8'));
    assert.equal(sidecar!.settled, true);
    assert.ok(sidecar!.annotations.every((r) => r.dispute === undefined));
    assert.equal((await marginalia(['check', '--strict', 'out'], work.dir)).code, 0);
  } finally {
    work.dispose();
  }
});

test('adjudicate refuses to write into a folder it reads, and never writes through a link out of DIR', async () => {
  const work = temporaryFolder('adjudicate-refuse');
  try {
    copyFolder(fixturePath('agreement', 'a'), path.join(work.dir, 'a'));
    copyFolder(fixturePath('agreement', 'a'), path.join(work.dir, 'b'));
    const inside = await marginalia(['adjudicate', 'a', 'b', '--into', 'a/curated'], work.dir);
    assert.equal(inside.code, 2);
    assert.match(inside.stderr, /overlaps the folder a that is read/);
    assert.equal(existsSync(path.join(work.dir, 'a', 'curated')), false);

    // DIR holds a link to a folder elsewhere where a document's folder would go.
    copyFolder(fixturePath('agreement', 'a'), path.join(work.dir, 'a', 'sub'));
    copyFolder(fixturePath('agreement', 'a'), path.join(work.dir, 'b', 'sub'));
    mkdirSync(path.join(work.dir, 'elsewhere'));
    mkdirSync(path.join(work.dir, 'out'));
    symlinkSync(path.join(work.dir, 'elsewhere'), path.join(work.dir, 'out', 'sub'));
    const linked = await marginalia(['adjudicate', 'a', 'b', 'sub', '--into', 'out'], work.dir);
    assert.equal(linked.code, 1);
    assert.match(linked.stderr, /sub\/report\.txt: its folder .* is a link to .*elsewhere, outside the workspace/);
    assert.deepEqual(readdirSync(path.join(work.dir, 'elsewhere')), []);
  } finally {
    work.dispose();
  }
});

test('a write that fails (disk full) names the document, writes no sidecar for it, and the others are still written', async () => {
  const work = temporaryFolder('adjudicate-full');
  try {
    for (const side of ['a', 'b']) {
      copyFolder(fixturePath('agreement', 'a'), path.join(work.dir, side, 'one'));
      copyFolder(fixturePath('agreement', 'a'), path.join(work.dir, side, 'two'));
    }
    let writes = 0;
    const files = {
      ...fs,
      writeFileSync: ((...args: Parameters<typeof fs.writeFileSync>) => {
        if (writes++ === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
        return fs.writeFileSync(...args);
      }) as typeof fs.writeFileSync,
    };
    let stdout = '';
    let stderr = '';
    const code = await run(['adjudicate', 'a', 'b', '--into', 'out'], { cwd: work.dir, files, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    assert.equal(code, 1, stdout + stderr);
    assert.match(stderr, /^marginalia adjudicate: error: one\/edited\.txt: cannot write .*edited\.txt: the disk is full; it was left as it was; its sidecar was not written$/m);
    assert.equal(existsSync(path.join(work.dir, 'out', 'one', 'edited.txt.annotations.yaml')), false);
    assert.equal(existsSync(path.join(work.dir, 'out', 'two', 'report.txt.annotations.yaml')), true);
  } finally {
    work.dispose();
  }
});

test('a sidecar one side cannot read is reported as such, not as a document annotated on the other side only', async () => {
  const work = temporaryFolder('adjudicate-unreadable');
  try {
    twoAnnotatorFoldersOneUnreadable(work.dir);
    const result = await marginalia(['adjudicate', 'a', 'b', '--into', 'curated'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /warning: report\.txt\.annotations\.yaml cannot be read; left out/);
    assert.doesNotMatch(result.stdout, /report\.txt: not adjudicated: annotated in a only/);
    assert.match(result.stdout, /^only-a\.txt: not adjudicated: annotated in a only$/m);
  } finally {
    work.dispose();
  }
});
