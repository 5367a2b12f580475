/**
 * Three-way merge of two versions of a sidecar for git (`marginalia merge-driver`): annotation by
 * annotation, by id. Additions on either side are kept; one side's change wins over the other's
 * no-change, for what an annotation says (via `mergeById`) and for where it lies; an annotation
 * changed differently on both sides, or removed on one side and changed in any way on the other, is a
 * conflict, written with git's conflict markers around both versions of the record, so that
 * `marginalia check` and the editor report it and no record is lost. The records of an id used more
 * than once on any side are merged as one group, compared whole (see `mergeGroup`).
 */
import { duplicatedIds, mergeById, mergeGroup } from './merge';
import type { Annotation, Sidecar } from './model';
import { contentKey } from './sidecar/content-key';
import { writeSidecar } from './sidecar/write';

/** The fields that say where an annotation lies, as opposed to what it says. */
const PLACE_FIELDS = ['start', 'end', 'text', 'prefix', 'suffix', 'status'] as const;

/** An id whose records both sides changed differently (or one removed, the other changed): each side's records of it. */
export interface RecordConflict {
  id: string;
  /** Our records of the id: none when we removed it, more than one when the id is used more than once. */
  ours: Annotation[];
  /** Their records of the id. */
  theirs: Annotation[];
}

/** What merging gave. */
export interface SidecarMerge {
  /** The merged file's text, with conflict blocks when there are conflicts. */
  text: string;
  /** The conflicting records. */
  conflicts: RecordConflict[];
}

const samePlace = (a: Annotation, b: Annotation): boolean => PLACE_FIELDS.every((f) => a[f] === b[f]);

function withPlaceOf(target: Annotation, source: Annotation): Annotation {
  const result: Annotation = { ...target };
  for (const f of PLACE_FIELDS) {
    if (source[f] === undefined) delete result[f];
    else (result as unknown as Record<string, unknown>)[f] = source[f];
  }
  return result;
}

/**
 * Merge our version of a sidecar with theirs.
 * @param base the common ancestor, undefined when the file is new on both sides
 * @param ours our version (git's %A)
 * @param oursSource our version's text, whose untouched records keep their bytes and comments
 * @param theirs their version (git's %B)
 */
export function mergeSidecars(base: Sidecar | undefined, ours: Sidecar, oursSource: string, theirs: Sidecar): SidecarMerge {
  const versions = [base?.annotations ?? [], ours.annotations, theirs.annotations] as const;
  const shared = duplicatedIds(...versions);
  const [baseSingle, oursSingle, theirsSingle] = versions.map((list) => list.filter((a) => !shared.has(a.id))) as [Annotation[], Annotation[], Annotation[]];
  const baseById = new Map(baseSingle.map((a) => [a.id, a]));
  const oursById = new Map(oursSingle.map((a) => [a.id, a]));
  const theirsById = new Map(theirsSingle.map((a) => [a.id, a]));
  const content = mergeById(baseSingle, oursSingle, theirsSingle);
  const conflicted = new Set(content.conflicts);
  for (const b of baseSingle) {
    const o = oursById.get(b.id);
    const t = theirsById.get(b.id);
    // Removed on one side, changed in any way (its place included) on the other: the reviewer decides.
    if ((!o && t && contentKey(t) !== contentKey(b)) || (!t && o && contentKey(o) !== contentKey(b))) conflicted.add(b.id);
  }
  const merged: Annotation[] = [];
  for (const annotation of content.annotations) {
    const o = oursById.get(annotation.id);
    const t = theirsById.get(annotation.id);
    const b = baseById.get(annotation.id);
    if (o && t && !samePlace(o, t)) {
      if (b && samePlace(o, b)) {
        merged.push(withPlaceOf(annotation, t)); // they moved it, we did not
        continue;
      }
      if (!b || !samePlace(t, b)) conflicted.add(annotation.id); // both placed it, differently
    }
    merged.push(annotation);
  }
  const one = (record: Annotation | undefined) => (record ? [record] : []);
  const conflicts: RecordConflict[] = [...conflicted].map((id) => ({ id, ours: one(oursById.get(id)), theirs: one(theirsById.get(id)) }));
  const clean = merged.filter((a) => !conflicted.has(a.id));
  for (const id of shared) {
    const group = (list: readonly Annotation[]) => list.filter((a) => a.id === id);
    const [b, o, t] = versions.map(group) as [Annotation[], Annotation[], Annotation[]];
    const outcome = mergeGroup(b, o, t, contentKey);
    if (outcome === 'conflict') conflicts.push({ id, ours: o, theirs: t });
    else clean.push(...(outcome === 'ours' ? o : t));
  }
  conflicts.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const document = ours.document === base?.document ? theirs.document : ours.document;
  const text = writeSidecar({ ...ours, document, annotations: clean }, oursSource) + conflicts.map(conflictBlock).join('');
  return { text, conflicts };
}

/** The lines of one record as the sidecar writer lays it out. */
function recordLines(annotation: Annotation): string {
  const written = writeSidecar({ version: 1, document: 'x', annotations: [annotation] });
  return written.slice(written.indexOf('\n  - ') + 1);
}

function conflictBlock(conflict: RecordConflict): string {
  return (
    `<<<<<<< ours (annotation ${conflict.id})\n` +
    conflict.ours.map(recordLines).join('') +
    '=======\n' +
    conflict.theirs.map(recordLines).join('') +
    `>>>>>>> theirs (annotation ${conflict.id})\n`
  );
}

/**
 * The whole-file conflict written when a version cannot be read as a sidecar: both texts, between
 * git's markers, so that nothing is lost and the reader reports the conflict.
 * @param oursText our file's text
 * @param theirsText their file's text
 */
export function wholeFileConflict(oursText: string, theirsText: string): string {
  const withNewline = (s: string) => (s === '' || s.endsWith('\n') ? s : s + '\n');
  return `<<<<<<< ours\n${withNewline(oursText)}=======\n${withNewline(theirsText)}>>>>>>> theirs\n`;
}
