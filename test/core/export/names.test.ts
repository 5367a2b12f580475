import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { bratStems } from '../../../src/core/export/brat';
import { csvField } from '../../../src/core/export/csv';
import { folderPaths } from '../../../src/core/export/names';

test('folder exports keep the documents\' paths when they lie under the working folder', () => {
  assert.deepEqual(folderPaths(['a.txt', 'news/b.txt', './c.md']), ['a.txt', 'news/b.txt', 'c.md']);
});

test('paths climbing out of the working folder are re-rooted, so nothing is written outside the export', () => {
  assert.deepEqual(folderPaths(['../corpus/x/a.txt', '../corpus/y/b.txt']), ['x/a.txt', 'y/b.txt']);
  assert.deepEqual(folderPaths(['../../a.txt', 'b.txt']), ['__/__/a.txt', 'b.txt']);
  for (const p of folderPaths(['/abs/a.txt', 'C:/win/b.txt', '../up.txt'])) assert.doesNotMatch(p, /^\/|(^|\/)\.\.(\/|$)|:/);
});

test('brat pairs are named without the .txt extension, unless two documents would then share a name', () => {
  assert.deepEqual(bratStems(['a.txt', 'notes/b.md']), ['a', 'notes/b.md']);
  assert.deepEqual(bratStems(['a.txt', 'a']), ['a.txt', 'a']);
});

test('CSV fields are quoted only when RFC 4180 requires it, quotes doubled', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField(3.5), '3.5');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
});
