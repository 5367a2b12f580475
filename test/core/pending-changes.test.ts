import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../src/core/model';
import { decodePendingChanges, encodePendingChanges, textHash } from '../../src/core/pending-changes';

const TEXT = 'The minister said 13,000 people came.\n';
const base: Annotation[] = [{ id: '5f2c9e1a', label: 'claim', start: 4, end: 12, text: 'minister' }];
const annotations: Annotation[] = [...base, { id: '6a3d0f2b', label: 'figure', start: 18, end: 24, text: '13,000', attributes: { unit: 'people' } }];

describe('pending changes kept across a hot exit', () => {
  test('read back as kept: document, base, annotations and the hash of their text', () => {
    const kept = decodePendingChanges(encodePendingChanges('file:///w/a.txt', TEXT, base, annotations));
    assert.deepEqual(kept, { document: 'file:///w/a.txt', textHash: textHash(TEXT), base, annotations });
  });

  test('the hash tells the text they were made on from any other', () => {
    assert.equal(textHash(TEXT), textHash(TEXT.slice()));
    assert.notEqual(textHash(TEXT), textHash(TEXT.replace('13,000', '14,000')));
    assert.notEqual(textHash(''), textHash('\n'));
  });

  test('what cannot be taken back says why instead of passing for changes', () => {
    const whole = encodePendingChanges('file:///w/a.txt', TEXT, base, annotations);
    assert.match(decodePendingChanges(whole.slice(0, whole.length / 2)) as string, /not complete JSON/);
    assert.match(decodePendingChanges(whole.replace('"version":1', '"version":2')) as string, /another version/);
    assert.match(decodePendingChanges(whole.replace('"start":18', '"start":"18"')) as string, /not an annotation/);
    assert.match(decodePendingChanges(JSON.stringify({ version: 1, base: [], annotations: [] })) as string, /do not name/);
  });
});
