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

/** A document whose only annotation's offsets are stale: `check --fix` must rewrite its sidecar. */
function drifted(dir: string, name: string): string {
  fs.writeFileSync(path.join(dir, name), 'Hello brave world.\n');
  const sidecar = path.join(dir, `${name}.annotations.yaml`);
  fs.writeFileSync(sidecar, `marginalia: 1\ndocument: ${name}\nannotations:\n  - id: 0a1b2c3d\n    label: claim\n    start: 0\n    end: 5\n    text: brave\n`);
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
