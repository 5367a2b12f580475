import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseBrat } from '../../../src/core/import/brat';
import { fixturePath } from '../../fixture-path';

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

test('brat: text-bound lines, fragments, attributes, notes and relations are read; normalisations are reported as ignored', () => {
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
    ['crlf.ann: 1 normalisation'],
  );
  assert.deepEqual(
    document!.relations!.map((r) => [r.type, r.from, r.to]),
    [
      ['Says', 'T1', 'T3'],
      ['Equiv', 'T1', 'T2'],
    ],
    'an R line relates its Arg1 to its Arg2; a * line its first span to each other',
  );
  assert.deepEqual(
    parsed.problems.map((p) => p.origin),
    ['crlf.ann:11'],
  );
});

test('brat: an equivalence of three spans relates the first to each of the others; relation types are decoded', () => {
  const parsed = parseBrat([{ path: 'a.ann', content: 'T1\tx 0 1\ta\nT2\tx 2 3\tb\nT3\tx 4 5\tc\n*\tEquiv T1 T2 T3\nR1\tsaid%20by Arg1:T1 Arg2:E9\n' }]);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(
    parsed.documents[0]!.relations!.map((r) => [r.type, r.from, r.to, r.origin]),
    [
      ['Equiv', 'T1', 'T2', 'a.ann:4'],
      ['Equiv', 'T1', 'T3', 'a.ann:4'],
      ['said by', 'T1', 'E9', 'a.ann:5 R1'],
    ],
  );
});
