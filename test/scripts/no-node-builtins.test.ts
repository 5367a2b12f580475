// The web bundle holds no Node built-in: scripts/build.mjs builds dist/web/extension.js with this plugin.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { build, type BuildFailure, type Plugin } from 'esbuild';
import { fixturePath, REPO_ROOT } from '../fixture-path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the build, not compiled by tsc
const { noNodeBuiltins } = require(path.join(REPO_ROOT, 'scripts', 'lib', 'no-node-builtins.js')) as { noNodeBuiltins: (root: string) => Plugin };

/** Bundle an entry for the browser as scripts/build.mjs does, in memory; the build's error messages, if it fails. */
async function webBuildErrors(entry: string): Promise<string[]> {
  try {
    await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'cjs', write: false, logLevel: 'silent', external: ['vscode'], plugins: [noNodeBuiltins(REPO_ROOT)] });
    return [];
  } catch (error) {
    return (error as BuildFailure).errors.map((e) => e.text);
  }
}

describe('the web bundle refuses Node built-ins', () => {
  test('an import of node:fs fails the build, naming the module that imports it', async () => {
    const errors = await webBuildErrors(fixturePath('web-bundle', 'entry.js'));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /Node built-in "node:fs", imported by test\/fixtures\/web-bundle\/reads-disk\.js/);
  });

  test('a built-in named without node: and by a subpath is refused too', async () => {
    assert.match((await webBuildErrors(fixturePath('web-bundle', 'subpath.js'))).join('\n'), /"path\/posix", imported by test\/fixtures\/web-bundle\/subpath\.js/);
  });

  test("the extension's web entry builds without any", async () => {
    assert.deepEqual(await webBuildErrors(path.join(REPO_ROOT, 'src', 'extension', 'web.ts')), []);
  });
});
