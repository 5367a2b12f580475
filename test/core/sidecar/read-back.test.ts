// Reading back a text the writer just wrote, given the read of the text before (the sync engine's
// merge base), takes the records the writer kept from that read instead of making them again. What
// it gives must be what a full read of the same bytes gives, after any chain of changes; and it must
// take nothing from a read of another text.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { splitLines } from '../../../src/core/sidecar/analyze';
import { scanLayout } from '../../../src/core/sidecar/layout';
import { readSidecar, type SidecarReadResult } from '../../../src/core/sidecar/read';
import { SourceCache } from '../../../src/core/sidecar/source-cache';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 100);

/** One change to the annotations, as the editor makes them. */
type Edit =
  | { kind: 'add'; start: number; length: number; text: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'note'; pick: number; note: string }
  | { kind: 'move'; pick: number; by: number }
  | { kind: 'attributes'; pick: number; value: number }
  | { kind: 'unknown-key'; pick: number }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'shuffle'; seed: number };

/** Texts with emoji, non-ASCII letters, quotes and characters YAML must escape. */
const spanText = fc.constantFrom('span', 'Zürich – “quoted”', '😀 emoji 👩‍👩‍👧', 'a: b # not a comment', "it's", '日本語の文', 'tab\there', '\u2028 line separator');

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), start: fc.nat({ max: 3000 }), length: fc.nat({ max: 80 }), text: spanText }) },
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), note: spanText }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), by: fc.integer({ min: -40, max: 400 }) }),
  fc.record({ kind: fc.constant('attributes' as const), pick: fc.nat(), value: fc.constantFrom(0, -0, 1.5, 7) }),
  fc.record({ kind: fc.constant('unknown-key' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.nat() }),
);

/** The annotations after one change; the model's objects are changed in place, as the editor does. */
function apply(annotations: Annotation[], change: Edit, serial: number): Annotation[] {
  if (change.kind === 'add') {
    const id = (0x10000000 + serial).toString(16);
    return [...annotations, { id, label: 'claim', start: change.start, end: change.start + change.length, text: `${change.text} ${serial}` }];
  }
  if (annotations.length === 0) return annotations;
  if (change.kind === 'shuffle') return annotations.map((a, i) => ({ a, k: (i * 7919 + change.seed) % 101 })).sort((x, y) => x.k - y.k).map(({ a }) => a);
  const target = annotations[change.pick % annotations.length]!;
  switch (change.kind) {
    case 'remove':
      return annotations.filter((a) => a !== target);
    case 'note':
      target.note = change.note;
      return annotations;
    case 'move':
      target.start = Math.max(0, target.start + change.by);
      target.end = target.start + target.text.length;
      return annotations;
    case 'attributes':
      target.attributes = { value: change.value, speaker: 'Ryabkov' };
      return annotations;
    case 'unknown-key':
      // A key the format does not know: kept, and a warning at each read.
      (target as unknown as Record<string, unknown>)['reviewed'] = { by: 'ana' };
      return annotations;
    case 'duplicate':
      // The same id twice: written, and read with an error finding.
      return [...annotations, { ...target, start: target.start + 1, end: target.end + 1 }];
  }
}

/** A read's content as plain data (its `recordLines` as an ordinary map), to compare with a full read. */
function plain(read: SidecarReadResult): unknown {
  return { sidecar: read.sidecar, findings: read.findings, recordLines: new Map(read.recordLines), writable: read.writable };
}

const VARIANTS: { name: string; text: () => string }[] = [
  { name: 'hand-commented', text: () => sidecarFixture('read', 'commented.annotations.yaml') },
  { name: 'deep comments', text: () => sidecarFixture('splice', 'deep-comments.annotations.yaml') },
  { name: 'unknown keys', text: () => sidecarFixture('read', 'unknown-keys.annotations.yaml') },
  { name: 'block scalars', text: () => sidecarFixture('read', 'block-scalars.annotations.yaml') },
  { name: 'CRLF', text: () => sidecarFixture('read', 'commented.annotations.yaml').replace(/\n/g, '\r\n') },
  { name: 'a byte-order mark', text: () => '\uFEFF' + sidecarFixture('read', 'commented.annotations.yaml') },
];

describe('reading back a written text, given the read of the text before', () => {
  for (const variant of VARIANTS) {
    test(`after any chain of changes it gives what a full read of the same bytes gives (${variant.name})`, () => {
      let shared = 0;
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 14 }), (edits) => {
          let source = variant.text();
          const sources = new SourceCache();
          const first = readSidecar(source, sources);
          let annotations = first.sidecar!.annotations;
          // As the engine's merge base before its first write: annotations no read-back gave.
          let base: readonly Annotation[] = [];
          edits.forEach((change, serial) => {
            annotations = apply(annotations, change, serial);
            source = writeSidecar({ ...(first.sidecar as Sidecar), annotations }, source, sources);
            const previous = base;
            const read = readSidecar(source, sources, previous);
            assert.deepEqual(plain(read), plain(readSidecar(source)), `after ${serial + 1} changes`);
            assert.equal(JSON.stringify(read.sidecar), JSON.stringify(readSidecar(source).sidecar), 'keys in the same order');
            const prepared = sources.recall(source);
            if (prepared) assert.deepEqual(prepared.layout, scanLayout(splitLines(source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))));
            base = read.sidecar!.annotations;
            for (const annotation of base) {
              assert.ok(Object.isFrozen(annotation), 'a record the next read may share is frozen');
              if (previous.includes(annotation)) shared++;
            }
          });
        }),
        { numRuns: RUNS },
      );
      // Not a vacuous pass: the records the writer kept were taken from the read before.
      assert.ok(shared > 0, 'records were taken from the previous read');
    });
  }

  test('a record the writer kept is the previous read\'s own object; a changed one is made anew', () => {
    const sources = new SourceCache();
    let source = sidecarFixture('read', 'commented.annotations.yaml');
    const annotations = readSidecar(source, sources).sidecar!.annotations;
    const sidecar = (list: Annotation[]): Sidecar => ({ version: 1, document: 'article.txt', annotations: list });
    source = writeSidecar(sidecar(annotations), source, sources);
    const before = readSidecar(source, sources, []).sidecar!.annotations; // not a read-back this one can take from
    annotations[0]!.note = 'changed';
    source = writeSidecar(sidecar(annotations), source, sources);
    const after = readSidecar(source, sources, before).sidecar!.annotations;
    assert.notEqual(after[0], before[0]);
    assert.equal(after[0]!.note, 'changed');
    for (let i = 1; i < after.length; i++) assert.equal(after[i], before[i], `record ${i} taken as it was`);
    assert.throws(() => {
      (after[1] as { note?: string }).note = 'changed under the base';
    }, TypeError);
  });

  test('a change made to the file on disk between two writes: the next read-back takes nothing from the read before it', () => {
    const sources = new SourceCache();
    const original = sidecarFixture('read', 'commented.annotations.yaml');
    const model = readSidecar(original, sources).sidecar!;
    const tag = (n: number): Annotation => ({ id: `0000000${n}`, label: 'claim', start: 900 + n, end: 910 + n, text: `tag ${n} 😀` });
    let annotations = [...model.annotations, tag(1)];
    const written1 = writeSidecar({ ...model, annotations }, original, sources);
    const base1 = readSidecar(written1, sources, []).sidecar!.annotations;
    annotations = [...annotations, tag(2)];
    const written2 = writeSidecar({ ...model, annotations }, written1, sources);
    const base2 = readSidecar(written2, sources, base1).sidecar!.annotations;
    assert.ok(base2.some((a) => base1.includes(a)), 'the second read-back took records from the first');

    // Someone edits the file by hand: a note added to the first record, every record's text kept.
    const edited = written2.replace(/^(\s+)text: (.*)$/m, '$1text: $2\n$1note: edited by hand');
    assert.notEqual(edited, written2);
    const onDisk = readSidecar(edited, sources);
    annotations = [...onDisk.sidecar!.annotations.map((a) => ({ ...a })), tag(3)];
    const written3 = writeSidecar({ ...model, annotations }, edited, sources);
    // Given the base of the text before the hand edit: its records are not the ones this text was written over.
    const stale = readSidecar(written3, sources, base2);
    assert.deepEqual(plain(stale), plain(readSidecar(written3)));
    assert.ok(!stale.sidecar!.annotations.some((a) => base2.includes(a)), 'nothing taken from the read of another text');
    assert.equal(stale.sidecar!.annotations.find((a) => a.id === model.annotations[0]!.id)?.note, 'edited by hand');
  });
});
