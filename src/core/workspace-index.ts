/**
 * Reading every sidecar of a workspace, with a cache keyed by path, size and modification time, so
 * that opening a workspace whose sidecars did not change since the last time parses nothing. The
 * file system is handed in: node's for the CLI, `vscode.workspace.fs` for the extension.
 */
import type { Finding, Sidecar } from './model';
import { readSidecar, type SidecarReadResult } from './sidecar/read';

/** What the index needs of a file system. */
export interface IndexFileSystem {
  /** Size in bytes and modification time (ms since the epoch) of a file. */
  stat(path: string): Promise<{ size: number; mtime: number }>;
  /** The file's content as text. */
  readFile(path: string): Promise<string>;
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
  entries: { path: string; size: number; mtime: number; sidecar: Sidecar | undefined; findings: Finding[]; recordLines: [string, number][]; writable: boolean }[];
}

/** Bump when `readSidecar`'s output for the same bytes changes. */
const CACHE_VERSION = 1;

/** Files stat-ed and read at once: enough to keep the disk busy, few enough not to exhaust handles. */
const CONCURRENCY = 32;

interface Entry {
  size: number;
  mtime: number;
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
    const listed = new Set(paths);
    for (const known of this.entries.keys()) if (!listed.has(known)) this.entries.delete(known);
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
    const stat = await fs.stat(path);
    const cached = this.entries.get(path);
    if (cached && cached.size === stat.size && cached.mtime === stat.mtime) return cached.read;
    const read = readSidecar(await fs.readFile(path));
    this.entries.set(path, { size: stat.size, mtime: stat.mtime, read });
    return read;
  }

  /** The cache, to store and hand to the constructor next time. */
  serialize(): SerializedIndex {
    return {
      version: CACHE_VERSION,
      entries: [...this.entries].map(([path, e]) => ({
        path,
        size: e.size,
        mtime: e.mtime,
        sidecar: e.read.sidecar,
        findings: e.read.findings,
        recordLines: [...e.read.recordLines],
        writable: e.read.writable,
      })),
    };
  }
}
