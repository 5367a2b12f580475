// The shortcuts the writer and reader take for the usual write (a list in order with a record
// appended, records kept from a text just validated) must give what the general path gives: the
// same order, the same matches, the same bytes, the same read result.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateAnnotations, generateProse, seededRandom, sidecarOf } from '../../../bench/data';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { analyzeSidecar } from '../../../src/core/sidecar/analyze';
import { LineBuilder, lineAt, lineCount, lineTextOf, linesOf } from '../../../src/core/sidecar/lines';
import { matchById, matchRecords } from '../../../src/core/sidecar/match';
import { readSidecar } from '../../../src/core/sidecar/read';
import { SourceCache } from '../../../src/core/sidecar/source-cache';
import { compareAnnotations, writeSidecar, writingOrder } from '../../../src/core/sidecar/write';
import { contentKey, sameContent } from '../../../src/core/sidecar/content-key';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 100);

/** Small offsets and few ids, so that ties on (start, end, id) and repeated ids are common. */
const record: fc.Arbitrary<Annotation> = fc
  .record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    start: fc.nat({ max: 6 }),
    length: fc.nat({ max: 2 }),
    text: fc.constantFrom('x', 'y'),
    note: fc.option(fc.constantFrom('n', 'm'), { nil: undefined }),
  })
  .map(({ length, note, ...rest }) => ({ ...rest, label: 'claim', end: rest.start + length, ...(note ? { note } : {}) }));

function stableSort(annotations: readonly Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => compareAnnotations(a, b) || (contentKey(a) < contentKey(b) ? -1 : contentKey(a) > contentKey(b) ? 1 : 0));
}

describe('writingOrder', () => {
  test('is a stable sort, for lists in order with records appended and for any list', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), fc.array(record, { maxLength: 80 }), (base, appended) => {
        const inOrder = [...stableSort(base), ...appended];
        assert.deepEqual(writingOrder(inOrder), stableSort(inOrder));
        assert.deepEqual(writingOrder(appended), stableSort(appended));
        // The same objects, in the same order for ties: the bytes may depend on which object comes first.
        writingOrder(inOrder).forEach((a, i) => assert.equal(a, stableSort(inOrder)[i]));
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('matchRecords', () => {
  test('gives the matches of looking every id up', () => {
    let inStep = 0;
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), item: record }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(), item: record }),
    );
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.boolean(), fc.array(edit, { maxLength: 25 }), (old, unique, edits) => {
        const items = unique ? old.map((a, i) => ({ ...a, id: `r${i}` })) : old;
        const next: Annotation[] = [...items];
        for (const change of edits) {
          const at = next.length === 0 ? 0 : change.at % next.length;
          if (change.kind === 'insert') next.splice(change.at % (next.length + 1), 0, change.item);
          else if (next.length === 0) continue;
          else if (change.kind === 'remove') next.splice(at, 1);
          else if (change.kind === 'move') next.splice(change.to % next.length, 0, ...next.splice(at, 1));
          else next[at] = { ...change.item, id: next[at]!.id };
        }
        const previous = { ids: items.map((a) => a.id), items: items as unknown as Readonly<Record<string, unknown>>[] };
        const fast = matchRecords(next, { ...previous });
        const general = matchById(next, { ...previous });
        if (fast.uniqueIds !== undefined) inStep++;
        assert.deepEqual([...fast.index], [...general.index]);
        assert.deepEqual([...fast.same], [...general.same]);
        if (fast.uniqueIds !== undefined) assert.equal(fast.uniqueIds, new Set(next.map((a) => a.id)).size === next.length);
      }),
      { numRuns: RUNS * 5 },
    );
    assert.ok(inStep > RUNS, `the walk side by side was taken (${inStep} times)`);
  });
});

describe('matchRecords compares fields as sameContent does', () => {
  test('for any values, with the compared fields kept from one write to the next and the annotation changed in place', () => {
    const value = fc.constantFrom<unknown>(undefined, null, 0, -0, 1, Number.NaN, '', 'a', 'b', true, ['a'], { x: 1 }, { x: 1, y: undefined });
    const keys = ['label', 'start', 'end', 'text', 'prefix', 'note', 'attributes', 'status', 'extra'] as const;
    const fields = fc.record(Object.fromEntries(keys.map((k) => [k, value])) as Record<(typeof keys)[number], fc.Arbitrary<unknown>>, { requiredKeys: [] });
    fc.assert(
      fc.property(fields, fields, fc.boolean(), (a, b, shared) => {
        const item = { id: 'k', ...a };
        const annotation = { id: 'k', ...(shared ? a : b) } as unknown as Annotation;
        const previous = { ids: ['k'], items: [item] };
        assert.equal(matchRecords([annotation], previous).same[0] === 1, sameContent(item, annotation));
        // Changed in place after the fields were taken: the next match must see it.
        Object.assign(annotation, b);
        assert.equal(matchRecords([annotation], previous).same[0] === 1, sameContent(item, annotation));
      }),
      { numRuns: RUNS * 10 },
    );
  });
});

describe('LineBuilder', () => {
  test('gives the text and line offsets of the lines written, and any lines written so far', () => {
    const line = fc.constantFrom('', 'a', '  - id: x', '# c', 'é😀');
    const step = fc.oneof(
      fc.record({ keep: fc.tuple(fc.nat({ max: 12 }), fc.nat({ max: 12 })) }),
      fc.record({ add: fc.array(line, { maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(step, { maxLength: 12 }), fc.nat(), (oldLines, steps, from) => {
        const old = lineTextOf(oldLines);
        const builder = new LineBuilder(old);
        const expected: string[] = [];
        for (const s of steps) {
          if ('keep' in s) {
            const [a, b] = s.keep.map((n) => Math.min(n, oldLines.length)).sort((x, y) => x - y) as [number, number];
            builder.keep(a, b);
            expected.push(...oldLines.slice(a, b));
          } else {
            builder.addAll(s.add);
            expected.push(...s.add);
          }
          assert.equal(builder.count, expected.length);
        }
        const start = expected.length === 0 ? 0 : from % expected.length;
        assert.deepEqual(builder.linesFrom(start), expected.slice(start));
        const built = builder.finish();
        const joined = lineTextOf(expected);
        assert.equal(built.text, joined.text);
        assert.deepEqual([...built.starts], [...joined.starts]);
        assert.equal(lineCount(built), expected.length);
        assert.deepEqual(linesOf(built, 0, lineCount(built)), expected);
        expected.forEach((l, i) => assert.equal(lineAt(built, i), l));
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('tagging a large sidecar as the extension does', () => {
  test('each write is the canonical text (the file was canonical), and each read-back is a parse', () => {
    const rand = seededRandom(7);
    const prose = generateProse(rand, 60_000);
    let source = writeSidecar(sidecarOf('t.txt', generateAnnotations(rand, prose, 400)));
    // The extension's objects, changed in place as the document is edited; the engine's prepared texts.
    const sources = new SourceCache();
    const list = readSidecar(source, sources).sidecar!.annotations;
    for (let step = 0; step < 60; step++) {
      const pick = list[Math.floor(rand() * list.length)]!;
      const kind = step % 6;
      if (kind === 0) list.push({ ...pick, id: `new${step}`, label: 'claim', created: '2026-12-04T10:00:00Z' });
      else if (kind === 1) {
        pick.start += 3; // typing before the span
        pick.end += 3;
      } else if (kind === 2) pick.text += '!';
      else if (kind === 3) list.splice(list.indexOf(pick), 1);
      else if (kind === 4) list.push({ ...pick }); // the same id twice: the general match, and a duplicate-id finding
      else list.splice(list.lastIndexOf(list.find((a) => list.filter((b) => b.id === a.id).length > 1) ?? pick), 1);
      const sidecar: Sidecar = { version: 1, document: 't.txt', annotations: list };
      const written = writeSidecar(sidecar, source, sources);
      assert.ok(sources.recall(written), `step ${step}: the written text is remembered`);
      assert.equal(written, writeSidecar(sidecar), `step ${step}: the canonical bytes`);
      const read = readSidecar(written, sources);
      const parsed = analyzeSidecar(written);
      assert.deepEqual(read, { sidecar: parsed.sidecar, findings: parsed.findings, recordLines: parsed.recordLines, writable: parsed.writable }, `step ${step}`);
      assert.equal(JSON.stringify(read.sidecar), JSON.stringify(parsed.sidecar), 'keys in the same order');
      source = written;
    }
  });
});
