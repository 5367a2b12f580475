/**
 * The workspace index's file system over Node's: each sidecar opened under the workspace rule
 * (`inside.ts`: inside the root through links, a regular file), its size and time taken from the open
 * file and its content read only when the index wants it. The open and the read go through the thread
 * pool, so the index parses some files while others are read; the fstat and the close, which wait for
 * nothing, are made at once on this thread: each trip through the pool costs more than they do
 * (docs/performance.md, the cold index).
 */
import { closeSync } from 'node:fs';
import type { IndexFileSystem } from '../workspace-index';
import { describeRefusal, insideRoot, openInside, readOpened } from './inside';

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
        closeSync(opened.fd);
      }
    },
  };
}
