/**
 * schema.org `ClaimReview` JSON-LD, the markup a fact-checking page carries so that search engines
 * show its verdicts (https://schema.org/ClaimReview; Google's required and recommended properties:
 * https://developers.google.com/search/docs/appearance/structured-data/factcheck). A JSON array,
 * one `ClaimReview` per claim reviewed, each with its own `@context`.
 *
 * A claim is reviewed when an annotation of a claim label carries a `verdict` attribute (the
 * rating's `alternateName`, what search results show), optionally with the numbers `rating`,
 * `best_rating` and `worst_rating`. Claims linked to one entity are one claim printed in several
 * documents: they give one review whose `itemReviewed` lists an appearance per document, from each
 * document's `source:` header (url, outlet as publisher, date published). Claims without a verdict,
 * and entities whose prints carry different verdicts, are left out and counted.
 *
 * The JSON is meant to be pasted into a page's `<script type="application/ld+json">`: `<`, `>` and
 * `&` are written as `\u003c`, `\u003e` and `\u0026`, so that a claim quoting `</script>` cannot
 * end the element. Values are not HTML-escaped: a JSON reader gets the claim's words as printed.
 */
import type { Annotation, AttributeValue, DocumentSource } from '../model';
import { compareStrings } from '../order';
import { toXsdDateTime } from './datetime';
import type { Exporter, ExportDocument, ExportOptions } from './types';

/** The schema.org context every review names. */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/** The attributes of a claim annotation the review is made from. */
export const CLAIM_REVIEW_ATTRIBUTES = {
  /** The verdict in words ("False", "Misleading"): the rating's `alternateName`; a claim without it is not reviewed. */
  verdict: 'verdict',
  /** The verdict as a number on the reviewer's scale: `ratingValue`. */
  rating: 'rating',
  /** The best value of that scale: `bestRating`. */
  best: 'best_rating',
  /** The worst value of that scale: `worstRating`. */
  worst: 'worst_rating',
  /** Who made the claim (a person), when someone other than the outlet did. */
  speaker: 'speaker',
  /** Who made the claim, as the default `claim` label calls it. */
  source: 'source',
  /** `organization` when the claim's `speaker` or `source` is an organisation (a person otherwise). */
  sourceType: 'source_type',
} as const;

/** One print of a claim: the annotation and the document it is in. */
interface Print {
  document: ExportDocument;
  annotation: Annotation;
}

/** The rating a print's attributes give. */
interface Rating {
  alternateName: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
}

/** Where a document says it was published, as a review's appearance (undefined `work`: it says nothing). */
interface Appearance {
  work: object | undefined;
  /** Its date as the header writes it, and as a UTC instant to compare. */
  published?: { written: string; instant: string };
  outlet?: string;
}

/** The numeric attributes of a rating, by the `Rating` property each becomes. */
const RATING_NUMBERS = [
  ['ratingValue', CLAIM_REVIEW_ATTRIBUTES.rating],
  ['bestRating', CLAIM_REVIEW_ATTRIBUTES.best],
  ['worstRating', CLAIM_REVIEW_ATTRIBUTES.worst],
] as const;

export const claimReviewExporter: Exporter = {
  format: 'claimreview',
  shape: 'file',
  extension: '.jsonld',
  description: 'schema.org ClaimReview JSON-LD of the claims with a verdict',
  defaultLabels: ['claim'],
  write(documents, _labels, options = {}) {
    const warnings: string[] = [];
    if (options.reviewAuthor === undefined) warnings.push('no --author: the reviews name no organisation publishing the fact check (Google recommends it)');
    if (options.reviewUrl === undefined) warnings.push('no --url: the reviews give no address of the page publishing the fact check, which Google requires');
    if (options.reviewDate === undefined) warnings.push('no --date: the reviews have no datePublished (Google recommends it)');
    const claims = groupPrints(documents);
    // Built once per document, shared by the reviews of all its claims.
    const appearances = new Map<ExportDocument, Appearance>();
    const appearanceOf = (document: ExportDocument): Appearance => {
      let appearance = appearances.get(document);
      if (!appearance) appearances.set(document, (appearance = appearanceFrom(document.publication)));
      return appearance;
    };
    const reviews: object[] = [];
    let unrated = 0;
    let conflicting = 0;
    for (const prints of claims) {
      const rated = prints.map((p) => ({ print: p, rating: ratingOf(p, warnings) })).filter((r): r is { print: Print; rating: Rating } => r.rating !== undefined);
      if (rated.length === 0) {
        unrated += prints.length;
        continue;
      }
      const distinct = new Set(rated.map((r) => ratingKey(r.rating)));
      if (distinct.size > 1) {
        conflicting += prints.length;
        warnings.push(`${describeClaim(prints[0]!)} is given different verdicts (${rated.map((r) => `${name(r.print)}: ${JSON.stringify(r.rating.alternateName)}`).join(', ')}); left out`);
        continue;
      }
      reviews.push(claimReview(prints, rated[0]!, options, appearanceOf));
    }
    for (const [document, appearance] of appearances) {
      if (appearance.work !== undefined && document.publication?.url !== undefined) continue;
      const missing = document.publication ? "its sidecar's source: header has no url" : "its sidecar has no source: header";
      warnings.push(`${document.source}: ${missing}, so the reviews of its claims give no address where they appeared (Google matches claims by it)`);
    }
    const printed = claims.reduce((n, prints) => n + prints.length, 0);
    if (unrated > 0) warnings.push(`${unrated} claim${unrated === 1 ? '' : 's'} without a ${CLAIM_REVIEW_ATTRIBUTES.verdict} attribute left out`);
    const leftOut = unrated + conflicting;
    return {
      content: scriptSafeJson(reviews),
      files: [],
      warnings,
      summary: `exported ${reviews.length} ClaimReview${reviews.length === 1 ? '' : 's'} of ${printed - leftOut} claim${printed - leftOut === 1 ? '' : 's'}; ${leftOut} left out (${unrated} without a verdict, ${conflicting} with conflicting verdicts)`,
    };
  },
};

/**
 * The claims: prints linked to one entity are one claim, a print without an entity a claim of its
 * own; in order of first print (documents by path, prints by position).
 */
function groupPrints(documents: readonly ExportDocument[]): Print[][] {
  const byEntity = new Map<string, Print[]>();
  const claims: Print[][] = [];
  for (const document of documents) {
    for (const annotation of document.annotations) {
      const print = { document, annotation };
      if (annotation.entity === undefined) {
        claims.push([print]);
        continue;
      }
      const group = byEntity.get(annotation.entity);
      if (group) group.push(print);
      else {
        const created = [print];
        byEntity.set(annotation.entity, created);
        claims.push(created);
      }
    }
  }
  return claims;
}

function claimReview(prints: readonly Print[], rated: { print: Print; rating: Rating }, options: ExportOptions, appearanceOf: (document: ExportDocument) => Appearance): object {
  // One appearance per document the claim is printed in, in document order; none for a document whose header says nothing.
  const everyDocument = [...new Set(prints.map((p) => p.document))].map(appearanceOf);
  const appearances = everyDocument.filter((a) => a.work !== undefined);
  const first = firstPublished(appearances);
  const author = claimAuthor(rated.print, everyDocument);
  return {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'ClaimReview',
    ...(options.reviewUrl !== undefined ? { url: options.reviewUrl } : {}),
    claimReviewed: rated.print.annotation.text.replace(/\s+/gu, ' ').trim(),
    itemReviewed: {
      '@type': 'Claim',
      ...(author ? { author } : {}),
      ...(first !== undefined ? { datePublished: first } : {}),
      ...(appearances.length ? { appearance: appearances.map((a) => a.work!) } : {}),
    },
    ...(options.reviewAuthor !== undefined ? { author: { '@type': 'Organization', name: options.reviewAuthor } } : {}),
    reviewRating: { '@type': 'Rating', ...rated.rating },
    ...(options.reviewDate !== undefined ? { datePublished: options.reviewDate } : {}),
  };
}

/**
 * A document's appearance: a `CreativeWork` with the url, the outlet as publisher and the date of
 * its `source:` header; no work when the document has no header.
 * @param header the document's header
 */
function appearanceFrom(header: DocumentSource | undefined): Appearance {
  if (!header || (header.url === undefined && header.outlet === undefined && header.published === undefined)) return { work: undefined };
  return {
    work: {
      '@type': 'CreativeWork',
      ...(header.url !== undefined ? { url: header.url } : {}),
      ...(header.outlet !== undefined ? { publisher: { '@type': 'Organization', name: header.outlet } } : {}),
      ...(header.published !== undefined ? { datePublished: header.published } : {}),
    },
    ...(header.published !== undefined ? { published: { written: header.published, instant: toXsdDateTime(header.published) ?? header.published } } : {}),
    ...(header.outlet !== undefined ? { outlet: header.outlet } : {}),
  };
}

/**
 * The earliest date of publication among the appearances, as its header writes it; compared in UTC:
 * '2021-12-17T01:00:00+03:00' was published before '2021-12-16T23:00:00Z'.
 */
function firstPublished(appearances: readonly Appearance[]): string | undefined {
  let first: Appearance['published'];
  for (const { published } of appearances) if (published && (!first || compareStrings(published.instant, first.instant) < 0)) first = published;
  return first?.written;
}

/**
 * Who made the claim: the print's `speaker` or `source` attribute (a person, or an organisation when
 * `source_type` says so); otherwise the outlet that printed it, when every document it is printed in
 * names one and the same outlet (a document that names none could be another's).
 * @param print the print carrying the verdict
 * @param everyDocument the appearance of every document the claim is printed in
 */
function claimAuthor(print: Print, everyDocument: readonly Appearance[]): object | undefined {
  const attributes = print.annotation.attributes ?? {};
  const named = text(attributes[CLAIM_REVIEW_ATTRIBUTES.speaker]) ?? text(attributes[CLAIM_REVIEW_ATTRIBUTES.source]);
  if (named !== undefined) {
    const organisation = /^organi[sz]ation$/i.test(text(attributes[CLAIM_REVIEW_ATTRIBUTES.sourceType]) ?? '');
    return { '@type': organisation ? 'Organization' : 'Person', name: named };
  }
  const outlets = new Set(everyDocument.map((a) => a.outlet));
  const [outlet] = outlets;
  return outlets.size === 1 && outlet !== undefined ? { '@type': 'Organization', name: outlet } : undefined;
}

/** The rating of a print, or undefined when it has no verdict; numbers that are not numbers are named in a warning. */
function ratingOf(print: Print, warnings: string[]): Rating | undefined {
  const attributes = print.annotation.attributes ?? {};
  const verdict = text(attributes[CLAIM_REVIEW_ATTRIBUTES.verdict]);
  if (verdict === undefined) return undefined;
  const rating: Rating = { alternateName: verdict };
  for (const [property, attribute] of RATING_NUMBERS) {
    const value = attributes[attribute];
    if (value === undefined) continue;
    // YAML's .inf and .nan are numbers that JSON would write as null.
    const number = typeof value === 'number' ? (Number.isFinite(value) ? value : undefined) : /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : undefined;
    if (number === undefined) warnings.push(`${name(print)}: ${attribute} ${typeof value === 'number' ? value : JSON.stringify(value)} is not a number; left out of its rating`);
    else rating[property] = number;
  }
  return rating;
}

/**
 * JSON that can sit inside an HTML `<script>` element: the same values, with the characters HTML
 * reads there written as JSON escapes.
 * @param value what to serialise
 */
export function scriptSafeJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  return (/[<>&]/.test(json) ? json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') : json) + '\n';
}

/** A rating's identity, to tell prints of one claim that disagree. */
function ratingKey(rating: Rating): string {
  return [rating.alternateName, rating.ratingValue, rating.bestRating, rating.worstRating].join('\u0000');
}

function text(value: AttributeValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

function name(print: Print): string {
  return `${print.document.source}: claim ${print.annotation.id}`;
}

function describeClaim(print: Print): string {
  return print.annotation.entity !== undefined ? `the claim of entity ${print.annotation.entity}` : name(print);
}
