'use strict';
// An esbuild plugin for the web bundle: a web worker extension host has no Node, so an import of a Node
// built-in (`node:fs`, `fs`, `path/posix`, `crypto`…) fails the build, naming the module that imports it,
// instead of a bundle that breaks when the code path runs in vscode.dev.
const path = require('path');
const { builtinModules } = require('module');

const BUILTINS = new Set(builtinModules);

/**
 * Whether an import path names a Node built-in module (or a subpath of one).
 * @param {string} importPath as written in the import
 */
function isNodeBuiltin(importPath) {
  return importPath.startsWith('node:') || BUILTINS.has(importPath) || BUILTINS.has(importPath.split('/')[0]);
}

/**
 * The plugin.
 * @param {string} root the folder importers are named relative to
 * @param {string} [remedy] what to do instead, said after the importer
 * @returns {import('esbuild').Plugin}
 */
function noNodeBuiltins(root, remedy = 'reach it through a port the web entry implements') {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || !isNodeBuiltin(args.path)) return undefined;
        const importer = path.relative(root, args.importer).split(path.sep).join('/');
        return { errors: [{ text: `the web bundle cannot hold the Node built-in "${args.path}", imported by ${importer}: ${remedy}` }] };
      });
    },
  };
}

module.exports = { noNodeBuiltins };
