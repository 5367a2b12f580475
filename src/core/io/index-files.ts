/**
 * The workspace index's file system over Node's: each sidecar opened under the workspace rule
 * (`inside.ts`: inside the root through links, a regular file), its size and time taken from the open
 * file and its content read only when the index wants it, synchronously. The index reads thousands of
 * small files, each of them a CPU-bound parse after a read from the page cache: a promise round trip
 * through the thread pool for each of stat, open, fstat, read and close cost more than the reads
 * themselves (docs/performance.md, the cold index).
 */
import { closeSync } from 'node:fs';
import type { IndexFileSystem } from '../workspace-index';
import { describeRefusal, insideRoot, openInsideSync, readOpenFile } from './inside';

/**
 * The index's file system for the sidecars of one workspace root.
 * @param root absolute path of the workspace root; a sidecar outside it (a link out included) is not read
 */
export function nodeIndexFileSystem(root: string): IndexFileSystem {
  const inside = insideRoot(root);
  return {
    read(file, wanted) {
      const opened = openInsideSync(file, inside);
      if (opened.refusal) throw new Error(`${file} ${describeRefusal(opened.refusal)}`);
      try {
        return { ...opened.stat, bytes: wanted(opened.stat) ? readOpenFile(opened.fd, opened.stat.size) : undefined };
      } finally {
        closeSync(opened.fd);
      }
    },
  };
}
