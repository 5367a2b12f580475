/**
 * Running the CLI bundle with V8's code cache. A CLI process is short: most of its time beyond
 * Node's own start goes into compiling the bundle and the functions it calls, not into running them.
 * The first run stores the compiled code in a per-user cache folder; later runs of the same bundle
 * with the same Node give it back to V8, which then skips that work (V8 checks the data and ignores
 * it when it does not fit). Node 22 has `module.enableCompileCache()` for this; Node 20 does not.
 *
 * The folder must belong to the user and be closed to everyone else, since code is loaded from it;
 * anything odd (another owner, open permissions, a link, a failed write) means no cache, never an error.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomic } from '../core/io/atomic-write';

/** Set to 0 to run without the cache. */
export const CACHE_SWITCH = 'MARGINALIA_COMPILE_CACHE';

/**
 * The default cache folder: one per user under the system's temporary folder.
 */
export function defaultCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return path.join(os.tmpdir(), uid === undefined ? 'marginalia-cache' : `marginalia-cache-${uid}`);
}

/**
 * Run a CommonJS file the way `require` would, with its compiled code cached.
 * @param file absolute path of the bundle
 * @param cacheDir where the compiled code is kept (made if missing), or undefined to run without a cache
 * @returns the bundle's `module.exports`, and whether V8 took compiled code from the cache
 */
export function runCached(file: string, cacheDir: string | undefined): { exports: unknown; cacheUsed: boolean } {
  const source = readFileSync(file, 'utf8');
  const folder = cacheDir !== undefined && safeFolder(cacheDir) ? cacheDir : undefined;
  const cacheFile = folder && path.join(folder, `${cacheKey(source)}.bin`);
  const cachedData = cacheFile ? readOrUndefined(cacheFile) : undefined;
  // The wrapper Node puts around every CommonJS file, so the bundle sees the usual module variables.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!.*/, '')}\n})`;
  const script = new Script(wrapped, { filename: file, cachedData });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  if (cacheFile && !cacheUsed) {
    // At exit the cache also holds the functions this run compiled, which is most of the saving.
    process.once('exit', () => writeQuietly(cacheFile, () => script.createCachedData()));
  }
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, cacheUsed };
}

/** Cached code fits one bundle text, one Node version and one architecture. */
function cacheKey(source: string): string {
  return createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex').slice(0, 32);
}

/** Whether the folder exists or could be made, is a real folder, is the user's, and only the user's. */
function safeFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    if (typeof process.getuid !== 'function') return true; // Windows: the temporary folder is the user's own
    return stat.uid === process.getuid() && (stat.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return lstatSync(file).isFile() ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Write through the atomic write, so a reader never sees half a file; give up silently. */
function writeQuietly(file: string, data: () => Buffer): void {
  try {
    writeFileAtomic(file, data(), { mode: 0o600 });
  } catch {
    // no cache this time
  }
}
