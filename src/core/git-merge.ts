/**
 * Three-way merge of two versions of a sidecar for git (`marginalia merge-driver`): annotation by
 * annotation, by id. Additions on either side are kept; one side's change wins over the other's
 * no-change, for what an annotation says (via `mergeById`) and for where it lies; an annotation
 * changed differently on both sides is a conflict, written with git's conflict markers around both
 * versions of the record, so that `marginalia check` and the editor report it and no record is lost.
 */
import { mergeById } from './merge';
import type { Annotation, Sidecar } from './model';
import { writeSidecar } from './sidecar/write';

/** The fields that say where an annotation lies, as opposed to what it says. */
const PLACE_FIELDS = ['start', 'end', 'text', 'prefix', 'suffix', 'status'] as const;

/** A record both sides changed differently: both versions, one of them absent when that side removed it. */
export interface RecordConflict {
  id: string;
  ours: Annotation | undefined;
  theirs: Annotation | undefined;
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
  const baseById = new Map((base?.annotations ?? []).map((a) => [a.id, a]));
  const oursById = new Map(ours.annotations.map((a) => [a.id, a]));
  const theirsById = new Map(theirs.annotations.map((a) => [a.id, a]));
  const content = mergeById(base?.annotations ?? [], ours.annotations, theirs.annotations);
  const conflicted = new Set(content.conflicts);
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
  const conflicts = [...conflicted].sort().map((id) => ({ id, ours: oursById.get(id), theirs: theirsById.get(id) }));
  const document = ours.document === base?.document ? theirs.document : ours.document;
  const clean: Sidecar = { ...ours, document, annotations: merged.filter((a) => !conflicted.has(a.id)) };
  const text = writeSidecar(clean, oursSource) + conflicts.map(conflictBlock).join('');
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
    (conflict.ours ? recordLines(conflict.ours) : '') +
    '=======\n' +
    (conflict.theirs ? recordLines(conflict.theirs) : '') +
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
