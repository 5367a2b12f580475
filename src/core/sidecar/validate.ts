/**
 * From parsed YAML data to a typed `Sidecar`, with a finding for everything that does not fit. A
 * record that cannot be taken as it is (a missing key, a value of the wrong type, negative or reversed
 * offsets) is left out and makes the file read-only, so that no rewrite can drop it; unknown keys are
 * kept on the objects and reported as warnings.
 */

import { FORMAT_VERSION, type Annotation, type DocumentSource, type Finding, type RejectedSuggestion, type Sidecar } from '../model';
import { compiledOr } from '../compiled';
import { ANNOTATION_FIELDS, ANNOTATION_KEYS, RELATION_KEYS, isAnnotationKey, type AnnotationField } from './fields';
import type { Place, RecordPlaces, SidecarPositions } from './positions';
import { MAX_ANNOTATIONS, MAX_ATTRIBUTE_LENGTH } from './limits';
import { RecordLineMap } from './record-lines';
import { isAnnotationId, isLabelName } from '../names';

/** What validation makes of the data. */
export interface ValidatedSidecar {
  sidecar: Sidecar | undefined;
  findings: Finding[];
  recordLines: Map<string, number>;
  writable: boolean;
  /** For each item of the `annotations` list in file order, its annotation, or undefined when unreadable. */
  items: (Annotation | undefined)[];
  /** For each item, 1 when it was read without a finding of its own (a finding about several records, such as a duplicate id, does not count). */
  clean: Uint8Array;
}

const TOP_KEYS = ['marginalia', 'document', 'source', 'settled', 'rejected', 'annotations'];
const REJECTED_KEYS = ['label', 'text', 'before'];
const SOURCE_KEYS = ['outlet', 'url', 'published'];
const DISPUTE_KEYS = ['side', 'by', 'pair'];
const REVIEW_KEYS = ['state', 'by', 'at'];
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const READ_ONLY = 'until it is fixed this record is not loaded and the sidecar is not rewritten';

/**
 * Validate parsed sidecar data.
 * @param data what the YAML parser returned
 * @param positions where each part is in the file
 * @param known what is known of the items of the `annotations` list already (items are never changed
 *   once parsed or written, so it holds): `clean`, for each item, 1 when that very object was validated
 *   before without a finding of its own (the `clean` of an earlier result), so it is only copied;
 *   `uniqueIds`, true when no two items have the same id, so none is looked up before it is recorded;
 *   `reuse`, for an item, the annotation an earlier validation made of that very object without a
 *   finding, taken as it is (the caller vouches that nobody changed it); `linesWhenAsked`, with
 *   `uniqueIds`: the id → line map is filled when first used (see `RecordLineMap`).
 */
export function validateSidecar(
  data: unknown,
  positions: SidecarPositions,
  known: { clean?: Uint8Array; uniqueIds?: boolean; reuse?: (index: number) => Annotation | undefined; linesWhenAsked?: boolean } = {},
): ValidatedSidecar {
  const { clean, uniqueIds, reuse, linesWhenAsked } = known;
  const findings: Finding[] = [];
  const result: ValidatedSidecar = { sidecar: undefined, findings, recordLines: new Map(), writable: true, items: [], clean: new Uint8Array(0) };
  const first = { line: 1, column: 1 };
  if (data === null || data === undefined) {
    findings.push(finding('warning', 'empty-sidecar', 'the sidecar is empty; it will be written afresh when an annotation is added', first));
    return result;
  }
  if (!isPlainMap(data)) {
    findings.push(
      finding('error', 'wrong-type', `a sidecar must be a map with the keys marginalia, document and annotations, got ${describe(data)}; fix the file by hand`, first),
    );
    result.writable = false;
    return result;
  }
  // Places are found when a finding reads them: most files have none, and finding them may scan the file.
  const placeOf = (key: string): Place => lazyPlace(() => positions.top(key)?.value ?? first);
  const problem = (code: string, message: string, place: Place) => {
    findings.push(finding('error', code, message, place));
    result.writable = false;
  };

  let version = FORMAT_VERSION;
  const rawVersion = data['marginalia'];
  if (rawVersion === undefined) problem('missing-key', `the sidecar has no format version; add the line \`marginalia: ${FORMAT_VERSION}\` at the top`, first);
  else if (typeof rawVersion !== 'number' || !Number.isInteger(rawVersion) || rawVersion < 1)
    problem('wrong-type', `marginalia (the format version) must be ${FORMAT_VERSION}, got ${describe(rawVersion)}`, placeOf('marginalia'));
  else if (rawVersion > FORMAT_VERSION) {
    // A newer format may mean something else by the same keys: do not guess at its content.
    problem(
      'unsupported-version',
      `this sidecar is in format ${rawVersion}, newer than this Marginalia reads (${FORMAT_VERSION}); update the extension and CLI`,
      placeOf('marginalia'),
    );
    return result;
  } else version = rawVersion;

  let document = '';
  const rawDocument = data['document'];
  if (rawDocument === undefined || rawDocument === null)
    problem('missing-key', 'the sidecar does not say which file it annotates; add `document: <file name>` (the file beside it)', first);
  else if (typeof rawDocument !== 'string' || rawDocument === '')
    problem('wrong-type', `document must be the annotated file's name, got ${describe(rawDocument)}`, placeOf('document'));
  else {
    document = rawDocument;
    if (/^(?:[\\/]|[A-Za-z]:)/.test(rawDocument) || rawDocument.split(/[\\/]/).includes('..'))
      findings.push(
        finding('error', 'document-path', `document must be a path relative to the sidecar's folder, without "..", got ${describe(rawDocument)}`, placeOf('document')),
      );
  }

  const rawItems = data['annotations'];
  let items: unknown[] = [];
  if (Array.isArray(rawItems)) items = rawItems;
  else if (rawItems !== undefined && rawItems !== null)
    problem('wrong-type', `annotations must be a list of records (- id: ...), got ${describe(rawItems)}; fix the file by hand`, placeOf('annotations'));

  const sidecar = { version, document, annotations: [] as Annotation[] } as Sidecar;
  if (data['source'] !== undefined && data['source'] !== null) {
    const source = readSource(data['source'], placeOf('source'), findings);
    // A header that is not understood is kept as it is, so a rewrite does not lose it.
    setOwn(sidecar as unknown as Record<string, unknown>, 'source', source ?? ownCopy(data['source']));
  }
  if (data['settled'] !== undefined && data['settled'] !== null) {
    if (data['settled'] !== true && data['settled'] !== false) findings.push(finding('warning', 'wrong-type', `settled must be true or false, got ${describe(data['settled'])}; the header is kept as it is but not used`, placeOf('settled')));
    setOwn(sidecar as unknown as Record<string, unknown>, 'settled', ownCopy(data['settled']));
  }
  if (data['rejected'] !== undefined && data['rejected'] !== null) {
    const rejected = readRejected(data['rejected'], placeOf('rejected'), findings);
    setOwn(sidecar as unknown as Record<string, unknown>, 'rejected', rejected ?? ownCopy(data['rejected']));
  }
  for (const key of Object.keys(data)) {
    if (TOP_KEYS.includes(key)) continue;
    unknownKey(findings, key, 'the sidecar', TOP_KEYS, positions.top(key)?.key ?? first);
    setOwn(sidecar as unknown as Record<string, unknown>, key, ownCopy(data[key]));
  }

  const annotationsPlace = lazyPlace(() => positions.top('annotations')?.key ?? first);
  const firstLine = new Map<string, number>();
  // With ids known to be all different, each record's id at its index: the lines are looked up when the map is first used.
  const idAt: (string | undefined)[] | undefined = uniqueIds && linesWhenAsked ? new Array<string | undefined>(items.length) : undefined;
  const lineAt = (i: number): number => positions.recordLine(i) ?? annotationsPlace.line;
  result.clean = new Uint8Array(items.length);
  items.forEach((item, i) => {
    let annotation: Annotation | undefined;
    const reused = reuse?.(i);
    if (reused) {
      annotation = reused;
      result.clean[i] = 1;
    } else if (clean?.[i] === 1) {
      annotation = annotationOf(item as Record<string, unknown>) as unknown as Annotation;
      result.clean[i] = 1;
    } else {
      const found = findings.length;
      // Places are looked up only for findings: a record's line is all a record without one needs.
      annotation = readRecord(item, new RecordSite(positions, i, annotationsPlace), findings);
      if (annotation && findings.length === found) result.clean[i] = 1;
    }
    result.items.push(annotation);
    if (!annotation) {
      result.writable = false;
      return;
    }
    if (idAt) {
      idAt[i] = annotation.id;
      sidecar.annotations.push(annotation);
      return;
    }
    const line = lineAt(i);
    const earlier = uniqueIds ? undefined : firstLine.get(annotation.id);
    if (earlier === undefined) firstLine.set(annotation.id, line);
    else {
      const places = positions.record(i);
      findings.push({
        ...finding(
          'error',
          'duplicate-id',
          `id "${annotation.id}" is also used by the record at line ${earlier}; give one of them a new id (8 hex digits not used in this file)`,
          places?.entry('id')?.value ?? places?.place ?? annotationsPlace,
        ),
        annotationId: annotation.id,
      });
    }
    sidecar.annotations.push(annotation);
  });
  if (sidecar.annotations.length > MAX_ANNOTATIONS) {
    problem(
      'limit-exceeded',
      `the sidecar holds ${sidecar.annotations.length} annotations, over the limit of ${MAX_ANNOTATIONS} per document; split the document or remove annotations by hand`,
      annotationsPlace,
    );
  }
  result.recordLines = idAt ? new RecordLineMap(idAt, lineAt) : firstLine;
  result.sidecar = sidecar;
  return result;
}

/**
 * Where a record and its parts are, found when a finding first asks: most records have none, so a
 * record costs this one object, not closures and places made ahead of a finding.
 */
class RecordSite {
  private found: RecordPlaces | undefined | null = null;
  private recordPlace: Place | undefined;

  /**
   * @param positions where the file's parts are
   * @param index the record's index in the `annotations` list
   * @param fallback the place of a record whose place cannot be found (the `annotations` key's)
   */
  constructor(
    private readonly positions: SidecarPositions,
    private readonly index: number,
    private readonly fallback: Place,
  ) {}

  /** Where the record's parts are, undefined when they cannot be found. */
  parts(): RecordPlaces | undefined {
    return this.found === null ? (this.found = this.positions.record(this.index)) : this.found;
  }

  /** The record's first line (its dash). */
  get place(): Place {
    return (this.recordPlace ??= lazyPlace(() => this.parts()?.place ?? this.fallback));
  }

  /**
   * Where one of its entries' value is, else the record's place.
   * @param key the entry's key
   */
  at(key: string): Place {
    return lazyPlace(() => this.parts()?.entry(key)?.value ?? this.place);
  }
}

/**
 * One record, or undefined (with findings) when it cannot be taken as it is.
 * @param site where it and its parts are, found when a finding first asks
 */
function readRecord(item: unknown, site: RecordSite, findings: Finding[]): Annotation | undefined {
  if (!isPlainMap(item)) {
    findings.push(finding('error', 'wrong-type', `each annotation must be a map (- id: ..., label: ...), got ${describe(item)}; ${READ_ONLY}`, site.place));
    return undefined;
  }
  const id = typeof item['id'] === 'string' ? item['id'] : undefined;
  let readable = true;
  const bad = (code: string, message: string, where: Place) => {
    findings.push({ ...finding('error', code, `${message}; ${READ_ONLY}`, where), ...(id ? { annotationId: id } : {}) });
    readable = false;
  };
  const warnings: Finding[] = [];
  for (const { key, check } of ANNOTATION_FIELDS as readonly AnnotationField[]) {
    const value = item[key];
    const absent = value === undefined || value === null;
    switch (check.kind) {
      case 'text':
        if (absent) bad('missing-key', `the annotation has no ${key}; add \`${key}:\` (${check.what})`, site.place);
        else if (typeof value !== 'string' || (check.nonEmpty && value === ''))
          bad('wrong-type', `${key} must be ${check.what}, got ${describe(value)}${quoteHint(value)}`, site.at(key));
        break;
      case 'offset': {
        if (absent) bad('missing-key', `the annotation has no ${key}; add \`${key}:\` (an offset in code points)`, site.place);
        else if (typeof value !== 'number' || !Number.isSafeInteger(value))
          bad('wrong-type', `${key} must be a whole number of code points, got ${describe(value)}; fix the value`, site.at(key));
        else if (value < 0) bad('invalid-offset', `${key} must not be negative, got ${value}; fix the value`, site.at(key));
        const before = check.notBefore === undefined ? undefined : item[check.notBefore];
        if (readable && check.notBefore !== undefined && (before as number) > (value as number))
          bad('invalid-offset', `${check.notBefore} (${before}) is after ${key} (${value}); swap them or fix the offsets`, site.at(check.notBefore));
        break;
      }
      case 'optional-text':
        if (!absent && typeof value !== 'string') bad('wrong-type', `${key} must be text, got ${describe(value)}${quoteHint(value)}`, site.at(key));
        else if (check.iso8601 && typeof value === 'string' && !ISO_8601.test(value))
          warnings.push({
            ...finding('warning', `${key}-format`, `${key} should be an ISO 8601 date and time such as 2026-11-22T10:00:00Z, got ${describe(value)}`, site.at(key)),
            annotationId: id!,
          });
        break;
      case 'attributes':
        if (!absent) checkAttributes(value, site.at(key), bad);
        break;
      case 'relations':
        if (!absent)
          checkRelations(
            value,
            site.at(key),
            (i) => lazyPlace(() => site.parts()?.item(key, i) ?? site.at(key)),
            bad,
            (name, where) => unknownKey(warnings, name, 'a relation', RELATION_KEYS, where, id),
          );
        break;
      case 'one-of':
        if (!absent && !check.values.includes(value as string))
          bad('wrong-type', `${key} can only be ${check.values.join(' or ')}, got ${describe(value)}; ${check.fix}`, site.at(key));
        break;
      case 'dispute':
        if (!absent) checkDispute(value, site.at(key), bad);
        break;
      case 'review':
        if (!absent) checkReview(value, site.at(key), bad);
        break;
    }
  }
  // Ids and labels reach trusted Markdown and command arguments: only characters with no meaning there.
  if (typeof id === 'string' && id !== '' && !isAnnotationId(id))
    bad('invalid-id', `id must be 1 to 64 ASCII letters, digits, "_" or "-", got ${describe(id)}; give the record a new id (8 hex digits not used in this file)`, site.at('id'));
  const label = item['label'];
  if (typeof label === 'string' && label !== '' && !isLabelName(label))
    bad('invalid-label', `label must be a label name (letters and digits, then also "_", "." or "-"), got ${describe(label)}; use a label of the label configuration`, site.at('label'));
  if (!readable) return undefined;

  // Every export format needs start < end (doccano refuses an empty span), and editing orphans a span
  // whose text is deleted, so an empty one was made by hand: an error, but the record is kept.
  if (item['start'] === item['end'])
    findings.push({
      ...finding('error', 'empty-span', `the annotation covers no text (start = end = ${String(item['start'])}); give it the offsets of its passage or remove it`, site.at('end')),
      annotationId: id!,
    });
  findings.push(...warnings);

  const annotation = annotationOf(item);
  for (const key of Object.keys(item)) {
    if (isAnnotationKey(key)) continue;
    unknownKey(findings, key, 'an annotation', ANNOTATION_KEYS, site.parts()?.entry(key)?.key ?? site.place, id);
    setOwn(annotation, key, ownCopy(item[key]));
  }
  return annotation as unknown as Annotation;
}

/** Report what is wrong with an `attributes` value: not a map, a value not text or a number, a text too long. */
function checkAttributes(attributes: unknown, place: Place, bad: (code: string, message: string, where: Place) => void): void {
  if (!isPlainMap(attributes)) {
    bad('wrong-type', `attributes must be a map (name: value), got ${describe(attributes)}`, place);
    return;
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' && typeof value !== 'number') bad('wrong-type', `attribute "${name}" must be text or a number, got ${describe(value)}`, place);
    else if (typeof value === 'string' && value.length > MAX_ATTRIBUTE_LENGTH)
      bad(
        'limit-exceeded',
        `attribute "${name}" has ${value.length} characters, over the limit of ${MAX_ATTRIBUTE_LENGTH}; shorten it (long prose belongs in note:)`,
        place,
      );
  }
}

/** Report what is wrong with a `dispute` value: not a map of side (A or B), by (text) and an optional pair (an id). */
function checkDispute(dispute: unknown, place: Place, bad: (code: string, message: string, where: Place) => void): void {
  const fix = 'write `dispute: {side: A, by: <who>, pair: <id>}` or settle the dispute and remove it';
  if (!isPlainMap(dispute)) return bad('wrong-type', `dispute must be a map with side, by and pair, got ${describe(dispute)}; ${fix}`, place);
  const unknown = Object.keys(dispute).filter((key) => !DISPUTE_KEYS.includes(key));
  if (unknown.length > 0) bad('wrong-type', `unknown key "${unknown[0]}" in dispute (known keys: ${DISPUTE_KEYS.join(', ')}); ${fix}`, place);
  if (dispute['side'] !== 'A' && dispute['side'] !== 'B') bad('wrong-type', `dispute side must be A or B, got ${describe(dispute['side'])}; ${fix}`, place);
  if (typeof dispute['by'] !== 'string' || dispute['by'] === '') bad('wrong-type', `dispute by must name who said so, got ${describe(dispute['by'])}; ${fix}`, place);
  const pair = dispute['pair'];
  if (pair !== undefined && pair !== null && (typeof pair !== 'string' || !isAnnotationId(pair)))
    bad('wrong-type', `dispute pair must be the id of the other record, got ${describe(pair)}; ${fix}`, place);
}

/**
 * Report what is wrong with a `relations` value: not a list, an item not a map, a `type` that is not a
 * name, a `to` that is not an id, a `document` that is not text. Other keys of an item are kept and
 * reported as unknown.
 */
function checkRelations(
  relations: unknown,
  place: Place,
  itemPlace: (index: number) => Place,
  bad: (code: string, message: string, where: Place) => void,
  unknown: (key: string, where: Place) => void,
): void {
  if (!Array.isArray(relations)) {
    bad('wrong-type', `relations must be a list of maps (- type: said-by, to: <id>), got ${describe(relations)}`, place);
    return;
  }
  relations.forEach((relation: unknown, i) => {
    const which = `relation ${i + 1}`;
    const place = itemPlace(i);
    if (!isPlainMap(relation)) {
      bad('wrong-type', `${which} must be a map with type and to (and document for another document), got ${describe(relation)}`, place);
      return;
    }
    const { type, to, document } = relation;
    if (type === undefined || type === null) bad('missing-key', `${which} has no type; add \`type:\` (a relation type of .marginalia.yaml)`, place);
    else if (typeof type !== 'string' || !isLabelName(type))
      bad('wrong-type', `${which}: type must be a relation type name (letters and digits, then also "_", "." or "-"), got ${describe(type)}`, place);
    if (to === undefined || to === null) bad('missing-key', `${which} has no to; add \`to:\` (the id of the annotation it points at)`, place);
    else if (typeof to !== 'string' || !isAnnotationId(to))
      bad('invalid-id', `${which}: to must be an annotation id (1 to 64 ASCII letters, digits, "_" or "-"), got ${describe(to)}${quoteHint(to)}`, place);
    if (document !== undefined && document !== null && (typeof document !== 'string' || document === ''))
      bad('wrong-type', `${which}: document must be the target's file, relative to this document's folder, got ${describe(document)}`, place);
    for (const key of Object.keys(relation)) if (!(RELATION_KEYS as readonly string[]).includes(key)) unknown(key, place);
  });
}

/** Report what is wrong with a `review` value: not a map of state (accepted or rejected), by (text) and at (ISO 8601). */
function checkReview(review: unknown, place: Place, bad: (code: string, message: string, where: Place) => void): void {
  const fix = 'write `review: {state: accepted, by: <who>, at: <ISO 8601 time>}` or remove it';
  if (!isPlainMap(review)) return bad('wrong-type', `review must be a map with state, by and at, got ${describe(review)}; ${fix}`, place);
  const unknown = Object.keys(review).filter((key) => !REVIEW_KEYS.includes(key));
  if (unknown.length > 0) bad('wrong-type', `unknown key "${unknown[0]}" in review (known keys: ${REVIEW_KEYS.join(', ')}); ${fix}`, place);
  if (review['state'] !== 'accepted' && review['state'] !== 'rejected') bad('wrong-type', `review state must be accepted or rejected, got ${describe(review['state'])}; ${fix}`, place);
  if (typeof review['by'] !== 'string' || review['by'] === '') bad('wrong-type', `review by must name the reviewer, got ${describe(review['by'])}; ${fix}`, place);
  if (typeof review['at'] !== 'string' || !ISO_8601.test(review['at'])) bad('wrong-type', `review at must be an ISO 8601 time such as 2026-11-22T10:00:00Z, got ${describe(review['at'])}; ${fix}`, place);
}

/**
 * The annotation made of a readable record's known keys with a value, in the order of the field table
 * (a copy, attributes included: the record stays with the writer). Made once from the table, reading
 * and writing each field by its name, several times faster than by a key taken from a list; it runs
 * for every record of every read. Where the host forbids making code from text, the loop (`compiledOr`).
 */
const annotationOf: (item: Record<string, unknown>) => Record<string, unknown> = compiledOr(() => {
  const body = ANNOTATION_FIELDS.map(({ key, check }) => {
    const field = JSON.stringify(key);
    const copy = check.kind === 'attributes' || check.kind === 'dispute' || check.kind === 'review' ? 'copyMap(v)' : check.kind === 'relations' ? 'v.map(copyRelation)' : 'v';
    return `v = x[${field}]; if (v !== undefined && v !== null) a[${field}] = ${copy};`;
  });
  const compiled = new Function('copyMap', 'copyRelation', `return function annotationOf(x) { const a = {}; let v; ${body.join(' ')} return a; };`) as (
    copy: typeof copyMap,
    copyOne: typeof copyRelation,
  ) => (item: Record<string, unknown>) => Record<string, unknown>;
  return compiled(copyMap, copyRelation);
}, annotationOfByLoop);

/** `annotationOf` as a loop over the field table. */
function annotationOfByLoop(x: Record<string, unknown>): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  for (const { key, check } of ANNOTATION_FIELDS as readonly AnnotationField[]) {
    const v = x[key];
    if (v === undefined || v === null) continue;
    a[key] =
      check.kind === 'attributes' || check.kind === 'dispute' || check.kind === 'review'
        ? copyMap(v as Record<string, unknown>)
        : check.kind === 'relations'
          ? (v as Record<string, unknown>[]).map(copyRelation)
          : v;
  }
  return a;
}

/**
 * A `source:` header as exports and imports may use it: its fields when the whole header is
 * understood (the rules `check` applies), undefined when it is absent, empty or not understood, so
 * that a half-read header never travels.
 * @param raw the header's value as parsed (a sidecar's `source`, or fields an import read)
 */
export function usableDocumentSource(raw: unknown): DocumentSource | undefined {
  if (raw === undefined || raw === null) return undefined;
  const source = readSource(raw, { line: 1, column: 1 }, []);
  return source && Object.keys(source).length ? source : undefined;
}

/**
 * Read the `source:` header. Problems are warnings: the annotations do not depend on it.
 * @returns the header, or undefined when it is not a map of known keys with valid values
 */
function readSource(raw: unknown, place: Place, findings: Finding[]): DocumentSource | undefined {
  const warn = (message: string): void => {
    findings.push(finding('warning', 'bad-source', `${message}; the header is kept as it is but not used`, place));
  };
  if (!isPlainMap(raw)) {
    warn(`source must be a map with outlet, url and published, got ${describe(raw)}`);
    return undefined;
  }
  const source: DocumentSource = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!SOURCE_KEYS.includes(key)) {
      warn(`unknown key "${key}" in source (known keys: ${SOURCE_KEYS.join(', ')})`);
      return undefined;
    }
    const text = typeof value === 'string' ? value : undefined;
    if (!text?.trim()) {
      warn(`source ${key} must be text, got ${describe(value)}`);
      return undefined;
    }
    if (key === 'url' && !/^https?:\/\/\S+$/i.test(text)) {
      warn(`source url must be an http or https address, got ${describe(value)}`);
      return undefined;
    }
    if (key === 'published' && !ISO_8601.test(text)) {
      warn(`source published must be an ISO 8601 date such as 2021-12-17, got ${describe(value)}`);
      return undefined;
    }
    source[key as keyof DocumentSource] = text;
  }
  return source;
}

/**
 * Read the `rejected:` header (suggestions turned down). Problems are warnings: the annotations do not
 * depend on it, and a header that is not understood is kept as it is.
 * @returns the records, or undefined when the header is not a list of {label, text, before}
 */
function readRejected(raw: unknown, place: Place, findings: Finding[]): RejectedSuggestion[] | undefined {
  const warn = (message: string): undefined => {
    findings.push(finding('warning', 'bad-rejected', `${message}; the header is kept as it is but not used, so rejected suggestions may be offered again`, place));
    return undefined;
  };
  if (!Array.isArray(raw)) return warn(`rejected must be a list of {label, text, before}, got ${describe(raw)}`);
  const records: RejectedSuggestion[] = [];
  for (const item of raw) {
    if (!isPlainMap(item)) return warn(`each item of rejected must be a map with label, text and before, got ${describe(item)}`);
    const unknown = Object.keys(item).find((key) => !REJECTED_KEYS.includes(key));
    if (unknown !== undefined) return warn(`unknown key "${unknown}" in rejected (known keys: ${REJECTED_KEYS.join(', ')})`);
    const { label, text, before } = item;
    if (typeof label !== 'string' || typeof text !== 'string' || (before !== undefined && typeof before !== 'string'))
      return warn('each item of rejected needs label and text as text (and before, when present)');
    records.push(before === undefined ? { label, text } : { label, text, before });
  }
  return records;
}

function unknownKey(findings: Finding[], key: string, where: string, known: readonly string[], place: Place, id?: string): void {
  const guess = known.find((k) => editDistance(k, key) <= 2);
  findings.push({
    ...finding(
      'warning',
      'unknown-key',
      `unknown key "${key}" in ${where}; it is kept as it is${guess ? ` — did you mean "${guess}"?` : ''} (known keys: ${known.join(', ')})`,
      place,
    ),
    ...(id ? { annotationId: id } : {}),
  });
}

/** A place found when first read (see `validateSidecar`): its getters are the class's, so each costs one small object. */
class LazyPlace implements Place {
  private found: Place | undefined;

  constructor(private readonly find: () => Place) {}

  get line(): number {
    return (this.found ??= this.find()).line;
  }

  get column(): number {
    return (this.found ??= this.find()).column;
  }
}

function lazyPlace(find: () => Place): Place {
  return new LazyPlace(find);
}

function finding(severity: Finding['severity'], code: string, message: string, place: Place): Finding {
  return { severity, code, message, line: place.line, column: place.column };
}

/** A short description of a value for a message: the value itself when it is short. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value === 'number' ? 'the number' : ''} ${value}`.trim();
  return Array.isArray(value) ? 'a list' : 'a map';
}

function quoteHint(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? `; put it in quotes ('${value}')` : '';
}

function copyMap<T>(map: Record<string, T>): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const key of Object.keys(map)) setOwn(copy, key, map[key]);
  return copy;
}

/** A copy of a relation for the caller: a key set to nothing (`document:`) is left out, as in a record. */
function copyRelation(relation: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(relation)) if (relation[key] !== null && relation[key] !== undefined) setOwn(copy, key, ownCopy(relation[key]));
  return copy;
}

/** A copy of a value for the caller: the parsed data stays with the writer (to tell later what changed). */
function ownCopy(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** Set a property, even one named `__proto__`, as an own data property. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

