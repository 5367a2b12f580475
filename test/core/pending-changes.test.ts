import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Annotation } from '../../src/core/model';
import { decodePendingChanges, encodePendingChanges, textHash } from '../../src/core/pending-changes';

const TEXT = 'The minister said 13,000 people came.\n';
const base: Annotation[] = [{ id: '5f2c9e1a', label: 'claim', start: 4, end: 12, text: 'minister' }];
const annotations: Annotation[] = [...base, { id: '6a3d0f2b', label: 'figure', start: 18, end: 24, text: '13,000', attributes: { unit: 'people' } }];

describe('pending changes kept across a hot exit', () => {
  test('read back as kept: document, base, annotations and the hash of their text', async () => {
    const kept = decodePendingChanges(await encodePendingChanges('file:///w/a.txt', TEXT, base, annotations));
    assert.deepEqual(kept, { document: 'file:///w/a.txt', textHash: await textHash(TEXT), base, annotations });
  });

  test('the hash tells the text they were made on from any other', async () => {
    assert.equal(await textHash(TEXT), await textHash(TEXT.slice()));
    assert.notEqual(await textHash(TEXT), await textHash(TEXT.replace('13,000', '14,000')));
    assert.notEqual(await textHash(''), await textHash('\n'));
  });

  test('the hash is the SHA-256 of the UTF-8 bytes that earlier versions kept, so their kept changes are still recognised', async () => {
    for (const text of [TEXT, '', 'Zürich — «13 000» 😀', 'x'.repeat(100_000)]) {
      assert.equal(await textHash(text), createHash('sha256').update(text).digest('hex'));
    }
  });

  test('the records are kept as they were when asked, though changed while the hash is made', async () => {
    const changing = annotations.map((a) => ({ ...a }));
    const keeping = encodePendingChanges('file:///w/a.txt', TEXT, base, changing);
    changing[1]!.start = 19;
    assert.deepEqual((decodePendingChanges(await keeping) as { annotations: Annotation[] }).annotations, annotations);
  });

  test('what cannot be taken back says why instead of passing for changes', async () => {
    const whole = await encodePendingChanges('file:///w/a.txt', TEXT, base, annotations);
    assert.match(decodePendingChanges(whole.slice(0, whole.length / 2)) as string, /not complete JSON/);
    assert.match(decodePendingChanges(whole.replace('"version":1', '"version":2')) as string, /another version/);
    assert.match(decodePendingChanges(whole.replace('"start":18', '"start":"18"')) as string, /not an annotation/);
    assert.match(decodePendingChanges(JSON.stringify({ version: 1, base: [], annotations: [] })) as string, /do not name/);
  });
});
