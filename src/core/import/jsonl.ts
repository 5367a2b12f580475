/**
 * Reading JSON Lines for the doccano and Prodigy parsers.
 */
import { PUBLICATION_FIELDS } from '../export/publication';
import type { DocumentSource } from '../model';
import { usableDocumentSource } from '../sidecar/validate';
import type { ImportProblem } from './types';

/**
 * The JSON object on each non-blank line; a line that is not a JSON object becomes a problem.
 * @param content the file's content
 * @param name the file's name, for `origin`
 * @param problems where problems are added
 */
export function* jsonLines(content: string, name: string, problems: ImportProblem[]): Generator<{ value: Record<string, unknown>; origin: string }> {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const origin = `${name}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({ origin, message: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    if (!isObject(value)) problems.push({ origin, message: 'expected a JSON object on each line' });
    else yield { value, origin };
  }
}

/**
 * The JSON value of a whole file (a leading byte order mark left out), or undefined with a problem
 * when the file is not valid JSON.
 * @param content the file's content
 * @param name the file's name, for `origin`
 * @param problems where the problem is added
 */
export function jsonFile(content: string, name: string, problems: ImportProblem[]): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(content.replace(/^\uFEFF/, '')) as unknown };
  } catch (error) {
    problems.push({ origin: name, message: `not valid JSON (${(error as Error).message})` });
    return undefined;
  }
}

/**
 * Whether a JSON value is an object (not an array, not null).
 * @param value any parsed JSON value
 */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `meta.source` of a record, or its top-level `source`, as document path candidates.
 * @param record a parsed record
 */
export function sourceCandidates(record: Record<string, unknown>): string[] {
  const meta = record['meta'];
  const source = isObject(meta) && typeof meta['source'] === 'string' ? meta['source'] : record['source'];
  return typeof source === 'string' && source !== '' ? [source] : [];
}

/**
 * Whether a value is a usable offset.
 * @param value any parsed JSON value
 */
export function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Where a document was published, from the `outlet`, `url` and `published` keys of an object
 * (Marginalia's exports write them in JSONL `meta` and in W3C `documents`).
 * @param holder the object holding the keys
 * @param origin where it is, for the note
 * @param ignored where a note goes when the keys are there but not a usable header (a url that is not
 *   http or https, a date that is not ISO 8601): the header is not imported rather than half-imported
 */
export function publicationIn(holder: unknown, origin: string, ignored: string[]): DocumentSource | undefined {
  if (!isObject(holder)) return undefined;
  const names = PUBLICATION_FIELDS.filter((name) => holder[name] !== undefined);
  if (!names.length) return undefined;
  const publication = usableDocumentSource(Object.fromEntries(names.map((name) => [name, holder[name]])));
  if (!publication) ignored.push(`${origin}: ${names.join(', ')} not a usable source header (see docs/sources.md); not imported`);
  return publication;
}
