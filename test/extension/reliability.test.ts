// Reliability in a real VS Code: every case of the bad-input corpus (test/fixtures/bad) copied into the
// workspace gets a diagnostic on the right file and line and modifies nothing; the extension keeps working
// for a good seed article beside them; a sidecar that cannot be parsed is never overwritten (the edit is
// held and the user told); a sidecar written behind the extension's back merges with its own write by id;
// a write that fails half-way leaves the previous sidecar intact and says so; sidecar text runs nothing.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import { readSidecar } from '../../src/core/sidecar/read';
import { writeSidecar } from '../../src/core/sidecar/write';
import type { MarginaliaApi } from '../../src/extension/extension';
import { waitFor } from './editor-helpers';

const EXTENSION_ID = 'marginalia.marginalia';
/** Everything this suite puts in the workspace lives under this folder, removed at the end. */
const ROOT = 'reliability';
const GOOD_ARTICLE = '001_30228fdb78730024.txt';

/**
 * Each folder of test/fixtures/bad/: the file the diagnostic must be on, its 1-based line (where
 * `marginalia check` reports the same problem), and what the message must say.
 */
const CASES: Record<string, { file: string; line: number; says: RegExp }> = {
  'malformed-yaml': { file: 'doc.txt.annotations.yaml', line: 8, says: /YAML syntax error.*fix the file by hand/ }, // the flow sequence opened on line 7 breaks here
  'conflict-markers': { file: 'doc.txt.annotations.yaml', line: 4, says: /resolve the merge conflict/ }, // <<<<<<< HEAD
  'wrong-types': { file: 'doc.txt.annotations.yaml', line: 6, says: /start must be a whole number/ }, // start: "19a"
  'bad-offsets': { file: 'doc.txt.annotations.yaml', line: 6, says: /start must not be negative/ }, // start: -4
  'duplicate-ids': { file: 'doc.txt.annotations.yaml', line: 9, says: /id "0a1b2c3d" is also used/ }, // the second record's id
  'unknown-label-attribute': { file: 'doc.txt.annotations.yaml', line: 4, says: /unknown label "rumour"/ }, // the record's first line
  'alias-bomb': { file: 'doc.txt.annotations.yaml', line: 4, says: /YAML aliases are not allowed/ }, // the first alias, *a
  'missing-document': { file: 'gone.txt.annotations.yaml', line: 2, says: /'gone\.txt' does not exist/ }, // document:
  'escaping-document': { file: 'doc.txt.annotations.yaml', line: 2, says: /must name a file in the sidecar's own folder/ },
  'absolute-document': { file: 'doc.txt.annotations.yaml', line: 2, says: /must name a file in the sidecar's own folder/ },
  'binary-document': { file: 'doc.txt.annotations.yaml', line: 2, says: /binary/ },
  'latin1-document': { file: 'doc.txt.annotations.yaml', line: 2, says: /not valid UTF-8/ },
  'latin1-sidecar': { file: 'doc.txt.annotations.yaml', line: 9, says: /the sidecar is not valid UTF-8 \(byte 0xE9\)/ },
  'invalid-config': { file: '.marginalia.yaml', line: 6, says: /"person"/ }, // type: person
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function workspaceUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  return vscode.workspace.fs.readFile(uri).then(
    (bytes) => bytes,
    () => undefined,
  );
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const bytes = await readBytes(uri);
  return bytes && decoder.decode(bytes);
}

/** Marginalia's diagnostics on a file, as the Problems panel shows them. */
function diagnosticsOn(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'marginalia');
}

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.map((d) => `  line ${d.range.start.line + 1}: ${d.message}`).join('\n') || '  (none)';
}

/** Every file under a folder (paths relative to it), through the workspace file system. */
async function listFiles(folder: vscode.Uri): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: vscode.Uri, prefix: string): Promise<void> => {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
      if (type & vscode.FileType.Directory) await walk(vscode.Uri.joinPath(dir, name), `${prefix}${name}/`);
      else files.push(prefix + name);
    }
  };
  await walk(folder, '');
  return files.sort();
}

/** Every file under a folder with its bytes (base64). */
async function snapshot(folder: vscode.Uri): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of await listFiles(folder)) {
    files.set(name, Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name))).toString('base64'));
  }
  return files;
}

/** Messages the extension shows the user, recorded (and still shown). */
class MessageSpy {
  readonly messages: { severity: 'error' | 'warning' | 'info'; text: string }[] = [];
  private readonly originals: Partial<Record<'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage', unknown>> = {};

  install(): void {
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const methods = { error: 'showErrorMessage', warning: 'showWarningMessage', info: 'showInformationMessage' } as const;
    for (const [severity, name] of Object.entries(methods) as ['error' | 'warning' | 'info', keyof typeof this.originals][]) {
      const original = window[name]!;
      this.originals[name] = original;
      window[name] = (message: unknown, ...rest: unknown[]) => {
        this.messages.push({ severity, text: String(message) });
        return original.call(vscode.window, message, ...rest);
      };
      assert.notEqual(window[name], original, `vscode.window.${name} can be observed`);
    }
  }

  uninstall(): void {
    Object.assign(vscode.window, this.originals);
  }

  /** The messages of a severity shown since `from` (an index into `messages`). */
  since(from: number, severity: 'error' | 'warning' | 'info'): string[] {
    return this.messages.slice(from).filter((m) => m.severity === severity).map((m) => m.text);
  }
}

/**
 * A file system held in memory whose writes can be made to fail as a full disk (half the bytes
 * written, then an error) or a refused permission does; registered under its own scheme. Every method
 * is async: VS Code calls an extension's own provider directly, and one that throws synchronously
 * wedges VS Code's queue of writes to that file.
 */
class FaultyFileSystem implements vscode.FileSystemProvider {
  static readonly SCHEME = 'marginalia-faulty';
  readonly files = new Map<string, Uint8Array>();
  fault: 'disk-full' | 'no-permission' | undefined;
  /** Which files the fault hits (default: all). */
  faulty: (path: string) => boolean = () => true;
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  uri(p: string): vscode.Uri {
    return vscode.Uri.from({ scheme: FaultyFileSystem.SCHEME, path: p });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const file = this.files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: file.byteLength };
    if ([...this.files.keys()].some((p) => p.startsWith(uri.path.replace(/\/?$/, '/')))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const prefix = uri.path.replace(/\/?$/, '/');
    const names = new Set([...this.files.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('/')[0]!));
    return [...names].map((name) => [name, this.files.has(prefix + name) ? vscode.FileType.File : vscode.FileType.Directory]);
  }

  async createDirectory(): Promise<void> {}

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    if (this.fault === 'disk-full' && this.faulty(uri.path)) {
      // What a full disk does to a file written in place: truncated, then only part of the new bytes.
      this.files.set(uri.path, content.slice(0, Math.floor(content.byteLength / 2)));
      throw new vscode.FileSystemError(`ENOSPC: no space left on device, write '${uri.path}'`);
    }
    if (this.fault === 'no-permission' && this.faulty(uri.path)) throw vscode.FileSystemError.NoPermissions(uri);
    this.files.set(uri.path, content.slice());
  }

  async delete(uri: vscode.Uri): Promise<void> {
    if (!this.files.delete(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
  }

  async rename(oldUri: vscode.Uri, newUri: vscode.Uri, options: { overwrite: boolean }): Promise<void> {
    if (this.fault === 'no-permission' && this.faulty(newUri.path)) throw vscode.FileSystemError.NoPermissions(newUri);
    const file = this.files.get(oldUri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(oldUri);
    if (this.files.has(newUri.path) && !options.overwrite) throw vscode.FileSystemError.FileExists(newUri);
    this.files.set(newUri.path, file);
    this.files.delete(oldUri.path);
  }
}

suite('Reliability: bad input, faults, two writers, trust', () => {
  let api: MarginaliaApi;
  let fixtures: string;
  const spy = new MessageSpy();

  /** Copy a case of the corpus into the workspace through the workspace file system, the sidecar last. */
  async function copyCase(name: string): Promise<vscode.Uri> {
    const source = path.join(fixtures, 'bad', name);
    const target = workspaceUri(ROOT, 'bad', name);
    const names = fs.readdirSync(source).sort((a, b) => Number(a.endsWith('.annotations.yaml')) - Number(b.endsWith('.annotations.yaml')));
    for (const file of names) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, file), await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(source, file))));
    }
    return target;
  }

  /** Wait for a Marginalia diagnostic on a file at a line saying something. */
  async function diagnosticAt(uri: vscode.Uri, line: number, says: RegExp): Promise<vscode.Diagnostic> {
    try {
      return await waitFor(() => diagnosticsOn(uri).find((d) => d.range.start.line === line - 1 && says.test(d.message)), `a diagnostic at ${uri.path}:${line}`);
    } catch (error) {
      assert.fail(`${(error as Error).message} saying ${says}; the diagnostics there are:\n${describe(diagnosticsOn(uri))}`);
    }
  }

  /** A copy of a seed article and its sidecar in a folder of its own, indexed by the store. */
  async function goodArticle(folder: string): Promise<vscode.Uri> {
    const target = workspaceUri(ROOT, folder, GOOD_ARTICLE);
    await vscode.workspace.fs.copy(workspaceUri(GOOD_ARTICLE), target, { overwrite: true });
    await vscode.workspace.fs.copy(workspaceUri(`${GOOD_ARTICLE}.annotations.yaml`), sidecarOf(target), { overwrite: true });
    await waitFor(() => (api.store.get(target)?.annotations.length ?? 0) > 0, `the store to index ${folder}/${GOOD_ARTICLE}`);
    return target;
  }

  function sidecarOf(documentUri: vscode.Uri): vscode.Uri {
    return documentUri.with({ path: `${documentUri.path}.annotations.yaml` });
  }

  /** The editor range of the first occurrence of a text in a document. */
  async function rangeOf(documentUri: vscode.Uri, needle: string): Promise<vscode.Range> {
    const document = await vscode.workspace.openTextDocument(documentUri);
    const at = document.getText().indexOf(needle);
    assert.notEqual(at, -1, `"${needle}" is in ${documentUri.path}`);
    return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
  }

  /** Tag a span as a user would, through the command; returns the new annotations (undefined when the command failed). */
  async function tag(documentUri: vscode.Uri, needle: string, label = 'claim'): Promise<Annotation[] | undefined> {
    const ranges = [await rangeOf(documentUri, needle)];
    return vscode.commands.executeCommand<Annotation[] | undefined>('marginalia.tagSelection', { uri: documentUri, ranges, label });
  }

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is loaded`);
    api = await extension.activate();
    await api.store.ready;
    fixtures = path.join(extension.extensionPath, 'test', 'fixtures');
    spy.install();
  });

  suiteTeardown(async () => {
    spy.uninstall();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Sidecars one by one first (a deleted folder may raise one event for the folder only), so the
    // store drops them before the suites that count the seed annotations run.
    const root = workspaceUri(ROOT);
    const exists = await vscode.workspace.fs.stat(root).then(
      () => true,
      () => false,
    );
    for (const name of exists ? await listFiles(root) : []) {
      if (name.endsWith('.annotations.yaml') || name.endsWith('.marginalia.yaml')) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, name));
    }
    await vscode.workspace.fs.delete(root, { recursive: true }).then(undefined, () => undefined);
    for (const doc of api.store.documents()) if (doc.documentUri.path.includes(`/${ROOT}/`)) await api.store.reload(doc.sidecarUri);
    const left = (): string[] => api.store.documents().filter((d) => d.documentUri.path.includes(`/${ROOT}/`)).map((d) => d.documentUri.path);
    await waitFor(() => left().length === 0, 'the store to forget the suite files').catch(() => assert.fail(`the store still holds ${left().join(', ')}`));
  });

  for (const [name, { file, line, says }] of Object.entries(CASES)) {
    test(`bad input: ${name} gets a diagnostic at ${file}:${line} saying what to do, and no file is modified`, async () => {
      const folder = await copyCase(name);
      const before = await snapshot(folder);
      const diagnostic = await diagnosticAt(vscode.Uri.joinPath(folder, file), line, says);
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.doesNotMatch(diagnostic.message, /\n\s+at .+:\d+:\d+/, 'no stack trace');
      await api.store.settled(); // a write it were to make would be on disk now
      assert.deepEqual(await snapshot(folder), before, 'no file was modified');
    });
  }

  test('bad input: a sidecar of tens of megabytes is refused by its size at line 1, and not modified', async () => {
    const folder = workspaceUri(ROOT, 'bad', 'huge');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'doc.txt'), encoder.encode('Some text.\n'));
    const record = (i: number): string =>
      `  - id: ${i.toString(16).padStart(8, '0')}\n    label: claim\n    start: 0\n    end: 4\n    text: Some\n    note: ${'x'.repeat(200)}\n`;
    const parts = ['marginalia: 1\ndocument: doc.txt\nannotations:\n'];
    for (let i = 0; i < 90_000; i++) parts.push(record(i));
    const huge = encoder.encode(parts.join(''));
    assert.ok(huge.byteLength > 20e6, 'tens of MB');
    const sidecar = vscode.Uri.joinPath(folder, 'doc.txt.annotations.yaml');
    await vscode.workspace.fs.writeFile(sidecar, huge);
    await diagnosticAt(sidecar, 1, /size|large|limit|MB|MiB/i);
    await api.store.settled();
    const after = await readBytes(sidecar);
    assert.ok(after && Buffer.from(after).equals(Buffer.from(huge)), 'the sidecar was not modified');
  });

  /** What the diagnostic on a link out of the workspace must say. */
  const NOT_FOLLOWED = /\blink\b.*(outside the workspace|not follow)/i;

  test('bad input: a sidecar that is a link to a file outside the workspace is not followed, not written through', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-outside-'));
    const folder = workspaceUri(ROOT, 'bad', 'linked-sidecar');
    const link = vscode.Uri.joinPath(folder, 'doc.txt.annotations.yaml');
    try {
      const secret = 'marginalia: 1\ndocument: doc.txt\nannotations:\n  - id: 5ec2e7aa\n    label: claim\n    start: 0\n    end: 3\n    text: The\n';
      fs.writeFileSync(path.join(outside, 'doc.txt.annotations.yaml'), secret);
      const documentUri = vscode.Uri.joinPath(folder, 'doc.txt');
      await vscode.workspace.fs.writeFile(documentUri, encoder.encode('The local text.\n'));
      fs.symlinkSync(path.join(outside, 'doc.txt.annotations.yaml'), link.fsPath);
      await diagnosticAt(link, 1, NOT_FOLLOWED);
      assert.ok(!api.store.get(documentUri)?.annotations.some((a) => a.id === '5ec2e7aa'), 'nothing read from outside the workspace');
      await tag(documentUri, 'local');
      await api.store.settled();
      assert.equal(fs.readFileSync(path.join(outside, 'doc.txt.annotations.yaml'), 'utf8'), secret, 'the file outside was not written through the link');
      assert.ok(fs.lstatSync(link.fsPath).isSymbolicLink(), 'the link was not replaced either');
    } finally {
      // Replace the link by a sidecar of the workspace's own, so the held edit is written and the store
      // lets the document go when the suite deletes its files.
      fs.rmSync(link.fsPath, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
      await vscode.workspace.fs.writeFile(link, encoder.encode('marginalia: 1\ndocument: doc.txt\nannotations: []\n'));
      await waitFor(() => !api.store.get(vscode.Uri.joinPath(folder, 'doc.txt'))?.unwritten, 'the held edit to be written to the new sidecar');
    }
  });

  test('bad input: a document that is a link to a file outside the workspace is not read', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-outside-'));
    const folder = workspaceUri(ROOT, 'bad', 'linked-document');
    const documentUri = vscode.Uri.joinPath(folder, 'doc.txt');
    try {
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'The secret text.\n');
      await vscode.workspace.fs.createDirectory(folder);
      fs.symlinkSync(path.join(outside, 'secret.txt'), documentUri.fsPath);
      const sidecar = sidecarOf(documentUri);
      await vscode.workspace.fs.writeFile(
        sidecar,
        encoder.encode('marginalia: 1\ndocument: doc.txt\nannotations:\n  - id: 5ec2e7ab\n    label: claim\n    start: 0\n    end: 10\n    text: The secret\n'),
      );
      await diagnosticAt(sidecar, 2, NOT_FOLLOWED);
      assert.equal(api.store.get(documentUri)?.hasText, false, 'the text outside the workspace was not read');
    } finally {
      fs.rmSync(documentUri.fsPath, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('bad input: a document that is a named pipe or a folder is reported as such, and the read does not wait', async () => {
    const folder = workspaceUri(ROOT, 'bad', 'special-documents');
    await vscode.workspace.fs.createDirectory(folder);
    const pipe = vscode.Uri.joinPath(folder, 'pipe.txt');
    const chapter = vscode.Uri.joinPath(folder, 'chapter');
    const sidecarText = (name: string) => encoder.encode(`marginalia: 1\ndocument: ${name}\nannotations:\n  - id: 5ec2e7ab\n    label: claim\n    start: 0\n    end: 3\n    text: The\n`);
    try {
      execFileSync('mkfifo', [pipe.fsPath]);
      await vscode.workspace.fs.createDirectory(chapter);
      await vscode.workspace.fs.writeFile(sidecarOf(pipe), sidecarText('pipe.txt'));
      await vscode.workspace.fs.writeFile(sidecarOf(chapter), sidecarText('chapter'));
      await diagnosticAt(sidecarOf(pipe), 2, /is a named pipe \(FIFO\), not a regular file/);
      await diagnosticAt(sidecarOf(chapter), 2, /is a folder, not a file/);
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  test('with every bad case in the workspace, a good seed article is still tagged and its sidecar written', async () => {
    for (const name of Object.keys(CASES)) await copyCase(name);
    const article = await goodArticle('good');
    const made = await tag(article, 'bold demands that the United States and its allies already have rejected');
    assert.equal(made?.length, 1, 'the command tagged one span');
    const id = made[0]!.id;
    const written = await waitFor(async () => readSidecar((await readText(sidecarOf(article))) ?? ''), 'the sidecar to be readable');
    await waitFor(async () => readSidecar((await readText(sidecarOf(article))) ?? '').sidecar?.annotations.some((a) => a.id === id), `record ${id} on disk`);
    assert.equal(written.writable, true);
    assert.deepEqual(diagnosticsOn(sidecarOf(article)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), [], 'no error on the good sidecar');
  });

  test('a sidecar that cannot be parsed is never overwritten: the edit is held, the user told how to fix it, and written once it is fixed', async () => {
    const folder = await copyCase('malformed-yaml');
    const sidecar = vscode.Uri.joinPath(folder, 'doc.txt.annotations.yaml');
    const documentUri = vscode.Uri.joinPath(folder, 'doc.txt');
    await diagnosticAt(sidecar, 8, /YAML syntax error/);
    const broken = await readBytes(sidecar);
    const from = spy.messages.length;

    const made = await tag(documentUri, '13,000', 'figure');
    assert.equal(made?.length, 1, 'the annotation is made in memory');
    const id = made[0]!.id;
    const warning = await waitFor(() => spy.since(from, 'warning').find((m) => m.includes('doc.txt.annotations.yaml')), 'a warning about the sidecar');
    // The warning is said when the write is refused: the write was tried, and the file must be as it was.
    assert.match(warning, /cannot be read \(line 8: .*\)\. Fix it and save it; your annotation changes are kept until then/);
    assert.ok(Buffer.from((await readBytes(sidecar))!).equals(Buffer.from(broken!)), 'the unparsable sidecar was not touched');
    const held = api.store.get(documentUri);
    assert.equal(held?.writable, false);
    assert.equal(held?.unwritten, true, 'the edit is held');
    assert.ok(held?.annotations.some((a) => a.id === id), 'the held annotation is kept in memory');

    // The user fixes the syntax error: the record that was there and the held one are both written.
    const fixed = decoder.decode(broken).replace('end: [31', 'end: 31');
    await vscode.workspace.fs.writeFile(sidecar, encoder.encode(fixed));
    const onDisk = await waitFor(async () => {
      const read = readSidecar((await readText(sidecar)) ?? '');
      const ids = read.sidecar?.annotations.map((a) => a.id) ?? [];
      return ids.includes(id) && ids.includes('0a1b2c3d') ? read : undefined;
    }, 'the sidecar to hold both the fixed record and the held one');
    assert.equal(onDisk.writable, true);
  });

  test('two writers: a sidecar written on disk behind the extension while it tags a span keeps both annotations', async () => {
    const article = await goodArticle('two-writers');
    const sidecar = sidecarOf(article);
    const source = (await readText(sidecar))!;
    const theirs = readSidecar(source).sidecar!;
    const text = decoder.decode(await vscode.workspace.fs.readFile(article));
    const needle = 'Central and Eastern Europe';
    const start = [...text.slice(0, text.indexOf(needle))].length;
    const other: Annotation = { id: 'feedbeef', label: 'claim', start, end: start + [...needle].length, text: needle, author: 'another window' };
    const otherSource = writeSidecar({ ...theirs, annotations: [...theirs.annotations, other] }, source);

    // The other writer (another window, or `marginalia check --fix`) writes straight to disk; the
    // extension tags a span at once, before its file watcher has told it anything.
    fs.writeFileSync(sidecar.fsPath, otherSource);
    const made = await tag(article, 'bold demands that the United States');
    assert.equal(made?.length, 1);
    const mine = made[0]!.id;

    const ids = new Set(theirs.annotations.map((a) => a.id));
    const onDisk = await waitFor(async () => {
      const read = readSidecar((await readText(sidecar)) ?? '');
      const present = new Set(read.sidecar?.annotations.map((a) => a.id));
      return present.has(mine) && present.has(other.id) && [...ids].every((i) => present.has(i)) ? read : undefined;
    }, 'the sidecar to hold the other writer\'s annotation, ours and every earlier one');
    assert.equal(onDisk.sidecar?.annotations.length, theirs.annotations.length + 2, 'nothing lost, nothing doubled');
    const inMemory = new Set(api.store.get(article)?.annotations.map((a) => a.id));
    assert.ok(inMemory.has(mine) && inMemory.has(other.id), 'the store holds both too');
  });

  test('two writers and an id used by two records: both records are kept, and the other writer\'s change reaches only its own', async () => {
    const article = await goodArticle('two-writers-duplicate-ids');
    const sidecar = sidecarOf(article);
    const source = (await readText(sidecar))!;
    const base = readSidecar(source).sidecar!;
    const first = base.annotations[0]!;
    const text = decoder.decode(await vscode.workspace.fs.readFile(article));
    const needle = 'Central and Eastern Europe';
    const start = [...text.slice(0, text.indexOf(needle))].length;
    // A hand merge left a second record with the first one's id.
    const twin: Annotation = { id: first.id, label: 'claim', start, end: start + [...needle].length, text: needle };
    const duplicated = writeSidecar({ ...base, annotations: [...base.annotations, twin] }, source);
    fs.writeFileSync(sidecar.fsPath, duplicated);
    await waitFor(() => api.store.get(article)?.annotations.filter((a) => a.id === first.id).length === 2 || undefined, 'the store to read both records of the id');

    // Another writer notes the twin on disk; the extension tags a span at once and merges before writing.
    const noted = { ...twin, note: 'from the other window' };
    fs.writeFileSync(sidecar.fsPath, writeSidecar({ ...base, annotations: [...base.annotations, noted] }, duplicated));
    const made = await tag(article, 'bold demands that the United States');
    assert.equal(made?.length, 1);
    const mine = made[0]!.id;

    const onDisk = await waitFor(async () => {
      const read = readSidecar((await readText(sidecar)) ?? '');
      return read.sidecar?.annotations.some((a) => a.id === mine) ? read.sidecar : undefined;
    }, 'the sidecar to hold the new annotation');
    const records = onDisk.annotations.filter((a) => a.id === first.id);
    assert.deepEqual(
      records.map((a) => [a.start, a.note]),
      [
        [first.start, first.note],
        [twin.start, 'from the other window'],
      ].sort((x, y) => (x[0] as number) - (y[0] as number)),
      'both records of the id, the note on the one it was written on',
    );
    assert.equal(onDisk.annotations.length, base.annotations.length + 2, 'nothing lost, nothing doubled');
  });

  for (const fault of ['disk-full', 'no-permission'] as const) {
    test(`a sidecar write that fails (${fault}) leaves the previous sidecar byte for byte, shows an error, and keeps the annotation for the next write`, async () => {
      const faulty = new FaultyFileSystem();
      const registration = vscode.workspace.registerFileSystemProvider(FaultyFileSystem.SCHEME, faulty, { isCaseSensitive: true });
      const documentUri = faulty.uri(`/${fault}/${GOOD_ARTICLE}`);
      const sidecar = sidecarOf(documentUri);
      try {
        faulty.files.set(documentUri.path, await vscode.workspace.fs.readFile(workspaceUri(GOOD_ARTICLE)));
        const previous = await vscode.workspace.fs.readFile(workspaceUri(`${GOOD_ARTICLE}.annotations.yaml`));
        faulty.files.set(sidecar.path, previous);
        faulty.fault = fault;
        const from = spy.messages.length;

        const failed = await tag(documentUri, 'bold demands that the United States');
        assert.equal(failed, undefined, 'the command reports failure');
        const error = await waitFor(() => spy.since(from, 'error')[0], 'an error message');
        assert.match(error, /^Marginalia: /);
        assert.ok(Buffer.from(faulty.files.get(sidecar.path)!).equals(Buffer.from(previous)), 'the previous sidecar is intact, byte for byte');
        assert.deepEqual([...faulty.files.keys()].sort(), [documentUri.path, sidecar.path].sort(), 'no temporary file is left behind');

        // Once the disk has room (or the permission is given back), the next write carries the kept annotation too.
        const kept = api.store.get(documentUri)?.annotations.find((a) => a.text === 'bold demands that the United States');
        assert.ok(kept, 'the annotation whose write failed is still in memory');
        faulty.fault = undefined;
        const next = await tag(documentUri, 'Central and Eastern Europe');
        assert.equal(next?.length, 1);
        const written = readSidecar(decoder.decode(faulty.files.get(sidecar.path)));
        const ids = written.sidecar?.annotations.map((a) => a.id) ?? [];
        assert.ok(ids.includes(kept.id) && ids.includes(next[0]!.id), 'both annotations reach the sidecar');
      } finally {
        faulty.files.clear();
        await api.store.reload(sidecar);
        registration.dispose();
      }
    });
  }

  test('a sidecar write that fails when the document is saved also shows an error, and leaves the previous sidecar', async () => {
    const faulty = new FaultyFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider(FaultyFileSystem.SCHEME, faulty, { isCaseSensitive: true });
    const documentUri = faulty.uri(`/on-save/${GOOD_ARTICLE}`);
    const sidecar = sidecarOf(documentUri);
    let document: vscode.TextDocument | undefined;
    try {
      faulty.files.set(documentUri.path, await vscode.workspace.fs.readFile(workspaceUri(GOOD_ARTICLE)));
      const previous = await vscode.workspace.fs.readFile(workspaceUri(`${GOOD_ARTICLE}.annotations.yaml`));
      faulty.files.set(sidecar.path, previous);
      faulty.faulty = (p) => p !== documentUri.path; // the document itself saves fine
      document = await vscode.workspace.openTextDocument(documentUri);
      const editor = await vscode.window.showTextDocument(document);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Updated. '));
      const made = await tag(documentUri, 'bold demands that the United States');
      assert.equal(made?.length, 1, 'tagged; the write waits for the save of the edited document');
      faulty.fault = 'disk-full';
      const from = spy.messages.length;

      assert.equal(await document.save(), true, 'the document is saved');
      const error = await waitFor(() => spy.since(from, 'error')[0], 'an error message about the sidecar write that failed');
      assert.match(error, /^Marginalia: /);
      assert.ok(Buffer.from(faulty.files.get(sidecar.path)!).equals(Buffer.from(previous)), 'the previous sidecar is intact, byte for byte');
      assert.ok(api.store.get(documentUri)?.annotations.some((a) => a.id === made[0]!.id), 'the annotation is kept for the next write');
    } finally {
      faulty.fault = undefined;
      if (document) await api.store.documentSaved(document).catch(() => undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      faulty.files.clear();
      await api.store.reload(sidecar);
      registration.dispose();
    }
  });

  test('text from a sidecar is data: the hover escapes it and can run no command but opening an annotation', async () => {
    const folder = workspaceUri(ROOT, 'trust');
    const documentUri = vscode.Uri.joinPath(folder, 'doc.txt');
    await vscode.workspace.fs.writeFile(documentUri, encoder.encode('The minister spoke.\n'));
    const sidecar = [
      'marginalia: 1',
      'document: doc.txt',
      'annotations:',
      '  - id: 7e57da7a',
      '    label: claim',
      '    start: 0',
      '    end: 12',
      '    text: The minister',
      '    note: "[close](command:workbench.action.closeWindow) <img src=x onerror=alert(1)> $(alert)"',
      '    entity: "[quit](command:workbench.action.quit)"',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(sidecarOf(documentUri), encoder.encode(sidecar));
    const doc = await waitFor(() => (api.store.get(documentUri)?.annotations.length ? api.store.get(documentUri) : undefined), 'the store to read the sidecar');
    const hover = api.hover.describe(doc, doc.annotations[0]!);
    assert.doesNotMatch(hover.value, /\]\(command:workbench/, 'no link to a command written in the sidecar');
    assert.doesNotMatch(hover.value, /(?<!\\)<img/, 'no HTML from the sidecar');
    assert.doesNotMatch(hover.value, /(?<!\\)\$\(alert\)/, 'no icon syntax from the sidecar');
    assert.deepEqual(hover.isTrusted, { enabledCommands: ['marginalia.openAnnotation'] }, 'only the open-annotation command may run from a hover');
    assert.notEqual(hover.supportHtml, true);
  });
});
