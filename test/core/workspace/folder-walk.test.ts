import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { walkFolders, type FolderListing, type FolderPort } from '../../../src/core/workspace/folder-walk';

/** A tree of folders in memory, by `/`-separated paths: a folder is a path ending in `/`. */
function treeOf(paths: readonly string[]): FolderPort<string> & { listed: string[] } {
  const listed: string[] = [];
  return {
    listed,
    list(folder) {
      listed.push(folder);
      const names = new Map<string, boolean>();
      for (const p of paths) {
        if (!p.startsWith(`${folder}/`)) continue;
        const [name, ...rest] = p.slice(folder.length + 1).split('/');
        if (name) names.set(name, rest.length > 0 || (names.get(name) ?? false));
      }
      return Promise.resolve([...names] as FolderListing);
    },
    child: (folder, name) => `${folder}/${name}`,
  };
}

const sidecar = (name: string, isFolder: boolean): 'sidecar' | undefined => (!isFolder && name.endsWith('.annotations.yaml') ? 'sidecar' : undefined);
const entries = (walk: { found: (readonly [string, unknown])[] }): string[] => walk.found.map(([entry]) => entry).sort();

describe('finding files by listing folders', () => {
  test('finds wanted files at every depth, in each root', async () => {
    const tree = treeOf(['/w/a.txt', '/w/a.txt.annotations.yaml', '/w/2022/01/b.txt.annotations.yaml', '/v/c.txt.annotations.yaml', '/w/notes/']);
    const walk = await walkFolders(['/w', '/v'], tree, sidecar, 1000);
    assert.deepEqual(entries(walk), ['/v/c.txt.annotations.yaml', '/w/2022/01/b.txt.annotations.yaml', '/w/a.txt.annotations.yaml']);
    assert.equal(walk.complete, true);
  });

  test('does not enter node_modules or .git, but can find the .git folder itself', async () => {
    const tree = treeOf(['/w/.git/HEAD', '/w/node_modules/x/y.txt.annotations.yaml', '/w/.git/z.annotations.yaml', '/w/a.txt.annotations.yaml']);
    const walk = await walkFolders(['/w'], tree, (name, isFolder) => sidecar(name, isFolder) ?? (name === '.git' ? 'repository' : undefined), 1000);
    assert.deepEqual(walk.found, [
      ['/w/.git', 'repository'],
      ['/w/a.txt.annotations.yaml', 'sidecar'],
    ]);
    assert.ok(!tree.listed.some((folder) => folder.includes('node_modules') || folder.includes('.git')));
  });

  test('stops at the limit of entries and says the walk is not complete', async () => {
    const files = Array.from({ length: 50 }, (_, i) => `/w/d${i}/f.txt.annotations.yaml`);
    const walk = await walkFolders(['/w'], treeOf(files), sidecar, 60);
    assert.equal(walk.entries, 60);
    assert.equal(walk.complete, false);
    assert.equal(walk.found.length, 10, 'the 50 folders, then 10 of their files');
  });

  test('a tree of exactly the limit is complete', async () => {
    const walk = await walkFolders(['/w'], treeOf(['/w/a/b.annotations.yaml']), sidecar, 2);
    assert.deepEqual(walk, { found: [['/w/a/b.annotations.yaml', 'sidecar']], entries: 2, complete: true });
  });

  test('a folder that cannot be listed is passed over', async () => {
    const tree = treeOf(['/w/a.annotations.yaml', '/w/gone/b.annotations.yaml']);
    const failing: FolderPort<string> = { ...tree, list: (folder) => (folder === '/w/gone' ? Promise.resolve([]) : tree.list(folder)) };
    assert.deepEqual(entries(await walkFolders(['/w'], failing, sidecar, 100)), ['/w/a.annotations.yaml']);
  });
});
