/**
 * The parsed sidecars of a workspace, kept between sessions in the extension's storage for the
 * workspace (`context.storageUri`): reopening a workspace whose sidecars did not change parses none of
 * them; each is looked at (size and modification time) and read, as the store keeps its text. See
 * `SidecarIndex` for when a cached result is trusted.
 */
import * as vscode from 'vscode';
import { readSidecar, type SidecarReadResult } from '../core/sidecar/read';
import type { SourceCache } from '../core/sidecar/source-cache';
import { SidecarIndex, type SerializedIndex } from '../core/workspace-index';
import type { FileStamp } from '../core/workspace/ports';
import { readTextFile, writeTextFileAtomic } from './sidecarFiles';

/** The cache's file name in the workspace's storage folder. */
export const SIDECAR_CACHE_FILE = 'parsed-sidecars.json';

/** How long after a parse the cache is stored (it is stored whole, so changes in a row make one write). */
const SAVE_DELAY_MS = 30_000;

/** Parsed sidecars, answered from the last session's cache where the files did not change. */
export class ParsedSidecarCache implements vscode.Disposable {
  /** Sidecar reads since the start: those that took a parse, those the cache answered. */
  readonly reads = { parsed: 0, cached: 0 };
  private index = new SidecarIndex();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsaved = false;

  /**
   * @param storage the extension's storage folder for this workspace (undefined: no workspace, nothing kept)
   */
  constructor(private readonly storage: vscode.Uri | undefined) {}

  /** Take in the cache the last session stored; none, or one that cannot be read, leaves it empty. */
  async load(): Promise<void> {
    if (!this.storage) return;
    const text = await readTextFile(vscode.Uri.joinPath(this.storage, SIDECAR_CACHE_FILE));
    if (text === undefined) return;
    try {
      this.index = new SidecarIndex(JSON.parse(text) as SerializedIndex);
    } catch {
      // A cache cut short (the window closed while it was stored): every sidecar is parsed once more.
    }
  }

  /**
   * What reading a sidecar's text gives: from the cache when the file is as it was cached. The result
   * may be the cache's own: callers copy what they change.
   * @param uri the sidecar
   * @param stamp its stamp, taken before the text was read (undefined: not known, so not cached)
   * @param source its text
   * @param readAt when the stamp was taken (ms since the epoch)
   * @param sources the sync engine's prepared texts (see `readSidecar`)
   */
  read(uri: vscode.Uri, stamp: FileStamp | undefined, source: string, readAt: number, sources: SourceCache): SidecarReadResult {
    const key = uri.toString();
    if (!stamp) {
      this.forget(uri);
      this.reads.parsed++;
      return readSidecar(source, sources);
    }
    const { read, parsed } = this.index.readText(key, stamp, source, readAt, sources);
    if (parsed) {
      this.reads.parsed++;
      this.changed();
    } else this.reads.cached++;
    return read;
  }

  /**
   * Forget a sidecar (deleted or moved).
   * @param uri the sidecar
   */
  forget(uri: vscode.Uri): void {
    this.index.forget(uri.toString());
  }

  /**
   * Forget every sidecar but these, the ones the workspace has now.
   * @param uris the sidecars found
   */
  retain(uris: readonly vscode.Uri[]): void {
    this.index.retain(new Set(uris.map((uri) => uri.toString())));
  }

  /** Store the cache now if it changed since it was last stored. */
  async save(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.storage || !this.unsaved) return;
    this.unsaved = false;
    await vscode.workspace.fs.createDirectory(this.storage);
    await writeTextFileAtomic(vscode.Uri.joinPath(this.storage, SIDECAR_CACHE_FILE), JSON.stringify(this.index.serialize()));
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  private changed(): void {
    this.unsaved = true;
    if (!this.storage || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.save().catch((error: unknown) => console.error('marginalia: storing the parsed sidecars failed', error));
    }, SAVE_DELAY_MS);
  }
}
