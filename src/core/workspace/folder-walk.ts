/**
 * Finding files by listing folders, for file systems that offer no file search (a virtual workspace
 * in the browser may not): breadth-first from the workspace folders, several folders listed at once,
 * `node_modules` and `.git` not entered, and at most a given number of entries looked at, so a huge
 * tree costs a bounded time and says it was cut short instead of passing for complete. Pure: the
 * listing is a port.
 */

/** What a folder holds: names, and whether each is a folder. */
export type FolderListing = readonly (readonly [name: string, isFolder: boolean])[];

/** How to list folders and name what is in them. */
export interface FolderPort<L> {
  /**
   * The entries of a folder; an empty list when it cannot be listed (gone meanwhile, refused).
   * @param folder the folder
   */
  list(folder: L): Promise<FolderListing>;
  /**
   * An entry of a folder.
   * @param folder the folder
   * @param name the entry's name
   */
  child(folder: L, name: string): L;
}

/** What a walk found. */
export interface FolderWalk<L, K> {
  /** The entries wanted, each with its kind, in the order they were met. */
  readonly found: (readonly [entry: L, kind: K])[];
  /** How many entries were looked at. */
  readonly entries: number;
  /** False when the limit stopped the walk: entries deeper or later were not looked at. */
  readonly complete: boolean;
}

/** Folders whose files are not the workspace's own: listed by their parent, never entered. */
const NOT_ENTERED = new Set(['node_modules', '.git']);

/** How many folders are listed at once (each listing may be a request to a remote file system). */
const PARALLEL_LISTINGS = 8;

/**
 * Walk folders breadth-first and collect the entries wanted.
 * @param roots the folders to walk
 * @param port how to list a folder
 * @param kindOf what kind of entry wanted this is, undefined when none (folders too: a `.git` folder marks a repository root)
 * @param maxEntries at most this many entries are looked at
 */
export async function walkFolders<L, K>(
  roots: readonly L[],
  port: FolderPort<L>,
  kindOf: (name: string, isFolder: boolean) => K | undefined,
  maxEntries: number,
): Promise<FolderWalk<L, K>> {
  const found: (readonly [L, K])[] = [];
  let entries = 0;
  let complete = true;
  let level: L[] = [...roots];
  while (level.length > 0 && complete) {
    const next: L[] = [];
    for (let i = 0; i < level.length && complete; i += PARALLEL_LISTINGS) {
      const batch = level.slice(i, i + PARALLEL_LISTINGS);
      const listings = await Promise.all(batch.map((folder) => port.list(folder)));
      listings.forEach((listing, j) => {
        for (const [name, isFolder] of listing) {
          if (entries === maxEntries) {
            complete = false;
            return;
          }
          entries++;
          const entry = port.child(batch[j]!, name);
          const kind = kindOf(name, isFolder);
          if (kind !== undefined) found.push([entry, kind]);
          if (isFolder && !NOT_ENTERED.has(name)) next.push(entry);
        }
      });
    }
    level = next;
  }
  return { found, entries, complete };
}
