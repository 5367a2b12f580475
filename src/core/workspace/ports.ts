/**
 * What the document-sync engine (`DocumentSync`) needs from the world around it, as small interfaces:
 * the file system, the editor's open documents, where files are, and a clock. The editor layer
 * implements them over VS Code (`src/extension/syncPorts.ts`); the unit tests over an in-memory file
 * system (`test/core/workspace/memory-world.ts`). `L` is how a file is named: a `vscode.Uri` in the
 * editor, a plain path in the tests.
 */

/**
 * A file's size and modification time, and whether it is a symbolic link. When a file's size and time
 * are those it had when its text was read or written, that text is taken to be its content still:
 * a stat instead of reading and parsing a large sidecar again.
 */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
  readonly link: boolean;
}

/**
 * Whether two stamps are of the same file content (as far as size and time tell).
 * @param a one stamp
 * @param b another, if any
 */
export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return a !== undefined && b !== undefined && a.size === b.size && a.mtime === b.mtime && a.link === b.link;
}

/** A file as last seen: its text (undefined: there was none) and its stamp then, if known. */
export interface SeenFile {
  readonly text: string | undefined;
  readonly stamp: FileStamp | undefined;
}

/**
 * Whether a file is still as it was seen.
 * @param seen the file as it was seen
 * @param stamp its stamp now (undefined: it does not exist)
 * @param readText reads its text now, called only when the stamps do not tell
 */
export function stillAsSeen(seen: SeenFile, stamp: FileStamp | undefined, readText: () => string | undefined): boolean {
  if (seen.text === undefined || stamp === undefined) return seen.text === undefined && stamp === undefined;
  return sameStamp(stamp, seen.stamp) || (!stamp.link && readText() === seen.text);
}

/** A file's bytes, or why there are none: 'missing', or a phrase that follows the file's name ("is a named pipe…"). */
export type FileRead = { readonly bytes: Uint8Array; readonly problem?: undefined } | { readonly bytes?: undefined; readonly problem: string };

/** What `writeIfUnchanged` did. */
export type WriteOutcome =
  /** The file now holds the text; its stamp, when known (undefined: another write came first). */
  | { readonly written: true; readonly stamp: FileStamp | undefined }
  /** The file was no longer as expected: nothing was written, nothing left behind. */
  | { readonly written: false };

/** The file operations the engine uses. None follows a symbolic link to write through it. */
export interface FileSystemPort<L> {
  /**
   * The file's stamp (of the link itself for a symbolic link), or undefined when it does not exist.
   * @param file the file
   */
  stat(file: L): Promise<FileStamp | undefined>;
  /**
   * The file's bytes, or why there are none.
   * @param file the file
   */
  read(file: L): Promise<FileRead>;
  /**
   * Replace a file's content atomically (a temporary file beside it, then a rename over it), unless
   * it is no longer as the caller last saw it. Just before the rename the file is looked at: it is
   * unchanged when its stamp is still `expected.stamp`, or else when its text is still
   * `expected.text` (some file systems give a new time at every stat); `expected.text` undefined:
   * the file must not exist. That leaves a window of one look and one rename.
   * @param file the file
   * @param text its new content, written as UTF-8
   * @param expected the file as the caller last saw it
   * @param bytes the text's UTF-8 bytes in pieces, when the caller has them (see `SourceCache.bytesOf`):
   *   written instead of encoding the text again
   * @throws the file system's error when the write fails (the old file left as it was)
   */
  writeIfUnchanged(file: L, text: string, expected: SeenFile, bytes?: readonly Uint8Array[]): Promise<WriteOutcome>;
  /**
   * Move a file; fails when the target exists.
   * @param from where it is
   * @param to where it goes
   */
  rename(from: L, to: L): Promise<void>;
  /**
   * Delete a file.
   * @param file the file
   */
  delete(file: L): Promise<void>;
}

/** How the engine names files: a key to tell them apart, and a `/`-separated path to derive names. */
export interface Locations<L> {
  /**
   * A string that is equal for two names of the same file, and only then.
   * @param file the file
   */
  key(file: L): string;
  /**
   * The file's path, `/`-separated.
   * @param file the file
   */
  path(file: L): string;
  /**
   * The same kind of name (scheme, authority) for another path.
   * @param like a file whose kind of name is kept
   * @param path the new path
   */
  withPath(like: L, path: string): L;
}

/** A document open in the editor, as the engine sees it (a `vscode.TextDocument` is one). */
export interface OpenDocument<L> {
  readonly uri: L;
  /** Whether it has unsaved changes. */
  readonly isDirty: boolean;
  /** Its text as the editor holds it (CRLF and BOM not yet normalised). */
  getText(): string;
}

/** One change of an open document's text, as the editor reports it (a `vscode.TextDocumentContentChangeEvent` is one). */
export interface EditorTextChange {
  /** The replaced range, in lines and UTF-16 characters over the text before the change. */
  readonly range: { readonly start: LineCharacter; readonly end: LineCharacter };
  /** The inserted text. */
  readonly text: string;
}

/** A position in lines and UTF-16 characters, both from 0. */
export interface LineCharacter {
  readonly line: number;
  readonly character: number;
}

/** The documents open in the editor. */
export interface EditorPort<L> {
  /**
   * The open document of that name, if it is open (and not closed meanwhile).
   * @param file the document
   */
  openDocument(file: L): OpenDocument<L> | undefined;
}

/** A repeating timer's handle. */
export interface Timer {
  /** Stop it. */
  cancel(): void;
}

/** Time, for dates in annotations and the poll of held writes (`systemClock` in `system-clock.ts`). */
export interface ClockPort {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Call `tick` every `ms` milliseconds until cancelled; a round that returns a promise is awaited
   * before the next is counted, so rounds never overlap.
   * @param ms the pause between rounds
   * @param tick what to call; it may return a promise of its work
   */
  every(ms: number, tick: () => unknown): Timer;
}
