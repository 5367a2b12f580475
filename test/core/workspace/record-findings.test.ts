// RecordFindings: the label and anchoring findings kept from one change to the next must always be
// the findings of the full passes (checkLabels, then anchorFindings over every record): a stale
// finding would be silently wrong.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { seededRandom } from '../../../src/core/ids';
import type { Annotation, LabelConfig } from '../../../src/core/model';
import { checkLabels } from '../../../src/core/sidecar/check-labels';
import { anchorFindings, type Placement } from '../../../src/core/workspace/anchor-findings';
import { RecordFindings, type RecordFindingsInput } from '../../../src/core/workspace/record-findings';

const strict: LabelConfig = {
  labels: [
    { id: 'claim', description: '', attributes: [{ name: 'speaker', type: 'text', required: false }] },
    { id: 'quote', description: '', attributes: [{ name: 'speaker', type: 'text', required: true }] },
    {
      id: 'figure',
      description: '',
      attributes: [
        { name: 'value', type: 'number', required: false },
        { name: 'kind', type: 'enum', required: false, values: ['exact', 'approximate'] },
      ],
    },
  ],
};
/** Another configuration: what was fine under the first is not under this one, and the other way round. */
const lenient: LabelConfig = { labels: [{ id: 'claim', description: '', attributes: [] }, { id: 'rumour', description: '', attributes: [{ name: 'speaker', type: 'text', required: true }] }] };

const LABELS = ['claim', 'quote', 'figure', 'rumour'];
const ATTRIBUTES: (Annotation['attributes'] | undefined)[] = [
  undefined,
  { speaker: 'Jen Psaki' },
  { speaker: 42 },
  { value: 12 },
  { value: 'a lot' },
  { kind: 'exact' },
  { kind: 'roughly', mood: 'sad' },
];

/** The findings as the full passes give them. */
function fullPass(input: RecordFindingsInput): unknown {
  const labels = input.config ? checkLabels({ version: 1, document: 'd.txt', annotations: [...input.annotations] }, input.config, input.recordLines) : [];
  return [...labels, ...anchorFindings(input.annotations, input.drift, input.recordLines, input.placements)];
}

describe('RecordFindings', () => {
  test('after random chains of add, change, delete, relabel, undo, re-anchoring and writes, it gives the full passes\' findings', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = seededRandom(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
      const kept = new RecordFindings();
      let next = 0;
      const make = (): Annotation => {
        const start = Math.floor(random() * 500);
        const attributes = pick(ATTRIBUTES);
        return { id: `r${next++}`, label: pick(LABELS), start, end: start + 1 + Math.floor(random() * 30), text: `text ${next}`, ...(attributes ? { attributes: { ...attributes } } : {}) };
      };
      const annotations: Annotation[] = Array.from({ length: 40 }, make);
      const removed: { at: number; record: Annotation }[] = [];
      let config: LabelConfig | undefined = strict;
      /** The text the records count over: over one text, a record that changes is replaced. */
      let text = {};
      let recordLines = new Map(annotations.map((a, i) => [a.id, 4 + 7 * i]));
      const drift = new Map<string, Annotation>();
      const placements = new Map<string, Placement>();
      for (let step = 0; step < 120; step++) {
        const at = Math.floor(random() * annotations.length);
        const record = annotations[at];
        switch (Math.floor(random() * 11)) {
          case 0: // tag a span
            annotations.push(make());
            break;
          case 1: // change its attributes (the engine replaces a changed record, and sets a new attributes object)
            if (record) annotations[at] = { ...record, attributes: { ...pick(ATTRIBUTES) } };
            break;
          case 2: // remove its attributes
            if (record) annotations[at] = { id: record.id, label: record.label, start: record.start, end: record.end, text: record.text };
            break;
          case 3: // relabel
            if (record) annotations[at] = { ...record, label: pick(LABELS) };
            break;
          case 4: // delete
            if (record) removed.push({ at, record: annotations.splice(at, 1)[0]! });
            break;
          case 5: {
            // undo a delete: the very record, or a copy of it, back at its place or at the end
            const undone = removed.pop();
            if (!undone) break;
            const back = random() < 0.5 ? undone.record : { ...undone.record };
            annotations.splice(random() < 0.5 ? Math.min(undone.at, annotations.length) : annotations.length, 0, back);
            break;
          }
          case 6: // re-anchoring moves or changes it (a new object), keeping the sidecar's copy
            if (record) {
              drift.set(record.id, { ...record });
              placements.set(record.id, { method: pick(['diff', 'search'] as const), score: random() });
              annotations[at] = { ...record, start: record.start + 3, text: random() < 0.5 ? record.text : `${record.text}!` };
            }
            break;
          case 7: // the text edited: its span deleted (orphaned in place), or back (undo), and others moved in place
            if (record) {
              if (record.status === 'orphaned') delete record.status;
              else record.status = 'orphaned';
              for (const other of annotations) other.start += 1;
            }
            text = {};
            break;
          case 8: // written: the records' lines shift, the drift is cleared
            recordLines = new Map(annotations.map((a, i) => [a.id, 4 + 7 * i + Math.floor(random() * 3)]));
            drift.clear();
            placements.clear();
            break;
          case 9: // the label configuration changed, or the sidecar cannot be read (no label checks)
            config = pick([strict, lenient, undefined]);
            break;
          default: // the records reordered by a reload
            annotations.reverse();
        }
        const input: RecordFindingsInput = { annotations, text, config, recordLines, drift, placements };
        assert.deepEqual(kept.findings(input), fullPass(input), `seed ${seed}, step ${step}`);
      }
    }
  });

  test('after the text changed, a record changed in place is checked again', () => {
    const kept = new RecordFindings();
    const quote: Annotation = { id: 'q', label: 'quote', start: 0, end: 4, text: 'Rain', attributes: { speaker: 'Jen Psaki' } };
    const input = { annotations: [quote], text: {}, config: strict, recordLines: new Map([['q', 4]]), drift: new Map(), placements: new Map() };
    assert.deepEqual(kept.findings(input), []);
    quote.status = 'orphaned';
    assert.deepEqual(
      kept.findings({ ...input, text: {} }).map((f) => [f.code, f.line]),
      [['orphaned', 4]],
    );
  });
});
