/**
 * Turning a document's bytes into text, refusing what is not text: annotating a binary file or one
 * in a legacy encoding would store offsets over garbage.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Result of decoding: the text, or why there is none. */
export type DecodedDocument = { text: string; problem?: undefined } | { text?: undefined; problem: string };

/**
 * Decode a document's bytes as UTF-8 (a leading BOM is dropped).
 * @param bytes the file's content
 * @returns the text, or a problem phrased to follow the document's name ("is binary …")
 */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  if (bytes.includes(0)) {
    return { problem: 'is binary (it holds NUL bytes); only UTF-8 text documents can be annotated' };
  }
  try {
    return { text: UTF8.decode(bytes) };
  } catch {
    return { problem: 'is not valid UTF-8; convert it to UTF-8 (e.g. `iconv -f latin1 -t utf-8`) and re-anchor with `marginalia check --fix`' };
  }
}
