import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseBrat } from '../../../src/core/import/brat';
import { parseDoccano } from '../../../src/core/import/doccano';
import { parseProdigy } from '../../../src/core/import/prodigy';
import { parseW3c } from '../../../src/core/import/w3c';
import { fixturePath } from '../../fixture-path';

const read = (...parts: string[]): string => readFileSync(fixturePath('import', ...parts), 'utf8');

test('doccano: later versions\' "entities" records are read, a broken line is a problem with its line number', () => {
  const parsed = parseDoccano(read('doccano-entities.jsonl'), 'doccano-entities.jsonl');
  assert.equal(parsed.documents.length, 2);
  const [emoji, crlf] = parsed.documents;
  assert.deepEqual(emoji!.candidates, [], 'doccano exports name no source');
  assert.ok(emoji!.text?.startsWith('Launch day 🚀'));
  const points = [...emoji!.text!];
  assert.deepEqual(
    emoji!.spans.map((s) => [s.label, points.slice(s.start, s.end).join('')]),
    [
      ['claim', 'revenue rose 12% 📈 in the quarter'],
      ['person', 'the CEO'],
    ],
    'offsets are read as code points of the record\'s text',
  );
  assert.equal(crlf!.spans.length, 2, 'an out-of-range span is still read; the merge rejects it');
  assert.deepEqual(
    parsed.problems.map((p) => p.origin),
    ['doccano-entities.jsonl:2'],
  );
  assert.match(parsed.problems[0]!.message, /not valid JSON/);
});

test('doccano: the [start, end, label] form with meta.source, and a malformed item reported in place', () => {
  const content = '{"text": "abc def", "label": [[0, 3, "claim"], [4, "x", "quote"]], "meta": {"source": "a/b.txt"}}\n';
  const parsed = parseDoccano(content, 'x.jsonl');
  assert.deepEqual(parsed.documents[0]!.candidates, ['a/b.txt']);
  assert.deepEqual(parsed.documents[0]!.spans.map((s) => [s.label, s.start, s.end, s.origin]), [['claim', 0, 3, 'x.jsonl:1 label[0]']]);
  assert.deepEqual(parsed.problems, [{ origin: 'x.jsonl:1 label[1]', message: 'expected [start, end, "label"] or {"start_offset", "end_offset", "label"}' }]);
});

test('doccano: relations are counted in a note, not dropped silently', () => {
  const parsed = parseDoccano(read('doccano-relations.jsonl'), 'doccano-relations.jsonl');
  assert.equal(parsed.documents[0]!.spans.length, 3);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.ignored, ['doccano-relations.jsonl: 2 relation(s) not imported (Marginalia imports spans)']);
});

test('doccano: a project\'s own column names (column_data, column_label) are read when given; without them the record has no text', () => {
  const parsed = parseDoccano(read('doccano-columns.jsonl'), 'c.jsonl', { columnData: 'content', columnLabel: 'spans' });
  assert.deepEqual(parsed.problems, []);
  assert.ok(parsed.documents[0]!.text?.startsWith('Windows line ends here.'));
  assert.deepEqual(
    parsed.documents[0]!.spans.map((s) => [s.label, s.start, s.end, s.origin]),
    [
      ['claim', 24, 36, 'c.jsonl:1 spans[0]'],
      ['figure', 67, 78, 'c.jsonl:1 spans[1]'],
    ],
    'both of the forms doccano\'s SpanLabel.parse reads',
  );
  assert.deepEqual(parseDoccano(read('doccano-columns.jsonl'), 'c.jsonl').problems, [{ origin: 'c.jsonl:1', message: 'the record has no "text" string' }]);
});

test('brat: attribute and modifier lines on events are reported as such, not as lines naming no span', () => {
  const folder = fixturePath('import', 'brat-events');
  const files = readdirSync(folder).map((name) => ({ path: name, content: readFileSync(`${folder}/${name}`, 'utf8') }));
  const parsed = parseBrat(files);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.documents[0]!.spans.length, 2);
  assert.deepEqual(parsed.ignored, [
    'crlf.ann: 1 event line(s) not imported (Marginalia imports spans, attributes and notes)',
    'crlf.ann: 2 attribute line(s) on events not imported (events are not imported, so neither are their attributes)',
  ]);
});

test('prodigy: accepted tasks are read with their span texts; a rejected task is ignored, not a problem', () => {
  const parsed = parseProdigy(read('prodigy-mixed.jsonl'), 'prodigy-mixed.jsonl');
  assert.equal(parsed.documents.length, 1);
  assert.deepEqual(parsed.documents[0]!.candidates, ['emoji.txt']);
  assert.deepEqual(
    parsed.documents[0]!.spans.map((s) => [s.label, s.text]),
    [
      ['figure', undefined],
      ['claim', 'the board'],
    ],
  );
  assert.equal(parsed.problems.length, 0);
  assert.equal(parsed.ignored.length, 1);
  assert.match(parsed.ignored[0]!, /^prodigy-mixed\.jsonl:2: the task's answer is "reject"; its 1 span\(s\) not imported$/);
});

test('w3c: quote-only targets become spans without offsets; an annotation without a tagging body is a problem', () => {
  const parsed = parseW3c(read('w3c-quotes.jsonld'), 'w3c-quotes.jsonld');
  assert.equal(parsed.documents.length, 1, 'annotations on the same source form one document');
  const [document] = parsed.documents;
  assert.deepEqual(document!.candidates, ['https://example.org/docs/crlf.txt']);
  assert.equal(document!.text, undefined);
  const [quote, figure] = document!.spans;
  assert.deepEqual(
    { label: quote!.label, start: quote!.start, text: quote!.text, prefix: quote!.prefix, author: quote!.author, id: quote!.id },
    { label: 'quote', start: undefined, text: 'not this year and not next.', prefix: 'raise taxes,\n', author: 'https://example.org/users/kim', id: undefined },
  );
  assert.equal(figure!.note, 'which year?');
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0]!.message, /no tagging body/);
});

test('w3c: Marginalia\'s own ids, document texts, entities and attributes are read back', () => {
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    documents: [{ id: 'dir/a%20b.txt', type: 'Text', value: 'Hello world' }],
    first: {
      type: 'AnnotationPage',
      items: [
        {
          id: 'urn:marginalia:dir/a%20b.txt:0badf00d',
          type: 'Annotation',
          creator: { type: 'Person', name: 'ana' },
          created: '2026-11-20T09:00:00Z',
          body: [
            { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
            { type: 'TextualBody', purpose: 'identifying', value: 'greeting' },
          ],
          target: { source: 'dir/a%20b.txt', selector: [{ type: 'TextPositionSelector', start: 6, end: 11 }] },
          attributes: { source: 'memo', value: 3, ignored: { nested: true } },
        },
      ],
    },
  };
  const parsed = parseW3c(JSON.stringify(collection), 'c.jsonld');
  const [document] = parsed.documents;
  assert.deepEqual(document!.candidates, ['dir/a b.txt'], 'the IRI is decoded back to a path');
  assert.equal(document!.text, 'Hello world');
  const [span] = document!.spans;
  assert.deepEqual(
    { id: span!.id, start: span!.start, end: span!.end, entity: span!.entity, author: span!.author, created: span!.created, attributes: span!.attributes },
    { id: '0badf00d', start: 6, end: 11, entity: 'greeting', author: 'ana', created: '2026-11-20T09:00:00Z', attributes: { source: 'memo', value: 3 } },
  );
});

test('brat: text-bound lines, fragments, attributes and notes are read; relations and the like are reported as ignored', () => {
  const folder = fixturePath('import', 'brat-foreign');
  const files = readdirSync(folder).map((name) => ({ path: name, content: readFileSync(`${folder}/${name}`, 'utf8') }));
  const parsed = parseBrat(files);
  const [document] = parsed.documents;
  assert.deepEqual(document!.candidates, ['crlf.txt', 'crlf']);
  assert.ok(document!.text?.startsWith('Windows line ends here.'));
  const byOrigin = new Map(document!.spans.map((s) => [s.origin.split(' ')[1], s]));
  assert.deepEqual([...byOrigin.keys()], ['T1', 'T2', 'T3', 'T4']);
  assert.equal(byOrigin.get('T2')!.note, 'A figure?\nNot really.', 'the escaped line break is read back');
  assert.deepEqual(byOrigin.get('T3')!.attributes, { Negated: 'true', speaker: 'the minister' });
  assert.deepEqual(byOrigin.get('T3')!.fragments?.length, 2);
  assert.equal(byOrigin.get('T3')!.start, 102);
  assert.equal(byOrigin.get('T3')!.end, 140);
  assert.deepEqual(
    parsed.ignored.map((line) => line.replace(/ line\(s\).*/, '')),
    ['crlf.ann: 1 relation', 'crlf.ann: 1 equivalence', 'crlf.ann: 1 normalisation'],
  );
  assert.deepEqual(
    parsed.problems.map((p) => p.origin),
    ['crlf.ann:11'],
  );
});
