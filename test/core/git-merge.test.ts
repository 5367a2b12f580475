import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSidecars, type SidecarMerge } from '../../src/core/git-merge';
import { seededRandom } from '../../src/core/ids';
import type { Annotation, Sidecar } from '../../src/core/model';
import { contentKey } from '../../src/core/sidecar/content-key';
import { readSidecar } from '../../src/core/sidecar/read';
import { writeSidecar } from '../../src/core/sidecar/write';

const TEXT = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau.';

function ann(id: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation {
  return { id, label: 'claim', start, end, text: TEXT.slice(start, end), ...extra };
}

function sidecar(annotations: Annotation[]): Sidecar {
  return { version: 1, document: 'doc.txt', annotations };
}

/** Merge three versions as the driver does: ours is given as the text git checked out. */
function merge(base: Annotation[], ours: Annotation[], theirs: Annotation[]): SidecarMerge {
  const oursText = writeSidecar(sidecar(ours));
  return mergeSidecars(sidecar(base), readSidecar(oursText).sidecar!, oursText, sidecar(theirs));
}

/** The records written outside the conflict blocks. */
function cleanRecords(merged: SidecarMerge): Annotation[] {
  const at = merged.text.indexOf('<<<<<<< ');
  const { sidecar: read } = readSidecar(at === -1 ? merged.text : merged.text.slice(0, at));
  assert.ok(read, 'the part before the conflict blocks reads as a sidecar');
  return read.annotations;
}

test('removed on one side and moved on the other is a conflict with the moved record kept', () => {
  const base = [ann('x1', 0, 5), ann('x2', 11, 16)];
  const moved = ann('x1', 6, 10);
  for (const [ours, theirs, side] of [
    [[base[1]!], [moved, base[1]!], 'theirs'],
    [[moved, base[1]!], [base[1]!], 'ours'],
  ] as const) {
    const merged = merge(base, [...ours], [...theirs]);
    assert.deepEqual(merged.conflicts.map((c) => c.id), ['x1'], `moved on ${side}`);
    const conflict = merged.conflicts[0]!;
    assert.deepEqual(side === 'theirs' ? [conflict.ours, conflict.theirs] : [conflict.theirs, conflict.ours], [[], [moved]]);
    assert.match(merged.text, /<<<<<<< ours \(annotation x1\)\n[^]*start: 6\n[^]*>>>>>>> theirs \(annotation x1\)\n$/);
    assert.deepEqual(cleanRecords(merged).map((a) => a.id), ['x2']);
  }
});

test('removed on one side and changed in any field on the other is a conflict', () => {
  const base = [ann('x1', 0, 5, { note: 'n', attributes: { speaker: 'Kim' } })];
  const changes: Partial<Annotation>[] = [
    { label: 'quote' },
    { entity: 'e1' },
    { attributes: { speaker: 'Lee' } },
    { note: 'other' },
    { status: 'orphaned' },
    { prefix: 'x' },
    { author: 'ana' },
    { relations: [{ type: 'said-by', to: 'x2' }] },
  ];
  for (const change of changes) {
    const merged = merge(base, [], [{ ...base[0]!, ...change }]);
    assert.deepEqual(merged.conflicts.map((c) => c.id), ['x1'], JSON.stringify(change));
  }
  assert.deepEqual(merge(base, [], base).conflicts, [], 'removed on one side, untouched on the other: removed');
  assert.deepEqual(cleanRecords(merge(base, [], base)), []);
});

test('an id used by two records on one side: both records survive a merge that does not touch them', () => {
  const claim = ann('a1', 0, 5);
  const quote = ann('a1', 6, 10, { label: 'quote' });
  const other = ann('b1', 11, 16);
  const merged = merge([claim, quote, other], [claim, quote, other], [claim, quote, { ...other, note: 'theirs' }]);
  assert.deepEqual(merged.conflicts, []);
  const records = cleanRecords(merged);
  assert.deepEqual(records.filter((a) => a.id === 'a1'), [claim, quote]);
  assert.equal(records.find((a) => a.id === 'b1')!.note, 'theirs');

  const noted = merge([claim, quote], [claim, quote], [claim, { ...quote, note: 'theirs' }]);
  assert.deepEqual(cleanRecords(noted), [claim, { ...quote, note: 'theirs' }], 'their change to one of them reaches that record only');

  const copied = merge([claim, other], [claim, other, quote], [claim, other]);
  assert.deepEqual(cleanRecords(copied).filter((a) => a.id === 'a1'), [claim, quote], 'a record copied with its id on one side is kept');
});

test('an id used by two records, changed differently on both sides: a conflict holding every record of both', () => {
  const claim = ann('a1', 0, 5);
  const quote = ann('a1', 6, 10, { label: 'quote' });
  const ours = [claim, { ...quote, note: 'ours' }];
  const theirs = [{ ...claim, start: 1, end: 5, text: TEXT.slice(1, 5) }, quote];
  const merged = merge([claim, quote], ours, theirs);
  assert.deepEqual(merged.conflicts, [{ id: 'a1', ours, theirs }]);
  assert.deepEqual(cleanRecords(merged), []);
  const block = merged.text.slice(merged.text.indexOf('<<<<<<< '));
  assert.equal(block.match(/^ {2}- id: a1$/gm)?.length, 4, 'two records on each side of the markers');
});


/** One side's edits of the base: each record removed, moved, relabelled, noted, copied with its id, or left; a few added. */
function edit(base: readonly Annotation[], next: () => number, side: string): Annotation[] {
  const span = (): [number, number] => {
    const start = Math.floor(next() * 90);
    return [start, start + 1 + Math.floor(next() * 8)];
  };
  const result: Annotation[] = [];
  for (const record of base) {
    const roll = next();
    if (roll < 0.15) continue;
    if (roll < 0.3) {
      const [start, end] = span();
      result.push({ ...record, start, end, text: TEXT.slice(start, end) });
    } else if (roll < 0.4) result.push({ ...record, label: 'quote' });
    else if (roll < 0.5) result.push({ ...record, note: `${side} ${Math.floor(next() * 3)}` });
    else if (roll < 0.55) result.push({ ...record, status: 'orphaned' });
    else if (roll < 0.6) {
      const [start, end] = span();
      result.push(record, { ...record, start, end, text: TEXT.slice(start, end) });
    } else result.push(record);
  }
  const added = Math.floor(next() * 3);
  for (let i = 0; i < added; i++) result.push(ann(`${side}${i}`, ...span()));
  return result;
}

const keys = (records: readonly Annotation[]): string[] => records.map((a) => contentKey(a)).sort();

test('randomized merges (seeded): no record is ever lost silently', () => {
  const MERGES = 200;
  for (let seed = 1; seed <= MERGES; seed++) {
    const next = seededRandom(seed);
    const base = Array.from({ length: 2 + Math.floor(next() * 6) }, (_, i) => ann(`b${i}`, i * 10, i * 10 + 5));
    if (next() < 0.2) base.push({ ...base[0]!, start: 50, end: 55, text: TEXT.slice(50, 55) }); // a hand merge left an id twice
    const ours = edit(base, next, 'o');
    const theirs = edit(base, next, 't');
    const merged = merge(base, ours, theirs);
    const clean = cleanRecords(merged);
    const conflicted = new Set(merged.conflicts.map((c) => c.id));
    for (const c of merged.conflicts) {
      assert.deepEqual(keys(c.ours), keys(ours.filter((a) => a.id === c.id)), `seed ${seed}: the conflict holds all of our records of ${c.id}`);
      assert.deepEqual(keys(c.theirs), keys(theirs.filter((a) => a.id === c.id)), `seed ${seed}: the conflict holds all of their records of ${c.id}`);
    }
    const ids = new Set([...base, ...ours, ...theirs].map((a) => a.id));
    for (const id of ids) {
      if (conflicted.has(id)) continue;
      const [b, o, t, r] = [base, ours, theirs, clean].map((list) => keys(list.filter((a) => a.id === id)));
      const same = (x: string[], y: string[]) => JSON.stringify(x) === JSON.stringify(y);
      if (r.length === 0) {
        // Gone: only when one side removed it and the other left it as it was (or removed it too).
        const removedByOne = (gone: string[], other: string[]) => gone.length === 0 && b.length > 0 && (other.length === 0 || same(other, b));
        assert.ok(removedByOne(o!, t!) || removedByOne(t!, o!), `seed ${seed}: ${id} lost without a conflict`);
      } else if (b.length > 1 || o!.length > 1 || t!.length > 1) {
        assert.ok(same(r, o!) || same(r, t!), `seed ${seed}: the records of ${id} (used more than once) are one side's, whole`);
      }
    }
  }
});

test('relations merge per record: what each side added to the same record is kept, in the file git gets', () => {
  const base = [ann('x1', 0, 5, { relations: [{ type: 'said-by', to: 'x2' }] }), ann('x2', 6, 10)];
  const ours = [ann('x1', 0, 5, { relations: [{ type: 'said-by', to: 'x2' }, { type: 'same-as', to: 'c1', document: 'b.txt' }] }), ann('x2', 6, 10)];
  const theirs = [ann('x1', 0, 5, { relations: [{ type: 'supports', to: 'x2' }] }), ann('x2', 6, 10, { relations: [{ type: 'same-as', to: 'x1' }] })];
  const merged = merge(base, ours, theirs);
  assert.deepEqual(merged.conflicts, []);
  const [x1, x2] = cleanRecords(merged);
  assert.deepEqual(x1!.relations, [
    { type: 'same-as', to: 'c1', document: 'b.txt' },
    { type: 'supports', to: 'x2' },
  ]);
  assert.deepEqual(x2!.relations, [{ type: 'same-as', to: 'x1' }]);
  assert.match(merged.text, /\n {4}relations:\n {6}- type: same-as\n {8}to: c1\n {8}document: b\.txt\n {6}- type: supports\n {8}to: x2\n/);
});
