/**
 * What changed in the annotations between two versions of a set of sidecars (two git revisions,
 * two folders), and its Markdown summary for a pull-request comment. Pure: the caller reads the
 * sidecars. Annotations are matched by document and id: an id present on one side only was added or
 * removed; one present on both may have been relabelled, re-anchored (its offsets moved),
 * text-changed, orphaned, or edited (note, entity, attributes).
 */
import type { Annotation } from './model';

/** The annotations of one document in one version. */
export interface SidecarSnapshot {
  /** The document's path relative to the root compared (repository or folder), `/` separators. */
  document: string;
  /** Its annotations. */
  annotations: readonly Annotation[];
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
  for (const path of paths) {
    const d = diffDocument(path, old.get(path) ?? [], now.get(path) ?? []);
    if (KINDS.some(([kind]) => d[kind].length > 0)) documents.push(d);
  }
  return { documents, totals: totals(before, after, documents) };
}

function diffDocument(document: string, before: readonly Annotation[], after: readonly Annotation[]): DocumentDiff {
  const d: DocumentDiff = { document, added: [], removed: [], relabelled: [], moved: [], textChanged: [], orphaned: [], edited: [] };
  const old = new Map(before.map((a) => [a.id, a]));
  const seen = new Set<string>();
  for (const a of after) {
    const b = old.get(a.id);
    if (!b) {
      d.added.push(a);
      continue;
    }
    seen.add(a.id);
    const pair = { before: b, after: a };
    if (b.label !== a.label) d.relabelled.push(pair);
    if (b.start !== a.start || b.end !== a.end) d.moved.push(pair);
    if (b.text !== a.text) d.textChanged.push(pair);
    if (a.status === 'orphaned' && b.status !== 'orphaned') d.orphaned.push(pair);
    if (b.note !== a.note || b.entity !== a.entity || !sameAttributes(b.attributes, a.attributes)) d.edited.push(pair);
  }
  d.removed = before.filter((b) => !seen.has(b.id));
  for (const kind of KINDS) {
    const list = d[kind[0]] as (Annotation | ChangedAnnotation)[];
    list.sort((x, y) => compareByPlace('after' in x ? x.after : x, 'after' in y ? y.after : y));
  }
  return d;
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

/**
 * The diff as Markdown for a pull-request comment: a summary line, a section per changed document
 * listing each change with its text quoted, and a table of totals per label.
 * @param diff the comparison
 * @param oldName what the old side is called (a revision or folder)
 * @param newName what the new side is called
 */
export function renderDiffMarkdown(diff: AnnotationDiff, oldName: string, newName: string): string {
  const lines = [`## Annotation changes: ${code(oldName)} → ${code(newName)}`, ''];
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
      for (const item of items) lines.push(`- ${describe(kind, item)}`);
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

function describe(kind: (typeof KINDS)[number][0], item: Annotation | ChangedAnnotation): string {
  if (!('after' in item)) return `${code(item.label)} ${item.start}–${item.end} ${code(quote(item.text))}`;
  const { before: b, after: a } = item;
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

/**
 * A Markdown code span, so that a quoted text's markup, HTML, @mentions and #references stay inert:
 * the fence is one backtick longer than the longest run inside, padded when the text touches one.
 */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function sameAttributes(a: Annotation['attributes'], b: Annotation['attributes']): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}

function compareByPlace(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.id, b.id);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
