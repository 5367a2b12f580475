// Bundles the extension and the CLI with esbuild into CommonJS files under dist/.
// unified and remark-parse are ESM-only; bundling them is what lets the CommonJS extension host load them.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

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
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The CLI: a small launcher that runs the minified bundle with V8's code cache (src/cli/launch.ts).
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-bundle.js', minify: true }),
  build({ ...common, entryPoints: ['src/cli/launch.ts'], outfile: 'dist/cli.js', minify: true, banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);
