/**
 * The workspace index's file system over Node's: each sidecar opened under the workspace rule
 * (`inside.ts`: inside the root through links, a regular file), its size and time taken from the open
 * file and its content read only when the index wants it. One open, one fstat, one read and one close
 * per file, through the thread pool with callbacks: the index parses some files while others are
 * read (docs/performance.md, the cold index).
 */
import type { IndexFileSystem } from '../workspace-index';
import { closeOpened, describeRefusal, insideRoot, openInside, readOpened } from './inside';

/**
 * The index's file system for the sidecars of one workspace root.
 * @param root absolute path of the workspace root; a sidecar outside it (a link out included) is not read
 */
export function nodeIndexFileSystem(root: string): IndexFileSystem {
  const inside = insideRoot(root);
  return {
    async read(file, wanted) {
      const opened = await openInside(file, inside);
      if (opened.refusal) throw new Error(`${file} ${describeRefusal(opened.refusal)}`);
      try {
        return { ...opened.stat, bytes: wanted(opened.stat) ? await readOpened(opened.fd, opened.stat.size) : undefined };
      } finally {
        closeOpened(opened.fd);
      }
    },
  };
}
