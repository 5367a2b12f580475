/**
 * What changed in the annotations between two versions of a set of sidecars (two git revisions,
 * two folders), and its Markdown summary for a pull-request comment. Pure: the caller reads the
 * sidecars. Annotations are matched by document and id: an id present on one side only was added or
 * removed; one present on both may have been relabelled, re-anchored (its offsets moved),
 * text-changed, orphaned, or edited (note, entity, attributes).
 *
 * An id that more than one record of a document uses (a hand merge, a copy-paste) says nothing about
 * which record became which, so its records are never paired by id: records identical on both sides
 * are unchanged, what is left on one side only was added or removed, and what is left on both sides
 * is listed as ambiguous. Such ids are reported either way.
 */
import { contextOf } from './diff-context';
import type { Annotation } from './model';
import { contentKey } from './sidecar/content-key';
import { markdownCode as code } from './markdown-escape';
import { compareStrings } from './order';
import { OffsetIndex } from './text';

/** The annotations of one document in one version. */
export interface SidecarSnapshot {
  /** The document's path relative to the root compared (repository or folder), `/` separators. */
  document: string;
  /** Its annotations. */
  annotations: readonly Annotation[];
  /** The document's normalised text in this version, when it was read: the summary quotes words around each change from it. */
  text?: string;
}

/** One annotation on both sides. */
export interface ChangedAnnotation {
  before: Annotation;
  after: Annotation;
}

/** The changes of one document. */
export interface DocumentDiff {
  document: string;
  added: Annotation[];
  removed: Annotation[];
  relabelled: ChangedAnnotation[];
  /** Offsets changed (re-anchored). */
  moved: ChangedAnnotation[];
  /** The annotated text changed. */
  textChanged: ChangedAnnotation[];
  /** Became orphaned. */
  orphaned: ChangedAnnotation[];
  /** Note, entity or attributes changed. */
  edited: ChangedAnnotation[];
  /** Records of an id used more than once that could not be paired: changed somehow, but which into which is unknown. */
  ambiguous: AmbiguousRecords[];
}

/** The records of one id, used more than once, left unpaired on both sides. */
export interface AmbiguousRecords {
  id: string;
  before: Annotation[];
  after: Annotation[];
}

/** Ids used by more than one record of a document, on either side. */
export interface DuplicateIds {
  document: string;
  /** The ids, sorted. */
  ids: string[];
}

/** Counts for one label. */
export interface LabelTotals {
  label: string;
  /** Annotations of the label before and after. */
  before: number;
  after: number;
  added: number;
  removed: number;
  /** Relabelled to this label. */
  relabelled: number;
  moved: number;
  textChanged: number;
  orphaned: number;
  edited: number;
}

/** The whole comparison. */
export interface AnnotationDiff {
  /** Documents with at least one change, sorted by path. */
  documents: DocumentDiff[];
  /** Per label, sorted by label; only labels that occur on either side. */
  totals: LabelTotals[];
  /** Documents with ids used more than once, sorted by path: their records are compared by content, not by id. */
  duplicates: DuplicateIds[];
}

/** The change kinds in the order the summary lists them, with their headings. */
const KINDS = [
  ['added', 'Added'],
  ['removed', 'Removed'],
  ['relabelled', 'Relabelled'],
  ['moved', 'Re-anchored'],
  ['textChanged', 'Text changed'],
  ['orphaned', 'Orphaned'],
  ['edited', 'Edited'],
  ['ambiguous', 'Ambiguous'],
] as const;

/** How many characters of a text the summary quotes. */
const QUOTE_LENGTH = 100;

/**
 * Compare two versions of a set of sidecars.
 * @param before the old version's documents
 * @param after the new version's documents
 */
export function diffAnnotations(before: readonly SidecarSnapshot[], after: readonly SidecarSnapshot[]): AnnotationDiff {
  const old = new Map(before.map((s) => [s.document, s.annotations]));
  const now = new Map(after.map((s) => [s.document, s.annotations]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort(compareStrings);
  const documents: DocumentDiff[] = [];
  const duplicates: DuplicateIds[] = [];
  for (const path of paths) {
    const [d, duplicateIds] = diffDocument(path, old.get(path) ?? [], now.get(path) ?? []);
    if (KINDS.some(([kind]) => d[kind].length > 0)) documents.push(d);
    if (duplicateIds.length > 0) duplicates.push({ document: path, ids: duplicateIds });
  }
  return { documents, totals: totals(before, after, documents), duplicates };
}

/** The changes of one document, and the ids its records use more than once on either side. */
function diffDocument(document: string, before: readonly Annotation[], after: readonly Annotation[]): [DocumentDiff, string[]] {
  const d: DocumentDiff = { document, added: [], removed: [], relabelled: [], moved: [], textChanged: [], orphaned: [], edited: [], ambiguous: [] };
  const old = groupById(before);
  const now = groupById(after);
  const duplicateIds: string[] = [];
  for (const [id, records] of now) {
    const previous = old.get(id) ?? [];
    if (records.length === 1 && previous.length === 1) classify(d, { before: previous[0]!, after: records[0]! });
    else if (previous.length === 0) d.added.push(...records);
    else {
      duplicateIds.push(id);
      diffDuplicates(d, id, previous, records);
    }
  }
  for (const [id, records] of old) {
    if (now.has(id)) continue;
    d.removed.push(...records);
    if (records.length > 1) duplicateIds.push(id);
  }
  for (const [id, records] of now) if (records.length > 1 && !old.has(id)) duplicateIds.push(id);
  for (const kind of KINDS) {
    const list = d[kind[0]] as (Annotation | ChangedAnnotation | AmbiguousRecords)[];
    list.sort((x, y) => compareByPlace(firstOf(x), firstOf(y)));
  }
  return [d, duplicateIds.sort(compareStrings)];
}

/** Records by id, in the order given. */
function groupById(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const groups = new Map<string, Annotation[]>();
  for (const a of annotations) {
    const group = groups.get(a.id);
    if (group) group.push(a);
    else groups.set(a.id, [a]);
  }
  return groups;
}

/** Record the changes of one pair of records that are the same annotation. */
function classify(d: DocumentDiff, pair: ChangedAnnotation): void {
  const { before: b, after: a } = pair;
  if (b.label !== a.label) d.relabelled.push(pair);
  if (b.start !== a.start || b.end !== a.end) d.moved.push(pair);
  if (b.text !== a.text) d.textChanged.push(pair);
  if (a.status === 'orphaned' && b.status !== 'orphaned') d.orphaned.push(pair);
  if (b.note !== a.note || b.entity !== a.entity || !sameAttributes(b.attributes, a.attributes)) d.edited.push(pair);
}

/**
 * The records of an id used more than once on a side: identical records on both sides are paired
 * (unchanged); the rest are added, removed, or ambiguous when both sides have some left.
 */
function diffDuplicates(d: DocumentDiff, id: string, before: readonly Annotation[], after: readonly Annotation[]): void {
  const unpaired = new Map<string, number>();
  for (const b of before) unpaired.set(contentKey(b), (unpaired.get(contentKey(b)) ?? 0) + 1);
  const afterLeft: Annotation[] = [];
  for (const a of after) {
    const key = contentKey(a);
    const count = unpaired.get(key) ?? 0;
    if (count > 0) unpaired.set(key, count - 1);
    else afterLeft.push(a);
  }
  const beforeLeft: Annotation[] = [];
  for (const b of before) {
    const key = contentKey(b);
    const count = unpaired.get(key) ?? 0;
    if (count > 0) {
      unpaired.set(key, count - 1);
      beforeLeft.push(b);
    }
  }
  if (afterLeft.length === 0) d.removed.push(...beforeLeft);
  else if (beforeLeft.length === 0) d.added.push(...afterLeft);
  else d.ambiguous.push({ id, before: beforeLeft, after: afterLeft });
}

/** The record an entry of a change list is sorted by: the new one when there is one. */
function firstOf(item: Annotation | ChangedAnnotation | AmbiguousRecords): Annotation {
  if (!('before' in item)) return item;
  const entry = item as ChangedAnnotation | AmbiguousRecords;
  return Array.isArray(entry.after) ? entry.after[0]! : (entry.after as Annotation);
}

function totals(before: readonly SidecarSnapshot[], after: readonly SidecarSnapshot[], documents: readonly DocumentDiff[]): LabelTotals[] {
  const table = new Map<string, LabelTotals>();
  const row = (label: string): LabelTotals => {
    let r = table.get(label);
    if (!r) {
      r = { label, before: 0, after: 0, added: 0, removed: 0, relabelled: 0, moved: 0, textChanged: 0, orphaned: 0, edited: 0 };
      table.set(label, r);
    }
    return r;
  };
  for (const s of before) for (const a of s.annotations) row(a.label).before++;
  for (const s of after) for (const a of s.annotations) row(a.label).after++;
  for (const d of documents) {
    for (const a of d.added) row(a.label).added++;
    for (const a of d.removed) row(a.label).removed++;
    for (const kind of ['relabelled', 'moved', 'textChanged', 'orphaned', 'edited'] as const) {
      for (const pair of d[kind]) row(pair.after.label)[kind]++;
    }
  }
  return [...table.values()].sort((a, b) => compareStrings(a.label, b.label));
}

/** A sidecar the diff left out because one version's could not be read: nothing is known of what changed in it. */
export interface NotCompared {
  /** The sidecar's path, as the versions name it. */
  sidecar: string;
  /** The name of the version (a revision or folder) whose copy could not be read. */
  version: string;
}

/**
 * The diff as Markdown for a pull-request comment: a summary line, a section per changed document
 * listing each change with its text quoted and, under it, a few words around it, and a table of
 * totals per label.
 * @param diff the comparison
 * @param oldName what the old side is called (a revision or folder)
 * @param newName what the new side is called
 * @param versions the two versions' documents, for their texts (a removed annotation is shown in the
 *   old text, the others in the new); without texts, a record's own prefix and suffix are shown
 * @param notCompared sidecars left out because one version's could not be read, and which version that is
 */
export function renderDiffMarkdown(
  diff: AnnotationDiff,
  oldName: string,
  newName: string,
  versions: { before: readonly SidecarSnapshot[]; after: readonly SidecarSnapshot[] } = { before: [], after: [] },
  notCompared: readonly NotCompared[] = [],
): string {
  const texts = { before: textsOf(versions.before), after: textsOf(versions.after) };
  const lines = [`## Annotation changes: ${code(oldName)} → ${code(newName)}`, ''];
  if (notCompared.length > 0) {
    const which = notCompared.map((n) => `${code(n.sidecar)} cannot be read in ${code(n.version)}`).join('; ');
    lines.push(`**Not compared:** ${which}.`, '');
  }
  if (diff.duplicates.length > 0) {
    const where = diff.duplicates.map((d) => `${code(d.document)} (${d.ids.map(code).join(', ')})`).join(', ');
    lines.push(
      `**Warning:** ids used by more than one record, compared by content instead of by id: ${where}. ` +
        'Give each record its own id; `marginalia check` shows where.',
      '',
    );
  }
  if (diff.documents.length === 0) {
    lines.push('No annotation changes.', '');
    return lines.join('\n');
  }
  const counts = KINDS.map(([kind, heading]) => [heading, diff.documents.reduce((n, d) => n + d[kind].length, 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([heading, n]) => `${n} ${heading.toLowerCase()}`);
  const docs = diff.documents.length;
  lines.push(`${docs} document${docs === 1 ? '' : 's'} changed: ${counts.join(', ')}.`, '');
  for (const d of diff.documents) {
    lines.push(`### ${code(d.document)}`, '');
    for (const [kind, heading] of KINDS) {
      const items = d[kind];
      if (items.length === 0) continue;
      lines.push(`**${heading} (${items.length})**`, '');
      for (const item of items) {
        lines.push(`- ${describe(kind, item)}`);
        const context = contextOfItem(kind, item, texts.before.get(d.document), texts.after.get(d.document));
        if (context !== undefined) lines.push(`  > ${context}`);
      }
      lines.push('');
    }
  }
  lines.push('### Totals per label', '');
  lines.push('| label | before | after | added | removed | relabelled to | re-anchored | text changed | orphaned | edited |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const t of diff.totals) {
    lines.push(
      `| ${code(t.label)} | ${t.before} | ${t.after} | ${t.added} | ${t.removed} | ${t.relabelled} | ${t.moved} | ${t.textChanged} | ${t.orphaned} | ${t.edited} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** Each document's text, indexed for slicing by code points, when it was read. */
function textsOf(snapshots: readonly SidecarSnapshot[]): Map<string, OffsetIndex> {
  return new Map(snapshots.flatMap((s) => (s.text === undefined ? [] : [[s.document, new OffsetIndex(s.text)] as const])));
}

/** A change in context: a removed record in the old text, the others in the new; none for ambiguous records. */
function contextOfItem(
  kind: (typeof KINDS)[number][0],
  item: Annotation | ChangedAnnotation | AmbiguousRecords,
  before: OffsetIndex | undefined,
  after: OffsetIndex | undefined,
): string | undefined {
  if (kind === 'ambiguous') return undefined;
  if (kind === 'removed') return contextOf(item as Annotation, before);
  if (kind === 'added') return contextOf(item as Annotation, after);
  return contextOf((item as ChangedAnnotation).after, after);
}

function describe(kind: (typeof KINDS)[number][0], item: Annotation | ChangedAnnotation | AmbiguousRecords): string {
  if (!('after' in item)) return `${code(item.label)} ${item.start}–${item.end} ${code(quote(item.text))}`;
  if ('id' in item) {
    const list = (records: readonly Annotation[]) => records.map((r) => `${code(r.label)} ${r.start}–${r.end}`).join(', ');
    return `id ${code(item.id)}, used by more than one record: ${list(item.before)} → ${list(item.after)}; which became which is unknown`;
  }
  const { before: b, after: a } = item as ChangedAnnotation;
  const head = `${code(a.label)} ${a.start}–${a.end}`;
  switch (kind) {
    case 'relabelled':
      return `${code(b.label)} → ${code(a.label)} ${a.start}–${a.end} ${code(quote(a.text))}`;
    case 'moved':
      return `${head} (was ${b.start}–${b.end}) ${code(quote(a.text))}`;
    case 'textChanged':
      return `${head} ${code(quote(b.text))} → ${code(quote(a.text))}`;
    case 'orphaned':
      return `${head} ${code(quote(a.text))} no longer found in the document`;
    default:
      return `${head} ${code(quote(a.text))}: ${editedFields(b, a).join(', ')}`;
  }
}

function editedFields(b: Annotation, a: Annotation): string[] {
  const fields: string[] = [];
  if (b.note !== a.note) fields.push(a.note === undefined ? 'note removed' : b.note === undefined ? 'note added' : 'note changed');
  if (b.entity !== a.entity) fields.push(`entity ${b.entity ?? '(none)'} → ${a.entity ?? '(none)'}`);
  if (!sameAttributes(b.attributes, a.attributes)) fields.push('attributes changed');
  return fields;
}

/** A text cut short and on one line, for quoting. */
function quote(text: string): string {
  const chars = [...text.replace(/\n/g, '⏎')];
  return chars.length > QUOTE_LENGTH ? chars.slice(0, QUOTE_LENGTH - 1).join('') + '…' : chars.join('');
}

function sameAttributes(a: Annotation['attributes'], b: Annotation['attributes']): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}

function compareByPlace(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.id, b.id);
}
