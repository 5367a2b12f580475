// SpanLayers: the spans drawn per label, kept sorted from one change to the next, must always be what
// sorting every annotation afresh gives, and every label whose lists changed must be reported (the
// editor sends only those again: a label left out would keep a stale highlight).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { seededRandom } from '../../src/core/ids';
import type { Annotation } from '../../src/core/model';
import { SpanLayers } from '../../src/core/span-layers';

const LABELS = ['claim', 'quote', 'figure'];
const TEXT_LENGTH = 400;

/** What is drawn for a span: enough to tell spans and their places apart. */
const drawn = (a: Annotation): string => `${a.id}@${a.start}-${a.end}`;

/** The layers as sorting every annotation afresh gives them (the decorations' first way of drawing). */
function afresh(annotations: readonly Annotation[]): Map<string, { outer: string[]; nested: string[] }> {
  const ordered = annotations
    .filter((a) => a.status !== 'orphaned' && a.end <= TEXT_LENGTH)
    .sort((a, b) => a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = new Map<string, { outer: string[]; nested: string[] }>();
  let reach = -1;
  for (const a of ordered) {
    let lists = result.get(a.label);
    if (!lists) result.set(a.label, (lists = { outer: [], nested: [] }));
    (a.start < reach ? lists.nested : lists.outer).push(drawn(a));
    reach = Math.max(reach, a.end);
  }
  return result;
}

function kept(layers: SpanLayers<string>): Map<string, { outer: string[]; nested: string[] }> {
  return new Map(layers.labels().map((label) => [label, { outer: [...layers.layersOf(label).outer], nested: [...layers.layersOf(label).nested] }]));
}

describe('SpanLayers', () => {
  test('after random chains of tags, moves, deletes, relabels, orphans and undos, the layers are the ones sorted afresh', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const int = (n: number) => Math.floor(random() * n);
      let next = 0;
      const make = (): Annotation => {
        const start = int(TEXT_LENGTH);
        return { id: `a${String(next++).padStart(3, '0')}`, label: LABELS[int(3)]!, start, end: start + 1 + int(40), text: '' };
      };
      const annotations: Annotation[] = Array.from({ length: 30 + int(40) }, make);
      const removed: Annotation[] = [];
      let layers = new SpanLayers(TEXT_LENGTH, drawn);
      layers.update(annotations);
      for (let step = 0; step < 150; step++) {
        const at = int(annotations.length);
        const a = annotations[at];
        switch (int(10)) {
          case 0:
          case 1: // tag a span (often inside or across others)
            annotations.push(make());
            break;
          case 2: // a tag at the very place of another (same start and end), now and then with its id (a sidecar with a duplicate id)
            if (a) annotations.push({ ...a, id: random() < 0.3 ? a.id : `a${String(next++).padStart(3, '0')}`, label: LABELS[int(3)]! });
            break;
          case 3: // moved or resized (over one text, a record that changes is a new object)
            if (a) {
              const start = Math.max(0, a.start + int(21) - 10);
              annotations[at] = { ...a, start, end: Math.max(start + 1, a.end + int(21) - 10) };
            }
            break;
          case 4: // relabelled, or another field changed
            if (a) annotations[at] = random() < 0.5 ? { ...a, label: LABELS[int(3)]! } : { ...a, note: 'a note' };
            break;
          case 5: {
            // orphaned, or found again
            if (!a) break;
            const copy = { ...a };
            if (copy.status === 'orphaned') delete copy.status;
            else copy.status = 'orphaned';
            annotations[at] = copy;
            break;
          }
          case 8: // the text edited: spans moved in place, and the layers made again over the new text
            for (const r of annotations) r.start += 1;
            layers = new SpanLayers(TEXT_LENGTH, drawn);
            break;
          case 6: // removed
            if (a) removed.push(...annotations.splice(at, 1));
            break;
          case 7: // undo: put back at the end or at some place
            if (removed.length > 0) annotations.splice(random() < 0.5 ? annotations.length : int(annotations.length + 1), 0, removed.pop()!);
            break;
          default:
            break; // nothing changed
        }
        const before = kept(layers);
        const touched = layers.update(annotations);
        const after = kept(layers);
        assert.deepEqual(after, afresh(annotations), `seed ${seed}, step ${step}`);
        for (const label of new Set([...before.keys(), ...after.keys()])) {
          if (!touched.has(label)) assert.deepEqual(after.get(label), before.get(label), `seed ${seed}, step ${step}: ${label} changed but was not reported`);
        }
      }
    }
  });

  test('a tag inside another span is framed, and one around a span frames that span', () => {
    const claim: Annotation = { id: 'c', label: 'claim', start: 10, end: 50, text: '' };
    const layers = new SpanLayers(TEXT_LENGTH, drawn);
    layers.update([claim]);
    const figure: Annotation = { id: 'f', label: 'figure', start: 20, end: 24, text: '' };
    assert.deepEqual([...layers.update([claim, figure])], ['figure']);
    assert.deepEqual(layers.layersOf('figure'), { outer: [], nested: ['f@20-24'] });
    const quote: Annotation = { id: 'q', label: 'quote', start: 0, end: 60, text: '' };
    assert.deepEqual([...layers.update([claim, figure, quote])].sort(), ['claim', 'quote']);
    assert.deepEqual(layers.layersOf('claim'), { outer: [], nested: ['c@10-50'] });
  });

  test('an update that changes nothing reports no label', () => {
    const layers = new SpanLayers(TEXT_LENGTH, drawn);
    const annotations: Annotation[] = [{ id: 'c', label: 'claim', start: 10, end: 50, text: '' }];
    layers.update(annotations);
    assert.deepEqual([...layers.update(annotations)], []);
  });
});
