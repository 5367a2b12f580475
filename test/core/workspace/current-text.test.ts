// What the sync engine reads: a sidecar's text, and a document's current text (the open buffer, else
// the file), normalised the way offsets count (CRLF as LF, no BOM), or why there is none; a link is never followed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LINK_PROBLEM } from '../../../src/core/document-findings';
import { currentText, documentOnDisk, readSidecarText } from '../../../src/core/workspace/current-text';
import { MemoryEditor, MemoryFiles } from './memory-world';

function ports(): { files: MemoryFiles; editor: MemoryEditor } {
  return { files: new MemoryFiles(), editor: new MemoryEditor() };
}

test('a closed document is read from disk, normalised: BOM dropped, CRLF read as LF', async () => {
  const { files, editor } = ports();
  files.put('a.txt', '\uFEFFone 😀\r\ntwo');
  assert.deepEqual(await currentText({ files, editor }, 'a.txt'), { text: 'one 😀\ntwo', problem: undefined });
});

test('an open document is read from its buffer, not from disk', async () => {
  const { files, editor } = ports();
  files.put('a.txt', 'on disk');
  editor.openWith('a.txt', 'typed\r\nbut not saved');
  assert.deepEqual(await currentText({ files, editor }, 'a.txt'), { text: 'typed\nbut not saved', problem: undefined });
});

test('an open document whose file was deleted keeps its text, with the problem that it is missing', async () => {
  const { files, editor } = ports();
  editor.openWith('a.txt', 'still here');
  assert.deepEqual(await currentText({ files, editor }, 'a.txt'), { text: 'still here', problem: 'missing' });
});

test('a closed document that does not exist has no text and is missing', async () => {
  const { files, editor } = ports();
  assert.deepEqual(await currentText({ files, editor }, 'a.txt'), { text: undefined, problem: 'missing' });
});

test('a link is never followed, even when it is open', async () => {
  const { files, editor } = ports();
  files.putLink('a.txt');
  editor.openWith('a.txt', 'buffer');
  assert.deepEqual(await currentText({ files, editor }, 'a.txt'), { text: undefined, problem: LINK_PROBLEM });
  assert.deepEqual(await documentOnDisk(files, 'a.txt'), { text: undefined, problem: LINK_PROBLEM });
});

test('a binary or non-UTF-8 file on disk has no text, and says why', async () => {
  const { files } = ports();
  files.putBytes('bin', new Uint8Array([0x61, 0, 0x62]));
  files.putBytes('latin1', new Uint8Array([0x63, 0x61, 0x66, 0xe9]));
  assert.match((await documentOnDisk(files, 'bin')).problem!, /^is binary/);
  assert.match((await documentOnDisk(files, 'latin1')).problem!, /not valid UTF-8/);
  assert.equal((await documentOnDisk(files, 'latin1')).text, undefined);
});

test('an empty document is an empty text, not a missing one', async () => {
  const { files } = ports();
  files.put('empty.txt', '');
  assert.deepEqual(await documentOnDisk(files, 'empty.txt'), { text: '', problem: undefined });
});

test('a sidecar is read as its text, undefined when there is none', async () => {
  const { files } = ports();
  files.put('a.txt.annotations.yaml', 'marginalia: 1\n');
  assert.equal(await readSidecarText(files, 'a.txt.annotations.yaml'), 'marginalia: 1\n');
  assert.equal(await readSidecarText(files, 'none.annotations.yaml'), undefined);
});
