/**
 * The `marginalia` executable (dist/cli.js): runs the CLI bundle (dist/cli-bundle.js, built from
 * main.ts) with its compiled code cached, which saves a large part of a short command's time.
 */
import * as path from 'node:path';
import { CACHE_SWITCH, defaultCacheDir, runCached } from './compile-cache';

runCached(path.join(__dirname, 'cli-bundle.js'), process.env[CACHE_SWITCH] === '0' ? undefined : defaultCacheDir());
