/**
 * How the tree of tagged entities groups annotations across documents: by label, then by entity (or by
 * normalised text when no entity is set), then the occurrences; or by file, then by label. Pure, so the
 * extension's tree provider only turns these groups into tree items.
 *
 * Normalisation decides which spans count as "the same thing". Two articles quoting the same sentence
 * rarely agree on typography, so the grouping key folds:
 * - Unicode compatibility forms (NFKC: "…" is "...", a non-breaking space is a space, "ﬁ" is "fi");
 * - curly and low single quotes to `'`, curly, low and angle double quotes to `"`;
 * - dashes: `--`, `---`, figure/en/em dashes and the horizontal bar to one em dash, without the spaces
 *   around it (style guides disagree on those spaces, the words do not);
 * - runs of whitespace to one space;
 * - case, because a quote taken up mid-sentence often changes the case of its first letter;
 * - quotes, brackets, sentence punctuation and dashes around the span (an annotator may or may not
 *   include the quotation marks or the comma that closes the quote).
 * A lone hyphen, `%`, `$` and digits are kept: "-5%" and "5%" are different figures.
 */
import type { Annotation } from './model';
import { compareStrings } from './order';

/** What the tree is grouped by first. */
export type GroupBy = 'label' | 'file';

/** The kinds of group node. */
export type GroupKind = 'label' | 'entity' | 'text' | 'file';

/**
 * One annotation placed in its document, the leaf of the tree.
 * @typeParam D how the caller refers to the document (a URI in the extension, a string in tests)
 */
export interface Occurrence<D = string> {
  /** The document the annotation belongs to. */
  readonly document: D;
  /** The document's path as shown and sorted (relative to the workspace, `/` separators). */
  readonly path: string;
  /** The annotation. */
  readonly annotation: Annotation;
  /** 1-based line of the span's first character in the document's current text. */
  readonly line: number;
}

/**
 * A node of the grouped tree.
 * @typeParam D the document reference of the occurrences
 */
export interface Group<D = string> {
  /** What the group stands for. */
  readonly kind: GroupKind;
  /** Identifies the group among its siblings and across refreshes (e.g. `label:quote`, `text:we are ready`). */
  readonly key: string;
  /** Shown as the node's label. */
  readonly title: string;
  /** Number of occurrences below this group. */
  readonly count: number;
  /** How many of those occurrences are orphaned (their span was not found again). */
  readonly orphaned: number;
  /** Sub-groups; empty when the children are occurrences. */
  readonly groups: readonly Group<D>[];
  /** Occurrences directly below; empty when the group has sub-groups. */
  readonly occurrences: readonly Occurrence<D>[];
}

/** Narrows the tree to some annotations. Both criteria must hold when both are set. */
export interface TreeFilter {
  /** Keep only annotations of this label id. */
  readonly label?: string;
  /** Keep only annotations whose text, entity or note contains this text, compared normalised. */
  readonly text?: string;
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2039\u203A]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u301D\u301E\u301F]/g;
const DASH = /\s*(?:-{2,}|[\u2012\u2013\u2014\u2015\u2E3A\u2E3B])\s*/g;
const EDGES = /^[\s'"“”‘’.,;:!?()[\]{}\u2014]+|[\s'"“”‘’.,;:!?()[\]{}\u2014]+$/g;

/**
 * The grouping key of a span's text: the same quote typed with straight or curly quotes, `--` or an
 * em dash, other spacing or case gives the same key. See the module comment for every rule.
 * @param text the span's text
 * @returns the folded text; empty when the text is only punctuation and spaces
 */
export function normalizeForGrouping(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASH, '\u2014')
    .replace(/\s+/g, ' ')
    .replace(EDGES, '')
    .toLowerCase();
}

/**
 * A span's text as one line for display: whitespace runs collapsed; a longer text is cut to at most
 * `max` code points, at the last space when there is one in the second half, without the punctuation
 * before the cut, and ends with an ellipsis.
 * @param text the span's text
 * @param max the most code points to keep before the ellipsis
 */
export function snippet(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const points = [...flat];
  if (points.length <= max) return flat;
  let cut = points.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length / 2) cut = cut.slice(0, space);
  return cut.replace(/[\s,;:.\u2014\u2013-]+$/, '') + '…';
}

/** Files whose spans are Markdown source, shown without their inline markup. */
const MARKDOWN_PATH = /\.(?:md|markdown|mdx)$/i;

/** Inline Markdown markup a span of a Markdown source can hold, each with what a reader sees instead. */
const INLINE_MARKUP: [RegExp, string][] = [
  [/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1'], // links and images: their text
  [/(\*\*|__|~~)(?=\S)([^]*?\S)\1/g, '$2'], // strong, strikethrough
  [/(^|[^\w*])([*_])(?=\S)([^]*?\S)\2(?![\w*])/g, '$1$3'], // emphasis (not inside words: snake_case stays)
  [/(`+)([^`]|[^`][^]*?[^`])\1/g, '$2'], // code spans
  [/^#{1,6}\s+|^\s{0,3}>\s?/gm, ''], // a heading or quote marker a span starts with
  [/\\([!-/:-@[-`{-~])/g, '$1'], // backslash escapes
];

/**
 * A span's text as a reader of its document sees it: a span of a Markdown file without its inline
 * markup (`**budget of $4.2 million**` is "budget of $4.2 million"); any other file's text as it is,
 * since an asterisk in plain text is text.
 * @param text the span's text
 * @param path the document's path
 */
export function displayText(text: string, path: string): string {
  if (!MARKDOWN_PATH.test(path)) return text;
  let plain = text;
  for (const [markup, replacement] of INLINE_MARKUP) plain = plain.replace(markup, replacement);
  return plain.trim() === '' ? text : plain;
}

/**
 * Whether an annotation passes a filter.
 * @param annotation the annotation
 * @param filter the active filter; an empty filter keeps everything
 */
export function matchesFilter(annotation: Annotation, filter: TreeFilter): boolean {
  if (filter.label !== undefined && annotation.label !== filter.label) return false;
  if (filter.text === undefined || filter.text.trim() === '') return true;
  const wanted = normalizeForGrouping(filter.text) || filter.text.trim().toLowerCase();
  return [annotation.text, annotation.entity, annotation.note].some(
    (field) => field !== undefined && normalizeForGrouping(field).includes(wanted),
  );
}

/**
 * Group occurrences for the tree.
 * - `label`: label → entity or normalised text → occurrences. Annotations with an `entity` group under
 *   it; the others group by `normalizeForGrouping(text)` and are titled by the first occurrence's text.
 * - `file`: document path → label → occurrences.
 * Labels come in `labelOrder` first, unknown labels after them alphabetically; entity and text groups
 * by descending count, then title; files by path; occurrences by path, then start, then id.
 * @param occurrences every occurrence to show (filter them first with `matchesFilter`)
 * @param by what to group by first
 * @param labelOrder label ids in the order of the label configuration
 */
export function groupOccurrences<D>(
  occurrences: readonly Occurrence<D>[],
  by: GroupBy,
  labelOrder: readonly string[] = [],
): Group<D>[] {
  const sorted = [...occurrences].sort(compareOccurrences);
  if (by === 'file') {
    return bucket(sorted, (o) => o.path).map(([path, inFile]) =>
      makeGroup('file', `file:${path}`, path, { groups: labelGroups(inFile, labelOrder, leaves), occurrences: [] }),
    );
  }
  return labelGroups(sorted, labelOrder, entityGroups);
}

/**
 * The grouping key of an occurrence below its label: its entity, or its normalised text.
 * @param annotation the annotation
 */
export function entityKey(annotation: Annotation): string {
  if (annotation.entity !== undefined && annotation.entity !== '') return `entity:${annotation.entity}`;
  return `text:${normalizeForGrouping(annotation.text) || annotation.text}`;
}

/**
 * The text key and title of annotations, remembered per annotation object while its text stays the
 * same: the tree is regrouped after every change in any document, and normalising every span again
 * each time was most of the cost (10,000 annotations: about 140 ms per regrouping without it).
 */
const textKeys = new WeakMap<Annotation, { text: string; path: string; key: string; title: string }>();

function textKeyOf(annotation: Annotation, path: string): { key: string; title: string } {
  const cached = textKeys.get(annotation);
  if (cached && cached.text === annotation.text && cached.path === path) return cached;
  const text = annotation.text;
  const key = `text:${normalizeForGrouping(text) || text}`;
  const shown = displayText(text, path);
  const title = snippet(shown.replace(EDGES, ''), 80) || snippet(shown, 80);
  const entry = { text, path, key, title };
  textKeys.set(annotation, entry);
  return entry;
}

/** Children of a group: either sub-groups or occurrences. */
type Children<D> = { groups: Group<D>[]; occurrences: Occurrence<D>[] };

function leaves<D>(items: Occurrence<D>[]): Children<D> {
  return { groups: [], occurrences: items };
}

function labelGroups<D>(
  items: Occurrence<D>[],
  labelOrder: readonly string[],
  below: (items: Occurrence<D>[]) => Children<D>,
): Group<D>[] {
  const rank = (label: string): number => {
    const i = labelOrder.indexOf(label);
    return i === -1 ? labelOrder.length : i;
  };
  return bucket(items, (o) => o.annotation.label)
    .sort(([a], [b]) => rank(a) - rank(b) || compareNames(a, b))
    .map(([label, inLabel]) => makeGroup('label', `label:${label}`, label, below(inLabel)));
}

function entityGroups<D>(items: Occurrence<D>[]): Children<D> {
  const groups = bucket(items, (o) => (o.annotation.entity ? `entity:${o.annotation.entity}` : textKeyOf(o.annotation, o.path).key)).map(([key, inEntity]) => {
    const first = inEntity[0]!;
    const isEntity = key.startsWith('entity:');
    const title = isEntity ? first.annotation.entity! : textKeyOf(first.annotation, first.path).title;
    return makeGroup(isEntity ? 'entity' : 'text', key, title, leaves(inEntity));
  });
  groups.sort((a, b) => b.count - a.count || compareNames(a.title, b.title) || compareStrings(a.key, b.key));
  return { groups, occurrences: [] };
}

function makeGroup<D>(kind: GroupKind, key: string, title: string, children: Children<D>): Group<D> {
  const count = children.groups.reduce((n, g) => n + g.count, 0) + children.occurrences.length;
  const orphaned =
    children.groups.reduce((n, g) => n + g.orphaned, 0) +
    children.occurrences.filter((o) => o.annotation.status === 'orphaned').length;
  return { kind, key, title, count, orphaned, groups: children.groups, occurrences: children.occurrences };
}

/** Split items into buckets by key, keeping the first-seen order of keys and the order within each. */
function bucket<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = buckets.get(key);
    if (list) list.push(item);
    else buckets.set(key, [item]);
  }
  return [...buckets];
}

function compareOccurrences<D>(a: Occurrence<D>, b: Occurrence<D>): number {
  return (
    compareNames(a.path, b.path) ||
    a.annotation.start - b.annotation.start ||
    a.annotation.end - b.annotation.end ||
    compareStrings(a.annotation.id, b.annotation.id)
  );
}

/** Readers' order: the user's locale, case and accents ignored, numbers by value ("file2" before "file10"). */
const NAMES = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Names, titles and paths in the order a reader looks for them (see `NAMES`); names that compare
 * equal there ("Budget" and "budget") in code-unit order, so the order never depends on input order.
 */
function compareNames(a: string, b: string): number {
  return NAMES.compare(a, b) || compareStrings(a, b);
}
