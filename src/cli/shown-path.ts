import * as path from 'node:path';

/**
 * A file as the CLI names it in what it prints: relative to the working folder, with `/` on every
 * platform; a file that is the working folder itself keeps its own path.
 * @param cwd the working folder
 * @param file an absolute path
 */
export function shownPath(cwd: string, file: string): string {
  return (path.relative(cwd, file) || file).split(path.sep).join('/');
}
