import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Annotation } from '../../../src/core/model';
import { applyChange, type TextChange } from '../../../src/core/anchoring/live-tracking';
import { OffsetIndex } from '../../../src/core/text';

const DOC = 'The minister said "we are ready" on Tuesday.';
//           0         1         2         3         4
//           0123456789012345678901234567890123456789012345

/** An annotation holding the span start..end of `text`. */
function span(text: string, start: number, end: number, id = 'a'): Annotation {
  return { id, label: 'quote', start, end, text: new OffsetIndex(text).slice(start, end) };
}

/** Apply a change to a text (code points), the way the editor would. */
function edit(text: string, change: TextChange): string {
  const cps = [...text];
  cps.splice(change.start, change.deleted, ...change.inserted);
  return cps.join('');
}

/** Track one annotation through one change; return it and the edited document. */
function track(start: number, end: number, change: TextChange) {
  const a = span(DOC, start, end);
  const changed = applyChange([a], change);
  return { a, changed, doc: edit(DOC, change) };
}

const QUOTE = [19, 31] as const; // we are ready

test('a change wholly before a span shifts it, keeping its text', () => {
  const { a, changed, doc } = track(...QUOTE, { start: 4, deleted: 8, inserted: 'premier' });
  assert.deepEqual([a.start, a.end, a.text], [18, 30, 'we are ready']);
  assert.equal(new OffsetIndex(doc).slice(a.start, a.end), 'we are ready');
  assert.deepEqual(changed, [a]);
});

test('a change wholly after a span leaves it untouched and unreported', () => {
  const { a, changed } = track(...QUOTE, { start: 36, deleted: 7, inserted: 'Monday' });
  assert.deepEqual([a.start, a.end, a.text], [19, 31, 'we are ready']);
  assert.deepEqual(changed, []);
});

test('a same-length replacement before a span changes nothing of it', () => {
  const { a, changed } = track(...QUOTE, { start: 0, deleted: 3, inserted: 'Our' });
  assert.deepEqual([a.start, a.end], [19, 31]);
  assert.deepEqual(changed, []);
});

test('an insertion at a span start shifts it; at its end does not extend it', () => {
  const atStart = track(...QUOTE, { start: 19, deleted: 0, inserted: 'yes, ' });
  assert.deepEqual([atStart.a.start, atStart.a.end, atStart.a.text], [24, 36, 'we are ready']);
  const atEnd = track(...QUOTE, { start: 31, deleted: 0, inserted: ' now' });
  assert.deepEqual([atEnd.a.start, atEnd.a.end, atEnd.a.text], [19, 31, 'we are ready']);
  assert.deepEqual(atEnd.changed, []);
});

test('an insertion strictly inside a span grows it and updates its text', () => {
  const { a, doc } = track(...QUOTE, { start: 26, deleted: 0, inserted: 'very ' });
  assert.deepEqual([a.start, a.end, a.text], [19, 36, 'we are very ready']);
  assert.equal(new OffsetIndex(doc).slice(a.start, a.end), a.text);
});

test('a replacement inside a span, even of its first or last word, resizes it', () => {
  const middle = track(...QUOTE, { start: 22, deleted: 3, inserted: 'were' });
  assert.deepEqual([middle.a.start, middle.a.end, middle.a.text], [19, 32, 'we were ready']);
  const first = track(...QUOTE, { start: 19, deleted: 2, inserted: 'They' });
  assert.deepEqual([first.a.start, first.a.end, first.a.text], [19, 33, 'They are ready']);
  const last = track(...QUOTE, { start: 26, deleted: 5, inserted: 'set' });
  assert.deepEqual([last.a.start, last.a.end, last.a.text], [19, 29, 'we are set']);
  for (const t of [middle, first, last]) assert.equal(new OffsetIndex(t.doc).slice(t.a.start, t.a.end), t.a.text);
});

test('a deletion inside a span shrinks it', () => {
  const { a } = track(...QUOTE, { start: 22, deleted: 4, inserted: '' });
  assert.deepEqual([a.start, a.end, a.text], [19, 27, 'we ready']);
});

test('a deletion or replacement across an edge clips the span to what it keeps', () => {
  // 'said "we' replaced: the span keeps ' are ready', the new text stays outside
  const start = track(...QUOTE, { start: 13, deleted: 8, inserted: 'told us: "We' });
  assert.deepEqual([start.a.start, start.a.end, start.a.text], [25, 35, ' are ready']);
  assert.equal(new OffsetIndex(start.doc).slice(start.a.start, start.a.end), ' are ready');
  // 'ready" on' deleted: the span keeps 'we are '
  const end = track(...QUOTE, { start: 26, deleted: 9, inserted: '' });
  assert.deepEqual([end.a.start, end.a.end, end.a.text], [19, 26, 'we are ']);
});

test('a deletion covering a whole span orphans it at the change start and keeps its text', () => {
  const { a, changed } = track(...QUOTE, { start: 18, deleted: 14, inserted: '' });
  assert.deepEqual([a.start, a.end, a.text, a.status], [18, 18, 'we are ready', 'orphaned']);
  assert.deepEqual(changed, [a]);
  const replaced = track(...QUOTE, { start: 19, deleted: 12, inserted: 'no comment' });
  assert.deepEqual([replaced.a.start, replaced.a.end, replaced.a.text], [19, 19, 'we are ready']);
  assert.equal(replaced.a.status, 'orphaned', 'selecting exactly the span and typing over it orphans it too');
});

test('an orphaned annotation is carried along as a point and never gets its text changed', () => {
  const a: Annotation = { ...span(DOC, ...QUOTE), status: 'orphaned', start: 19, end: 19 };
  applyChange([a], { start: 0, deleted: 0, inserted: 'Yes. ' });
  assert.deepEqual([a.start, a.end, a.text], [24, 24, 'we are ready']);
  applyChange([a], { start: 20, deleted: 10, inserted: 'x' });
  assert.deepEqual([a.start, a.end, a.text, a.status], [20, 20, 'we are ready', 'orphaned']);
});

test('offsets and slices count code points: an emoji is one', () => {
  const doc = 'Hi 😀 there, "🎉 party" now';
  const a = span(doc, 13, 20); // 🎉 party
  assert.equal(a.text, '🎉 party');
  applyChange([a], { start: 3, deleted: 1, inserted: '🙂🙂' });
  assert.deepEqual([a.start, a.end], [14, 21]);
  applyChange([a], { start: 15, deleted: 0, inserted: '🥳' });
  assert.equal(a.text, '🎉🥳 party');
  applyChange([a], { start: 14, deleted: 3, inserted: '' });
  assert.equal(a.text, 'party');
});

test('only the changed annotations are returned, in input order', () => {
  const list = [span(DOC, 36, 43, 'after'), span(DOC, 0, 3, 'before'), span(DOC, 19, 31, 'quote')];
  const changed = applyChange(list, { start: 10, deleted: 0, inserted: '!' });
  assert.deepEqual(
    changed.map((a) => a.id),
    ['after', 'quote'],
  );
});

// ---- Property test: the arithmetic rules against a model that follows each character by identity ----

interface ModelSpan {
  /** Identities of the characters the span holds, while it is not orphaned. */
  members: Set<number>;
  /** While orphaned: the identity of the character the point sits before (-1: end of text). */
  anchor: number;
  orphaned: boolean;
  text: string;
}

/**
 * A document as a list of characters with identities. A span is a set of identities; inserted characters
 * join it when the change lies within it: an insertion between two of its characters, or a deletion
 * of only its characters (not all of them). A span losing all its characters becomes a point placed
 * where the change began; a point whose character is deleted moves to where that change began.
 */
class Model {
  ids: number[];
  chars: string[];
  next = 0;
  constructor(text: string) {
    this.chars = [...text];
    this.ids = this.chars.map(() => this.next++);
  }
  spanOf(start: number, end: number): ModelSpan {
    return { members: new Set(this.ids.slice(start, end)), anchor: -1, orphaned: false, text: this.chars.slice(start, end).join('') };
  }
  apply(change: TextChange, spans: ModelSpan[]): void {
    const { start, deleted } = change;
    const inserted = [...change.inserted];
    const gone = this.ids.slice(start, start + deleted);
    const left = start > 0 ? this.ids[start - 1]! : -2;
    const right = start + deleted < this.ids.length ? this.ids[start + deleted]! : -1;
    const fresh = inserted.map(() => this.next++);
    this.ids.splice(start, deleted, ...fresh);
    this.chars.splice(start, deleted, ...inserted);
    const goneSet = new Set(gone);
    for (const s of spans) {
      if (s.orphaned) {
        if (goneSet.has(s.anchor)) s.anchor = fresh.length > 0 ? fresh[0]! : right;
        continue;
      }
      const survivors = [...s.members].filter((id) => !goneSet.has(id));
      if (survivors.length === 0 && gone.length > 0) {
        s.orphaned = true;
        s.anchor = fresh.length > 0 ? fresh[0]! : right;
        continue;
      }
      const withinSpan = gone.every((id) => s.members.has(id));
      const join = withinSpan && (gone.length > 0 || (s.members.has(left) && s.members.has(right)));
      s.members = new Set(join ? [...survivors, ...fresh] : survivors);
      const { start: a, end: b } = this.bounds(s);
      s.text = this.chars.slice(a, b).join('');
    }
  }
  bounds(s: ModelSpan): { start: number; end: number } {
    if (s.orphaned) {
      const at = s.anchor === -1 ? this.ids.length : this.ids.indexOf(s.anchor);
      return { start: at, end: at };
    }
    const positions = this.ids.flatMap((id, i) => (s.members.has(id) ? [i] : []));
    const start = positions[0]!;
    const end = positions[positions.length - 1]! + 1;
    assert.equal(end - start, positions.length, 'a span stays contiguous');
    return { start, end };
  }
}

const char = fc.constantFrom('a', 'b', ' ', '\n', '“', '😀');
const textArb = fc.array(char, { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
const scenario = textArb.chain((text) => {
  const n = [...text].length;
  const spanArb = fc
    .tuple(fc.nat(n - 1), fc.integer({ min: 1, max: n }))
    .map(([s, len]) => [s, Math.min(n, s + len)] as const);
  const changeArb = fc.record({
    startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    deleteFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    inserted: fc.oneof(fc.constant(''), fc.array(char, { minLength: 1, maxLength: 5 }).map((a) => a.join(''))),
  });
  return fc.tuple(fc.constant(text), fc.array(spanArb, { minLength: 1, maxLength: 6 }), fc.array(changeArb, { minLength: 1, maxLength: 12 }));
});

test('property: random edit sequences keep tracked spans equal to the identity model', () => {
  fc.assert(
    fc.property(scenario, ([text, spans, changes]) => {
      const model = new Model(text);
      const modelSpans = spans.map(([s, e]) => model.spanOf(s, e));
      const annotations = spans.map(([s, e], i) => span(text, s, e, String(i)));
      let doc = text;
      for (const c of changes) {
        const length = [...doc].length;
        const start = Math.floor(c.startFraction * length);
        // Bias towards small deletions, as typing makes, while still covering whole spans now and then.
        const deleted = Math.floor(c.deleteFraction ** 2 * (length - start));
        const change = { start, deleted, inserted: c.inserted };
        applyChange(annotations, change);
        model.apply(change, modelSpans);
        doc = edit(doc, change);
        const index = new OffsetIndex(doc);
        annotations.forEach((a, i) => {
          const m = modelSpans[i]!;
          const expected = { ...model.bounds(m), text: m.text, orphaned: m.orphaned };
          assert.deepEqual({ start: a.start, end: a.end, text: a.text, orphaned: a.status === 'orphaned' }, expected);
          if (!m.orphaned) assert.equal(index.slice(a.start, a.end), a.text, 'a tracked span holds');
        });
      }
    }),
    { numRuns: 500 },
  );
});
