// What is kept per record from one change to the next (the findings, the highlights' layers) relies
// on the engine replacing a record that changes over one text. Driven through the engine's own
// operations in random chains, both must always equal what is computed afresh.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import { seededRandom } from '../../../src/core/ids';
import type { Annotation } from '../../../src/core/model';
import { checkLabels } from '../../../src/core/sidecar/check-labels';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { SpanLayers } from '../../../src/core/span-layers';
import type { OffsetIndex } from '../../../src/core/text';
import { anchorFindings } from '../../../src/core/workspace/anchor-findings';
import type { EditorTextChange } from '../../../src/core/workspace/ports';
import type { Entry } from '../../../src/core/workspace/synced-document';
import { fixturePath } from '../../fixture-path';
import { makeWorld, typeInto, type MemoryDocument, type World } from './memory-world';

const DOC = '/ws/doc.txt';
const SIDECAR = '/ws/doc.txt.annotations.yaml';
const fixture = (name: string): string => fs.readFileSync(fixturePath('workspace', name), 'utf8');
const LABELS = ['claim', 'quote', 'figure', 'rumour'];

/** A world whose document and sidecar (the workspace fixtures) the engine has loaded. */
async function loadedWorld(): Promise<World> {
  const world = makeWorld();
  world.files.put(DOC, fixture('doc.txt'));
  world.files.put(SIDECAR, fixture('doc.txt.annotations.yaml'));
  await world.sync.loadAll([SIDECAR]);
  return world;
}

/** Every label's spans as sorting every annotation afresh gives them: outer and framed, as `id@start-end`. */
function layersAfresh(annotations: readonly Annotation[], textLength: number): Map<string, { outer: string[]; nested: string[] }> {
  const ordered = annotations.filter((a) => a.status !== 'orphaned' && a.end <= textLength).sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = new Map<string, { outer: string[]; nested: string[] }>();
  let reach = -1;
  for (const a of ordered) {
    let lists = result.get(a.label);
    if (!lists) result.set(a.label, (lists = { outer: [], nested: [] }));
    (a.start < reach ? lists.nested : lists.outer).push(`${a.id}@${a.start}-${a.end}`);
    reach = Math.max(reach, a.end);
  }
  return result;
}

/** What one step of a random chain drew: its choice, a record to change (if any), and the text's length. */
interface Draw {
  choice: number;
  someone: Annotation | undefined;
  length: number;
  int: (n: number) => number;
  /** The note a change of fields may set. */
  note: string;
}

/**
 * The record changes both chains make: a span tagged (choices 0 and 1), a record's label, attributes,
 * note or place changed (2), a record removed and kept for a later restore (3).
 */
async function changeRecords(world: World, { choice, someone, length, int, note }: Draw, removed: Annotation[][]): Promise<void> {
  if (choice <= 1) {
    const start = int(length - 25);
    await world.sync.add(DOC, [{ start, end: start + 3 + int(20), label: LABELS[int(4)]! }], 'ana');
  } else if (choice === 2 && someone) {
    const start = int(length - 25);
    const patches = [{ label: LABELS[int(4)]! }, { attributes: { speaker: 'Jen Psaki' } }, { attributes: undefined }, { note }, { start, end: start + 5 }];
    await world.sync.update(DOC, someone.id, patches[int(patches.length)]!);
  } else if (choice === 3 && someone) {
    removed.push(await world.sync.remove(DOC, [someone.id]));
  }
}

test('after random chains of the engine\'s changes, the findings and the layers kept are those computed afresh', async () => {
  for (let seed = 1; seed <= 12; seed++) {
    const random = seededRandom(seed);
    const int = (n: number) => Math.floor(random() * n);
    const world = await loadedWorld();
    let document: MemoryDocument | undefined;
    let layers: { text: OffsetIndex; layers: SpanLayers<string> } | undefined;
    const removed: Annotation[][] = [];
    for (let step = 0; step < 60; step++) {
      const entry = world.sync.get(DOC) as Entry<string>;
      const length = entry.offsets.length;
      const someone = entry.annotations[int(entry.annotations.length)];
      const choice = int(8);
      switch (choice) {
        case 0:
        case 1:
        case 2:
        case 3:
          await changeRecords(world, { choice, someone, length, int, note: 'checked' }, removed);
          break;
        case 4: {
          const records = removed.pop();
          if (records && records.length > 0) await world.sync.restore(DOC, records);
          break;
        }
        case 5: // typing in the open document (its sidecar waits for the save)
          document ??= world.editor.openWith(DOC, world.files.text(DOC)!);
          world.sync.applyTextChanges(document, typeInto(document, int(40), random() < 0.5 ? 'x' : 'new words '));
          break;
        case 6: // saved
          if (document?.isDirty) {
            world.files.put(DOC, document.text);
            document.isDirty = false;
            await world.sync.documentSaved(DOC);
          }
          break;
        default:
          await world.sync.reanchor(DOC);
      }
      await world.sync.idle();
      const now = world.sync.get(DOC) as Entry<string>;
      const afresh = [
        ...now.fileFindings,
        ...(now.writable ? checkLabels({ version: now.version, document: now.documentKey, annotations: now.annotations }, DEFAULT_LABEL_CONFIG, now.recordLines) : []),
        ...anchorFindings(now.annotations, now.drift, now.recordLines, now.placements),
      ];
      assert.deepEqual(now.findings, afresh, `seed ${seed}, step ${step}: findings`);
      if (layers?.text !== now.offsets) layers = { text: now.offsets, layers: new SpanLayers(now.offsets.length, (a) => `${a.id}@${a.start}-${a.end}`) };
      layers.layers.update(now.annotations);
      const kept = new Map(layers.layers.labels().map((label) => [label, { outer: [...layers!.layers.layersOf(label).outer], nested: [...layers!.layers.layersOf(label).nested] }]));
      assert.deepEqual(kept, layersAfresh(now.annotations, now.offsets.length), `seed ${seed}, step ${step}: layers`);
    }
  }
});

/** Take back the last `length` characters typed at `offset` on the first line, as the editor reports it. */
function deleteFrom(document: MemoryDocument, offset: number, length: number): EditorTextChange[] {
  document.text = document.text.slice(0, offset) + document.text.slice(offset + length);
  document.isDirty = true;
  return [{ range: { start: { line: 0, character: offset }, end: { line: 0, character: offset + length } }, text: '' }];
}

test('after random chains of the engine\'s changes, every sidecar written is the one a writer without memory makes', async () => {
  for (let seed = 1; seed <= 16; seed++) {
    const random = seededRandom(seed);
    const int = (n: number) => Math.floor(random() * n);
    const world = await loadedWorld();
    // Every write the engine makes, against the same content spliced into the same previous text by
    // a writer that keeps nothing from one write to the next (every record compared).
    let writes = 0;
    const files = world.files;
    const writeIfUnchanged = files.writeIfUnchanged.bind(files);
    files.writeIfUnchanged = async (path, text, expected, bytes) => {
      const entry = world.sync.get(DOC) as Entry<string>;
      const afresh = writeSidecar(entry.toSidecar(), expected.text);
      assert.equal(text, afresh, `seed ${seed}, write ${++writes}`);
      return writeIfUnchanged(path, text, expected, bytes);
    };
    let document: MemoryDocument | undefined;
    let typed: { offset: number; length: number } | undefined;
    const removed: Annotation[][] = [];
    for (let step = 0; step < 80; step++) {
      const entry = world.sync.get(DOC) as Entry<string>;
      const length = entry.offsets.length;
      const someone = entry.annotations[int(entry.annotations.length)];
      const choice = int(11);
      switch (choice) {
        case 0:
        case 1:
        case 2:
        case 3:
          await changeRecords(world, { choice, someone, length, int, note: `checked ${step}` }, removed);
          break;
        case 4: {
          const records = removed.pop();
          // A change on disk may have brought the id back meanwhile: then nothing is restored.
          if (records && records.length > 0 && !records.some((r) => entry.annotations.some((a) => a.id === r.id))) await world.sync.restore(DOC, records);
          break;
        }
        case 5: { // typing in the open document, which moves records in place (its sidecar waits for the save)
          document ??= world.editor.openWith(DOC, world.files.text(DOC)!);
          const offset = int(40);
          const inserted = random() < 0.5 ? 'x' : 'new words ';
          world.sync.applyTextChanges(document, typeInto(document, offset, inserted));
          typed = { offset, length: inserted.length };
          break;
        }
        case 6: // the typing undone: the text seen before brings back the places the spans had
          if (document && typed) world.sync.applyTextChanges(document, deleteFrom(document, typed.offset, typed.length));
          typed = undefined;
          break;
        case 7: // saved: written over the new text, with the contexts taken again
          if (document?.isDirty) {
            world.files.put(DOC, document.text);
            document.isDirty = false;
            await world.sync.documentSaved(DOC);
          }
          break;
        case 8: { // a change on disk, merged in at once or at the next write
          const onDisk = world.files.text(SIDECAR);
          const relabelled = onDisk?.replace(/label: (\w+)/, (_, label: string) => `label: ${label === 'quote' ? 'claim' : 'quote'}`);
          if (relabelled === undefined || relabelled === onDisk) break;
          world.files.put(SIDECAR, relabelled);
          if (random() < 0.5) await world.sync.reload(SIDECAR);
          break;
        }
        case 9:
          if (someone) await world.sync.update(DOC, someone.id, { attributes: { speaker: 'Jen Psaki', n: step } });
          break;
        default:
          await world.sync.reanchor(DOC);
      }
      await world.sync.idle();
    }
    assert.ok(writes >= 5, `seed ${seed}: only ${writes} writes`);
  }
});

test('records moved in place by typing are written at their new places, though they are the objects written before', async () => {
  const world = await loadedWorld();
  await world.sync.add(DOC, [{ start: 4, end: 12, label: 'claim' }], 'ana'); // written: the records are those the writer wrote from
  const document = world.editor.openWith(DOC, world.files.text(DOC)!);
  world.sync.applyTextChanges(document, typeInto(document, 0, 'NEW '));
  world.files.put(DOC, document.text);
  document.isDirty = false;
  await world.sync.documentSaved(DOC);
  await world.sync.idle();
  const written = readSidecar(world.files.text(SIDECAR)!).sidecar!.annotations;
  assert.equal(written.length, 2);
  for (const a of written) assert.equal([...document.text].slice(a.start, a.end).join(''), a.text, `${a.id} at ${a.start}-${a.end}`);
});
