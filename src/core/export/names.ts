/**
 * File names inside an export folder (brat's `.txt`/`.ann` pairs, the CSV's document texts). They
 * follow the documents' paths, but a folder export must never write outside its folder, so paths
 * that climb out of the working folder are re-rooted at the documents' common folder.
 */

/**
 * Relative file paths, one per source, that stay inside the export folder.
 * @param sources the documents' paths relative to the working folder, `/` separators
 * @returns a path per source, in the same order, with no `..` segment and no leading `/`
 */
export function folderPaths(sources: readonly string[]): string[] {
  const split = sources.map((s) => s.split('/').filter((part) => part !== '' && part !== '.'));
  const climbs = split.some((parts) => parts[0] === '..') || sources.some((s) => s.startsWith('/') || /^[A-Za-z]:/.test(s));
  if (!climbs) return split.map((parts) => parts.join('/'));
  const common = commonFolderLength(split);
  return split.map((parts) =>
    parts
      .slice(common)
      .map((part) => (part === '..' ? '__' : part.replace(/:/g, '_')))
      .join('/'),
  );
}

/** How many leading folder segments every path shares (never the file name itself). */
function commonFolderLength(paths: readonly string[][]): number {
  const [first, ...rest] = paths;
  if (!first) return 0;
  let length = 0;
  while (length < first.length - 1 && rest.every((parts) => length < parts.length - 1 && parts[length] === first[length])) {
    length++;
  }
  return length;
}
