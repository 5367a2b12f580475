import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDoccano } from '../../../src/core/import/doccano';
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

test('doccano: relations relate the entities whose ids they name', () => {
  const parsed = parseDoccano(read('doccano-relations.jsonl'), 'doccano-relations.jsonl');
  const [document] = parsed.documents;
  assert.deepEqual(document!.spans.map((s) => s.key), ['0', '1', '2']);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.ignored, []);
  assert.deepEqual(document!.relations, [
    { type: 'about', from: '0', to: '1', origin: 'doccano-relations.jsonl:1 relations[0]' },
    { type: 'grows-by', from: '1', to: '2', origin: 'doccano-relations.jsonl:1 relations[1]' },
  ]);
});

test('doccano: relations without an id of their own, as doccano\'s relation_extraction example writes them, are read', () => {
  const content = '{"text":"Acme was founded by Ada.","entities":[{"id":0,"start_offset":0,"end_offset":4,"label":"ORG"},{"id":1,"start_offset":20,"end_offset":23,"label":"PERSON"}],"relations":[{"from_id":0,"to_id":1,"type":"foundedBy"}]}\n';
  const parsed = parseDoccano(content, 'e.jsonl');
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.documents[0]!.relations, [{ type: 'foundedBy', from: '0', to: '1', origin: 'e.jsonl:1 relations[0]' }]);
});

test('doccano: a relation without from_id, to_id or type is a problem, not dropped silently', () => {
  const parsed = parseDoccano('{"text":"ab","entities":[{"id":1,"label":"x","start_offset":0,"end_offset":1}],"relations":[{"id":1,"from_id":1,"type":"t"}]}\n', 'r.jsonl');
  assert.deepEqual(parsed.problems, [{ origin: 'r.jsonl:1 relations[0]', message: 'expected {"from_id", "to_id", "type"}' }]);
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
