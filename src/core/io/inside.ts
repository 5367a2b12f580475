/**
 * The one rule for every file the tools read: a sidecar, the document its `document:` key names, an
 * import source, a document under `--into`, a label configuration. The file is resolved to its real
 * path (symbolic links included, at any depth) and must lie inside the workspace root; it must be a
 * regular file (a named pipe would block the reader forever, a device such as /dev/zero never ends,
 * a folder is not a document). Each refusal is a value the caller turns into a finding, never a hang
 * or a silent read of something else.
 */
import { closeSync, constants, fstatSync, open, openSync, promises as fs, read, readFile, readFileSync, readSync, realpathSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { decodeSidecar } from '../sidecar/decode';

/** Why a file is not read. */
export type FileRefusal =
  | { kind: 'missing' }
  | { kind: 'directory' }
  | { kind: 'not-regular'; what: string }
  | { kind: 'outside'; target: string }
  | { kind: 'unreadable'; reason: string };

/** A file read under the rule, or why it was not. */
export type InsideRead = { bytes: Buffer; realPath: string; refusal?: undefined } | { bytes?: undefined; realPath?: undefined; refusal: FileRefusal };

/**
 * A regular file opened under the rule: its descriptor (the caller reads it and closes it), its real
 * path, and its size in bytes and modification time (ms since the epoch) from the open descriptor; or
 * why it was not opened.
 */
export type InsideOpen =
  | { fd: number; realPath: string; stat: { size: number; mtime: number }; refusal?: undefined }
  | { fd?: undefined; realPath?: undefined; stat?: undefined; refusal: FileRefusal };

/**
 * The real path of a file, if it lies inside the root.
 * @param file absolute path of the file (it may be, or pass through, symbolic links)
 * @param root absolute path of the workspace root, or undefined for no limit
 * @returns the real path, or why there is none (`missing`, `outside`, `unreadable`)
 */
export async function resolveInside(file: string, root: string | undefined): Promise<{ realPath: string; refusal?: undefined } | { realPath?: undefined; refusal: FileRefusal }> {
  let realPath: string;
  try {
    realPath = await fs.realpath(file);
  } catch (error) {
    return { refusal: refusalOf(error) };
  }
  if (root !== undefined && !isWithin(await fs.realpath(root).catch(() => path.resolve(root)), realPath)) return { refusal: { kind: 'outside', target: realPath } };
  return { realPath };
}

/**
 * Read a file under the rule: inside the root through links, and a regular file. The file is opened
 * without blocking and its type taken from the open descriptor, so a pipe swapped in after a check
 * is refused all the same; the final component is opened without following links, so a link swapped
 * in after the real path was found is refused too.
 * @param file absolute path of the file
 * @param root absolute path of the workspace root, or undefined for no limit
 */
export async function readInside(file: string, root: string | undefined): Promise<InsideRead> {
  const resolved = await resolveInside(file, root);
  if (resolved.refusal) return resolved;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(resolved.realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { refusal: refusalOf(error) };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { refusal: { kind: 'directory' } };
    if (!stat.isFile()) return { refusal: { kind: 'not-regular', what: fileKind(stat) } };
    return { bytes: await handle.readFile(), realPath: resolved.realPath };
  } catch (error) {
    return { refusal: refusalOf(error) };
  } finally {
    await handle.close();
  }
}

/** A workspace root with its real path, found once for the many files read under it. */
export interface InsideRoot {
  /** The root as given. */
  readonly path: string;
  /** Its real path (links resolved); the path itself, resolved, when it has none (it does not exist). */
  readonly realPath: string;
  /** The real path of each folder files were read from under it (see `readInsideSync`), or why there is none. */
  readonly folders: Map<string, { realPath: string; inside: boolean } | { refusal: FileRefusal }>;
}

/**
 * Resolve a workspace root once, for `readInsideSync`.
 * @param root absolute path of the workspace root
 */
export function insideRoot(root: string): InsideRoot {
  let realPath: string;
  try {
    realPath = realpathSync.native(root);
  } catch {
    realPath = path.resolve(root);
  }
  return { path: root, realPath, folders: new Map() };
}

/** How a file is opened: without blocking (a pipe), and never through a link as its last component. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * `readInside` without a promise round trip per step, for a process with nothing else to do meanwhile
 * (the CLI reading a corpus): the same rule, the same refusals. Awaited one after another, the steps
 * of a read left the CLI idle half of the time (docs/performance.md).
 *
 * Under a root, the real path of each folder is found once (kept in `root`), not that of each file:
 * a file that is not a link lies where its folder's real path says, and the open refuses a link as
 * the last component (ELOOP), so a file that is a link is resolved the long way, to its target's real
 * path, as are all files where the system cannot open without following a link (Windows).
 * @param file absolute path of the file
 * @param root the workspace root (see `insideRoot`), or undefined for no limit
 */
export function readInsideSync(file: string, root: InsideRoot | undefined): InsideRead {
  const opened = openInsideSync(file, root);
  if (opened.refusal) return opened;
  try {
    return { bytes: readOpenFile(opened.fd, opened.stat.size), realPath: opened.realPath };
  } catch (error) {
    return { refusal: refusalOf(error) };
  } finally {
    closeSync(opened.fd);
  }
}

/** Open a file under the rule of `readInsideSync` (see there). */
function openInsideSync(file: string, root: InsideRoot | undefined): InsideOpen {
  const inFolder = root === undefined ? undefined : inRealFolder(file, root);
  if (inFolder?.refusal) return inFolder;
  if (inFolder) {
    const opened = openRegularFile(inFolder.realPath);
    if (opened !== 'link') return opened;
  }
  return openTheLongWay(file, root);
}

/**
 * Open a file under the rule of `readInsideSync`, the open through the thread pool (see `openRegularFileAsync`):
 * for a caller that parses some files while others are opened and read (the workspace index). A file
 * that is a link, or in a folder outside the root, is resolved the long way, synchronously (rare).
 * @param file absolute path of the file
 * @param root the workspace root (see `insideRoot`), or undefined for no limit
 * @returns the open file, which the caller reads with `readOpened` and closes (`closeSync`), or why it was not opened
 */
export async function openInside(file: string, root: InsideRoot | undefined): Promise<InsideOpen> {
  const inFolder = root === undefined ? undefined : inRealFolder(file, root);
  if (inFolder?.refusal) return inFolder;
  if (inFolder) {
    const opened = await openRegularFileAsync(inFolder.realPath);
    if (opened !== 'link') return opened;
  }
  return openTheLongWay(file, root);
}

/**
 * The content of a file `openInside` opened, read through the thread pool into a buffer of the size
 * its `fstat` gave (see `readOpenFile`).
 * @param fd the open file
 * @param size its size when it was opened
 */
export function readOpened(fd: number, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (size === 0) return readFile(fd, (error, bytes) => (error ? reject(error) : resolve(bytes)));
    const bytes = Buffer.allocUnsafe(size);
    const next = (length: number): void =>
      read(fd, bytes, length, size - length, null, (error, count) => {
        if (error) reject(error);
        else if (count === 0 || length + count === size) resolve(length + count === size ? bytes : bytes.subarray(0, length + count));
        else next(length + count);
      });
    next(0);
  });
}

/** A file resolved to its real path, which must lie inside the root, and opened there; refused if it became a link since. */
function openTheLongWay(file: string, root: InsideRoot | undefined): InsideOpen {
  let realPath: string;
  try {
    realPath = realpathSync.native(file);
  } catch (error) {
    return { refusal: refusalOf(error) };
  }
  if (root !== undefined && !isWithin(root.realPath, realPath)) return { refusal: { kind: 'outside', target: realPath } };
  const opened = openRegularFile(realPath);
  // The real path found above became a link since: refused, never followed.
  return opened === 'link' ? { refusal: { kind: 'not-regular', what: 'a symbolic link that changed while it was read' } } : opened;
}

/**
 * The content of a file `openInsideSync` opened, of the size its `fstat` gave: read into a buffer of
 * that size, without the second `fstat` of `readFileSync(fd)`. A file that grew since is read up to
 * that size, as `readFileSync` would; one that shrank, up to its end. A size of 0 (an empty file, or
 * one the system does not size) is read to its end.
 * @param fd the open file
 * @param size its size when it was opened
 */
function readOpenFile(fd: number, size: number): Buffer {
  if (size === 0) return readFileSync(fd);
  const bytes = Buffer.allocUnsafe(size);
  let length = 0;
  for (let count = -1; length < size && count !== 0; length += count) count = readSync(fd, bytes, length, size - length, null);
  return length === size ? bytes : bytes.subarray(0, length);
}

/**
 * Where a file is when its last component is not a link: in its folder's real path, when that folder
 * lies inside the root; a refusal when the folder cannot be resolved; undefined for the long way (a
 * folder outside the root, a name such as `..`, a system without O_NOFOLLOW).
 */
function inRealFolder(file: string, root: InsideRoot): { realPath: string; refusal?: undefined } | { realPath?: undefined; refusal: FileRefusal } | undefined {
  const name = path.basename(file);
  if (constants.O_NOFOLLOW === undefined || name === '' || name === '.' || name === '..') return undefined;
  const folder = path.dirname(file);
  let known = root.folders.get(folder);
  if (known === undefined) {
    try {
      const realPath = realpathSync.native(folder);
      known = { realPath, inside: isWithin(root.realPath, realPath) };
    } catch (error) {
      known = { refusal: refusalOf(error) };
    }
    root.folders.set(folder, known);
  }
  if ('refusal' in known) return known;
  return known.inside ? { realPath: path.join(known.realPath, name) } : undefined;
}

/** Open a file by its real path and check that it is a regular file; 'link' when its last component is a symbolic link. */
function openRegularFile(realPath: string): InsideOpen | 'link' {
  let fd: number;
  try {
    fd = openSync(realPath, OPEN_FLAGS);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'link' : { refusal: refusalOf(error) };
  }
  let stat: Stats;
  try {
    stat = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    return { refusal: refusalOf(error) };
  }
  const opened = regularFile(fd, realPath, stat);
  if (opened.refusal) closeSync(fd);
  return opened;
}

/**
 * `openRegularFile` with the open through the thread pool (it looks the path up, the one call that may
 * wait for the disk); the `fstat` of the open file follows at once, on this thread.
 */
function openRegularFileAsync(realPath: string): Promise<InsideOpen | 'link'> {
  return new Promise((resolve) => {
    open(realPath, OPEN_FLAGS, (error, fd) => {
      if (error) return resolve(error.code === 'ELOOP' ? 'link' : { refusal: refusalOf(error) });
      let opened: InsideOpen;
      try {
        opened = regularFile(fd, realPath, fstatSync(fd));
      } catch (error) {
        opened = { refusal: refusalOf(error) };
      }
      if (opened.refusal) closeSync(fd);
      resolve(opened);
    });
  });
}

/** An open file with its size and time when it is a regular file, else why it is not read. */
function regularFile(fd: number, realPath: string, stat: Stats): InsideOpen {
  if (stat.isFile()) return { fd, realPath, stat: { size: stat.size, mtime: stat.mtimeMs } };
  return { refusal: stat.isDirectory() ? { kind: 'directory' } : { kind: 'not-regular', what: fileKind(stat) } };
}

/**
 * `readTextInside` without promise round trips (see `readInsideSync`).
 * @param file absolute path of the file
 * @param root the workspace root (see `insideRoot`), or undefined for no limit
 */
export function readTextInsideSync(file: string, root: InsideRoot | undefined): { text: string; realPath: string; refusal?: undefined } | { text?: undefined; realPath?: undefined; refusal: FileRefusal } {
  const read = readInsideSync(file, root);
  return read.refusal ? read : { text: decodeSidecar(read.bytes), realPath: read.realPath };
}

/**
 * Read a file under the rule as UTF-8 text; bytes that are not UTF-8 are escaped, never replaced
 * (`decodeSidecar`), so the reader reports them and nothing rewrites them.
 * @param file absolute path of the file
 * @param root absolute path of the workspace root, or undefined for no limit
 */
export async function readTextInside(file: string, root: string | undefined): Promise<{ text: string; realPath: string; refusal?: undefined } | { text?: undefined; realPath?: undefined; refusal: FileRefusal }> {
  const read = await readInside(file, root);
  return read.refusal ? read : { text: decodeSidecar(read.bytes), realPath: read.realPath };
}

/**
 * What a refusal says, to follow the file's name ("notes.txt is a named pipe…").
 * @param refusal why the file was not read
 */
export function describeRefusal(refusal: FileRefusal): string {
  switch (refusal.kind) {
    case 'missing':
      return 'does not exist';
    case 'directory':
      return 'is a folder, not a file';
    case 'not-regular':
      return `is ${refusal.what}, not a regular file; Marginalia reads only regular files`;
    case 'outside':
      return `is a link to ${refusal.target}, outside the workspace; Marginalia does not follow links out of the workspace: replace the link with a copy of the file`;
    case 'unreadable':
      return `cannot be read: ${refusal.reason}`;
  }
}

/**
 * Whether a path lies inside a folder (or is the folder).
 * @param folder absolute path of the folder
 * @param file absolute path
 */
export function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function refusalOf(error: unknown): FileRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP') return { kind: 'not-regular', what: 'a symbolic link that changed while it was read' };
  if (code === 'EISDIR') return { kind: 'directory' };
  return { kind: 'unreadable', reason: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error)) };
}

function fileKind(stat: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}
