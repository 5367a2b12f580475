/**
 * The one place a sidecar's bytes become text. Valid UTF-8 is decoded as is (a byte-order mark is
 * kept, so that a rewrite keeps it). Bytes that are not valid UTF-8 (a file saved in Latin-1) are not
 * replaced by U+FFFD, which would make the rewrite lose them without a word: each becomes the lone
 * surrogate U+DC80–U+DCFF that names it (the "surrogateescape" of Python). No valid UTF-8 decodes to
 * a lone surrogate, so the reader knows such a text for what it is, reports the first bad byte with
 * its line, and refuses to rewrite it (see `analyzeSidecar`); `encodeSidecar` gives the bytes back.
 */

const STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const ENCODER = new TextEncoder();

/** A byte 0x80–0xFF that is not UTF-8 is escaped as the code unit ESCAPE_BASE + byte (U+DC80–U+DCFF). */
const ESCAPE_BASE = 0xdc00;

/**
 * Decode a sidecar's bytes.
 * @param bytes the file's content
 * @returns its text; a text that is not well formed (see `firstEscapedByte`) when the bytes are not UTF-8
 */
export function decodeSidecar(bytes: Uint8Array): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    return decodeEscaped(bytes);
  }
}

/**
 * The bytes of a text `decodeSidecar` gave: UTF-8, with each escaped byte written back as it was.
 * @param text the text
 */
export function encodeSidecar(text: string): Uint8Array {
  if (isWellFormed(text)) return ENCODER.encode(text);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc80 || unit > 0xdcff || isLowOfPair(text, i)) continue;
    parts.push(ENCODER.encode(text.slice(from, i)), Uint8Array.of(unit - ESCAPE_BASE));
    from = i + 1;
  }
  parts.push(ENCODER.encode(text.slice(from)));
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * Where the first byte that was not UTF-8 is in a decoded text, or undefined when there is none.
 * @param text a text from `decodeSidecar`
 * @returns its UTF-16 offset, and the byte (undefined for a lone surrogate that escapes no byte)
 */
export function firstEscapedByte(text: string): { offset: number; byte: number | undefined } | undefined {
  if (isWellFormed(text)) return undefined;
  const found = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  if (!found) return undefined;
  const unit = found[0].charCodeAt(0);
  return { offset: found.index, byte: unit >= 0xdc80 && unit <= 0xdcff ? unit - ESCAPE_BASE : undefined };
}

/** Whether a text has no lone surrogate (native and fast; checked on every sidecar read). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function isLowOfPair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  return i > 0 && before >= 0xd800 && before <= 0xdbff;
}

/** Decode valid runs as UTF-8 and escape every byte outside them. */
function decodeEscaped(bytes: Uint8Array): string {
  const parts: string[] = [];
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    if (runStart < i) parts.push(STRICT.decode(bytes.subarray(runStart, i)));
    parts.push(String.fromCharCode(ESCAPE_BASE + bytes[i]!));
    runStart = ++i;
  }
  if (runStart < bytes.length) parts.push(STRICT.decode(bytes.subarray(runStart)));
  return parts.join('');
}

/** The length of the well-formed UTF-8 sequence at `i` (the Unicode Standard's table 3-7), 0 if none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const inRange = (k: number, low: number, high: number) => i + k < bytes.length && bytes[i + k]! >= low && bytes[i + k]! <= high;
  const tail = (k: number) => inRange(k, 0x80, 0xbf);
  if (b0 >= 0xc2 && b0 <= 0xdf) return tail(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const second = b0 === 0xe0 ? inRange(1, 0xa0, 0xbf) : b0 === 0xed ? inRange(1, 0x80, 0x9f) : tail(1);
    return second && tail(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const second = b0 === 0xf0 ? inRange(1, 0x90, 0xbf) : b0 === 0xf4 ? inRange(1, 0x80, 0x8f) : tail(1);
    return second && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}
