import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixture-path';
import type { Annotation } from '../../src/core/model';
import { OffsetIndex, normalizeText } from '../../src/core/text';
import {
  displayText,
  entityKey,
  groupOccurrences,
  matchesFilter,
  normalizeForGrouping,
  snippet,
  type Group,
  type Occurrence,
} from '../../src/core/grouping';

const SEED_000 = 'seeds/000_685ffd5502fe63ac.txt';
const SEED_001 = 'seeds/001_30228fdb78730024.txt';
const SEED_002 = 'seeds/002_49c9f8d13296ee90.txt';
const SEED_003 = 'seeds/003_dada574a0c9da47c.txt';

const seedIndexes = new Map<string, OffsetIndex>();
function seed(file: string): OffsetIndex {
  let index = seedIndexes.get(file);
  if (!index) {
    index = new OffsetIndex(normalizeText(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    seedIndexes.set(file, index);
  }
  return index;
}

let nextId = 0;
/**
 * An occurrence of the first match of `pattern` in a seed article, as an annotator would tag it.
 * @param file seed path relative to the repository
 * @param pattern what to select (the regular expression's match is the span)
 * @param label the label
 * @param extra more annotation fields
 */
function tag(file: string, pattern: RegExp, label: string, extra: Partial<Annotation> = {}): Occurrence {
  const index = seed(file);
  const match = pattern.exec(index.text);
  assert.ok(match, `${pattern} occurs in ${file}`);
  const start = [...index.text.slice(0, match.index)].length;
  const end = start + [...match[0]].length;
  const annotation: Annotation = { id: (nextId++).toString(16).padStart(8, '0'), label, start, end, text: match[0], ...extra };
  return { document: file, path: file, annotation, line: index.lineColumn(start).line + 1 };
}

/** The same Ryabkov quote in both articles: `--` and straight quotes in 000, em dashes and curly quotes in 002. */
const ryabkov000 = () => tag(SEED_000, /"We are ready to immediately[^"]*"/, 'quote');
const ryabkov002 = () => tag(SEED_002, /We are ready to immediately[^”]*/, 'quote');

test('the Ryabkov quote of 000 (straight quotes, --) and of 002 (curly quotes, em dash) normalise alike', () => {
  const a = ryabkov000();
  const b = ryabkov002();
  assert.notEqual(a.annotation.text, b.annotation.text, 'the seed texts really differ');
  assert.ok(a.annotation.text.includes('--') && b.annotation.text.includes('—'));
  assert.equal(normalizeForGrouping(a.annotation.text), normalizeForGrouping(b.annotation.text));
  assert.equal(entityKey(a.annotation), entityKey(b.annotation));
});

test('normalisation folds quote styles, dash styles, spacing and case', () => {
  const same: [string, string][] = [
    ['Russia’s demands', "Russia's demands"],
    ['„Guten Tag“', '"guten tag"'],
    ['«bonjour»', 'bonjour'],
    ['tomorrow -- literally', 'tomorrow—literally'],
    ['tomorrow --- literally', 'tomorrow – literally'],
    ['a  \n\t b', 'a b'],
    ['Sphere of Influence', 'sphere of influence'],
    ['and so on…', 'and so on...'],
    ['no\u00A0break', 'no break'],
  ];
  for (const [x, y] of same) assert.equal(normalizeForGrouping(x), normalizeForGrouping(y), `${x} ~ ${y}`);
});

test('normalisation trims quotes and punctuation around the span but keeps signs, symbols and hyphens', () => {
  assert.equal(normalizeForGrouping('  “dangerous point,” '), 'dangerous point');
  assert.equal(normalizeForGrouping('(12 percent).'), '12 percent');
  assert.equal(normalizeForGrouping('-5%'), '-5%');
  assert.notEqual(normalizeForGrouping('-5%'), normalizeForGrouping('5%'));
  assert.equal(normalizeForGrouping('$5.5 billion'), '$5.5 billion');
  assert.equal(normalizeForGrouping('third-country'), 'third-country', 'a single hyphen is a word character here');
  assert.equal(normalizeForGrouping('"…"'), '', 'punctuation alone leaves nothing');
});

test('the "dangerous point" quotes of 001 (comma inside the quote) and 003 (comma outside) normalise alike', () => {
  const a = tag(SEED_001, /“dangerous point,”/, 'quote');
  const b = tag(SEED_003, /“dangerous point”,/, 'quote');
  assert.equal(normalizeForGrouping(a.annotation.text), normalizeForGrouping(b.annotation.text));
});

test('snippet flattens whitespace and cuts long text with an ellipsis, counting code points', () => {
  assert.equal(snippet('  a\n b  '), 'a b');
  assert.equal(snippet('abcdef', 3), 'abc…', 'a word longer than the room is cut inside');
  assert.equal(snippet('😀😀😀😀', 2), '😀😀…');
  assert.equal(snippet('abc', 3), 'abc', 'text that fits is kept whole');
});

test('snippet cuts at a word boundary and drops the punctuation before the ellipsis', () => {
  assert.equal(snippet('We are ready to immediately, even tomorrow', 30), 'We are ready to immediately…');
  assert.equal(snippet('even tomorrow -- literally tomorrow', 16), 'even tomorrow…');
  assert.equal(snippet('even tomorrow — literally tomorrow', 20), 'even tomorrow…');
});

/** Titles and counts of a group tree, one line per node, indented, for readable comparisons. */
function outline<D>(groups: readonly Group<D>[], depth = 0): string[] {
  return groups.flatMap((g) => [
    `${'  '.repeat(depth)}${g.kind} ${g.title} (${g.count})`,
    ...outline(g.groups, depth + 1),
    ...g.occurrences.map((o) => `${'  '.repeat(depth + 1)}${o.path}:${o.line}`),
  ]);
}

test('by label: labels in configuration order, then one node for a quote two articles share', () => {
  const occurrences = [
    ryabkov002(),
    tag(SEED_000, /sphere of influence/, 'claim'),
    ryabkov000(),
    tag(SEED_000, /Sergei Ryabkov/, 'speaker-mention'),
    tag(SEED_002, /100,000 troops/, 'figure'),
  ];
  const groups = groupOccurrences(occurrences, 'label', ['claim', 'quote', 'figure']);
  assert.deepEqual(
    groups.map((g) => g.title),
    ['claim', 'quote', 'figure', 'speaker-mention'],
    'configured labels first in their order, unknown ones after',
  );
  const quote = groups[1]!;
  assert.equal(quote.count, 2);
  assert.equal(quote.groups.length, 1, 'one node for the shared quote');
  const shared = quote.groups[0]!;
  assert.equal(shared.kind, 'text');
  assert.equal(shared.count, 2);
  assert.deepEqual(
    shared.occurrences.map((o) => o.path),
    [SEED_000, SEED_002],
    'occurrences sorted by path',
  );
  assert.ok(shared.title.startsWith('We are ready to immediately'), 'titled by the first occurrence without its quotes');
  assert.equal(shared.occurrences[0]!.line, 12, '1-based line in 000');
  assert.equal(shared.occurrences[1]!.line, 11, '1-based line in 002');
});

test('by label: an entity groups differently worded spans, and entity groups come before smaller ones', () => {
  const occurrences = [
    tag(SEED_000, /Sergei Ryabkov/, 'person', { entity: 'ryabkov' }),
    tag(SEED_001, /Sergei Ryabkov/, 'person', { entity: 'ryabkov' }),
    tag(SEED_002, /Ryabkov/, 'person', { entity: 'ryabkov' }),
    tag(SEED_000, /Vladimir Putin|Putin/, 'person'),
  ];
  const [person] = groupOccurrences(occurrences, 'label');
  assert.deepEqual(outline(person!.groups), [
    'entity ryabkov (3)',
    `  ${SEED_000}:${occurrences[0]!.line}`,
    `  ${SEED_001}:${occurrences[1]!.line}`,
    `  ${SEED_002}:${occurrences[2]!.line}`,
    `text ${occurrences[3]!.annotation.text} (1)`,
    `  ${SEED_000}:${occurrences[3]!.line}`,
  ]);
});

test('by file: file, then label, then occurrences in document order, with counts on every group', () => {
  const occurrences = [
    ryabkov002(),
    tag(SEED_000, /sphere of influence/, 'claim'),
    ryabkov000(),
    tag(SEED_000, /Ukraine/, 'claim'),
  ];
  const groups = groupOccurrences(occurrences, 'file', ['claim', 'quote']);
  assert.deepEqual(groups.map((g) => [g.kind, g.title, g.count]), [
    ['file', SEED_000, 3],
    ['file', SEED_002, 1],
  ]);
  const [claims, quotes] = groups[0]!.groups;
  assert.deepEqual([claims!.title, claims!.count, quotes!.title, quotes!.count], ['claim', 2, 'quote', 1]);
  const starts = claims!.occurrences.map((o) => o.annotation.start);
  assert.deepEqual(starts, [...starts].sort((x, y) => x - y), 'document order within a label');
});

test('an annotation edited in place is regrouped under its new text', () => {
  const occurrence = tag(SEED_000, /Geneva/, 'place');
  const [before] = groupOccurrences([occurrence], 'label');
  assert.deepEqual(before!.groups.map((g) => [g.key, g.title]), [['text:geneva', 'Geneva']]);
  occurrence.annotation.text = 'Moscow'; // the store updates annotations in place while text is typed
  const [after] = groupOccurrences([occurrence], 'label');
  assert.deepEqual(after!.groups.map((g) => [g.key, g.title]), [['text:moscow', 'Moscow']]);
});

test('orphaned occurrences are counted on every group above them', () => {
  const orphan = tag(SEED_000, /Geneva/, 'claim', { status: 'orphaned' });
  const [claim] = groupOccurrences([orphan, tag(SEED_000, /Ukraine/, 'claim')], 'label');
  assert.equal(claim!.orphaned, 1);
  assert.equal(claim!.groups.find((g) => g.occurrences.includes(orphan))!.orphaned, 1);
  const [file] = groupOccurrences([orphan], 'file');
  assert.deepEqual([file!.orphaned, file!.groups[0]!.orphaned], [1, 1]);
});

test('group keys are stable and distinct between an entity and a text that happen to be equal', () => {
  const a = tag(SEED_000, /Geneva/, 'place', { entity: 'geneva' });
  const b = tag(SEED_002, /Geneva/, 'place');
  const [place] = groupOccurrences([a, b], 'label');
  assert.deepEqual(place!.groups.map((g) => g.key).sort(), ['entity:geneva', 'text:geneva']);
});

test('a filter keeps a label, or a text found in the span, entity or note, compared normalised', () => {
  const quote = ryabkov000().annotation;
  const noted = { ...tag(SEED_000, /Geneva/, 'claim').annotation, note: 'Venue “proposed”' };
  assert.equal(matchesFilter(quote, {}), true, 'no filter keeps everything');
  assert.equal(matchesFilter(quote, { label: 'quote' }), true);
  assert.equal(matchesFilter(quote, { label: 'claim' }), false);
  assert.equal(matchesFilter(quote, { text: 'tomorrow — literally' }), true, 'em dash matches the -- of the text');
  assert.equal(matchesFilter(quote, { text: 'TOMORROW' }), true, 'case folded');
  assert.equal(matchesFilter(quote, { text: 'Geneva' }), false);
  assert.equal(matchesFilter(noted, { text: '"proposed"' }), true, 'the note counts');
  assert.equal(matchesFilter(quote, { label: 'quote', text: 'Geneva' }), false, 'both criteria must hold');
  assert.equal(matchesFilter(quote, { text: '  ' }), true, 'a blank text filters nothing');
});

test('a span of a Markdown file is shown without its inline markup; other files keep every character', () => {
  assert.equal(displayText('**budget of $4.2 million**', 'notes/budget.md'), 'budget of $4.2 million');
  assert.equal(displayText('the _new_ plan and `cost_total` in [the report](https://example.org/r)', 'a.markdown'), 'the new plan and cost_total in the report');
  assert.equal(displayText('~~old~~ figure \\* kept', 'a.md'), 'old figure * kept');
  assert.equal(displayText('snake_case_name stays', 'a.md'), 'snake_case_name stays', 'underscores inside words are not emphasis');
  assert.equal(displayText('**budget of $4.2 million**', 'notes/budget.txt'), '**budget of $4.2 million**', 'asterisks in plain text are text');
  assert.equal(displayText('**', 'a.md'), '**', 'markup alone is shown as it is, never as nothing');
});

test('group titles and occurrences in a Markdown file are shown as plain text', () => {
  const markdown = (text: string, id: string): Occurrence => ({ document: 'a.md', path: 'a.md', annotation: { id, label: 'figure', start: 0, end: 1, text }, line: 1 });
  const [figures] = groupOccurrences([markdown('**budget of $4.2 million**', 'a1')], 'label', ['figure']);
  assert.equal(figures!.groups[0]!.title, 'budget of $4.2 million');
});

test('entities and texts of equal counts sort as a reader expects: case-insensitive, numbers by value', () => {
  const names = ['banana', 'Apple', 'cherry', 'Item 10', 'item 2', 'Éclair', 'apple'];
  const occurrences = names.map((entity, i): Occurrence => ({
    document: 'a.txt',
    path: 'a.txt',
    annotation: { id: `e${i}`, label: 'claim', start: i, end: i + 1, text: 'x', entity },
    line: 1,
  }));
  const [claims] = groupOccurrences(occurrences, 'label', ['claim']);
  assert.deepEqual(
    claims!.groups.map((g) => g.title),
    ['Apple', 'apple', 'banana', 'cherry', 'Éclair', 'item 2', 'Item 10'],
    'equal under the locale ("Apple", "apple"): code-unit order, so the order is the same every time',
  );
});

test('files sort case-insensitively too', () => {
  const occurrence = (p: string, id: string): Occurrence => ({ document: p, path: p, annotation: { id, label: 'claim', start: 0, end: 1, text: 'x' }, line: 1 });
  const files = groupOccurrences([occurrence('b.txt', '1'), occurrence('C.txt', '2'), occurrence('a.txt', '3')], 'file', ['claim']);
  assert.deepEqual(files.map((g) => g.title), ['a.txt', 'b.txt', 'C.txt']);
});
