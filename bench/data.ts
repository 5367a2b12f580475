/**
 * Data the benchmark makes for itself: news-like prose with curly quotes, em dashes, figures and a
 * few emoji, and annotations of 20–120 code points over it (some nested, some on repeated text).
 * Deterministic for a seed, so every run measures the same inputs.
 */
import { seededRandom } from '../src/core/ids';
import type { Annotation, Sidecar } from '../src/core/model';
import { OffsetIndex } from '../src/core/text';

export { seededRandom };

const WORDS = (
  'the minister said talks would begin in Geneva next week while officials in Moscow and Washington ' +
  'warned that troops gathered near the border could move within days security guarantees alliance ' +
  'expansion draft treaty proposals negotiations diplomats reporters briefing spokesperson statement ' +
  'government military exercises sanctions pipeline energy prices analysts described the demands as ' +
  'unacceptable although several European capitals signalled they were ready to listen carefully'
).split(' ');
const SPEAKERS = ['Sergei Ryabkov', 'Jen Psaki', 'Dmitry Peskov', 'Jens Stoltenberg', 'Antony Blinken'];
const EMOJI = ['😀', '🇺🇦', '📈', '🕊️', '🔥'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function sentence(rand: () => number): string {
  const words = Array.from({ length: 8 + Math.floor(rand() * 14) }, () => pick(rand, WORDS));
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  const roll = rand();
  if (roll < 0.2) words.splice(3, 0, `${(10 + Math.floor(rand() * 90)).toLocaleString('en-US')},000`);
  else if (roll < 0.3) words.splice(5, 0, '—');
  else if (roll < 0.35) words.push(pick(rand, EMOJI));
  return words.join(' ') + '.';
}

/**
 * Prose of about `length` UTF-16 units: paragraphs of sentences with quoted statements; about one
 * sentence in eight is repeated from earlier, as wire copy repeats itself.
 * @param rand the random source
 * @param length the wanted size in UTF-16 code units
 */
export function generateProse(rand: () => number, length: number): string {
  const sentences: string[] = [];
  const paragraphs: string[] = [];
  let size = 0;
  while (size < length) {
    const parts: string[] = [];
    for (let i = 0; i < 3 + Math.floor(rand() * 4); i++) {
      let s = sentences.length > 8 && rand() < 0.12 ? pick(rand, sentences) : sentence(rand);
      if (rand() < 0.3) s = `“${s}” ${pick(rand, SPEAKERS)} told reporters.`;
      sentences.push(s);
      parts.push(s);
    }
    const paragraph = parts.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
  }
  return paragraphs.join('\n\n') + '\n';
}

const LABELS = ['claim', 'quote', 'figure'];

/** The end of the word that `offset` falls in: the next boundary, less the space or newline. */
function wordEnd(boundaries: number[], offset: number): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boundaries[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < boundaries.length ? boundaries[lo]! - 1 : offset;
}

/**
 * `count` annotations over `text`, sorted by (start, end), about 20–120 code points long, starting
 * and ending at word boundaries; about one in ten nested inside the one before. Ids are 8 hex digits.
 * @param rand the random source
 * @param text normalised text, long enough for the spans
 * @param count how many annotations
 */
export function generateAnnotations(rand: () => number, text: string, count: number): Annotation[] {
  const index = new OffsetIndex(text);
  const boundaries: number[] = [];
  for (let cp = 0, i = 0; i < text.length; cp++) {
    const code = text.codePointAt(i)!;
    if (code === 0x20 || code === 0x0a) boundaries.push(cp + 1);
    i += code > 0xffff ? 2 : 1;
  }
  const annotations: Annotation[] = [];
  const ids = new Set<string>();
  for (let n = 0; n < count; n++) {
    const previous = annotations[annotations.length - 1];
    let start: number;
    let end: number;
    if (previous && previous.end - previous.start > 50 && rand() < 0.1) {
      start = previous.start + 5 + Math.floor(rand() * 10);
      end = start + 20 + Math.floor(rand() * Math.max(1, previous.end - start - 25));
    } else {
      start = boundaries[Math.floor(rand() * boundaries.length)]!;
      end = start + 20 + Math.floor(rand() * 100);
    }
    end = Math.min(wordEnd(boundaries, end), index.length);
    start = Math.min(start, end - 1);
    let id: string;
    do id = Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0');
    while (ids.has(id));
    ids.add(id);
    annotations.push({
      id,
      label: pick(rand, LABELS),
      start,
      end,
      text: index.slice(start, end),
      prefix: index.slice(Math.max(0, start - 32), start),
      suffix: index.slice(end, Math.min(index.length, end + 32)),
      ...(rand() < 0.3 ? { attributes: { speaker: pick(rand, SPEAKERS) } } : {}),
      ...(rand() < 0.2 ? { note: 'Checked against the wire copy — figures differ.' } : {}),
    });
  }
  return annotations.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
}

/**
 * A sidecar for generated annotations.
 * @param document the document's file name
 * @param annotations its annotations
 */
export function sidecarOf(document: string, annotations: Annotation[]): Sidecar {
  return { version: 1, document, annotations };
}
