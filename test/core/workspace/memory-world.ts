/**
 * An in-memory world for the document-sync engine: a file system whose stamps change at every write,
 * with hooks to act as another program between two steps of a write or to make writes fail; an editor
 * whose documents are opened, typed into and saved; a clock that is advanced by hand. Files are named
 * by plain `/`-separated paths.
 */
import { DocumentSync, type Severity } from '../../../src/core/workspace/document-sync';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import type {
  ClockPort,
  EditorPort,
  EditorTextChange,
  FileRead,
  FileStamp,
  FileSystemPort,
  Locations,
  OpenDocument,
  SeenFile,
  Timer,
  WriteOutcome,
} from '../../../src/core/workspace/ports';
import { stillAsSeen } from '../../../src/core/workspace/ports';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

interface MemoryFile {
  bytes: Uint8Array;
  mtime: number;
  link: boolean;
}

/** Files in memory. Every write gets a new modification time, so stamps tell every version apart. */
export class MemoryFiles implements FileSystemPort<string> {
  private readonly files = new Map<string, MemoryFile>();
  private time = 1;
  /** Runs once, inside the next `writeIfUnchanged`, after the temporary file is written and before the stamp is compared. */
  duringNextWrite: ((path: string) => void) | undefined;
  /** When set, every write fails with it (a full disk, a refused permission). */
  failWrites: Error | undefined;
  /** The files the engine replaced, in order. */
  readonly written: string[] = [];
  /** For each of `written`, whether the engine gave its bytes (not only its text). */
  readonly writtenAsBytes: boolean[] = [];

  /**
   * Write a file as another program does.
   * @param path the file
   * @param text its content
   */
  put(path: string, text: string): void {
    this.putBytes(path, encoder.encode(text));
  }

  /**
   * Write a file's bytes as another program does.
   * @param path the file
   * @param bytes its content
   */
  putBytes(path: string, bytes: Uint8Array): void {
    this.files.set(path, { bytes: bytes.slice(), mtime: this.time++, link: false });
  }

  /**
   * A file's bytes, or undefined when there is none.
   * @param path the file
   */
  bytes(path: string): Uint8Array | undefined {
    return this.files.get(path)?.bytes.slice();
  }

  /**
   * Make a file a symbolic link (its target is not modelled: the engine never follows one).
   * @param path the file
   */
  putLink(path: string): void {
    this.files.set(path, { bytes: new Uint8Array(), mtime: this.time++, link: true });
  }

  /**
   * A file's text, or undefined when there is none.
   * @param path the file
   */
  text(path: string): string | undefined {
    const file = this.files.get(path);
    return file && decoder.decode(file.bytes);
  }

  /**
   * Delete a file as another program does.
   * @param path the file
   */
  remove(path: string): void {
    this.files.delete(path);
  }

  async stat(path: string): Promise<FileStamp | undefined> {
    const file = this.files.get(path);
    return file && { size: file.bytes.length, mtime: file.mtime, link: file.link };
  }

  async read(path: string): Promise<FileRead> {
    const file = this.files.get(path);
    return file && !file.link ? { bytes: file.bytes.slice() } : { problem: 'missing' };
  }

  async writeIfUnchanged(path: string, text: string, expected: SeenFile, bytes?: readonly Uint8Array[]): Promise<WriteOutcome> {
    if (this.failWrites) throw this.failWrites;
    const during = this.duringNextWrite;
    this.duringNextWrite = undefined;
    during?.(path);
    if (!stillAsSeen(expected, await this.stat(path), () => this.text(path))) return { written: false };
    // The bytes, when given, are what a real file would hold: a wrong piece shows as a wrong file.
    if (bytes) this.putBytes(path, Buffer.concat(bytes));
    else this.put(path, text);
    this.written.push(path);
    this.writtenAsBytes.push(bytes !== undefined);
    return { written: true, stamp: await this.stat(path) };
  }

  async rename(from: string, to: string): Promise<void> {
    const file = this.files.get(from);
    if (!file) throw new Error(`${from} does not exist`);
    if (this.files.has(to)) throw new Error(`${to} exists`);
    this.files.delete(from);
    this.files.set(to, file);
  }

  async delete(path: string): Promise<void> {
    if (!this.files.delete(path)) throw new Error(`${path} does not exist`);
  }
}

/** A document open in the in-memory editor. */
export class MemoryDocument implements OpenDocument<string> {
  isDirty = false;

  /**
   * @param uri its path
   * @param text its text
   */
  constructor(
    readonly uri: string,
    public text: string,
  ) {}

  getText(): string {
    return this.text;
  }
}

/** The documents open in the in-memory editor. */
export class MemoryEditor implements EditorPort<string> {
  private readonly open = new Map<string, MemoryDocument>();

  /**
   * Open a document with the given text (its file's, usually).
   * @param path the document
   * @param text its text
   */
  openWith(path: string, text: string): MemoryDocument {
    const document = new MemoryDocument(path, text);
    this.open.set(path, document);
    return document;
  }

  /**
   * Close a document.
   * @param path the document
   */
  close(path: string): void {
    this.open.delete(path);
  }

  openDocument(path: string): OpenDocument<string> | undefined {
    return this.open.get(path);
  }
}

/** A clock that moves only when told to. */
export class ManualClock implements ClockPort {
  private time = Date.UTC(2026, 0, 1);
  private readonly timers = new Set<{ ms: number; due: number; tick: () => unknown }>();

  now(): number {
    return this.time;
  }

  every(ms: number, tick: () => unknown): Timer {
    const timer = { ms, due: this.time + ms, tick };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  /** How many repeating timers run. */
  get running(): number {
    return this.timers.size;
  }

  /**
   * Move the time on, running each timer as it falls due and waiting for the work it returns.
   * @param ms how far
   */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.due - b.due)[0];
      if (!next || next.due > end) break;
      this.time = next.due;
      next.due += next.ms;
      await next.tick();
    }
    this.time = end;
  }
}

/** Plain paths as locations. */
export const pathLocations: Locations<string> = {
  key: (path) => path,
  path: (path) => path,
  withPath: (_like, path) => path,
};

/** A message the engine gave the user. */
export interface Note {
  severity: Severity;
  message: string;
  sidecar: string | undefined;
}

/** An engine over an in-memory world, and that world. */
export interface World {
  sync: DocumentSync<string>;
  files: MemoryFiles;
  editor: MemoryEditor;
  clock: ManualClock;
  /** What the user was told. */
  notes: Note[];
  /** Each change event's documents. */
  changes: (readonly string[])[];
}

/**
 * A document-sync engine over a new in-memory world (or over the files of another world: two writers).
 * @param files the file system to share, if any
 */
export function makeWorld(files = new MemoryFiles()): World {
  const editor = new MemoryEditor();
  const clock = new ManualClock();
  const notes: Note[] = [];
  const changes: (readonly string[])[] = [];
  const sync = new DocumentSync<string>({
    files,
    locations: pathLocations,
    editor,
    clock,
    labelsFor: () => DEFAULT_LABEL_CONFIG,
    notify: (severity, message, sidecar) => notes.push({ severity, message, sidecar }),
    changed: (documents) => changes.push(documents),
  });
  return { sync, files, editor, clock, notes, changes };
}

/**
 * An edit of an open document as the editor reports it, made to its text too.
 * @param document the document
 * @param offset UTF-16 offset on its first line where text is inserted
 * @param inserted the text
 */
export function typeInto(document: MemoryDocument, offset: number, inserted: string): EditorTextChange[] {
  document.text = document.text.slice(0, offset) + inserted + document.text.slice(offset);
  document.isDirty = true;
  const at = { line: 0, character: offset };
  return [{ range: { start: at, end: at }, text: inserted }];
}
