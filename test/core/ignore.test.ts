/** `.marginaliaignore` patterns: the `.gitignore` language, as the CLI's searches apply it. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { IgnoreRules, parseIgnoreFile } from '../../src/core/ignore';

function rules(...files: [folder: string, content: string][]): IgnoreRules {
  return new IgnoreRules(files.map(([folder, content]) => parseIgnoreFile(folder, content)));
}

test('a name without a slash matches at any depth; with one it is anchored to the file’s folder', () => {
  const r = rules(['', 'scratch\n/build\ndocs/old\n']);
  assert.equal(r.ignores('scratch', true), true);
  assert.equal(r.ignores('a/b/scratch/x.annotations.yaml', false), true);
  assert.equal(r.ignores('build/x.annotations.yaml', false), true);
  assert.equal(r.ignores('src/build/x.annotations.yaml', false), false);
  assert.equal(r.ignores('docs/old/x.annotations.yaml', false), true);
  assert.equal(r.ignores('more/docs/old/x.annotations.yaml', false), false);
});

test('a trailing slash matches folders only; comments, blank lines and trailing spaces are skipped', () => {
  const r = rules(['', '# a comment\n\nfixtures/  \n']);
  assert.equal(r.ignores('test/fixtures/a.annotations.yaml', false), true);
  assert.equal(r.ignores('fixtures', false), false, 'a file named fixtures is not a folder');
  assert.equal(r.ignores('# a comment', false), false);
});

test('*, ?, [...] stay within a name; ** crosses folders', () => {
  const r = rules(['', '*.draft.txt.annotations.yaml\nv?/\n[ab]x/\nlogs/**/tmp\n']);
  assert.equal(r.ignores('deep/er/n.draft.txt.annotations.yaml', false), true);
  assert.equal(r.ignores('n.txt.annotations.yaml', false), false);
  assert.equal(r.ignores('v1/a.annotations.yaml', false), true);
  assert.equal(r.ignores('v10/a.annotations.yaml', false), false);
  assert.equal(r.ignores('bx/a.annotations.yaml', false), true);
  assert.equal(r.ignores('cx/a.annotations.yaml', false), false);
  assert.equal(r.ignores('logs/tmp/a.annotations.yaml', false), true);
  assert.equal(r.ignores('logs/a/b/tmp/a.annotations.yaml', false), true);
  assert.equal(r.ignores('logs/a/b/keep/a.annotations.yaml', false), false);
});

test('the last matching pattern decides; `!` takes a file back, but not out of a folder left out', () => {
  const r = rules(['', '*.annotations.yaml\n!keep.annotations.yaml\nout/\n!out/keep.annotations.yaml\n']);
  assert.equal(r.ignores('x.annotations.yaml', false), true);
  assert.equal(r.ignores('keep.annotations.yaml', false), false);
  assert.equal(r.ignores('out/keep.annotations.yaml', false), true);
});

test('a file applies below its own folder, and a deeper file overrides a shallower one', () => {
  const r = rules(['sub', 'local/\n'], ['', 'drafts/\n'], ['sub/inner', '!drafts/\n']);
  assert.equal(r.ignores('local/a.annotations.yaml', false), false);
  assert.equal(r.ignores('sub/local/a.annotations.yaml', false), true);
  assert.equal(r.ignores('sub/drafts/a.annotations.yaml', false), true);
  assert.equal(r.ignores('sub/inner/drafts/a.annotations.yaml', false), false);
});

test('a folder the user named is searched even when a pattern leaves it out; what is below it still obeys', () => {
  const r = rules(['', 'fixtures/\n*.draft.txt.annotations.yaml\n']);
  assert.equal(r.ignores('test/fixtures/a.annotations.yaml', false), true);
  assert.equal(r.ignores('test/fixtures/a.annotations.yaml', false, 'test/fixtures'), false);
  assert.equal(r.ignores('test/fixtures/n.draft.txt.annotations.yaml', false, 'test/fixtures'), true);
});
