import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../../src/core/model';
import { findPreviousText } from '../../../src/core/anchoring/previous-text';

const quote: Annotation = { id: 'q', label: 'quote', start: 4, end: 9, text: 'quick' };

async function* versions(...texts: string[]): AsyncIterable<string> {
  yield* texts;
}

test('the newest version on which every placed annotation holds is the previous text', async () => {
  const now = 'Intro. The quick fox.';
  const found = await findPreviousText([quote], now, versions('The slow fox.', 'The quick fox.', 'The quick dog.'));
  assert.equal(found, 'The quick fox.');
});

test('versions are normalised (CRLF, BOM) before they are tried and returned', async () => {
  assert.equal(await findPreviousText([quote], 'x', versions('\uFEFFThe quick\r\nfox.')), 'The quick\nfox.');
});

test('orphans do not count; the current text itself and no match give nothing', async () => {
  const orphan: Annotation = { ...quote, id: 'o', text: 'gone', status: 'orphaned' };
  assert.equal(await findPreviousText([quote, orphan], 'x', versions('The quick fox.')), 'The quick fox.');
  assert.equal(await findPreviousText([orphan], 'x', versions('The quick fox.')), undefined, 'nothing placed to diff');
  assert.equal(await findPreviousText([quote], 'The quick fox.', versions('The quick fox.')), undefined);
  assert.equal(await findPreviousText([quote], 'x', versions('The slow fox.')), undefined);
});

test('versions are read only as far as needed', async () => {
  let read = 0;
  async function* counted(): AsyncIterable<string> {
    for (const t of ['The quick fox.', 'never read']) {
      read++;
      yield t;
    }
  }
  await findPreviousText([quote], 'x', counted());
  assert.equal(read, 1);
});
