import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { clusterQuotes } from '../../../src/core/quotes/clusters';
import { foldQuote } from '../../../src/core/quotes/fold';
import { diffWords } from '../../../src/core/quotes/word-diff';
import type { Annotation } from '../../../src/core/model';
import type { PlacedAnnotation } from '../../../src/core/sources/placed';

let nextId = 0;
function quote(text: string, speaker?: string, entity?: string): PlacedAnnotation {
  const id = (nextId++).toString(16).padStart(8, '0');
  const annotation: Annotation = { id, label: 'quote', start: 0, end: text.length, text, ...(entity ? { entity } : {}), ...(speaker ? { attributes: { speaker } } : {}) };
  return { annotation, file: `doc-${id}.txt`, line: 1, outlet: null };
}
const texts = (placed: PlacedAnnotation[]) => clusterQuotes(placed).map((c) => c.members.map((m) => m.text));

test('folding sets aside quote and dash styles, case, spacing, ellipses and bracketed insertions', () => {
  const same: [string, string][] = [
    ['We are ready -- literally tomorrow', 'we are ready \u2014 literally  tomorrow'],
    ['sanctions like he\'s never seen', 'Sanctions like he\u2019s never seen'],
    ['\u201cThere will be no talks\u201d', '"There will be no talks"'],
    ['This is a bargaining position -- [the Kremlin] is trying', 'This is a bargaining position \u2013 is trying'],
    ['we will not compromise ... on key principles', 'We will not compromise\u2026 on key principles'],
  ];
  for (const [a, b] of same) assert.equal(foldQuote(a), foldQuote(b), `${a} / ${b}`);
  assert.notEqual(foldQuote('massive consequences'), foldQuote('massive, massive consequences'));
});

test('prints of one quotation cluster, linked to an entity or not; other quotes stay apart', () => {
  assert.deepEqual(texts([quote('We are ready -- literally tomorrow', 'Ryabkov', 'offer'), quote('we are ready \u2014 literally tomorrow'), quote('Geneva was suggested')]), [
    ['We are ready -- literally tomorrow', 'we are ready \u2014 literally tomorrow'],
  ]);
});

test('a cut of a longer print joins it when it has at least five words', () => {
  const long = 'If there is any further aggression against Ukraine, that will have massive, massive consequences';
  assert.deepEqual(texts([quote(long), quote('that will have massive, massive consequences')]), [[long, 'that will have massive, massive consequences']]);
  assert.deepEqual(texts([quote(long), quote('massive consequences')]), []);
});

test('a cut must match whole words', () => {
  assert.deepEqual(texts([quote('we are ready to talk tomorrow morning'), quote('e are ready to talk tomorrow')]), []);
});

test('speakers_agree is false when two members name different speakers, and the shared entity is given', () => {
  const [cluster] = clusterQuotes([quote('dangerous point', 'Sergei Ryabkov', 'dp'), quote('Dangerous point', 'sergei  ryabkov'), quote('dangerous point', 'Jen Psaki', 'dp')]);
  assert.equal(cluster?.speakers_agree, false);
  assert.equal(cluster?.entity, 'dp');
  const [agreeing] = clusterQuotes([quote('dangerous point', 'Sergei Ryabkov'), quote('dangerous point', 'Sergei Ryabkov'), quote('dangerous point')]);
  assert.equal(agreeing?.speakers_agree, true);
  assert.equal(agreeing?.entity, null);
});

test('diffWords: what one print cut or added, typography aside', () => {
  assert.deepEqual(diffWords('We are ready -- literally tomorrow, on Saturday', 'We are ready \u2014 literally tomorrow'), [
    { op: 'equal', text: 'We are ready -- literally tomorrow,' },
    { op: 'delete', text: 'on Saturday' },
  ]);
  assert.deepEqual(diffWords('This is [the Kremlin] trying', 'This is Moscow trying'), [
    { op: 'equal', text: 'This is' },
    { op: 'delete', text: '[the Kremlin]' },
    { op: 'insert', text: 'Moscow' },
    { op: 'equal', text: 'trying' },
  ]);
  assert.deepEqual(diffWords('', 'new words'), [{ op: 'insert', text: 'new words' }]);
});
