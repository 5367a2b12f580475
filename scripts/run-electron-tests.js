#!/usr/bin/env node
// Runs the same integration suite (test/extension) under desktop VS Code through @vscode/test-electron,
// on a temporary copy of seeds/ like scripts/run-vscode-tests.js.
//   VSCODE_EXECUTABLE_PATH=/usr/share/code/code npm run test:electron
// With VSCODE_EXECUTABLE_PATH nothing is downloaded; without it @vscode/test-electron downloads VS Code
// (VSCODE_VERSION picks which), which needs access to update.code.visualstudio.com.
// Screenshots are not taken under this runner (requestScreenshot returns undefined).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

async function main() {
  const extensionDevelopmentPath = path.resolve(__dirname, '..');
  const extensionTestsPath = path.join(extensionDevelopmentPath, 'out', 'test', 'extension', 'index');
  if (!process.env.VSCODE_EXECUTABLE_PATH) {
    console.error('[electron] VSCODE_EXECUTABLE_PATH is not set: @vscode/test-electron will try to download VS Code');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-vscode-electron-'));
  const workspace = path.join(tmp, 'seeds');
  fs.cpSync(path.join(extensionDevelopmentPath, 'seeds'), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      version: process.env.VSCODE_VERSION || undefined, // used only when downloading
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: { HARNESS_USER_DATA_DIR: path.join(tmp, 'user-data') },
      launchArgs: [
        workspace,
        '--disable-extensions', // the user's other extensions stay off
        '--skip-welcome',
        '--disable-workspace-trust',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[electron] failed to run tests: ${err && err.message ? err.message : err}`);
    process.exit(typeof err?.code === 'number' ? err.code : 1);
  },
);
