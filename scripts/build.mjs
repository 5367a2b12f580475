// Bundles the extension and the CLI with esbuild into CommonJS files under dist/: the extension twice,
// for the Node extension host (dist/extension.js, package.json `main`) and for the web worker one of
// vscode.dev and github.dev (dist/web/extension.js, `browser`), from the same sources.
// unified and remark-parse are ESM-only; bundling them is what lets the CommonJS extension host load them.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noNodeBuiltins } from './lib/no-node-builtins.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/extension/node.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // A web worker has no Node: the build fails if a Node built-in slips in (scripts/lib/no-node-builtins.js).
  build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: ['src/extension/web.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode'],
    plugins: [noNodeBuiltins(ROOT)],
  }),
  // The CLI: a small launcher that runs the minified bundle with V8's code cache (src/cli/launch.ts).
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-bundle.js', minify: true }),
  build({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', minify: true, banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
