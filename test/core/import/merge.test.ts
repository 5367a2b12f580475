import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import { parseBrat } from '../../../src/core/import/brat';
import { parseDoccano } from '../../../src/core/import/doccano';
import { mergeImported } from '../../../src/core/import/merge';
import { parseProdigy } from '../../../src/core/import/prodigy';
import type { ImportedSpan } from '../../../src/core/import/types';
import { parseW3c } from '../../../src/core/import/w3c';
import type { Annotation } from '../../../src/core/model';
import { OffsetIndex, normalizeText } from '../../../src/core/text';
import { fixturePath } from '../../fixture-path';

const documentText = (name: string): string => normalizeText(readFileSync(fixturePath('export', 'docs', name), 'utf8'));
const importFile = (name: string): string => readFileSync(fixturePath('import', name), 'utf8');
const CRLF = documentText('crlf.txt');
const EMOJI = documentText('emoji.txt');

function assertHolds(annotations: readonly Annotation[], text: string): void {
  const index = new OffsetIndex(text);
  for (const a of annotations) assert.equal(index.slice(a.start, a.end), a.text, `annotation ${a.id} should sit on its text`);
}

function bratSpans(): ImportedSpan[] {
  const folder = fixturePath('import', 'brat-foreign');
  const files = readdirSync(folder).map((name) => ({ path: name, content: readFileSync(`${folder}/${name}`, 'utf8') }));
  return parseBrat(files).documents[0]!.spans;
}

test('brat spans are checked against the document: a span across a line break is one annotation, a real gap is refused', () => {
  const merged = mergeImported([], bratSpans(), CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(
    merged.added.map((a) => [a.label, a.text]),
    [
      ['claim', 'The minister'],
      ['figure', 'budget'],
      ['quote', 'We will not raise taxes,\nnot this year'],
    ],
  );
  assertHolds(merged.added, CRLF);
  const quote = merged.added.find((a) => a.label === 'quote')!;
  assert.deepEqual(quote.attributes, { Negated: 'true', speaker: 'the minister' });
  assert.equal(quote.prefix, [...CRLF].slice(quote.start - 32, quote.start).join(''), 'new annotations get their context');
  assert.equal(merged.skipped.length, 1);
  assert.match(merged.skipped[0]!.origin, /T4$/);
  assert.match(merged.skipped[0]!.reason, /not by line breaks/);
});

test('merging the same spans again adds nothing: same label and span is the same annotation', () => {
  const first = mergeImported([], bratSpans(), CRLF, undefined, DEFAULT_LABEL_CONFIG);
  const second = mergeImported(first.annotations, bratSpans(), CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.equal(second.added.length, 0);
  assert.equal(second.present, 3);
  assert.deepEqual(second.annotations, first.annotations);
});

test('a span the document already has under another label is a new annotation', () => {
  const existing = mergeImported([], bratSpans(), CRLF, undefined, DEFAULT_LABEL_CONFIG).annotations;
  const minister = existing.find((a) => a.text === 'The minister')!;
  const relabelled: ImportedSpan = { label: 'quote', start: minister.start, end: minister.end, origin: 'x' };
  const merged = mergeImported(existing, [relabelled], CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.equal(merged.added.length, 1);
});

test('doccano: offsets past the end and labels outside the configuration are skipped with the reason', () => {
  const [emoji, crlf] = parseDoccano(importFile('doccano-entities.jsonl'), 'd.jsonl').documents;
  const a = mergeImported([], emoji!.spans, EMOJI, emoji!.text, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(a.added.map((x) => x.text), ['revenue rose 12% 📈 in the quarter']);
  assert.match(a.skipped[0]!.reason, /^label 'person' is not in the label configuration/);
  const b = mergeImported([], crlf!.spans, CRLF, crlf!.text, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(b.added.map((x) => [x.label, x.text, x.attributes]), [['figure', '3.5 percent', undefined]]);
  assert.match(b.skipped[0]!.reason, /ends after the document's last code point \(190\)/);
});

test('prodigy: offsets counted in UTF-16 units do not slice the same text, and the span is refused, quoting both', () => {
  const [document] = parseProdigy(importFile('prodigy-mixed.jsonl'), 'p.jsonl').documents;
  const merged = mergeImported([], document!.spans, EMOJI, document!.text, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(merged.added.map((a) => a.text), ['12% 📈']);
  assert.equal(merged.skipped.length, 1);
  const { start, end } = merged.skipped[0]!;
  const held = [...EMOJI].slice(start, end).join('');
  assert.notEqual(held, 'the board');
  assert.equal(merged.skipped[0]!.reason, `the document holds ${JSON.stringify(held)} at ${start}..${end}, the import says "the board"`);
});

test('w3c: a quote alone is found by its prefix and suffix; a quote that occurs twice without context is refused', () => {
  const [document] = parseW3c(importFile('w3c-quotes.jsonld'), 'w.jsonld').documents;
  const merged = mergeImported([], document!.spans, CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(merged.added.map((a) => [a.label, a.text, a.author]), [['quote', 'not this year and not next.', 'https://example.org/users/kim']]);
  assertHolds(merged.added, CRLF);
  assert.match(merged.skipped[0]!.reason, /^the quote "year" occurs 2 times/);
});

test('an imported id is kept when it is free and replaced when the sidecar already uses it', () => {
  const spans: ImportedSpan[] = [
    { label: 'claim', start: 0, end: 7, id: 'c0ffee00', origin: 'a' },
    { label: 'claim', start: 8, end: 12, id: 'c0ffee00', origin: 'b' },
  ];
  const merged = mergeImported([], spans, CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.equal(merged.added[0]!.id, 'c0ffee00');
  assert.match(merged.added[1]!.id, /^[0-9a-f]{8}$/);
  assert.notEqual(merged.added[1]!.id, 'c0ffee00');
  assert.deepEqual(merged.renamed, [{ origin: 'b', from: 'c0ffee00', to: merged.added[1]!.id }]);
});

test('ids other tools use are kept when they are valid annotation ids; any other is replaced and reported, never refused', () => {
  const kept = ['T12', 'a1B-_x', '42', 'c0ffee00'];
  const unsafe = ['x` ![p](https://127.0.0.1:9/p.png)', 'https://example.org/anno/1', 'urn:uuid:1', 'a b', 'x'.repeat(65), ''];
  const spans: ImportedSpan[] = [...kept, ...unsafe].map((id, i) => ({ label: 'claim', start: i, end: i + 1, id, origin: `line ${i + 1}` }));
  const merged = mergeImported([], spans, CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.equal(merged.added.length, spans.length);
  assert.deepEqual(merged.added.slice(0, kept.length).map((a) => a.id), kept);
  for (const a of merged.added.slice(kept.length)) assert.match(a.id, /^[0-9a-f]{8}$/);
  assert.deepEqual(
    merged.renamed,
    unsafe.map((from, i) => ({ origin: `line ${kept.length + i + 1}`, from, to: merged.added[kept.length + i]!.id })),
  );
});

test('attribute values are typed as the label configuration says: a number attribute read as text becomes a number', () => {
  const spans: ImportedSpan[] = [{ label: 'figure', start: 67, end: 78, attributes: { value: '3.5', unit: 'percent' }, origin: 'a' }];
  const merged = mergeImported([], spans, CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(merged.added[0]!.attributes, { value: 3.5, unit: 'percent' });
  assert.equal(merged.added[0]!.text, '3.5 percent');
});

test('new ids depend only on the span: the same import into the same document gives the same ids', () => {
  const first = mergeImported([], bratSpans(), CRLF, undefined, DEFAULT_LABEL_CONFIG);
  const second = mergeImported([], bratSpans(), CRLF, undefined, DEFAULT_LABEL_CONFIG);
  assert.deepEqual(second.added.map((a) => a.id), first.added.map((a) => a.id));
  assert.equal(new Set(first.added.map((a) => a.id)).size, first.added.length);
});

const RELATED_TEXT = 'Smith said "We will win."';
const relatedSpans = (): ImportedSpan[] => [
  { label: 'claim', start: 0, end: 5, text: 'Smith', origin: 'a.ann:1 T1', key: 'T1' },
  { label: 'quote', start: 11, end: 25, text: '"We will win."', origin: 'a.ann:2 T2', key: 'T2' },
];

test('imported relations are added to their source record, pointing at the target record\'s id', () => {
  const merged = mergeImported([], relatedSpans(), RELATED_TEXT, undefined, DEFAULT_LABEL_CONFIG, [{ type: 'said-by', from: 'T2', to: 'T1', origin: 'a.ann:3 R1' }]);
  const [speaker, quote] = merged.annotations;
  assert.deepEqual(quote!.relations, [{ type: 'said-by', to: speaker!.id }]);
  assert.equal(merged.added[1], quote, 'the added record is the one with the relation');
  assert.equal(merged.related, 1);
  assert.deepEqual(merged.skippedRelations, []);
});

test('a relation between records already there is added to a copy of its source, once', () => {
  const first = mergeImported([], relatedSpans(), RELATED_TEXT, undefined, DEFAULT_LABEL_CONFIG);
  const existing = first.annotations;
  const relation = { type: 'said-by', from: 'T2', to: 'T1', origin: 'a.ann:3 R1' };
  const second = mergeImported(existing, relatedSpans(), RELATED_TEXT, undefined, DEFAULT_LABEL_CONFIG, [relation]);
  assert.equal(second.present, 2);
  assert.deepEqual(second.annotations[1]!.relations, [{ type: 'said-by', to: existing[0]!.id }]);
  assert.equal(existing[1]!.relations, undefined, 'the caller\'s record is not changed');
  const third = mergeImported(second.annotations, relatedSpans(), RELATED_TEXT, undefined, DEFAULT_LABEL_CONFIG, [relation]);
  assert.equal(third.related, 0, 'a relation the record lists is not added again');
  assert.deepEqual(third.annotations[1]!.relations, [{ type: 'said-by', to: existing[0]!.id }]);
});

test('a relation whose end was not imported is reported, not dropped silently', () => {
  const spans = relatedSpans();
  spans[0] = { ...spans[0]!, text: 'Jones' };
  const merged = mergeImported([], spans, RELATED_TEXT, undefined, DEFAULT_LABEL_CONFIG, [{ type: 'said-by', from: 'T2', to: 'T1', origin: 'a.ann:3 R1' }]);
  assert.equal(merged.skipped.length, 1);
  assert.deepEqual(merged.skippedRelations, [{ origin: 'a.ann:3 R1', reason: 'relation said-by: its span T1 was not imported' }]);
  assert.equal(merged.annotations[0]!.relations, undefined);
});

test('a relation of a type the configuration does not define, or between labels it does not allow, is reported', () => {
  const merged = mergeImported([], relatedSpans(), RELATED_TEXT, undefined, DEFAULT_LABEL_CONFIG, [
    { type: 'Says', from: 'T1', to: 'T2', origin: 'a.ann:3 R1' },
    { type: 'supports', from: 'T2', to: 'T1', origin: 'a.ann:4 R2' },
  ]);
  assert.deepEqual(merged.skippedRelations, [
    { origin: 'a.ann:3 R1', reason: 'relation Says: the type is not in the label configuration; add it under relations: in .marginalia.yaml' },
    { origin: 'a.ann:4 R2', reason: "relation supports: the type does not allow label 'quote' at its source" },
  ]);
  assert.equal(merged.related, 0);
});
