// The layout and content the writer remembers for the text it wrote (so that the next write splices
// without scanning the whole file again, and reading that text back needs no parse) must be what a
// scan and a parse of that text find.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { analyzeSidecar, splitLines } from '../../../src/core/sidecar/analyze';
import { scanLayout } from '../../../src/core/sidecar/layout';
import { readSidecar } from '../../../src/core/sidecar/read';
import { SourceCache } from '../../../src/core/sidecar/source-cache';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 100);

const FIXTURES = [
  ['splice', 'deep-comments.annotations.yaml'],
  ['read', 'commented.annotations.yaml'],
  ['read', 'block-scalars.annotations.yaml'],
  ['read', 'compact.annotations.yaml'],
  ['read', 'unknown-keys.annotations.yaml'],
  ['splice', 'keep-chomping.annotations.yaml'],
] as const;

/** One change to a sidecar's annotations, as the editor makes them. */
type Edit =
  | { kind: 'add'; start: number; length: number; label: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'note'; pick: number; note: string }
  | { kind: 'move'; pick: number; by: number }
  | { kind: 'attributes'; pick: number; value: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), start: fc.nat({ max: 3000 }), length: fc.nat({ max: 80 }), label: fc.constantFrom('claim', 'quote') }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), note: fc.constantFrom('checked', 'disputed — see wire', 'it\'s "quoted"', 'a: b') }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), by: fc.integer({ min: -40, max: 400 }) }),
  fc.record({ kind: fc.constant('attributes' as const), pick: fc.nat(), value: fc.constantFrom(0, -0, 1.5, 7) }),
);

function apply(annotations: Annotation[], change: Edit, serial: number): Annotation[] {
  if (change.kind === 'add') {
    const id = (0x10000000 + serial).toString(16);
    return [...annotations, { id, label: change.label, start: change.start, end: change.start + change.length, text: `span ${serial}` }];
  }
  if (annotations.length === 0) return annotations;
  const target = annotations[change.pick % annotations.length]!;
  if (change.kind === 'remove') return annotations.filter((a) => a !== target);
  if (change.kind === 'note') return annotations.map((a) => (a === target ? { ...a, note: change.note } : a));
  if (change.kind === 'attributes') {
    // Keys not in written order, an undefined entry, and an extra key holding a map.
    const attributes = { value: change.value, speaker: 'Ryabkov', unit: undefined } as unknown as Annotation['attributes'];
    return annotations.map((a) => (a === target ? ({ ...a, attributes, reviewed: { when: 'today', by: ['ana', undefined] } } as Annotation) : a));
  }
  const start = Math.max(0, target.start + change.by);
  return annotations.map((a) => (a === target ? { ...a, start, end: start + (a.end - a.start) } : a));
}

/**
 * The layout the writer remembered for a text, beside the one a scan finds (the same when the writer
 * remembered none: a text written in canonical form after a failed splice is not remembered).
 */
function layouts(text: string, sources: SourceCache): { remembered: unknown; scanned: unknown } {
  const scanned = scanLayout(splitLines(text.replace(/^\uFEFF/, '')));
  const prepared = sources.recall(text);
  return { remembered: prepared ? prepared.layout : scanned, scanned };
}

describe('the layout remembered for a written text', () => {
  const variants = [
    ...FIXTURES.map((parts) => ({ name: parts[1], text: () => sidecarFixture(...parts) })),
    { name: 'commented, with a byte-order mark', text: () => '\uFEFF' + sidecarFixture('read', 'commented.annotations.yaml') },
    { name: 'commented, CRLF', text: () => sidecarFixture('read', 'commented.annotations.yaml').replace(/\n/g, '\r\n') },
    { name: 'deep comments, no final line break', text: () => sidecarFixture('splice', 'deep-comments.annotations.yaml').replace(/\n$/, '') },
  ];
  for (const variant of variants) {
    test(`after any sequence of edits, it is the layout a scan finds (${variant.name})`, () => {
      const original = variant.text();
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
          let source = original;
          const sources = new SourceCache();
          let sidecar = readSidecar(source, sources).sidecar as Sidecar;
          edits.forEach((change, serial) => {
            sidecar = { ...sidecar, annotations: apply(sidecar.annotations, change, serial) };
            source = writeSidecar(sidecar, source, sources);
            const { remembered, scanned } = layouts(source, sources);
            assert.deepEqual(remembered, scanned);
            const read = readSidecar(source, sources);
            const parsed = analyzeSidecar(source);
            assert.deepEqual(read, { sidecar: parsed.sidecar, findings: parsed.findings, recordLines: parsed.recordLines, writable: parsed.writable });
            assert.equal(JSON.stringify(read.sidecar), JSON.stringify(parsed.sidecar), 'keys in the same order');
          });
        }),
        { numRuns: RUNS },
      );
    });
  }

  test('records before a change keep their spans: the layout was carried over, not scanned again', () => {
    const source = sidecarFixture('splice', 'deep-comments.annotations.yaml');
    const sources = new SourceCache();
    const sidecar = readSidecar(source, sources).sidecar as Sidecar;
    const first = writeSidecar({ ...sidecar, annotations: [...sidecar.annotations, { id: '0000000d', label: 'claim', start: 70, end: 80, text: 'fourth one' }] }, source, sources);
    const second = writeSidecar({ ...sidecar, annotations: [...sidecar.annotations, { id: '0000000d', label: 'claim', start: 70, end: 80, text: 'fourth one', note: 'n' }] }, first, sources);
    const before = sources.recall(first)!.layout!.annotations!.records;
    const after = sources.recall(second)!.layout!.annotations!.records;
    assert.equal(after.length, 4);
    for (let i = 0; i < 3; i++) assert.equal(after[i], before[i], `record ${i} is the same span object`);
    assert.deepEqual(sources.recall(second)!.layout, scanLayout(splitLines(second)));
  });
});
