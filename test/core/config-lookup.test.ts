// Which `.marginalia.yaml` applies: the nearest in the file's folder or above, stopping at the
// repository root or the workspace root, whichever comes first. The CLI and the editor both ask this
// function, so they cannot disagree on a project's labels.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { labelConfigFolder, type ConfigFolderFacts } from '../../src/core/config-lookup';

/** A file system described by the folders holding a configuration and those holding `.git`. */
function facts(configs: string[], repositories: string[] = [], asked: string[] = []): (folder: string) => ConfigFolderFacts {
  return (folder) => {
    asked.push(folder);
    return { hasConfig: configs.includes(folder), isRepositoryRoot: repositories.includes(folder) };
  };
}

test('the nearest configuration wins', () => {
  assert.equal(labelConfigFolder('/w/project/a/b', undefined, facts(['/w/project', '/w/project/a'])), '/w/project/a');
});

test('the search stops at the repository root: a configuration above it does not apply', () => {
  const asked: string[] = [];
  assert.equal(labelConfigFolder('/home/me/project/docs', undefined, facts(['/home/me'], ['/home/me/project'], asked)), undefined);
  assert.deepEqual(asked, ['/home/me/project/docs', '/home/me/project'], 'nothing above the repository is looked at');
});

test('a configuration at the repository root applies', () => {
  assert.equal(labelConfigFolder('/r/docs', undefined, facts(['/r'], ['/r'])), '/r');
});

test('the search stops at the workspace root, and a trailing slash on it changes nothing', () => {
  for (const root of ['/w/project', '/w/project/']) {
    assert.equal(labelConfigFolder('/w/project/docs', root, facts(['/w'])), undefined);
    assert.equal(labelConfigFolder('/w/project/docs', root, facts(['/w/project'])), '/w/project');
  }
});

test('a nested repository inside the workspace has its own labels, or the defaults', () => {
  assert.equal(labelConfigFolder('/w/vendor/lib/docs', '/w', facts(['/w'], ['/w/vendor/lib'])), undefined);
  assert.equal(labelConfigFolder('/w/docs', '/w', facts(['/w'], ['/w/vendor/lib'])), '/w');
});

test('a file outside the workspace root gets no configuration; a sibling folder with a shared prefix is outside', () => {
  assert.equal(labelConfigFolder('/w/project2/docs', '/w/project', facts(['/w/project2', '/w/project'])), undefined);
});

test('without any root the search ends at the file system root', () => {
  assert.equal(labelConfigFolder('/a/b', undefined, facts(['/'])), '/');
  assert.equal(labelConfigFolder('/a/b', undefined, facts([])), undefined);
  assert.equal(labelConfigFolder('C:/a/b', undefined, facts(['C:/'])), 'C:/');
});
