// test/ mirrors src/: every module has its specification at the same path, `src/x/y.ts` in
// `test/x/y.test.ts`. The exceptions are listed below, each with the test that covers the module
// instead, or why it needs none; an exception that is no longer one must leave the list.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './fixture-path';

/** Modules of the editor layer tested in the real host by a test named after the feature, not the module. */
const TESTED_IN_VSCODE_BY: Record<string, string> = {
  'src/extension/adjudication/adjudicateCommand.ts': 'test/extension/adjudication.test.ts', // its writing: test/core/agreement/write-adjudication.test.ts
  'src/extension/adjudication/adjudication.ts': 'test/extension/adjudication.test.ts',
  'src/extension/adjudication/disputeDecorations.ts': 'test/extension/adjudication.test.ts',
  'src/extension/adjudication/disputeHover.ts': 'test/extension/adjudication.test.ts',
  'src/extension/adjudication/disputeTree.ts': 'test/extension/adjudication.test.ts',
  'src/extension/adjudication/settling.ts': 'test/extension/adjudication.test.ts', // the plan: test/core/agreement/settle.test.ts
  'src/extension/annotationStore.ts': 'test/extension/keeping.test.ts', // the engine itself: test/core/workspace/document-sync.test.ts
  'src/extension/configuredGit.ts': 'test/extension/review.test.ts', // git.path: the review runs the git it names
  'src/extension/linkQuotePrints.ts': 'test/extension/crossSources.test.ts', // the command beside the view it acts from
  'src/extension/localFiles.ts': 'test/extension/reliability.test.ts', // the Node host's local files; its rule: test/core/io/inside.test.ts
  'src/extension/labelConfigs.ts': 'test/extension/reliability.test.ts',
  'src/extension/navigation.ts': 'test/extension/tree.test.ts',
  'src/extension/node.ts': 'test/extension/extension.test.ts', // the Node host's entry point
  'src/extension/newFolderPoller.ts': 'test/extension/reliability.test.ts', // its bad cases sit in folders made during the run
  'src/extension/notify.ts': 'test/extension/security.test.ts',
  'src/extension/relationHints.ts': 'test/extension/relations.test.ts',
  'src/extension/review/reviewCommands.ts': 'test/extension/review.test.ts', // its rules: test/core/review-view.test.ts, review-actions.test.ts
  'src/extension/review/reviewDecorations.ts': 'test/extension/review.test.ts',
  'src/extension/review/reviewSession.ts': 'test/extension/review.test.ts',
  'src/extension/review/reviewTree.ts': 'test/extension/review.test.ts',
  'src/extension/sidecarFiles.ts': 'test/extension/reliability.test.ts',
  'src/extension/syncPorts.ts': 'test/extension/reliability.test.ts',
  'src/extension/tree/annotationSource.ts': 'test/extension/tree.test.ts',
  'src/extension/tree/annotationTreeProvider.ts': 'test/extension/tree.test.ts',
  'src/extension/tree/treeCommands.ts': 'test/extension/tree.test.ts',
  'src/extension/tree/treeNodes.ts': 'test/extension/tree.test.ts',
  'src/extension/workspaceSearch.ts': 'test/extension/extension.test.ts', // the walk itself: test/core/workspace/folder-walk.test.ts
  'src/extension/web.ts': 'test/extension/extension.test.ts', // the web worker host's entry point; its bundle: test/scripts/no-node-builtins.test.ts
  // The executable's one line: runCached, specified in compile-cache.test.ts, run by every process test.
  'src/cli/launch.ts': 'test/cli/compile-cache.test.ts',
};

/** Modules of types (and constants) only: nothing in them can be wrong at run time. */
const TYPES_ONLY = ['src/core/export/types.ts', 'src/core/import/types.ts', 'src/core/model.ts', 'src/core/suggestions/types.ts'];

/** Every `.ts` file under a folder of the repository, `/`-separated, relative to the root. */
function typeScriptFiles(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `${folder}/${file.split(path.sep).join('/')}`)
    .sort();
}

const mirrorOf = (module: string): string => module.replace(/^src\//, 'test/').replace(/\.ts$/, '.test.ts');
const exists = (file: string): boolean => existsSync(path.join(REPO_ROOT, file));

test('every module of src/ has a test file at the same path under test/, or is a listed exception', () => {
  const missing = typeScriptFiles('src').filter((module) => !exists(mirrorOf(module)) && !(module in TESTED_IN_VSCODE_BY) && !TYPES_ONLY.includes(module));
  assert.deepEqual(missing, [], 'write test/<same path>.test.ts for each');
});

test('each exception is still one: its module exists without a mirrored test, and the test named instead exists', () => {
  for (const [module, coveredBy] of Object.entries(TESTED_IN_VSCODE_BY)) {
    assert.ok(exists(module), `${module} is gone: drop it from the list`);
    assert.ok(!exists(mirrorOf(module)), `${module} has ${mirrorOf(module)} now: drop it from the list`);
    assert.ok(exists(coveredBy), `${coveredBy}, named for ${module}, exists`);
  }
});

test('a module listed as types only declares no function, class or arrow function', () => {
  for (const module of TYPES_ONLY) {
    assert.ok(!exists(mirrorOf(module)), `${module} has a test now: drop it from the list`);
    const code = readFileSync(path.join(REPO_ROOT, module), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bfunction\b|\bclass\b|=>/, `${module} has code: give it test/… .test.ts`);
  }
});
