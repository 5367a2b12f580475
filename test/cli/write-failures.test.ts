// A write that fails (a full disk, a read-only sidecar) is named by its sidecar, makes the run exit 1,
// leaves the sidecar as it was, and does not stop the other sidecars being checked and fixed.
// A full disk is injected through the CLI's file port; a read-only sidecar is made with `chattr +i`
// (the tests run as root, which permission bits do not stop), and that test is skipped where chattr
// cannot be used.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import type { ReplaceOps } from '../../src/core/io/files';

/** A sidecar naming `document` whose only annotation's offsets are stale (the text is at 6, not 0). */
function staleSidecar(document: string): string {
  return `marginalia: 1\ndocument: ${document}\nannotations:\n  - id: 0a1b2c3d\n    label: claim\n    start: 0\n    end: 5\n    text: brave\n`;
}

/** A document whose only annotation's offsets are stale: `check --fix` must rewrite its sidecar. */
function drifted(dir: string, name: string): string {
  fs.writeFileSync(path.join(dir, name), 'Hello brave world.\n');
  const sidecar = path.join(dir, `${name}.annotations.yaml`);
  fs.writeFileSync(sidecar, staleSidecar(name));
  return sidecar;
}

async function check(cwd: string, files?: ReplaceOps): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await run(['check', '--fix', '.'], { cwd, files, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
  return { code, stdout };
}

function temporaryFolder(): { dir: string; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-writes-'));
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('check --fix on a full disk: the sidecar is named, left as it was, exit 1, and the next sidecar is still fixed', async () => {
  const { dir, dispose } = temporaryFolder();
  try {
    const first = drifted(dir, 'a.txt');
    const second = drifted(dir, 'b.txt');
    const before = fs.readFileSync(first, 'utf8');
    let writes = 0;
    const diskFullOnce: ReplaceOps = {
      ...fs,
      writeFileSync: ((...args: Parameters<typeof fs.writeFileSync>) => {
        if (writes++ === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
        fs.writeFileSync(...args);
      }) as typeof fs.writeFileSync,
    };
    const result = await check(dir, diskFullOnce);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^a\.txt\.annotations\.yaml:1:1: error: cannot write .*a\.txt\.annotations\.yaml: the disk is full; it was left as it was, unfixed$/m);
    assert.equal(fs.readFileSync(first, 'utf8'), before, 'the sidecar that could not be written is intact');
    assert.match(result.stdout, /^b\.txt\.annotations\.yaml: fixed: 1 re-anchored/m, 'the sidecar after it is still fixed');
    assert.match(fs.readFileSync(second, 'utf8'), /start: 6\n/);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left behind');
  } finally {
    dispose();
  }
});

const chattr = (flag: '+i' | '-i', file: string): boolean => {
  try {
    execFileSync('chattr', [flag, file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

test('check --fix on a read-only (immutable) sidecar names the sidecar, not a temporary file, and goes on', async (t) => {
  const { dir, dispose } = temporaryFolder();
  const first = drifted(dir, 'a.txt');
  try {
    drifted(dir, 'b.txt');
    if (!chattr('+i', first)) return t.skip('chattr +i is not available here');
    const before = fs.readFileSync(first, 'utf8');
    const result = await check(dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^a\.txt\.annotations\.yaml:1:1: error: cannot write .*a\.txt\.annotations\.yaml: permission denied \(the file or its folder is read-only\)/m);
    assert.doesNotMatch(result.stdout, /\.tmp/);
    assert.equal(fs.readFileSync(first, 'utf8'), before);
    assert.match(result.stdout, /^b\.txt\.annotations\.yaml: fixed: 1 re-anchored/m);
  } finally {
    chattr('-i', first);
    dispose();
  }
});

test('check --fix rewrites a sidecar that is a link inside the workspace through the link, which stays a link', async () => {
  const { dir, dispose } = temporaryFolder();
  try {
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Hello brave world.\n');
    const target = path.join(dir, 'shared', 'a.txt.annotations.yaml');
    fs.writeFileSync(target, staleSidecar('a.txt'));
    fs.symlinkSync(target, path.join(dir, 'a.txt.annotations.yaml'));
    let stdout = '';
    const code = await run(['check', '--fix', 'a.txt.annotations.yaml'], { cwd: dir, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
    assert.equal(code, 0, stdout);
    assert.ok(fs.lstatSync(path.join(dir, 'a.txt.annotations.yaml')).isSymbolicLink(), 'the link is still a link');
    assert.match(fs.readFileSync(target, 'utf8'), /start: 6\n/, 'the file it points to was fixed');
  } finally {
    dispose();
  }
});

test('import on a full disk names the sidecar, writes nothing to it, and exits 1', async () => {
  const { dir, dispose } = temporaryFolder();
  try {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Hello brave world.\n');
    const source = path.join(dir, 'in.jsonl');
    fs.writeFileSync(source, JSON.stringify({ text: 'Hello brave world.\n', label: [[6, 11, 'claim']], meta: { path: 'a.txt' } }) + '\n');
    const diskFull: ReplaceOps = {
      ...fs,
      writeFileSync: (() => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
      }) as typeof fs.writeFileSync,
    };
    let stderr = '';
    const code = await run(['import', 'in.jsonl', '--format', 'doccano'], { cwd: dir, files: diskFull, stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
    assert.equal(code, 1);
    assert.match(stderr, /^a\.txt: error: cannot write .*a\.txt\.annotations\.yaml: the disk is full/m);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.txt', 'in.jsonl'], 'no sidecar, no temporary file');
  } finally {
    dispose();
  }
});
