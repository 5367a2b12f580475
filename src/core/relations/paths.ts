/**
 * The `document:` of a relation: the target's document as a path relative to the folder of the
 * source's document, with `/` separators. Documents are named by '/'-separated paths relative to one
 * root (a workspace folder); nothing here touches the file system. Pure.
 */

/**
 * The document a relation's `document:` names, as a path from the root, or undefined when it cannot
 * name one: absolute, with a backslash or a drive letter, or climbing above the root with `..`.
 * @param fromDocument the source's document, relative to the root
 * @param document the relation's `document:` value
 */
export function resolveDocumentPath(fromDocument: string, document: string): string | undefined {
  if (document.startsWith('/') || document.includes('\\') || /^[A-Za-z]:/.test(document)) return undefined;
  const parts = fromDocument.split('/').slice(0, -1);
  for (const part of document.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.length === 0) return undefined;
    else parts.pop();
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

/**
 * The `document:` a relation from one document to another is written with: the target's path relative
 * to the source's folder (`../2022/b.txt`), or undefined for the same document.
 * @param fromDocument the source's document, relative to the root
 * @param toDocument the target's document, relative to the root
 */
export function relativeDocumentPath(fromDocument: string, toDocument: string): string | undefined {
  if (fromDocument === toDocument) return undefined;
  const from = fromDocument.split('/').slice(0, -1);
  const to = toDocument.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
