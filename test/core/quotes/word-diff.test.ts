// The word-level difference from one print of a quotation to another: words compared folded,
// returned as printed; the equal and delete runs give the first print, equal and insert the second.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffWords, type WordChange } from '../../../src/core/quotes/word-diff';

function sides(runs: WordChange[]): { a: string; b: string } {
  const words = (ops: string[]) => runs.filter((r) => ops.includes(r.op)).map((r) => r.text).join(' ');
  return { a: words(['equal', 'delete']), b: words(['equal', 'insert']) };
}

test('identical prints are one equal run', () => {
  assert.deepEqual(diffWords('we will win', 'we  will\nwin'), [{ op: 'equal', text: 'we will win' }]);
});

test('a word changed is a delete then an insert between equal runs', () => {
  const runs = diffWords('we will surely win', 'we will never win');
  assert.deepEqual(runs, [
    { op: 'equal', text: 'we will' },
    { op: 'delete', text: 'surely' },
    { op: 'insert', text: 'never' },
    { op: 'equal', text: 'win' },
  ]);
});

test('a difference only in folding is no difference; the first print is shown as printed', () => {
  assert.deepEqual(diffWords('We don’t — retreat', 'we dont -- retreat'), [{ op: 'equal', text: 'We don’t — retreat' }]);
});

test('the runs rebuild both prints', () => {
  const a = 'the minister said that prices would fall next year';
  const b = 'the minister insisted prices will fall by next year';
  assert.deepEqual(sides(diffWords(a, b)), { a, b });
});

test('empty prints', () => {
  assert.deepEqual(diffWords('', ''), []);
  assert.deepEqual(diffWords('', 'new words'), [{ op: 'insert', text: 'new words' }]);
  assert.deepEqual(diffWords('old', ''), [{ op: 'delete', text: 'old' }]);
});
