/**
 * Finding the workspace's sidecars, label configurations and repository roots. VS Code's file search
 * is fast and honours `files.exclude`, but a virtual file system may offer none (it then finds
 * nothing, and Marginalia would show no annotation at all). So a folder the host does not reach
 * itself, in which the search finds no file at all, is walked by listing its folders instead
 * (`core/workspace/folder-walk.ts`), up to a bound. Where the search works the walk is not made: on
 * 5,000 files in the web worker host it takes some 500 ms where the search takes 35 ms. Searches made
 * at the same time share one walk. A walk cut short says so.
 */
import * as vscode from 'vscode';
import { LABEL_CONFIG_FILE } from '../core/config';
import { isSidecarPath } from '../core/paths';
import { walkFolders, type FolderPort, type FolderWalk } from '../core/workspace/folder-walk';
import { notifyUser } from './notify';
import { isReachedLocally } from './sidecarFiles';

/** At most this many entries are listed per walk (a repository of 20,000 files and folders is walked in full). */
const MAX_WALKED_ENTRIES = 20_000;

/** What can be looked for: VS Code's file search pattern, and the same as a test of a folder's entry. */
const KINDS = {
  sidecars: { glob: '**/*.annotations.yaml', is: (name: string, isFolder: boolean) => !isFolder && isSidecarPath(name) },
  labelConfigs: { glob: `**/${LABEL_CONFIG_FILE}`, is: (name: string, isFolder: boolean) => !isFolder && name === LABEL_CONFIG_FILE },
  // `.git/HEAD` in a repository, a `.git` file in a submodule or a linked worktree; a walk finds the `.git` itself
  repositoryMarks: { glob: '**/.git{,/HEAD}', is: (name: string) => name === '.git' },
} as const;

/** A kind of file looked for. */
export type WorkspaceFileKind = keyof typeof KINDS;

/** The kind of a folder's entry, if it is one looked for. */
function kindOf(name: string, isFolder: boolean): WorkspaceFileKind | undefined {
  return (Object.keys(KINDS) as WorkspaceFileKind[]).find((kind) => KINDS[kind].is(name, isFolder));
}

/** Folders of `workspace.fs`, as the walk's port. */
const workspaceFolders: FolderPort<vscode.Uri> = {
  list: (folder) =>
    Promise.resolve(vscode.workspace.fs.readDirectory(folder)).then(
      (entries) => entries.map(([name, type]) => [name, (type & vscode.FileType.Directory) !== 0] as const),
      () => [],
    ),
  child: (folder, name) => vscode.Uri.joinPath(folder, name),
};

/** The walk under way, shared by the searches that start meanwhile. */
let walking: Promise<FolderWalk<vscode.Uri, WorkspaceFileKind>> | undefined;

/** Folder names whose walk was cut short and the user told, so that each is told once. */
const toldCutShort = new Set<string>();

/**
 * The workspace's files of a kind.
 * @param kind what to look for
 * @returns the files, each once
 */
export async function findWorkspaceFiles(kind: WorkspaceFileKind): Promise<vscode.Uri[]> {
  const [searched, walk] = await Promise.all([searchFiles(KINDS[kind].glob), walkOnce()]);
  const byKey = new Map<string, vscode.Uri>();
  for (const uri of searched) byKey.set(uri.toString(), uri);
  for (const [uri, found] of walk.found) if (found === kind) byKey.set(uri.toString(), uri);
  return [...byKey.values()];
}

/**
 * VS Code's file search, `node_modules` left out; nothing where it fails.
 * @param include what to look for
 * @param maxResults at most this many
 */
function searchFiles(include: vscode.GlobPattern, maxResults?: number): Promise<vscode.Uri[]> {
  return Promise.resolve(vscode.workspace.findFiles(include, '**/node_modules/**', maxResults)).then(undefined, () => []);
}

/** Walk the folders that need it (not reached by the host itself, not searchable), or join the walk under way. */
function walkOnce(): Promise<FolderWalk<vscode.Uri, WorkspaceFileKind>> {
  walking ??= walkWorkspace().finally(() => (walking = undefined));
  return walking;
}

async function walkWorkspace(): Promise<FolderWalk<vscode.Uri, WorkspaceFileKind>> {
  const candidates = (vscode.workspace.workspaceFolders ?? []).filter((folder) => !isReachedLocally(folder.uri));
  const searchable = await Promise.all(candidates.map(async (folder) => (await searchFiles(new vscode.RelativePattern(folder, '**/*'), 1)).length > 0));
  const folders = candidates.filter((_, i) => !searchable[i]);
  const walk = await walkFolders(
    folders.map((folder) => folder.uri),
    workspaceFolders,
    kindOf,
    MAX_WALKED_ENTRIES,
  );
  const names = folders.map((folder) => folder.name).join(', ');
  if (!walk.complete && !toldCutShort.has(names)) {
    toldCutShort.add(names);
    notifyUser(
      'warning',
      `VS Code's file search finds nothing in ${names}, and it holds more than ${MAX_WALKED_ENTRIES.toLocaleString('en')} files and folders: only those were looked through for sidecars. Annotations of other documents may not show.`,
    );
  }
  return walk;
}
