/**
 * Annotation changes not yet in a sidecar, kept between sessions. While a document has unsaved edits
 * its annotation changes wait for its save (their offsets count over the unsaved text); when VS Code
 * quits with the document unsaved (hot exit) it keeps the buffer, and this record keeps the changes
 * beside it: the annotations, the sidecar's records they were made from (the base to merge with what
 * the sidecar holds when they come back), and a hash of the text their offsets count over.
 */
import type { Annotation } from './model';

/** The version of the record's shape; a record of another version is not taken back. */
const PENDING_VERSION = 1;

/** Annotation changes of one document, as kept. */
export interface PendingChanges {
  /** The document's URI, as a string. */
  document: string;
  /** `textHash` of the text the annotations' offsets count over. */
  textHash: string;
  /** The sidecar's records the changes were made from. */
  base: Annotation[];
  /** The document's annotations with the changes. */
  annotations: Annotation[];
}

const encoder = new TextEncoder();

/**
 * The hash that tells whether a text is the one the kept annotations count over: SHA-256 of its UTF-8
 * bytes, in hexadecimal. Web Crypto, which both the Node and the web worker extension hosts have (a
 * worker has no `node:crypto`); its digest is the one `createHash('sha256')` gave, so changes kept by
 * an earlier version are still recognised.
 * @param text a normalised document text (LF line ends, no BOM)
 */
export async function textHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The kept form of a document's pending changes. The records are serialised at the call, before the
 * text's hash is awaited: the caller may change them meanwhile.
 * @param document the document's URI, as a string
 * @param text the normalised text the annotations' offsets count over
 * @param base the sidecar's records the changes were made from
 * @param annotations the annotations with the changes
 */
export async function encodePendingChanges(document: string, text: string, base: readonly Annotation[], annotations: readonly Annotation[]): Promise<string> {
  let baseJson = serialisedBases.get(base);
  if (baseJson === undefined) serialisedBases.set(base, (baseJson = JSON.stringify(base)));
  const records = `"base":${baseJson},"annotations":${JSON.stringify(annotations)}}`;
  const head = JSON.stringify({ version: PENDING_VERSION, document, textHash: await textHash(text) });
  return `${head.slice(0, -1)},${records}`;
}

/**
 * The JSON of each base list seen: a base is the sidecar's records as read or written, which the store
 * replaces as a whole and never edits, so while changes are made it is serialised once, not at every
 * keeping (half the cost in a document of 10,000 annotations).
 */
const serialisedBases = new WeakMap<readonly Annotation[], string>();

/**
 * Read kept pending changes back.
 * @param json what `encodePendingChanges` made (or anything else)
 * @returns the changes, or why they cannot be taken back
 */
export function decodePendingChanges(json: string): PendingChanges | string {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return 'the kept changes are not complete JSON (cut short while they were stored)';
  }
  if (!isMap(data) || data['version'] !== PENDING_VERSION) return 'the kept changes are of another version of Marginalia';
  const { document, textHash: hash, base, annotations } = data;
  if (typeof document !== 'string' || typeof hash !== 'string') return 'the kept changes do not name their document and text';
  if (!isAnnotationList(base) || !isAnnotationList(annotations)) return 'the kept changes hold a record that is not an annotation';
  return { document, textHash: hash, base, annotations };
}

function isAnnotationList(value: unknown): value is Annotation[] {
  return (
    Array.isArray(value) &&
    value.every(
      (a) =>
        isMap(a) &&
        typeof a['id'] === 'string' &&
        typeof a['label'] === 'string' &&
        Number.isSafeInteger(a['start']) &&
        Number.isSafeInteger(a['end']) &&
        typeof a['text'] === 'string',
    )
  );
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
