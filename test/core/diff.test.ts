import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffAnnotations, renderDiffMarkdown } from '../../src/core/diff';
import type { Annotation } from '../../src/core/model';
import { annotation } from './annotation-at';

const BEFORE = [
  {
    document: 'news/a.txt',
    annotations: [
      annotation('00000001', 'claim', 0, 'Taxes will fall'),
      annotation('00000002', 'quote', 20, '"We will win"', { attributes: { speaker: 'Kim' } }),
      annotation('00000003', 'figure', 40, '12%'),
      annotation('00000004', 'claim', 60, 'Prices rose'),
      annotation('00000005', 'claim', 80, 'Rain is wet', { note: 'obvious' }),
    ],
  },
  { document: 'news/b.txt', annotations: [annotation('00000009', 'claim', 0, 'Unchanged')] },
];

const AFTER = [
  {
    document: 'news/a.txt',
    annotations: [
      annotation('00000001', 'claim', 5, 'Taxes will fall'), // moved
      annotation('00000002', 'claim', 20, '"We will win"', { attributes: { speaker: 'Kim' } }), // relabelled
      annotation('00000003', 'figure', 40, '13%'), // text changed
      annotation('00000005', 'claim', 80, 'Rain is wet', { note: 'obvious, really' }), // edited
      annotation('0000000a', 'figure', 100, '`5` <b>@team</b> #12'), // added
    ],
  },
  { document: 'news/b.txt', annotations: [annotation('00000009', 'claim', 0, 'Unchanged', { status: 'orphaned' })] },
];

test('annotations are matched by document and id, and each change is classified', () => {
  const diff = diffAnnotations(BEFORE, AFTER);
  const [a, b] = diff.documents;
  assert.equal(a!.document, 'news/a.txt');
  assert.deepEqual(a!.added.map((x) => x.id), ['0000000a']);
  assert.deepEqual(a!.removed.map((x) => x.id), ['00000004']);
  assert.deepEqual(a!.relabelled.map((x) => [x.before.label, x.after.label]), [['quote', 'claim']]);
  assert.deepEqual(a!.moved.map((x) => [x.before.start, x.after.start]), [[0, 5]]);
  assert.deepEqual(a!.textChanged.map((x) => [x.before.text, x.after.text]), [['12%', '13%']]);
  assert.deepEqual(a!.edited.map((x) => x.after.id), ['00000005']);
  assert.deepEqual(b!.orphaned.map((x) => x.after.id), ['00000009']);
});

test('documents without changes are not listed; identical versions give no changes', () => {
  assert.deepEqual(diffAnnotations(BEFORE, BEFORE).documents, []);
  const onlyB = diffAnnotations(BEFORE, [AFTER[0]!, BEFORE[1]!]);
  assert.deepEqual(onlyB.documents.map((d) => d.document), ['news/a.txt']);
});

test('a document present on one side only: all its annotations are added or removed', () => {
  const diff = diffAnnotations([], BEFORE);
  assert.deepEqual(diff.documents.map((d) => [d.document, d.added.length, d.removed.length]), [
    ['news/a.txt', 5, 0],
    ['news/b.txt', 1, 0],
  ]);
});

test('totals per label count both sides and each change under the label it has now', () => {
  const totals = Object.fromEntries(diffAnnotations(BEFORE, AFTER).totals.map((t) => [t.label, t]));
  assert.deepEqual(Object.keys(totals), ['claim', 'figure', 'quote']);
  assert.equal(totals.claim!.before, 4);
  assert.equal(totals.claim!.after, 4);
  assert.equal(totals.claim!.relabelled, 1);
  assert.equal(totals.claim!.removed, 1);
  assert.equal(totals.claim!.moved, 1);
  assert.equal(totals.figure!.added, 1);
  assert.equal(totals.figure!.textChanged, 1);
  assert.equal(totals.quote!.after, 0);
});

test('the Markdown summary quotes texts in code spans, so markup, HTML and mentions stay inert', () => {
  const markdown = renderDiffMarkdown(diffAnnotations(BEFORE, AFTER), 'main', 'HEAD');
  assert.match(markdown, /^## Annotation changes: `main` → `HEAD`$/m);
  assert.match(markdown, /^2 documents changed: 1 added, 1 removed, 1 relabelled, 1 re-anchored, 1 text changed, 1 orphaned, 1 edited\.$/m);
  assert.match(markdown, /^### `news\/a\.txt`$/m);
  assert.match(markdown, /^- `figure` 100–120 `` `5` <b>@team<\/b> #12 ``$/m, 'a text with backticks gets a longer fence');
  assert.match(markdown, /^- `quote` → `claim` 20–33 `"We will win"`$/m);
  assert.match(markdown, /^- `claim` 5–20 \(was 0–15\) `Taxes will fall`$/m);
  assert.match(markdown, /^- `figure` 40–43 `12%` → `13%`$/m);
  assert.match(markdown, /^- `claim` 80–91 `Rain is wet`: note changed$/m);
  assert.match(markdown, /^\| `claim` \| 4 \| 4 \| 0 \| 1 \| 1 \| 1 \| 0 \| 1 \| 1 \|$/m, 'claim: 4 before and after; 1 removed, 1 relabelled to it, 1 moved, 1 orphaned, 1 edited');
});

test('no changes: the summary says so', () => {
  assert.match(renderDiffMarkdown(diffAnnotations(BEFORE, BEFORE), 'a', 'b'), /^No annotation changes\.$/m);
});

/** Two records with one id (a hand merge), as in test/fixtures/bad/duplicate-ids. */
const DUPLICATES = [
  {
    document: 'doc.txt',
    annotations: [annotation('0a1b2c3d', 'quote', 19, 'we are ready'), annotation('0a1b2c3d', 'figure', 37, '13,000'), annotation('00000001', 'claim', 50, 'Fine')],
  },
];

test('an id used by two records: the same version on both sides gives no change, and the id is reported', () => {
  const diff = diffAnnotations(DUPLICATES, DUPLICATES);
  assert.deepEqual(diff.documents, []);
  assert.deepEqual(diff.duplicates, [{ document: 'doc.txt', ids: ['0a1b2c3d'] }]);
  const markdown = renderDiffMarkdown(diff, 'HEAD', 'HEAD');
  assert.match(markdown, /^No annotation changes\.$/m);
  assert.match(markdown, /ids used by more than one record, compared by content instead of by id: `doc\.txt` \(`0a1b2c3d`\)/);
});

test('an id used by two records: identical records are paired, the others never paired by id', () => {
  const [quote, figure, fine] = DUPLICATES[0]!.annotations as [Annotation, Annotation, Annotation];
  const oneRemoved = diffAnnotations(DUPLICATES, [{ document: 'doc.txt', annotations: [figure, fine] }]);
  assert.deepEqual(oneRemoved.documents[0]!.removed, [quote]);
  assert.deepEqual([oneRemoved.documents[0]!.relabelled, oneRemoved.documents[0]!.moved, oneRemoved.documents[0]!.ambiguous], [[], [], []]);

  const figureMoved = { ...figure, start: 38, end: 44 };
  const changed = diffAnnotations(DUPLICATES, [{ document: 'doc.txt', annotations: [quote, figureMoved, fine] }]).documents[0]!;
  assert.deepEqual(changed.ambiguous, [{ id: '0a1b2c3d', before: [figure], after: [figureMoved] }]);
  assert.deepEqual([changed.moved, changed.added, changed.removed], [[], [], []]);
  assert.match(
    renderDiffMarkdown(diffAnnotations(DUPLICATES, [{ document: 'doc.txt', annotations: [quote, figureMoved, fine] }]), 'a', 'b'),
    /^- id `0a1b2c3d`, used by more than one record: `figure` 37–43 → `figure` 38–44; which became which is unknown$/m,
  );

  const copied = diffAnnotations([{ document: 'doc.txt', annotations: [quote, fine] }], DUPLICATES).documents[0]!;
  assert.deepEqual([copied.added, copied.relabelled, copied.moved], [[figure], [], []]);
});
