// writeFileIfUnchanged: the read, change, write cycle of `check --fix` and `import` never overwrites
// what another writer saved meanwhile.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFileIfUnchanged } from '../../../src/core/io/files';
import { NEW_CONTENT, SIDECAR, sidecarFolder } from './sidecar-folder';

test('writeFileIfUnchanged replaces a file that is still as it was read', async () => {
  const ws = sidecarFolder('marginalia-unchanged-');
  try {
    assert.equal(await writeFileIfUnchanged(ws.file, ws.previous!.toString('utf8'), NEW_CONTENT), true);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('writeFileIfUnchanged leaves a file another writer changed after it was read, and nothing else behind', async () => {
  const ws = sidecarFolder('marginalia-unchanged-');
  try {
    const read = ws.previous!.toString('utf8');
    const theirs = read + '# saved by the editor meanwhile\n';
    // The other writer saves between the read and the write: just as the temporary file is made.
    const ops = {
      ...fs,
      openSync: (...args: Parameters<typeof fs.openSync>) => {
        fs.writeFileSync(ws.file, theirs);
        return fs.openSync(...args);
      },
    };
    assert.equal(await writeFileIfUnchanged(ws.file, read, NEW_CONTENT, ops), false);
    assert.equal(readFileSync(ws.file, 'utf8'), theirs);
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('writeFileIfUnchanged creates a file that did not exist, unless someone created it meanwhile', async () => {
  const ws = sidecarFolder('marginalia-unchanged-', false);
  try {
    assert.equal(await writeFileIfUnchanged(ws.file, undefined, NEW_CONTENT), true);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
    assert.equal(await writeFileIfUnchanged(ws.file, undefined, 'other'), false);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
  } finally {
    ws.dispose();
  }
});
