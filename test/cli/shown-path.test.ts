// The CLI names files relative to where it was run, with forward slashes, so its output reads the
// same on every platform and can be pasted back as an argument.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { shownPath } from '../../src/cli/shown-path';

test('a file below the working folder is named from there', () => {
  assert.equal(shownPath('/work/repo', '/work/repo/seeds/a.txt.annotations.yaml'), 'seeds/a.txt.annotations.yaml');
});

test('a file elsewhere is named with .. steps', () => {
  assert.equal(shownPath('/work/repo/seeds', '/work/other/b.txt'), '../../other/b.txt');
});

test('the working folder itself keeps its own path rather than becoming empty', () => {
  assert.equal(shownPath('/work/repo', '/work/repo'), '/work/repo');
  assert.equal(shownPath(path.resolve('.'), path.resolve('.')), path.resolve('.'));
});
