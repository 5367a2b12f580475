import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffAnnotations, renderDiffMarkdown } from '../../src/core/diff';
import type { Annotation } from '../../src/core/model';

function annotation(id: string, label: string, start: number, text: string, more: Partial<Annotation> = {}): Annotation {
  return { id, label, start, end: start + [...text].length, text, ...more };
}

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
