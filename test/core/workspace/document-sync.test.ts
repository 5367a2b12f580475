import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readSidecar } from '../../../src/core/sidecar/read';
import { HELD_POLL_MS, MAX_WRITE_ATTEMPTS } from '../../../src/core/workspace/document-sync';
import { fixturePath } from '../../fixture-path';
import { makeWorld, MemoryFiles, typeInto, type World } from './memory-world';

const DOC = '/ws/doc.txt';
const SIDECAR = '/ws/doc.txt.annotations.yaml';
const fixture = (name: string): string => fs.readFileSync(fixturePath('workspace', name), 'utf8');
const TEXT = fixture('doc.txt');
/** "people", on the first line. */
const PEOPLE = { start: TEXT.indexOf('people'), end: TEXT.indexOf('people') + 'people'.length, label: 'claim' };

/** A world whose disk holds the document and its sidecar (one quote), read by the engine. */
async function loaded(files = new MemoryFiles()): Promise<World> {
  if (files.text(DOC) === undefined) {
    files.put(DOC, TEXT);
    files.put(SIDECAR, fixture('doc.txt.annotations.yaml'));
  }
  const world = makeWorld(files);
  await world.sync.loadAll([SIDECAR]);
  return world;
}

/** The annotations of the sidecar on disk, as `label text`, sorted. */
function onDisk(world: World, path = SIDECAR): string[] {
  const source = world.files.text(path);
  assert.ok(source !== undefined, `${path} exists`);
  const read = readSidecar(source);
  assert.ok(read.writable, `${path} can be read: ${JSON.stringify(read.findings)}`);
  return read.sidecar!.annotations.map((a) => `${a.label} ${a.text}${a.note === undefined ? '' : ` (${a.note})`}`).sort();
}

test('a tag in a document without unsaved changes is written to its sidecar at once', async () => {
  const world = await loaded();
  const [added] = await world.sync.add(DOC, [PEOPLE], 'ana');
  assert.equal(added!.text, 'people');
  assert.equal(added!.created, new Date(world.clock.now()).toISOString());
  assert.deepEqual(onDisk(world), ['claim people', 'quote we are ready']);
  assert.equal(world.sync.get(DOC)!.unwritten, false);
  assert.deepEqual(world.notes, []);
});

test('tags in a row: each write hands over its bytes, most of them kept from the write before, and the file holds every tag', async () => {
  const world = await loaded();
  const words = ['people', 'ready'].map((word) => ({ start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length, label: 'claim' }));
  for (const span of words) await world.sync.add(DOC, [span], 'ana');
  await world.sync.add(DOC, [{ ...words[0]!, label: 'figure' }], 'ana');
  // The text read from disk is encoded once, at the first write; the bytes a write hands over are those the file gets (see MemoryFiles).
  assert.deepEqual(world.files.writtenAsBytes, [true, true, true]);
  assert.deepEqual(onDisk(world), ['claim people', 'claim ready', 'figure people', 'quote we are ready']);
});

test('the merge base is what the sidecar holds after every write; a change made on disk between two writes is read in full', async () => {
  const world = await loaded();
  const word = (text: string, label = 'claim') => ({ start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, label });
  const plain = (annotations: readonly object[]) => annotations.map((a) => ({ ...a }));
  const heldOnDisk = () => readSidecar(world.files.text(SIDECAR)!).sidecar!.annotations;
  await world.sync.add(DOC, [word('people')], 'ana');
  const first = world.sync.get(DOC)!.base;
  await world.sync.add(DOC, [word('ready')], 'ana');
  const second = world.sync.get(DOC)!.base;
  assert.deepEqual(plain(second), plain(heldOnDisk()));
  assert.ok(second.some((a) => first.includes(a)), 'the records the write kept were taken from the base before');

  // Someone adds a note to the quote by hand: the next write reads the file, and its base is that file's.
  world.files.put(SIDECAR, world.files.text(SIDECAR)!.replace('text: we are ready\n', 'text: we are ready\n    note: checked by hand\n'));
  await world.sync.add(DOC, [word('people', 'figure')], 'ana');
  const third = world.sync.get(DOC)!.base;
  assert.deepEqual(plain(third), plain(heldOnDisk()));
  assert.equal(third.find((a) => a.label === 'quote')?.note, 'checked by hand');
  assert.ok(!third.some((a) => second.includes(a)), 'nothing taken from the base of the text before the change on disk');
  assert.deepEqual(onDisk(world), ['claim people', 'claim ready', 'figure people', 'quote we are ready (checked by hand)']);
});

test('a tag in a document with unsaved changes waits for its save, then counts over the saved text', async () => {
  const world = await loaded();
  const document = world.editor.openWith(DOC, TEXT);
  world.sync.applyTextChanges(document, typeInto(document, 0, 'NEW '));
  const people = { ...PEOPLE, start: PEOPLE.start + 4, end: PEOPLE.end + 4 };
  await world.sync.add(DOC, [people]);
  assert.deepEqual(onDisk(world), ['quote we are ready'], 'nothing written while the document is dirty');
  assert.equal(world.sync.get(DOC)!.unwritten, true);
  world.files.put(DOC, document.text); // the editor saves the document
  document.isDirty = false;
  await world.sync.documentSaved(DOC);
  const written = readSidecar(world.files.text(SIDECAR)!).sidecar!.annotations;
  assert.deepEqual(
    written.map((a) => [a.text, a.start]),
    [
      ['we are ready', 23],
      ['people', people.start],
    ],
  );
});

test('a sidecar changed on disk while the document is dirty: both sides are kept when it is saved', async () => {
  const world = await loaded();
  const document = world.editor.openWith(DOC, TEXT);
  world.sync.applyTextChanges(document, typeInto(document, TEXT.length, ''));
  document.isDirty = true;
  await world.sync.add(DOC, [PEOPLE]);
  world.files.put(SIDECAR, fixture('doc.txt.other-writer.annotations.yaml'));
  await world.sync.reload(SIDECAR);
  assert.deepEqual(
    world.sync.get(DOC)!.annotations.map((a) => a.text).sort(),
    ['13,000', 'people', 'we are ready'],
    'the other writer\'s figure is merged into memory',
  );
  assert.deepEqual(onDisk(world), ['figure 13,000', 'quote we are ready'], 'still nothing of ours on disk: the document is dirty');
  document.isDirty = false;
  await world.sync.documentSaved(DOC);
  assert.deepEqual(onDisk(world), ['claim people', 'figure 13,000', 'quote we are ready']);
});

test('a sidecar that cannot be read holds the write, says so once, and the poll writes it once it is fixed', async () => {
  const world = await loaded();
  const broken = fixture('doc.txt.broken.annotations.yaml');
  world.files.put(SIDECAR, broken);
  await world.sync.reload(SIDECAR);
  await world.sync.add(DOC, [PEOPLE]);
  await world.sync.add(DOC, [{ ...PEOPLE, label: 'quote' }]);
  assert.equal(world.files.text(SIDECAR), broken, 'never overwritten');
  assert.equal(world.notes.length, 1, `told once: ${JSON.stringify(world.notes)}`);
  assert.match(world.notes[0]!.message, /^doc\.txt\.annotations\.yaml cannot be read \(line 8: .*\)\. Fix it and save it; your annotation changes are kept until then\.$/);
  await world.clock.advance(HELD_POLL_MS);
  assert.equal(world.files.text(SIDECAR), broken, 'a poll while it is still broken writes nothing');
  world.files.put(SIDECAR, fixture('doc.txt.other-writer.annotations.yaml')); // fixed elsewhere, no file event seen
  await world.clock.advance(HELD_POLL_MS);
  assert.deepEqual(onDisk(world), ['claim people', 'figure 13,000', 'quote people', 'quote we are ready']);
  await world.clock.advance(HELD_POLL_MS);
  assert.equal(world.clock.running, 0, 'the poll stops once the write is through');
});

test('a sidecar with unsaved edits in an editor holds the write until they are saved', async () => {
  const world = await loaded();
  const sidecarEditor = world.editor.openWith(SIDECAR, world.files.text(SIDECAR)!);
  sidecarEditor.isDirty = true;
  const before = world.files.text(SIDECAR);
  await world.sync.add(DOC, [PEOPLE]);
  assert.equal(world.files.text(SIDECAR), before);
  assert.match(world.notes[0]!.message, /has unsaved edits in an editor/);
  sidecarEditor.isDirty = false;
  await world.clock.advance(HELD_POLL_MS);
  assert.deepEqual(onDisk(world), ['claim people', 'quote we are ready']);
});

test('a sidecar deleted with nothing unwritten: its document is no longer annotated', async () => {
  const world = await loaded();
  world.files.remove(SIDECAR);
  await world.sync.reload(SIDECAR);
  assert.equal(world.sync.get(DOC), undefined);
  assert.ok(world.changes.some((documents) => documents.includes(DOC)));
});

test('a sidecar deleted while changes wait for a save: the save writes a new one with every annotation', async () => {
  const world = await loaded();
  const document = world.editor.openWith(DOC, TEXT);
  document.isDirty = true;
  await world.sync.add(DOC, [PEOPLE]);
  world.files.remove(SIDECAR);
  await world.sync.reload(SIDECAR);
  assert.ok(world.sync.get(DOC), 'kept in memory');
  document.isDirty = false;
  await world.sync.documentSaved(DOC);
  assert.deepEqual(onDisk(world), ['claim people', 'quote we are ready']);
});

test('a renamed document takes its sidecar along, with its document key', async () => {
  const world = await loaded();
  world.files.put('/ws/renamed.txt', TEXT);
  world.files.remove(DOC);
  await world.sync.moveDocument(DOC, '/ws/renamed.txt');
  assert.equal(world.files.text(SIDECAR), undefined, 'the old sidecar is gone');
  const moved = readSidecar(world.files.text('/ws/renamed.txt.annotations.yaml')!).sidecar!;
  assert.equal(moved.document, 'renamed.txt');
  assert.deepEqual(moved.annotations.map((a) => a.text), ['we are ready']);
  assert.equal(world.sync.get(DOC), undefined);
  assert.equal(world.sync.get('/ws/renamed.txt')!.sidecarUri, '/ws/renamed.txt.annotations.yaml');
});

test('a document renamed onto a name whose sidecar exists: its annotations stay in the old sidecar, and the user is told', async () => {
  const world = await loaded();
  const taken = fixture('doc.txt.other-writer.annotations.yaml');
  world.files.put('/ws/renamed.txt.annotations.yaml', taken);
  world.files.put('/ws/renamed.txt', TEXT);
  world.files.remove(DOC);
  await world.sync.moveDocument(DOC, '/ws/renamed.txt');
  assert.equal(world.files.text('/ws/renamed.txt.annotations.yaml'), taken);
  assert.deepEqual(onDisk(world), ['quote we are ready']);
  assert.equal(world.sync.get('/ws/renamed.txt')!.sidecarUri, SIDECAR);
  assert.match(world.notes[0]!.message, /^renamed\.txt\.annotations\.yaml already exists, so the annotations stay in doc\.txt\.annotations\.yaml/);
});

test('a renamed folder carries its annotated documents along', async () => {
  const world = await loaded();
  await world.sync.moveDocument('/ws', '/moved');
  assert.equal(world.sync.get('/moved/doc.txt')!.sidecarUri, '/moved/doc.txt.annotations.yaml');
  assert.equal(world.sync.get(DOC), undefined);
});

test('a sidecar written by another program during our write: the write starts over and keeps both', async () => {
  const world = await loaded();
  world.files.duringNextWrite = (path) => world.files.put(path, fixture('doc.txt.other-writer.annotations.yaml'));
  await world.sync.add(DOC, [PEOPLE]);
  assert.deepEqual(onDisk(world), ['claim people', 'figure 13,000', 'quote we are ready']);
  assert.deepEqual(world.notes, []);
});

test('a sidecar that keeps changing during every write: an error, and the change is kept for the next write', async () => {
  const world = await loaded();
  const document = world.editor.openWith(DOC, TEXT);
  let writes = 0;
  const meddle = (path: string): void => {
    writes++;
    world.files.put(path, fixture('doc.txt.other-writer.annotations.yaml') + `    note: take ${writes}\n`);
    if (writes < MAX_WRITE_ATTEMPTS) world.files.duringNextWrite = meddle;
  };
  world.files.duringNextWrite = meddle;
  document.isDirty = true;
  await world.sync.add(DOC, [PEOPLE]);
  document.isDirty = false;
  await world.sync.documentSaved(DOC);
  assert.equal(writes, MAX_WRITE_ATTEMPTS);
  assert.equal(world.notes.length, 1);
  assert.match(world.notes[0]!.message, /^could not write doc\.txt\.annotations\.yaml \(it kept changing on disk while it was being written, 3 times\)/);
  assert.equal(world.sync.get(DOC)!.unwritten, true);
  await world.sync.documentSaved(DOC);
  assert.deepEqual(onDisk(world), ['claim people', 'figure 13,000 (take 3)', 'quote we are ready']);
});

test('two writers on one sidecar: each tag is merged into the other\'s by id, none is lost', async () => {
  const files = new MemoryFiles();
  const one = await loaded(files);
  const two = await loaded(files);
  await one.sync.add(DOC, [PEOPLE]);
  await two.sync.add(DOC, [{ start: 37, end: 43, label: 'figure' }]);
  await one.sync.add(DOC, [{ ...PEOPLE, label: 'quote' }]);
  assert.deepEqual(onDisk(one), ['claim people', 'figure 13,000', 'quote people', 'quote we are ready']);
  await two.sync.reload(SIDECAR);
  assert.equal(two.sync.get(DOC)!.annotations.length, 4);
});

test('a failed write leaves the sidecar as it was, tells the user, and the change reaches the next write', async () => {
  const world = await loaded();
  const before = world.files.text(SIDECAR);
  const document = world.editor.openWith(DOC, TEXT);
  document.isDirty = true;
  await world.sync.add(DOC, [PEOPLE]);
  world.files.failWrites = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  document.isDirty = false;
  await world.sync.documentSaved(DOC);
  assert.equal(world.files.text(SIDECAR), before);
  assert.match(world.notes[0]!.message, /^could not write doc\.txt\.annotations\.yaml \(ENOSPC: no space left on device\)/);
  world.files.failWrites = undefined;
  await world.sync.documentSaved(DOC);
  assert.deepEqual(onDisk(world), ['claim people', 'quote we are ready']);
});

test('the echo of our own write is neither read nor announced again', async () => {
  const world = await loaded();
  await world.sync.add(DOC, [PEOPLE]);
  const events = world.changes.length;
  const annotations = world.sync.get(DOC)!.annotations;
  await world.sync.reload(SIDECAR);
  assert.equal(world.changes.length, events);
  assert.equal(world.sync.get(DOC)!.annotations, annotations, 'the same array: nothing was read in');
});

test('a document changed on disk is re-anchored through the diff from the text held, and its findings say what moved', async () => {
  const world = await loaded();
  world.files.put(DOC, 'Inserted first. ' + TEXT);
  await world.sync.reload(DOC);
  const document = world.sync.get(DOC)!;
  assert.deepEqual(document.annotations.map((a) => [a.text, a.start]), [['we are ready', 35]]);
  assert.deepEqual(document.findings.map((f) => f.code), ['drifted']);
  assert.match(document.findings[0]!.message, /is now at 35\.\.47 \(re-anchored by diff\)/, 'mapped through the diff from the text it was verified against');
  assert.deepEqual(onDisk(world), ['quote we are ready'], 'a re-anchoring alone writes nothing');
});

test('a missing document and one that is a link are reported on the sidecar\'s document line', async () => {
  const world = await loaded();
  world.files.remove(DOC);
  await world.sync.reload(DOC);
  assert.deepEqual(
    world.sync.get(DOC)!.findings.map((f) => [f.code, f.line]),
    [['document-missing', 2]],
  );
  world.files.putLink(DOC);
  await world.sync.reload(DOC);
  assert.deepEqual(
    world.sync.get(DOC)!.findings.map((f) => [f.code, f.line]),
    [['document-unreadable', 2]],
  );
  await assert.rejects(world.sync.add(DOC, [PEOPLE]), /doc\.txt cannot be annotated: its text could not be read/);
});

test('a document key outside the sidecar\'s folder is reported, and its document is the one beside it', async () => {
  const files = new MemoryFiles();
  files.put(DOC, TEXT);
  files.put(SIDECAR, fixture('doc.txt.annotations.yaml').replace('document: doc.txt', 'document: ../doc.txt'));
  const world = await loaded(files);
  assert.deepEqual(
    world.sync.get(DOC)!.findings.map((f) => [f.code, f.line]),
    [
      ['document-path', 2],
      ['document-outside-folder', 2],
    ],
  );
});

test('a sidecar that is a link is never read or written through; tags wait until it is a plain file', async () => {
  const files = new MemoryFiles();
  files.put(DOC, TEXT);
  files.putLink(SIDECAR);
  const world = await loaded(files);
  assert.deepEqual(world.sync.get(DOC)!.findings.map((f) => f.code), ['sidecar-link']);
  await world.sync.add(DOC, [PEOPLE]);
  assert.deepEqual(files.written, []);
  assert.match(world.notes[0]!.message, /cannot be read \(line 1: doc\.txt\.annotations\.yaml is a symbolic link/);
});

test('typing moves the spans; undo brings back their places, and the document back to its saved text is written at once', async () => {
  const world = await loaded();
  const before = world.files.text(SIDECAR);
  const document = world.editor.openWith(DOC, TEXT);
  world.sync.applyTextChanges(document, typeInto(document, 0, 'NEW '));
  assert.equal(world.sync.get(DOC)!.annotations[0]!.start, 23);
  document.text = TEXT; // undo
  document.isDirty = false;
  world.sync.applyTextChanges(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, text: '' }]);
  await world.sync.idle();
  assert.equal(world.sync.get(DOC)!.annotations[0]!.start, 19);
  assert.equal(world.files.text(SIDECAR), before, 'the same places: the same bytes');
});

test('changes that waited for a save of a buffer now closed unsaved are written over the file\'s text', async () => {
  const world = await loaded();
  const document = world.editor.openWith(DOC, TEXT);
  world.sync.applyTextChanges(document, typeInto(document, 0, 'NEW '));
  await world.sync.add(DOC, [{ ...PEOPLE, start: PEOPLE.start + 4, end: PEOPLE.end + 4 }]);
  assert.deepEqual(onDisk(world), ['quote we are ready']);
  world.editor.close(DOC); // closed without saving: the file keeps its text
  await world.sync.documentOpenedOrClosed(DOC);
  const written = readSidecar(world.files.text(SIDECAR)!).sidecar!.annotations;
  assert.deepEqual(
    written.map((a) => [a.text, a.start]),
    [
      ['we are ready', 19],
      ['people', PEOPLE.start],
    ],
  );
});

test('a deletion orphans a span; reverting to the saved text finds it again and writes nothing new', async () => {
  const world = await loaded();
  const before = world.files.text(SIDECAR);
  const document = world.editor.openWith(DOC, TEXT);
  document.text = TEXT.slice(0, 18) + TEXT.slice(32);
  document.isDirty = true;
  world.sync.applyTextChanges(document, [{ range: { start: { line: 0, character: 18 }, end: { line: 0, character: 32 } }, text: '' }]);
  assert.equal(world.sync.get(DOC)!.annotations[0]!.status, 'orphaned');
  assert.deepEqual(world.sync.get(DOC)!.findings.map((f) => f.code), ['orphaned']);
  document.text = TEXT;
  document.isDirty = false;
  world.sync.applyTextChanges(document, [{ range: { start: { line: 0, character: 18 }, end: { line: 0, character: 18 } }, text: TEXT.slice(18, 32) }]);
  await world.sync.idle();
  const quote = world.sync.get(DOC)!.annotations[0]!;
  assert.deepEqual([quote.start, quote.end, quote.status], [19, 31, undefined]);
  assert.equal(world.files.text(SIDECAR), before);
});

test('an update and a removal reach the sidecar at once', async () => {
  const world = await loaded();
  const [quote] = world.sync.get(DOC)!.annotations;
  await world.sync.update(DOC, quote!.id, { note: 'said twice' });
  assert.deepEqual(onDisk(world), ['quote we are ready (said twice)']);
  await world.sync.remove(DOC, [quote!.id]);
  assert.deepEqual(onDisk(world), []);
  assert.equal(world.sync.get(DOC)!.findings.length, 0);
});

test('a sidecar that is not UTF-8 is never rewritten: its bytes stay, and the write is held', async () => {
  const world = await loaded();
  const latin1 = Buffer.from(fixture('doc.txt.annotations.yaml').replace('quote', 'quot\u00e9'), 'latin1');
  world.files.putBytes(SIDECAR, latin1);
  await world.sync.reload(SIDECAR);
  await world.sync.add(DOC, [PEOPLE]);
  assert.ok(Buffer.from(world.files.bytes(SIDECAR)!).equals(latin1), 'byte for byte');
  assert.match(world.notes[0]!.message, /cannot be read \(line 5: the sidecar is not valid UTF-8 \(byte 0xE9\)/);
});

test('the sidecar\'s source header is kept as read, follows changes on disk, and stays in the file through a write', async () => {
  const files = new MemoryFiles();
  files.put(DOC, TEXT);
  const withSource = fixture('doc.txt.annotations.yaml').replace('document: doc.txt\n', "document: doc.txt\nsource:\n  outlet: ABC News\n  published: '2021-12-17'\n");
  files.put(SIDECAR, withSource);
  const world = await loaded(files);
  assert.deepEqual(world.sync.get(DOC)!.source, { outlet: 'ABC News', published: '2021-12-17' });
  await world.sync.add(DOC, [PEOPLE], 'ana');
  assert.deepEqual(readSidecar(world.files.text(SIDECAR)!).sidecar!.source, { outlet: 'ABC News', published: '2021-12-17' });
  files.put(SIDECAR, world.files.text(SIDECAR)!.replace('ABC News', 'Associated Press'));
  await world.sync.reload(SIDECAR);
  assert.equal(world.sync.get(DOC)!.source?.outlet, 'Associated Press');
  files.put(SIDECAR, fixture('doc.txt.annotations.yaml'));
  await world.sync.reload(SIDECAR);
  assert.equal(world.sync.get(DOC)!.source, undefined, 'a header taken out is gone');
});

test('a rejected suggestion is written to the rejected: header, kept when annotations change and read back', async () => {
  const world = await loaded();
  await world.sync.reject(DOC, [{ label: 'figure', text: '100', before: 'about ' }]);
  await world.sync.add(DOC, [PEOPLE]);
  const read = readSidecar(world.files.text(SIDECAR)!);
  assert.deepEqual(read.sidecar!.rejected, [{ label: 'figure', text: '100', before: 'about ' }]);
  assert.deepEqual(onDisk(world), ['claim people', 'quote we are ready']);
  await world.sync.reload(SIDECAR);
  assert.deepEqual(world.sync.get(DOC)!.rejected, [{ label: 'figure', text: '100', before: 'about ' }]);
});

test('a rejected: header that cannot be read is not added to, and stays as written', async () => {
  const files = new MemoryFiles();
  files.put(DOC, TEXT);
  const odd = fixture('doc.txt.annotations.yaml').replace('annotations:', 'rejected: not a list\nannotations:');
  files.put(SIDECAR, odd);
  const world = await loaded(files);
  await assert.rejects(world.sync.reject(DOC, [{ label: 'figure', text: '100' }]), /rejected: list of doc\.txt\.annotations\.yaml cannot be read/);
  await world.sync.add(DOC, [PEOPLE]);
  assert.match(world.files.text(SIDECAR)!, /rejected: not a list\n/);
});

/** The world of `loaded()`, with notes/related.txt, whose sidecar has a relation into doc.txt. */
async function loadedWithRelated(): Promise<World> {
  const files = new MemoryFiles();
  files.put(DOC, TEXT);
  files.put(SIDECAR, fixture('doc.txt.annotations.yaml'));
  files.put('/ws/notes/related.txt', fixture('notes/related.txt'));
  files.put('/ws/notes/related.txt.annotations.yaml', fixture('notes/related.txt.annotations.yaml'));
  const world = makeWorld(files);
  await world.sync.loadAll([SIDECAR, '/ws/notes/related.txt.annotations.yaml']);
  return world;
}

test('a renamed document: relations in other sidecars that point at it follow it, by the same id, comments kept', async () => {
  const world = await loadedWithRelated();
  world.files.put('/ws/archive/doc-2021.txt', TEXT);
  world.files.remove(DOC);
  await world.sync.moveDocument(DOC, '/ws/archive/doc-2021.txt');
  const related = world.files.text('/ws/notes/related.txt.annotations.yaml')!;
  assert.equal(related, fixture('notes/related.txt.annotations.yaml').replace('document: ../doc.txt', 'document: ../archive/doc-2021.txt'));
  assert.deepEqual(world.notes, []);
});

test('a renamed folder: relations from the documents in it to those outside are rewritten to the new place', async () => {
  const world = await loadedWithRelated();
  for (const name of ['related.txt', 'related.txt.annotations.yaml']) {
    world.files.put(`/ws/old/notes/${name}`, world.files.text(`/ws/notes/${name}`)!);
    world.files.remove(`/ws/notes/${name}`);
  }
  await world.sync.moveDocument('/ws/notes', '/ws/old/notes');
  const related = readSidecar(world.files.text('/ws/old/notes/related.txt.annotations.yaml')!).sidecar!;
  assert.deepEqual(related.annotations[0]!.relations, [{ type: 'same-as', to: '0a1b2c3d', document: '../../doc.txt' }]);
  assert.equal(world.files.text(SIDECAR), fixture('doc.txt.annotations.yaml'), 'a sidecar without relations is not touched');
});

const DISPUTED_SIDECAR = '/ws/disputed.txt.annotations.yaml';

/** A world holding the adjudicated fixture `disputed.txt`, its sidecar loaded. */
async function loadedDisputed(): Promise<{ files: MemoryFiles; world: World }> {
  const files = new MemoryFiles();
  files.put('/ws/disputed.txt', fixture('disputed.txt'));
  files.put(DISPUTED_SIDECAR, fixture('disputed.txt.annotations.yaml'));
  const world = makeWorld(files);
  await world.sync.loadAll([DISPUTED_SIDECAR]);
  return { files, world };
}

test('an edit changes and removes records and sets the settled: header in one write; the edit it returns undoes it to the same bytes', async () => {
  const { files, world } = await loadedDisputed();
  const original = files.text(DISPUTED_SIDECAR)!;
  const records = world.sync.get('/ws/disputed.txt')!.annotations;
  assert.equal(world.sync.get('/ws/disputed.txt')!.settled, false, 'the header as read');
  const writes = files.written.length;
  const kept = records.find((a) => a.id === 'a0000004')!;
  const { dispute: _dispute, ...settledRecord } = kept;
  const undo = await world.sync.edit('/ws/disputed.txt', { records: new Map([['a0000004', settledRecord], ['b0000004', null]]), settled: true });
  assert.equal(files.written.length, writes + 1, "one write");
  const read = readSidecar(files.text(DISPUTED_SIDECAR)!).sidecar!;
  assert.equal(read.settled, true);
  assert.deepEqual(read.annotations.find((a) => a.id === 'a0000004'), { ...settledRecord });
  assert.equal(read.annotations.some((a) => a.id === 'b0000004'), false);
  assert.equal(read.annotations.length, records.length - 1);
  assert.equal(world.sync.get('/ws/disputed.txt')!.settled, true);
  await world.sync.edit('/ws/disputed.txt', undo);
  assert.equal(files.text(DISPUTED_SIDECAR), original, 'undone: the file as it was');
  assert.equal(world.sync.get('/ws/disputed.txt')!.settled, false);
});

test('a record put back by an edit whose text moved since is looked for again, as restore does', async () => {
  const { files, world } = await loadedDisputed();
  const undo = await world.sync.edit('/ws/disputed.txt', { records: new Map([['b0000004', null]]), settled: false });
  files.put('/ws/disputed.txt', `Preface. ${fixture('disputed.txt')}`);
  await world.sync.reload('/ws/disputed.txt');
  await world.sync.edit('/ws/disputed.txt', undo);
  const back = world.sync.get('/ws/disputed.txt')!.annotations.find((a) => a.id === 'b0000004')!;
  assert.equal(back.status, undefined, 'found again');
  assert.equal(back.start, fixture('disputed.txt').indexOf('3 million') + 'Preface. '.length);
});
