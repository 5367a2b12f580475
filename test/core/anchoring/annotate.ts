import * as assert from 'node:assert/strict';
import { contextAround } from '../../../src/core/anchoring/context';
import type { Annotation } from '../../../src/core/model';
import { OffsetIndex } from '../../../src/core/text';

/**
 * An annotation of the `occurrence`-th copy (0-based) of `quote` in `text`, labelled quote, with
 * stored context unless told otherwise.
 * @param text the document's text
 * @param quote the annotated text
 * @param options its id (default `a`), which copy, and whether it stores prefix and suffix
 */
export function annotate(text: string, quote: string, options: { id?: string; occurrence?: number; context?: boolean } = {}): Annotation {
  let at = -1;
  for (let n = 0; n <= (options.occurrence ?? 0); n++) at = text.indexOf(quote, at + 1);
  assert.ok(at >= 0, `"${quote}" is in the text`);
  const index = new OffsetIndex(text);
  const start = index.toCodePoint(at);
  const end = index.toCodePoint(at + quote.length);
  const annotation: Annotation = { id: options.id ?? 'a', label: 'quote', start, end, text: quote };
  return options.context === false ? annotation : { ...annotation, ...contextAround(index, start, end) };
}
