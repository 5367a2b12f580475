/**
 * The one atomic write every writer uses (the CLI's sidecars and exports, the editor's sidecars and
 * cache, the CLI's compile cache): the content goes to a temporary file in the target's folder, is
 * written in full, flushed to the disk where asked, then renamed over the target. A reader sees the
 * old bytes or the new ones, never a mix; a failure half-way (a full disk, a read-only file) leaves
 * the old file as it was and no temporary file behind, and is reported with the target's name.
 *
 * It is synchronous on purpose: the editor writes a sidecar on every tag, and each asynchronous step
 * would wait for Node's thread pool behind whatever else the extension host does.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';

/** The file operations the write uses: node's by default; tests pass failing ones (disk full, permission denied). */
export type AtomicWriteOps = Pick<typeof nodeFs, 'openSync' | 'writeFileSync' | 'writevSync' | 'fsyncSync' | 'fstatSync' | 'closeSync' | 'renameSync' | 'rmSync'>;

/** How to write. */
export interface AtomicWriteOptions {
  /**
   * Flush the new content to the disk before the rename (`fsync`), so that a power cut right after
   * leaves the old file or the new one, never an empty one (default true).
   */
  durable?: boolean;
  /** Permission bits of a new file (default 0o666, less the umask). */
  mode?: number;
  /** Asked once the content is written, just before the rename: false leaves the target alone. */
  mayReplace?: () => boolean;
}

/** A write that failed, named by its target (never by the temporary file), with the cause in words. */
export class WriteFailedError extends Error {
  /**
   * @param file the file that was to be written
   * @param code the file system's error code (ENOSPC, EACCES, EROFS…), if any
   * @param cause the original error
   */
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`cannot write ${file}: ${reasonOf(cause)}; it was left as it was`, { cause });
    this.name = 'WriteFailedError';
  }
}

/**
 * Replace a file atomically.
 * @param file the file to write
 * @param content its new content: text (written as UTF-8), bytes, or bytes in pieces written one after
 *   another (a large sidecar's bytes are mostly runs of the previous file's: see `LineBytes`)
 * @param options durability, mode of a new file, a last check before the rename
 * @param ops the file operations to use (default: node's)
 * @returns the stat of the bytes written (taken from the open file, so it is theirs even if another
 *   writer comes right after), or undefined when `mayReplace` said no
 * @throws {WriteFailedError} when a step fails (the temporary file removed first)
 */
export function writeFileAtomic(file: string, content: string | Uint8Array | readonly Uint8Array[], options: AtomicWriteOptions = {}, ops: AtomicWriteOps = nodeFs): nodeFs.Stats | undefined {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    const fd = ops.openSync(temporary, 'wx', options.mode ?? 0o666);
    let stat: nodeFs.Stats;
    try {
      if (Array.isArray(content)) writePieces(fd, content, ops);
      else ops.writeFileSync(fd, content as string | Uint8Array); // unlike writeSync, it writes again after a short write, until every byte is out
      if (options.durable ?? true) ops.fsyncSync(fd);
      stat = ops.fstatSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    if (options.mayReplace && !options.mayReplace()) {
      ops.rmSync(temporary, { force: true });
      return undefined;
    }
    ops.renameSync(temporary, file);
    return stat;
  } catch (error) {
    // The first failure is what the user needs to hear about, even if cleaning up fails as well.
    try {
      ops.rmSync(temporary, { force: true });
    } catch {
      // the temporary file may not exist, or the folder may refuse even that
    }
    throw new WriteFailedError(file, (error as NodeJS.ErrnoException).code, error);
  }
}

/** Write pieces of bytes one after another with `writev`, again after a short write, until every byte is out. */
function writePieces(fd: number, pieces: readonly Uint8Array[], ops: AtomicWriteOps): void {
  let rest = pieces.filter((piece) => piece.length > 0);
  while (rest.length > 0) {
    let written = ops.writevSync(fd, rest);
    let done = 0;
    while (done < rest.length && written >= rest[done]!.length) written -= rest[done++]!.length;
    rest = rest.slice(done);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}

/** Why a write failed, in words that do not name the temporary file. */
function reasonOf(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is exhausted';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the file or its folder is read-only)';
    case 'ENOENT':
      return 'its folder does not exist';
    default: {
      const code = (error as NodeJS.ErrnoException).code;
      return code ?? (error instanceof Error ? error.message : String(error));
    }
  }
}
