import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCached } from '../../src/cli/compile-cache';
import { fixturePath } from '../fixture-path';

const MODULE = fixturePath('cli', 'cached-module.js');
const COMPILE_CACHE = path.resolve(__dirname, '..', '..', 'src', 'cli', 'compile-cache.js');

/**
 * Run the fixture through runCached in a fresh node process (the cache is written when a process
 * exits) and report what the process saw.
 */
function runInChild(cacheDir: string): { greeting: string; cacheUsed: boolean } {
  const script = `const { runCached } = require(${JSON.stringify(COMPILE_CACHE)});
const { exports, cacheUsed } = runCached(${JSON.stringify(MODULE)}, ${JSON.stringify(cacheDir)});
process.stdout.write(JSON.stringify({ greeting: exports.greet('reader'), cacheUsed }));`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { greeting: string; cacheUsed: boolean };
}

function scratch(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-cache-test-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('runCached runs a module as require would: module variables, exports', () => {
  const { exports, cacheUsed } = runCached(MODULE, undefined);
  const loaded = exports as { greet: (name: string) => string; answer: number };
  assert.equal(loaded.answer, 42);
  assert.equal(loaded.greet('reader'), 'hello, reader, from cached-module.js in cli');
  assert.equal(cacheUsed, false);
});

test('the first run stores the compiled code (readable by the user only); the next run uses it', { skip: process.platform === 'win32' }, () => {
  const { dir, dispose } = scratch();
  try {
    const cacheDir = path.join(dir, 'cache');
    const first = runInChild(cacheDir);
    assert.equal(first.greeting, 'hello, reader, from cached-module.js in cli');
    assert.equal(first.cacheUsed, false);
    assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    const files = readdirSync(cacheDir);
    assert.equal(files.length, 1, `one cache file, no temporary left: ${files.join(', ')}`);
    assert.match(files[0]!, /^[0-9a-f]{32}\.bin$/);
    assert.equal(statSync(path.join(cacheDir, files[0]!)).mode & 0o777, 0o600);
    const second = runInChild(cacheDir);
    assert.deepEqual(second, { greeting: first.greeting, cacheUsed: true });
  } finally {
    dispose();
  }
});

test('a damaged cache file is refused by V8: the module still runs, and the file is written afresh', { skip: process.platform === 'win32' }, () => {
  const { dir, dispose } = scratch();
  try {
    const cacheDir = path.join(dir, 'cache');
    runInChild(cacheDir);
    const file = path.join(cacheDir, readdirSync(cacheDir)[0]!);
    writeFileSync(file, Buffer.alloc(4096, 7));
    const damaged = runInChild(cacheDir);
    assert.deepEqual(damaged, { greeting: 'hello, reader, from cached-module.js in cli', cacheUsed: false });
    assert.equal(runInChild(cacheDir).cacheUsed, true);
  } finally {
    dispose();
  }
});

test('a cache folder others may write to is not used: no code is read from it or written to it', { skip: process.platform === 'win32' }, () => {
  const { dir, dispose } = scratch();
  try {
    const cacheDir = path.join(dir, 'shared');
    runInChild(cacheDir);
    chmodSync(cacheDir, 0o777);
    const shared = runInChild(cacheDir);
    assert.equal(shared.cacheUsed, false);
    assert.equal(shared.greeting, 'hello, reader, from cached-module.js in cli');
    const notAFolder = path.join(dir, 'file');
    writeFileSync(notAFolder, 'not a folder');
    assert.equal(runInChild(notAFolder).cacheUsed, false);
  } finally {
    dispose();
  }
});
