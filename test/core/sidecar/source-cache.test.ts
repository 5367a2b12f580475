import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readSidecar } from '../../../src/core/sidecar/read';
import { SourceCache } from '../../../src/core/sidecar/source-cache';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { sidecarFixture } from './helpers';

describe('prepared sidecar texts belong to the cache their owner passes', () => {
  const source = sidecarFixture('read', 'commented.annotations.yaml');

  test('a text read with a cache is remembered there, for the write that follows', () => {
    const sources = new SourceCache();
    readSidecar(source, sources);
    assert.equal(sources.recall(source)?.source, source);
  });

  test('a text read or written without a cache is remembered nowhere', () => {
    const sources = new SourceCache();
    const { sidecar } = readSidecar(source);
    const written = writeSidecar({ ...sidecar!, annotations: sidecar!.annotations.slice(1) }, source);
    assert.equal(sources.recall(source), undefined);
    assert.equal(sources.recall(written), undefined);
  });

  test('one owner\'s texts are not another\'s', () => {
    const mine = new SourceCache();
    const theirs = new SourceCache();
    const { sidecar } = readSidecar(source, mine);
    const written = writeSidecar({ ...sidecar!, annotations: sidecar!.annotations.slice(1) }, source, mine);
    assert.ok(mine.recall(written));
    assert.equal(theirs.recall(source), undefined);
    assert.equal(theirs.recall(written), undefined);
  });

  test('it keeps the texts used last, up to its capacity', () => {
    const sources = new SourceCache(2);
    const texts = [source, source.replace('\n', '\n# one\n'), source.replace('\n', '\n# two\n')];
    for (const text of texts) readSidecar(text, sources);
    assert.equal(sources.recall(texts[0]!), undefined, 'the oldest went first');
    assert.ok(sources.recall(texts[1]!));
    assert.ok(sources.recall(texts[2]!));
  });
});
