/**
 * `export --format claimreview`: claims with a verdict become schema.org ClaimReview JSON-LD with
 * what Google's fact-check markup requires (claimReviewed, reviewRating with alternateName, url) and
 * recommends (author, datePublished, itemReviewed: a Claim with its author, date and appearances).
 * Every review is checked against those properties by `assertGoogleClaimReview`.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import { claimReviewExporter, scriptSafeJson } from '../../../src/core/export/claimreview';
import { prepareDocument, type ExportDocument, type ExportOptions } from '../../../src/core/export';
import type { Annotation, AttributeValue, DocumentSource } from '../../../src/core/model';

const TEXT = 'The minister said unemployment fell to 3%.\nHe also said it never rose.';
const OPTIONS: ExportOptions = { reviewAuthor: 'Example Fact Check', reviewUrl: 'https://factcheck.example/unemployment', reviewDate: '2026-12-04' };
const AP: DocumentSource = { outlet: 'Associated Press', url: 'https://ap.example/story', published: '2021-12-17T09:00:00+03:00' };
const AFP: DocumentSource = { outlet: 'AFP', url: 'https://afp.example/story', published: '2021-12-17T07:00:00Z' };

function claim(id: string, start: number, end: number, extra: { entity?: string; attributes?: Record<string, AttributeValue> } = {}): Annotation {
  return { id, label: 'claim', start, end, text: [...TEXT].slice(start, end).join(''), ...extra };
}

function doc(source: string, annotations: Annotation[], publication?: DocumentSource): ExportDocument {
  return prepareDocument(source, TEXT, annotations, undefined, publication).document;
}

interface Review {
  [key: string]: unknown;
  claimReviewed: string;
  reviewRating: Record<string, unknown>;
  itemReviewed: { '@type': string; author?: { '@type': string; name: string }; datePublished?: string; appearance?: Record<string, unknown>[] };
}

function exportReviews(documents: ExportDocument[], options: ExportOptions = OPTIONS): { reviews: Review[]; warnings: string[]; summary: string } {
  const output = claimReviewExporter.write(documents, DEFAULT_LABEL_CONFIG, options);
  const reviews = JSON.parse(output.content!) as Review[];
  assert.ok(Array.isArray(reviews), 'a JSON array of reviews, as Google shows several reviews on one page');
  for (const review of reviews) assertGoogleClaimReview(review);
  return { reviews, warnings: output.warnings ?? [], summary: output.summary! };
}

/**
 * Google's fact-check structured data (developers.google.com/search/docs/appearance/structured-data/factcheck):
 * required claimReviewed, reviewRating (a Rating whose alternateName is required) and url; recommended
 * author, datePublished, itemReviewed (a Claim: appearance, author, datePublished); numbers only where given.
 */
function assertGoogleClaimReview(review: Review): void {
  assert.equal(review['@context'], 'https://schema.org');
  assert.equal(review['@type'], 'ClaimReview');
  assert.equal(typeof review.claimReviewed, 'string');
  assert.ok(review.claimReviewed.length > 0 && review.claimReviewed === review.claimReviewed.trim(), 'claimReviewed: the claim, trimmed');
  assert.equal(review.reviewRating['@type'], 'Rating');
  assert.equal(typeof review.reviewRating['alternateName'], 'string', 'reviewRating.alternateName is required');
  for (const key of ['ratingValue', 'bestRating', 'worstRating']) {
    if (key in review.reviewRating) assert.equal(typeof review.reviewRating[key], 'number', `${key} is a number`);
  }
  if ('url' in review) assert.match(review['url'] as string, /^https?:\/\//);
  if ('author' in review) assert.deepEqual(Object.keys(review['author'] as object), ['@type', 'name']);
  if ('datePublished' in review) assert.match(review['datePublished'] as string, /^\d{4}-\d{2}-\d{2}/);
  assert.equal(review.itemReviewed['@type'], 'Claim');
  if (review.itemReviewed.author) assert.ok(['Person', 'Organization'].includes(review.itemReviewed.author['@type']), 'the claim author is a Person or an Organization');
  for (const appearance of review.itemReviewed.appearance ?? []) {
    assert.equal(appearance['@type'], 'CreativeWork');
    assert.ok(Object.keys(appearance).length > 1, 'an appearance says something about where');
  }
  const allowed = ['@context', '@type', 'url', 'claimReviewed', 'itemReviewed', 'author', 'reviewRating', 'datePublished'];
  for (const key of Object.keys(review)) assert.ok(allowed.includes(key), `${key} is a property the markup uses`);
}

test('a claim with a verdict is one ClaimReview with every required and recommended property', () => {
  const rated = claim('c1', 0, 41, { attributes: { verdict: 'False', rating: 1, best_rating: 5, worst_rating: 1, speaker: 'the minister' } });
  const { reviews, warnings } = exportReviews([doc('a.txt', [rated], AP)]);
  assert.deepEqual(warnings, []);
  assert.deepEqual(reviews, [
    {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: OPTIONS.reviewUrl,
      claimReviewed: 'The minister said unemployment fell to 3%',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'the minister' },
        datePublished: AP.published,
        appearance: [{ '@type': 'CreativeWork', url: AP.url, publisher: { '@type': 'Organization', name: AP.outlet }, datePublished: AP.published }],
      },
      author: { '@type': 'Organization', name: OPTIONS.reviewAuthor },
      reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
      datePublished: OPTIONS.reviewDate,
    },
  ]);
});

test('claims without a verdict are left out and counted; an empty verdict is no verdict', () => {
  const { reviews, warnings, summary } = exportReviews([
    doc('a.txt', [claim('c1', 0, 41, { attributes: { verdict: 'Misleading' } }), claim('c2', 43, 69), claim('c3', 4, 12, { attributes: { verdict: '  ' } })], AP),
  ]);
  assert.equal(reviews.length, 1);
  assert.deepEqual(reviews[0]!.reviewRating, { '@type': 'Rating', alternateName: 'Misleading' }, 'no numbers unless given');
  assert.ok(warnings.includes('2 claims without a verdict attribute left out'), warnings.join('\n'));
  assert.equal(summary, 'exported 1 ClaimReview of 1 claim; 2 left out (2 without a verdict, 0 with conflicting verdicts)');
});

test('one entity printed in several documents is one review, an appearance per document, dated by its first appearance in UTC', () => {
  const { reviews } = exportReviews([
    doc('afp.txt', [claim('c2', 0, 41, { entity: 'jobs' })], AFP),
    doc('ap.txt', [claim('c1', 0, 41, { entity: 'jobs', attributes: { verdict: 'False' } })], AP),
    doc('none.txt', [claim('c3', 0, 41, { entity: 'jobs' })]),
  ]);
  assert.equal(reviews.length, 1, 'prints without a verdict of a rated entity are appearances, not left out');
  const item = reviews[0]!.itemReviewed;
  assert.deepEqual(
    item.appearance!.map((a) => a['url']),
    [AFP.url, AP.url],
    'documents in path order; none.txt has no header and no appearance',
  );
  // 09:00+03:00 is 06:00Z, before AFP's 07:00Z although its text sorts after.
  assert.equal(item.datePublished, AP.published);
  assert.equal(item.author, undefined, 'two outlets printed it and no attribute names its author: none is guessed');
});

test('prints of one entity with different verdicts are left out, named in a warning', () => {
  const { reviews, warnings, summary } = exportReviews([
    doc('a.txt', [claim('c1', 0, 41, { entity: 'jobs', attributes: { verdict: 'False' } })], AP),
    doc('b.txt', [claim('c2', 0, 41, { entity: 'jobs', attributes: { verdict: 'Mostly false' } })], AFP),
  ]);
  assert.deepEqual(reviews, []);
  assert.ok(warnings.includes('the claim of entity jobs is given different verdicts (a.txt: claim c1: "False", b.txt: claim c2: "Mostly false"); left out'), warnings.join('\n'));
  assert.equal(summary, 'exported 0 ClaimReviews of 0 claims; 2 left out (0 without a verdict, 2 with conflicting verdicts)');
});

test('the claim\'s author: a speaker or source is a person unless source_type says organisation; otherwise the one outlet that printed it', () => {
  const author = (attributes: Record<string, AttributeValue>, publication: DocumentSource | null = AP): unknown =>
    exportReviews([doc('a.txt', [claim('c1', 0, 41, { attributes: { verdict: 'False', ...attributes } })], publication ?? undefined)]).reviews[0]!.itemReviewed.author;
  assert.deepEqual(author({ speaker: 'the minister' }), { '@type': 'Person', name: 'the minister' });
  assert.deepEqual(author({ source: 'Ministry of Labour', source_type: 'organization' }), { '@type': 'Organization', name: 'Ministry of Labour' });
  assert.deepEqual(author({}), { '@type': 'Organization', name: 'Associated Press' }, 'stated in the article\'s own voice');
  assert.equal(author({}, null), undefined, 'no outlet, no attribute: no author');
  const printedTwice = exportReviews([
    doc('a.txt', [claim('c1', 0, 41, { entity: 'jobs', attributes: { verdict: 'False' } })], AP),
    doc('b.txt', [claim('c2', 0, 41, { entity: 'jobs' })]),
  ]).reviews[0]!.itemReviewed;
  assert.equal(printedTwice.author, undefined, 'b.txt names no outlet: AP may not be the only one that printed it');
});

test('a rating that is not a number is named and left out of the rating; a number written as text is read', () => {
  const { reviews, warnings } = exportReviews([doc('a.txt', [claim('c1', 0, 41, { attributes: { verdict: 'False', rating: '2', best_rating: 'five', worst_rating: -Infinity } })], AP)]);
  assert.deepEqual(reviews[0]!.reviewRating, { '@type': 'Rating', alternateName: 'False', ratingValue: 2 });
  assert.ok(warnings.includes('a.txt: claim c1: best_rating "five" is not a number; left out of its rating'), warnings.join('\n'));
  assert.ok(warnings.includes('a.txt: claim c1: worst_rating -Infinity is not a number; left out of its rating'), 'YAML\'s -.inf would be written null: ' + warnings.join('\n'));
});

test('without --author, --url or --date each is a warning and the property is absent, never made up', () => {
  const { reviews, warnings } = exportReviews([doc('a.txt', [claim('c1', 0, 41, { attributes: { verdict: 'False' } })], AP)], {});
  for (const key of ['author', 'url', 'datePublished']) assert.equal(key in reviews[0]!, false, key);
  assert.deepEqual(warnings, [
    'no --author: the reviews name no organisation publishing the fact check (Google recommends it)',
    'no --url: the reviews give no address of the page publishing the fact check, which Google requires',
    'no --date: the reviews have no datePublished (Google recommends it)',
  ]);
});

test('a document without a url in its header is named once, however many of its claims are reviewed', () => {
  const header = { outlet: 'AP' };
  const { warnings } = exportReviews([doc('a.txt', [claim('c1', 0, 41, { attributes: { verdict: 'False' } }), claim('c2', 43, 69, { attributes: { verdict: 'True' } })], header), doc('b.txt', [claim('c3', 0, 41, { attributes: { verdict: 'False' } })])]);
  assert.deepEqual(
    warnings.filter((w) => /no url|no source/.test(w)),
    [
      "a.txt: its sidecar's source: header has no url, so the reviews of its claims give no address where they appeared (Google matches claims by it)",
      'b.txt: its sidecar has no source: header, so the reviews of its claims give no address where they appeared (Google matches claims by it)',
    ],
  );
});

test('claimReviewed is the claim\'s words on one line; a claim across lines keeps them with one space', () => {
  const { reviews } = exportReviews([doc('a.txt', [claim('c1', 30, 58, { attributes: { verdict: 'False' } })], AP)]);
  assert.equal(reviews[0]!.claimReviewed, 'fell to 3%. He also said it');
});

test('the JSON can sit in a <script> element: < > & are JSON escapes, and the values read back as printed', () => {
  const hostile = '</script><script>alert("x & y")</script>';
  const json = scriptSafeJson([{ claimReviewed: hostile }]);
  assert.doesNotMatch(json, /[<>&]/);
  assert.deepEqual(JSON.parse(json), [{ claimReviewed: hostile }]);
});

test('claimreview exports the claim label unless --label names others', () => {
  assert.deepEqual(claimReviewExporter.defaultLabels, ['claim']);
});
