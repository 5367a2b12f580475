/**
 * `.marginaliaignore`: folders and files the CLI's searches for sidecars leave out (test fixtures,
 * vendored corpora), with the pattern language of `.gitignore`. A file applies to its own folder and
 * everything below it; the last pattern that matches a path decides; a folder left out is not entered,
 * so nothing below it can be taken back with `!`.
 */

/** The name of the ignore file. */
export const IGNORE_FILE = '.marginaliaignore';

/** One pattern line of an ignore file. */
interface IgnorePattern {
  /** Matches a path relative to the ignore file's folder, `/`-separated. */
  regex: RegExp;
  /** `!pattern`: takes a path back in. */
  negated: boolean;
  /** `pattern/`: matches folders only. */
  foldersOnly: boolean;
}

/** The patterns of one ignore file. */
export interface IgnoreFile {
  /** The folder holding it, `/`-separated and relative to the search's root; '' for the root itself. */
  folder: string;
  patterns: IgnorePattern[];
}

/**
 * Parse an ignore file: one pattern a line; blank lines and lines starting with `#` are skipped;
 * `!` negates; a trailing `/` matches folders only; a pattern with a `/` elsewhere is anchored to the
 * file's folder, one without matches a name at any depth; `*`, `?`, `[…]` and `**` as in `.gitignore`.
 * @param folder the folder holding the file, relative to the search's root ('' for the root)
 * @param content the file's text
 */
export function parseIgnoreFile(folder: string, content: string): IgnoreFile {
  const patterns: IgnorePattern[] = [];
  for (const rawLine of content.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    else if (line.startsWith('\\')) line = line.slice(1);
    const foldersOnly = line.endsWith('/');
    if (foldersOnly) line = line.slice(0, -1);
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    if (line === '') continue;
    const body = globToRegex(line);
    patterns.push({ regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`, 'u'), negated, foldersOnly });
  }
  return { folder, patterns };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        // `**/` any folders (none included), `/**` everything below.
        if (i + 2 === glob.length) out += '.*';
        else {
          out += '(?:.*/)?';
          i++;
        }
        i++;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        const inside = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${inside}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]!);
    else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** The ignore files of a search, asked whether a path is left out. */
export class IgnoreRules {
  private readonly files: IgnoreFile[] = [];

  /** @param files ignore files, any order */
  constructor(files: readonly IgnoreFile[] = []) {
    for (const file of files) this.add(file);
  }

  /** Take in one more ignore file (found while walking a folder). */
  add(file: IgnoreFile): void {
    this.files.push(file);
    // Shallow folders first: a deeper file's patterns come later and so override.
    this.files.sort((a, b) => depth(a.folder) - depth(b.folder));
  }

  /**
   * Whether a path is left out: it, or a folder on the way to it below `from`, matches.
   * @param relativePath `/`-separated, relative to the search's root
   * @param isFolder whether the path is a folder
   * @param from a folder the user named (relative to the root): it and the folders above it are
   *   searched however they match, since naming a folder asks for it
   */
  ignores(relativePath: string, isFolder: boolean, from = ''): boolean {
    const parts = relativePath.split('/');
    const first = from === '' ? 1 : from.split('/').length + 1;
    for (let n = first; n <= parts.length; n++) {
      if (this.matches(parts.slice(0, n).join('/'), n < parts.length || isFolder)) return true;
    }
    return false;
  }

  private matches(relativePath: string, isFolder: boolean): boolean {
    let ignored = false;
    for (const file of this.files) {
      const prefix = file.folder === '' ? '' : file.folder + '/';
      if (!relativePath.startsWith(prefix) || relativePath === file.folder) continue;
      const inside = relativePath.slice(prefix.length);
      for (const pattern of file.patterns) {
        if ((!pattern.foldersOnly || isFolder) && pattern.regex.test(inside)) ignored = !pattern.negated;
      }
    }
    return ignored;
  }
}

function depth(folder: string): number {
  return folder === '' ? 0 : folder.split('/').length;
}
