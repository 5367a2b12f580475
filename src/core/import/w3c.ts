/**
 * W3C Web Annotations: an `AnnotationCollection` with its first page embedded (as Marginalia writes
 * it), an `AnnotationPage`, a JSON array of annotations, or one annotation. Each tagging body gives a
 * span with its label; the target's `TextPositionSelector` gives the offsets (code points) and its
 * `TextQuoteSelector` the text, or, alone, a quote to look for. Commenting and identifying bodies,
 * the creator, `created`, and Marginalia's `attributes` and `documents` keys are read back.
 * A `linking` annotation as Marginalia writes a relation (target: the source annotation's IRI; body:
 * the type as a tagging `TextualBody` and the target annotation as a `SpecificResource`) relates two
 * annotations of the file, in one document or across two (then by the target's id and document).
 */
import * as posix from 'node:path/posix';
import type { AttributeValue, DocumentSource } from '../model';
import { isObject, isOffset, jsonFile, publicationIn } from './jsonl';
import type { ImportedDocument, ImportedSpan, ParsedImport } from './types';

const MARGINALIA_URN = /^urn:marginalia:.*:([^:]+)$/;

/**
 * Parse a W3C Web Annotation JSON(-LD) file.
 * @param content the file's content
 * @param name the file's name, for reports
 */
export function parseW3c(content: string, name: string): ParsedImport {
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  const file = jsonFile(content, name, parsed.problems);
  if (!file) return parsed;
  const root = file.value;
  const texts = new Map<string, string>();
  const publications = new Map<string, DocumentSource>();
  if (isObject(root) && Array.isArray(root['documents'])) {
    root['documents'].forEach((d: unknown, i) => {
      if (!isObject(d) || typeof d['id'] !== 'string') return;
      if (typeof d['value'] === 'string') texts.set(d['id'], d['value']);
      const publication = publicationIn(d, `${name} documents[${i}]`, parsed.ignored);
      if (publication) publications.set(d['id'], publication);
    });
  }
  const items = annotationsOf(root);
  if (!items) {
    parsed.problems.push({ origin: name, message: 'expected an AnnotationCollection with an embedded first page, an AnnotationPage, an array of annotations or an Annotation' });
    return parsed;
  }
  const documents = new Map<string, ImportedDocument>();
  /** The document of each annotation the file names by IRI, which relations use as the span's key. */
  const documentOf = new Map<string, ImportedDocument>();
  const links: { link: Link; origin: string }[] = [];
  items.forEach((item, i) => {
    const origin = `${name} item ${i + 1}${isObject(item) && typeof item['id'] === 'string' ? ` (${item['id']})` : ''}`;
    if (isObject(item) && item['motivation'] === 'linking') {
      const link = readLink(item);
      if (typeof link === 'string') parsed.problems.push({ origin, message: link });
      else links.push({ link, origin });
      return;
    }
    const read = readAnnotation(item, origin);
    if (typeof read === 'string') {
      parsed.problems.push({ origin, message: read });
      return;
    }
    let document = documents.get(read.source);
    if (!document) {
      const path = decodeIri(read.source);
      const publication = publications.get(read.source);
      document = { candidates: [path], text: texts.get(read.source), spans: [], origin: `${name} target ${read.source}`, ...(publication ? { publication } : {}) };
      documents.set(read.source, document);
    }
    document.spans.push(...read.spans);
    const key = read.spans[0]?.key;
    if (key !== undefined) documentOf.set(key, document);
  });
  for (const { link, origin } of links) {
    const document = documentOf.get(link.from);
    const target = documentOf.get(link.to);
    if (!document || !target) parsed.problems.push({ origin, message: `the relation links ${document ? link.to : link.from}, which is no annotation of the file` });
    else if (document === target) document.relations = [...(document.relations ?? []), { type: link.type, from: link.from, to: link.to, origin }];
    else {
      const id = target.spans.find((s) => s.key === link.to)?.id;
      const relative = posix.relative(posix.dirname(document.candidates[0]!), target.candidates[0]!);
      if (id === undefined) parsed.problems.push({ origin, message: `the relation links ${link.to}, which has no Marginalia id` });
      else document.relations = [...(document.relations ?? []), { type: link.type, from: link.from, to: id, document: relative, origin }];
    }
  }
  parsed.documents.push(...documents.values());
  return parsed;
}

/** A relation as a linking annotation gives it: the IRIs of its two annotations and its type. */
interface Link {
  type: string;
  from: string;
  to: string;
}

/** The relation of a `linking` annotation, or why it cannot be read. */
function readLink(item: Record<string, unknown>): Link | string {
  const bodies = (Array.isArray(item['body']) ? item['body'] : [item['body']]).filter(isObject);
  const type = bodies.find((b) => b['purpose'] === 'tagging' && typeof b['value'] === 'string')?.['value'];
  const to = bodies.find((b) => b['purpose'] === 'linking' && typeof b['source'] === 'string')?.['source'];
  const from = item['target'];
  if (typeof type !== 'string' || typeof to !== 'string' || typeof from !== 'string') {
    return 'a linking annotation needs a target IRI, a tagging body with the relation type and a linking SpecificResource with the linked IRI';
  }
  return { type, from, to };
}

function annotationsOf(root: unknown): unknown[] | undefined {
  if (Array.isArray(root)) return root;
  if (!isObject(root)) return undefined;
  if (root['type'] === 'Annotation') return [root];
  if (Array.isArray(root['items'])) return root['items'];
  const first = root['first'];
  if (isObject(first) && Array.isArray(first['items'])) return first['items'];
  return undefined;
}

/** The spans of one annotation (one per tagging body) and its target's source, or why it cannot be read. */
function readAnnotation(item: unknown, origin: string): { source: string; spans: ImportedSpan[] } | string {
  if (!isObject(item)) return 'an annotation must be a JSON object';
  const target = (Array.isArray(item['target']) ? item['target'] : [item['target']]).find(isObject);
  if (!target) return 'the annotation has no target with a source and selectors';
  const source = typeof target['source'] === 'string' ? target['source'] : isObject(target['source']) ? target['source']['id'] : undefined;
  if (typeof source !== 'string') return 'the target has no source';
  const selectors = (Array.isArray(target['selector']) ? target['selector'] : [target['selector']]).filter(isObject);
  const position = selectors.find((s) => s['type'] === 'TextPositionSelector');
  const quote = selectors.find((s) => s['type'] === 'TextQuoteSelector');
  if (position && !(isOffset(position['start']) && isOffset(position['end']))) return 'the TextPositionSelector needs whole-number start and end';
  if (!position && !(quote && typeof quote['exact'] === 'string')) return 'the target has neither a TextPositionSelector nor a TextQuoteSelector';

  const bodies = (Array.isArray(item['body']) ? item['body'] : item['body'] === undefined ? [] : [item['body']]).filter(isObject);
  const valued = (purpose: string): string[] =>
    bodies.filter((b) => b['purpose'] === purpose && typeof b['value'] === 'string').map((b) => b['value'] as string);
  let tags = valued('tagging');
  if (tags.length === 0 && item['motivation'] === 'tagging') tags = bodies.filter((b) => !b['purpose'] && typeof b['value'] === 'string').map((b) => b['value'] as string);
  if (tags.length === 0) return 'the annotation has no tagging body (a TextualBody with purpose "tagging") to take a label from';

  const id = typeof item['id'] === 'string' ? MARGINALIA_URN.exec(item['id'])?.[1] : undefined;
  const creator = item['creator'];
  const author = typeof creator === 'string' ? creator : isObject(creator) && typeof creator['name'] === 'string' ? creator['name'] : undefined;
  const note = valued('commenting')[0];
  const entity = valued('identifying')[0];
  const attributes = readAttributes(item['attributes']);
  const spans = tags.map((label, i): ImportedSpan => ({
    label,
    start: position ? (position['start'] as number) : undefined,
    end: position ? (position['end'] as number) : undefined,
    ...(quote && typeof quote['exact'] === 'string' ? { text: quote['exact'] } : {}),
    ...(quote && typeof quote['prefix'] === 'string' ? { prefix: quote['prefix'] } : {}),
    ...(quote && typeof quote['suffix'] === 'string' ? { suffix: quote['suffix'] } : {}),
    ...(id !== undefined && i === 0 ? { id: decodeURIComponent(id) } : {}),
    ...(typeof item['id'] === 'string' && i === 0 ? { key: item['id'] } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(entity !== undefined ? { entity } : {}),
    ...(attributes ? { attributes } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(typeof item['created'] === 'string' ? { created: item['created'] } : {}),
    origin: tags.length > 1 ? `${origin} tag ${JSON.stringify(label)}` : origin,
  }));
  return { source, spans };
}

function readAttributes(value: unknown): Record<string, AttributeValue> | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, AttributeValue] => typeof e[1] === 'string' || typeof e[1] === 'number');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function decodeIri(iri: string): string {
  try {
    return decodeURIComponent(iri);
  } catch {
    return iri;
  }
}
