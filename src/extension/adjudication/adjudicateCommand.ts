/**
 * "Marginalia: Adjudicate Two Versions…": what `marginalia adjudicate A B --into DIR` does, from the
 * editor. A and B are picked among the repository's branches and tags (or as folders), DIR is the
 * workspace folder or a folder inside the workspace; the versions are read as the CLI reads them
 * (`cli/versions.ts`), adjudicated by the core and written by the core's writer, with the CLI's
 * refusals, and a sidecar already in DIR is replaced only when the user says so.
 */
import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { adjudicate } from '../../core/agreement/adjudicate';
import { existingSidecars, overlapRefusal, writeAdjudicated } from '../../core/agreement/write-adjudication';
import { WriteFailedError } from '../../core/io/atomic-write';
import type { Git } from '../../core/io/git';
import { isWithin } from '../../core/io/inside';
import { sidecarPathFor } from '../../core/paths';
import { comparableDocuments, describeUnreadable, readVersion, type Version } from '../../core/io/versions';
import type { AnnotationStore } from '../annotationStore';
import { configuredGit } from '../configuredGit';
import { askUser } from '../notify';
import { FOCUS_DISPUTES_VIEW_COMMAND } from './disputeTree';

/** What the command is given by tests; without them, it asks. */
export interface AdjudicateArgs {
  /** Version A: a git revision or a folder (absolute, or relative to the workspace folder). */
  a?: string;
  /** Version B, the same way. */
  b?: string;
  /** The folder to write into (default: ask; the workspace folder is offered first). */
  into?: vscode.Uri | string;
  /** Replace sidecars already in the folder without asking (default: ask). */
  replace?: boolean;
}

/** What the command did. */
export interface AdjudicateOutcome {
  /** The folder written into. */
  into: vscode.Uri;
  /** Documents adjudicated and written, relative to it. */
  written: string[];
  /** Documents not adjudicated or not written, with why. */
  leftOut: string[];
  /** Disputed records written. */
  disputed: number;
}

/**
 * Adjudicate two versions into a folder of the workspace.
 * @param store the annotations (told about the sidecars written, and asked whether any waits for a save)
 * @param args what tests give instead of answering pickers
 * @returns what it did, or undefined when the user cancelled
 * @throws Error for what the CLI refuses (a folder overlapping a version read, a folder outside the workspace)
 */
export async function adjudicateVersions(store: AnnotationStore, args: AdjudicateArgs = {}): Promise<AdjudicateOutcome | undefined> {
  const workspace = await pickWorkspaceFolder();
  if (!workspace) return undefined;
  const cwd = workspace.uri.fsPath;
  const git = configuredGit();
  const nameA = args.a ?? (await pickVersion(git, cwd, 'A, the first annotator\'s version'));
  if (nameA === undefined) return undefined;
  const nameB = args.b ?? (await pickVersion(git, cwd, 'B, the second annotator\'s version', nameA));
  if (nameB === undefined) return undefined;
  const into = args.into !== undefined ? toFolder(args.into, cwd) : await pickTarget(workspace);
  if (into === undefined) return undefined;
  await refuseOutsideWorkspace(into);
  const [a, b] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Marginalia: reading the two versions' }, () =>
    Promise.all([readSide(git, nameA, cwd), readSide(git, nameB, cwd)]),
  );
  const overlap = await overlapRefusal(into, [a, b].flatMap((v, i) => (v.isRevision ? [] : [{ root: v.root, name: [nameA, nameB][i]! }])));
  if (overlap !== undefined) throw new Error(overlap);
  // What the sidecars will say of who marked what: never a path of this machine outside the workspace.
  const names = { a: sideName(nameA, a, cwd), b: sideName(nameB, b, cwd) };
  const [documentsA, documentsB] = comparableDocuments([a, b]) as [Version['documents'], Version['documents']];
  const result = adjudicate(documentsA, documentsB, names);
  const existing = existingSidecars(into, result.adjudicated);
  const waiting = existing.filter((sidecar) => store.getBySidecar(vscode.Uri.file(path.join(into, ...sidecar.split('/'))))?.unwritten);
  if (waiting.length > 0) throw new Error(`${waiting.join(', ')} ha${waiting.length === 1 ? 's' : 've'} annotation changes waiting for their document's save; save or revert first`);
  if (existing.length > 0 && args.replace !== true) {
    const REPLACE = 'Replace';
    const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ', …' : '');
    const choice = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(into)} already holds ${existing.length === 1 ? 'a sidecar' : `${existing.length} sidecars`} that adjudication would replace: ${shown}. Their annotations are lost unless git keeps them.`,
      { modal: true },
      REPLACE,
    );
    if (choice !== REPLACE) return undefined;
  }
  // Its nearest existing folder is inside the workspace (checked above), so the folders made are too.
  mkdirSync(into, { recursive: true });
  const outcome: AdjudicateOutcome = { into: vscode.Uri.file(into), written: [], leftOut: [...a.unreadable, ...b.unreadable].map((f) => `${describeUnreadable(f)}: cannot be read`), disputed: 0 };
  for (const document of result.adjudicated) {
    const problem = await writeAdjudicated(into, document, undefined, existing.includes(sidecarPathFor(document.document))).catch((error: unknown) => {
      if (error instanceof WriteFailedError) return error.message;
      throw error;
    });
    if (problem !== undefined) {
      outcome.leftOut.push(`${document.document}: ${problem}`);
      continue;
    }
    outcome.written.push(document.document);
    outcome.disputed += document.disputed;
    await store.reload(vscode.Uri.file(path.join(into, ...sidecarPathFor(document.document).split('/'))));
  }
  const left = (documents: readonly string[], why: string): void => void outcome.leftOut.push(...documents.map((d) => `${d}: ${why}`));
  left(result.onlyInA, `annotated in ${names.a} only`);
  left(result.onlyInB, `annotated in ${names.b} only`);
  left(result.textDiffers, 'its text differs between the two versions');
  left(result.textMissing, 'its text could not be read in both versions');
  report(outcome, result.adjudicated.filter((d) => outcome.written.includes(d.document) && d.disputed === 0).length);
  return outcome;
}

/**
 * Read one side. A git revision is read only under the workspace folder, its paths made relative to
 * that folder as a folder side's are to the folder: the documents land where they are in the workspace
 * even when the repository's root lies above it.
 */
async function readSide(git: Git, name: string, cwd: string): Promise<Version> {
  const isFolder = await fs.stat(path.resolve(cwd, name)).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isFolder) return readVersion(name, [], cwd, { texts: true, git });
  const version = await readVersion(name, [cwd], cwd, { texts: true, git });
  const prefix = path.relative(version.root, cwd).split(path.sep).join('/');
  if (prefix === '') return version;
  const under = (file: string): string | undefined => (file.startsWith(`${prefix}/`) ? file.slice(prefix.length + 1) : undefined);
  const documents = version.documents.flatMap((d) => {
    const document = under(d.document);
    const sidecar = under(d.sidecar);
    return document !== undefined && sidecar !== undefined ? [{ ...d, document, sidecar }] : [];
  });
  const unreadable = version.unreadable.flatMap((u) => {
    const sidecar = under(u.sidecar);
    return sidecar !== undefined ? [{ ...u, sidecar }] : [];
  });
  return { ...version, documents, unreadable };
}

/** Say what was written and what was left out, with a way to the disputes. */
function report(outcome: AdjudicateOutcome, settled: number): void {
  const n = outcome.written.length;
  const where = vscode.workspace.asRelativePath(outcome.into);
  const leftOut = outcome.leftOut.length === 0 ? '' : ` Not adjudicated: ${outcome.leftOut.slice(0, 5).join('; ')}${outcome.leftOut.length > 5 ? '; …' : ''}.`;
  const SHOW = 'Show Disputes';
  void askUser(
    outcome.leftOut.length > 0 ? 'warning' : 'info',
    `adjudicated ${n} document${n === 1 ? '' : 's'} into ${where}: ${settled} settled, ${n - settled} with disputes (${outcome.disputed} disputed record${outcome.disputed === 1 ? '' : 's'}).${leftOut}`,
    ...(outcome.disputed > 0 ? [SHOW] : []),
  ).then((choice) => (choice === SHOW ? vscode.commands.executeCommand(FOCUS_DISPUTES_VIEW_COMMAND) : undefined));
}

/** The workspace folder to work in: the only one, or the one picked. */
async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) throw new Error('adjudicating needs a workspace folder on this machine\'s disk');
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The workspace folder whose repository holds the two versions' });
}

/** A version picked among the repository's branches and tags, or a folder. */
async function pickVersion(git: Git, cwd: string, which: string, other?: string): Promise<string | undefined> {
  const FOLDER = '$(folder) A folder…';
  const refs = (await gitRefs(git, cwd)).filter((ref) => ref !== other);
  const picked = await vscode.window.showQuickPick([...refs.map((ref) => ({ label: ref, description: 'git' })), { label: FOLDER, description: 'a folder of documents and sidecars' }], {
    title: 'Adjudicate Two Versions',
    placeHolder: `Version ${which}: a branch or tag, or a folder`,
  });
  if (!picked) return undefined;
  if (picked.label !== FOLDER) return picked.label;
  const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: `Version ${which.split(',')[0]}` });
  return folder?.[0]?.fsPath;
}

/** Where to write: the workspace folder, or a folder inside the workspace. */
async function pickTarget(workspace: vscode.WorkspaceFolder): Promise<string | undefined> {
  const HERE = `$(root-folder) ${workspace.name}`;
  const picked = await vscode.window.showQuickPick([{ label: HERE, description: 'this workspace folder' }, { label: '$(folder) Another folder…', description: 'inside the workspace' }], {
    title: 'Adjudicate Two Versions',
    placeHolder: 'Write the adjudicated sidecars into',
  });
  if (!picked) return undefined;
  if (picked.label === HERE) return workspace.uri.fsPath;
  const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: workspace.uri, openLabel: 'Write Here' });
  return folder?.[0]?.fsPath;
}

/**
 * How a side is named in the disputes (`dispute.by`): a revision as given; a folder by its path
 * relative to the workspace folder when inside it, else by its own name.
 */
function sideName(given: string, version: Version, cwd: string): string {
  if (version.isRevision) return given;
  const relative = path.relative(cwd, version.root);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : path.basename(version.root);
}

/** The folder a test names, absolute. */
function toFolder(into: vscode.Uri | string, cwd: string): string {
  return into instanceof vscode.Uri ? into.fsPath : path.resolve(cwd, into);
}

/** Refuse a folder that is not inside a workspace folder, through links included (the nearest existing folder counts). */
async function refuseOutsideWorkspace(dir: string): Promise<void> {
  let existing = dir;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = await fs.realpath(existing);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const root = await fs.realpath(folder.uri.fsPath).catch(() => folder.uri.fsPath);
    if (isWithin(root, real) && isWithin(folder.uri.fsPath, path.resolve(dir))) return;
  }
  throw new Error(`${dir} is not inside the workspace (through links included): adjudicate into a folder of the workspace`);
}

/** The repository's branches, remote branches and tags, the current branch first; none outside a repository. */
function gitRefs(git: Git, cwd: string): Promise<string[]> {
  return git.run(['for-each-ref', '--sort=-HEAD', '--format=%(refname:short)', 'refs/heads', 'refs/remotes', 'refs/tags'], cwd).then(
    (stdout) => stdout.split('\n').filter((ref) => ref !== '' && !ref.endsWith('/HEAD')),
    () => [],
  );
}
