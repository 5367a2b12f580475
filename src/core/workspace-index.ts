/**
 * Reading every sidecar of a workspace, with a cache keyed by path, size and modification time, so
 * that opening a workspace whose sidecars did not change since the last time parses nothing. The
 * file system is handed in.
 *
 * Size and time tell a file's content only once it has settled: two writes within the clock's
 * resolution leave the same time, and of the same size they look the same. As git does with its
 * index, a file is answered from the cache only when it was modified well before it was read
 * (`SETTLED_MS`); a file read just after a write is parsed again next time.
 */
import type { Finding, Sidecar } from './model';
import { decodeSidecar } from './sidecar/decode';
import { readSidecar, type SidecarReadResult } from './sidecar/read';
import type { SourceCache } from './sidecar/source-cache';

/** A file's size in bytes and modification time (ms since the epoch). */
export interface FileSizeAndTime {
  size: number;
  mtime: number;
}

/** What the index needs of a file system. */
export interface IndexFileSystem {
  /**
   * Open a file, take its size and time from the open file, and read its content if `wanted` says so
   * (not when the cache holds it): one open, where a stat and then a read would look the file up twice.
   * Rejects when the file cannot be read.
   * @param path the file
   * @param wanted whether its content is needed, given its size and time
   * @returns its size and time, and its content when it was wanted
   */
  read(path: string, wanted: (stat: FileSizeAndTime) => boolean): Promise<IndexFileRead>;
}

/** A file the index opened: its size and time, and its content when it was wanted. */
export interface IndexFileRead extends FileSizeAndTime {
  bytes: Uint8Array | undefined;
}

/** One sidecar as the index holds it. */
export interface IndexedSidecar {
  /** The sidecar's path, as given. */
  path: string;
  /** What reading it gave. */
  read: SidecarReadResult;
}

/** The cache as stored between sessions (JSON). */
export interface SerializedIndex {
  /** Changes when the reader's output may change, so an old cache is dropped instead of trusted. */
  version: number;
  entries: {
    path: string;
    size: number;
    mtime: number;
    readAt: number;
    sidecar: Sidecar | undefined;
    findings: Finding[];
    recordLines: [string, number][];
    writable: boolean;
  }[];
}

/** Bump when `readSidecar`'s output for the same bytes changes, or the stored form does. */
const CACHE_VERSION = 4; // 3: sidecars that are not UTF-8 are refused, CR line ends counted; 4: the editor reads the `source:` header

/**
 * How long before it was read a file must have been last modified for its size and time to stand for
 * its content: longer than any file system's time resolution (FAT's is 2 s).
 */
export const SETTLED_MS = 2_000;

/** Files stat-ed and read at once: enough to keep the disk busy, few enough not to exhaust handles. */
const CONCURRENCY = 32;

interface Entry {
  size: number;
  mtime: number;
  /** When the file was stat-ed and read (ms since the epoch, the clock file times use). */
  readAt: number;
  read: SidecarReadResult;
}

/**
 * The parsed sidecars of a workspace, refreshed from disk on demand.
 */
export class SidecarIndex {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param saved a cache written by `serialize()` in an earlier session; ignored when its version is not this one's
   */
  constructor(saved?: SerializedIndex) {
    if (saved?.version !== CACHE_VERSION) return;
    for (const e of saved.entries) {
      this.entries.set(e.path, {
        size: e.size,
        mtime: e.mtime,
        readAt: e.readAt,
        read: { sidecar: e.sidecar, findings: e.findings, recordLines: new Map(e.recordLines), writable: e.writable },
      });
    }
  }

  /**
   * Bring the index up to date with the given sidecars: a file whose size and modification time are
   * those cached is not read again; files not listed are forgotten.
   * @param paths every sidecar path of the workspace
   * @param fs the file system to read them from
   * @returns the sidecars, in the order of `paths`
   */
  async refresh(paths: readonly string[], fs: IndexFileSystem): Promise<IndexedSidecar[]> {
    this.retain(new Set(paths));
    const result: IndexedSidecar[] = new Array(paths.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length) {
        const i = next++;
        const path = paths[i]!;
        result[i] = { path, read: await this.load(path, fs) };
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, paths.length) }, worker));
    return result;
  }

  private async load(path: string, fs: IndexFileSystem): Promise<SidecarReadResult> {
    const readAt = Date.now();
    let cached: SidecarReadResult | undefined;
    const file = await fs.read(path, (stat) => (cached = this.cached(path, stat)) === undefined);
    if (cached) return cached;
    if (!file.bytes) throw new Error(`the file system did not read ${path}, which is not cached`);
    return this.parse(path, file, decodeSidecar(file.bytes), readAt);
  }

  /**
   * One sidecar whose text the caller has read already: the cached result when the file is as it was
   * cached, else what reading the text gives (then cached).
   * @param path the sidecar's path (or URI), as the cache keys it
   * @param stat its size in bytes and modification time, taken before its text was read
   * @param source its text
   * @param readAt when the stat was taken (ms since the epoch)
   * @param sources where a parsed text is prepared for the write that may follow (see `readSidecar`)
   * @returns what reading it gives, and whether that took a parse
   */
  readText(path: string, stat: FileSizeAndTime, source: string, readAt: number, sources?: SourceCache): { read: SidecarReadResult; parsed: boolean } {
    const cached = this.cached(path, stat);
    return cached ? { read: cached, parsed: false } : { read: this.parse(path, stat, source, readAt, sources), parsed: true };
  }

  /** Read a sidecar's text and cache what it gives. */
  private parse(path: string, stat: FileSizeAndTime, source: string, readAt: number, sources?: SourceCache): SidecarReadResult {
    const read = readSidecar(source, sources);
    this.entries.set(path, { size: stat.size, mtime: stat.mtime, readAt, read });
    return read;
  }

  /**
   * Drop a sidecar from the cache (deleted, moved, or written: its next read must parse).
   * @param path the sidecar's path (or URI), as the cache keys it
   */
  forget(path: string): void {
    this.entries.delete(path);
  }

  /**
   * Forget every sidecar but these (the others were deleted or moved since they were cached).
   * @param paths the sidecars to keep, as the cache keys them
   */
  retain(paths: ReadonlySet<string>): void {
    for (const known of this.entries.keys()) if (!paths.has(known)) this.entries.delete(known);
  }

  /** The cached result for a file of this size and time, if it was settled when it was cached. */
  private cached(path: string, stat: FileSizeAndTime): SidecarReadResult | undefined {
    const cached = this.entries.get(path);
    if (!cached || cached.size !== stat.size || cached.mtime !== stat.mtime) return undefined;
    return cached.mtime <= cached.readAt - SETTLED_MS ? cached.read : undefined;
  }

  /** The cache, to store and hand to the constructor next time. */
  serialize(): SerializedIndex {
    return {
      version: CACHE_VERSION,
      entries: [...this.entries].map(([path, e]) => ({
        path,
        size: e.size,
        mtime: e.mtime,
        readAt: e.readAt,
        sidecar: e.read.sidecar,
        findings: e.read.findings,
        recordLines: [...e.read.recordLines],
        writable: e.read.writable,
      })),
    };
  }
}
