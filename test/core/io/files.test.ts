// writeFileIfUnchanged: the read, change, write cycle of `check --fix` and `import` never overwrites
// what another writer saved meanwhile.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CorpusReader, findSidecars, writeFileIfUnchanged } from '../../../src/core/io/files';
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

test('CorpusReader reads a label configuration once for every folder it applies to, and each folder its own', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-corpus-'));
  try {
    for (const folder of ['a', 'b', 'own']) fs.mkdirSync(path.join(root, folder));
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, '.marginalia.yaml'), 'labels:\n  claim:\n    key: c\n');
    fs.writeFileSync(path.join(root, 'own', '.marginalia.yaml'), 'labels:\n  quote:\n    key: q\n');
    const reader = new CorpusReader(['.'], root);
    const [a, b, own] = await Promise.all(['a', 'b', 'own'].map((folder) => reader.labelConfig(path.join(root, folder))));
    assert.equal(a, b);
    assert.deepEqual(a!.config.labels.map((l) => l.id), ['claim']);
    assert.deepEqual(own!.config.labels.map((l) => l.id), ['quote']);
    assert.equal(own!.path, path.join(root, 'own', '.marginalia.yaml'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('CorpusReader reads a sidecar and its document under the workspace given, and refuses a link out of it', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-corpus-'));
  try {
    const ws = path.join(root, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(ws, 'doc.txt'));
    fs.writeFileSync(path.join(ws, 'doc.txt.annotations.yaml'), 'version: 1\ndocument: doc.txt\nannotations: []\n');
    const loaded = await new CorpusReader(['ws'], root).load(path.join(ws, 'doc.txt.annotations.yaml'));
    assert.equal(loaded.read.sidecar?.document, 'doc.txt');
    assert.equal(loaded.text, undefined);
    assert.deepEqual(loaded.findings.map((f) => f.code), ['outside-workspace']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('findSidecars searches a folder named through a link as a folder of its own; links met below are still not followed', async () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-linked-folder-')));
  try {
    const target = path.join(dir, 'target');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(target);
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(target, 'a.txt.annotations.yaml'), SIDECAR);
    fs.writeFileSync(path.join(elsewhere, 'b.txt.annotations.yaml'), SIDECAR);
    fs.symlinkSync(elsewhere, path.join(target, 'below'));
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    fs.symlinkSync(target, path.join(work, 'linked'));
    assert.deepEqual(await findSidecars(['linked'], work), [path.join(work, 'linked', 'a.txt.annotations.yaml')]);
    assert.deepEqual(await findSidecars(['.'], work), [], 'a link met in a walk is not followed');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
