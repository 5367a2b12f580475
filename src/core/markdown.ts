/**
 * The plain text of a Markdown document, and where its characters came from, so that annotations
 * made on the Markdown source can be exported over the text a reader sees (`export --plain`).
 *
 * `remark-parse` gives the text-bearing nodes (`text`, `inlineCode`, `code`) with their positions in
 * the source. A node's value is not always a plain slice of the source (escapes, character
 * references, blockquote markers and indentation inside it are dropped), so each value is aligned with
 * its source range character by character. Between two nodes the markup is dropped; a line break in it
 * becomes a line break (two or more become a blank line), other whitespace a space. mdast positions
 * count UTF-16 units, as JavaScript strings do; the conversion to code points happens at the end.
 */
import { OffsetIndex, lowerBound } from './text';

/** A Markdown document seen as plain text. */
export interface PlainProjection {
  /** The document's text without its markup. */
  text: string;
  /**
   * Map a span of the Markdown source onto the plain text. A boundary inside markup snaps to the
   * nearest text inside the span: the start forward, the end backward.
   * @param start first code point of the span in the source
   * @param end code point after the span in the source
   * @returns the span over `text` (code points), or undefined when it covers no text at all
   */
  mapSpan(start: number, end: number): { start: number; end: number } | undefined;
}

/** What the projection reads of an mdast node. */
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** Node types whose `value` is text a reader sees. */
const TEXT_NODES = new Set(['text', 'inlineCode', 'code']);

/** A character reference as CommonMark reads one (`&amp;`, `&#123;`, `&#x1F600;`). */
const CHARACTER_REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/**
 * Project a Markdown document onto its plain text.
 * @param source the document's normalised text (LF line ends)
 */
export async function projectMarkdown(source: string): Promise<PlainProjection> {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const tree = unified().use(remarkParse).parse(source) as MdNode;
  const pieces: { value: string; start: number; end: number }[] = [];
  collectText(tree, pieces);

  const plain: string[] = [];
  /** For each UTF-16 unit of the plain text: the UTF-16 offset in the source it came from. */
  const origin: number[] = [];
  /** Whether that unit is a separator standing for dropped markup (never a span boundary). */
  const separator: boolean[] = [];
  let previousEnd: number | undefined;
  for (const piece of pieces) {
    if (previousEnd !== undefined) {
      const gap = source.slice(previousEnd, piece.start);
      const breaks = gap.split('\n').length - 1;
      const last = plain.length ? plain[plain.length - 1]! : '';
      let joint = '';
      if (breaks > 0) joint = breaks > 1 ? '\n\n' : '\n';
      else if (/\s/.test(gap) && !/\s$/.test(last) && !/^\s/.test(piece.value)) joint = ' ';
      for (const unit of joint) {
        plain.push(unit);
        origin.push(previousEnd);
        separator.push(true);
      }
    }
    const aligned = align(piece.value, source, piece.start, piece.end);
    for (let i = 0; i < piece.value.length; i++) {
      plain.push(piece.value[i]!);
      origin.push(aligned[i]!);
      separator.push(false);
    }
    previousEnd = piece.end;
  }

  const text = plain.join('');
  const sourceIndex = new OffsetIndex(source);
  const plainIndex = new OffsetIndex(text);
  return {
    text,
    mapSpan(start, end) {
      const from = sourceIndex.toUtf16(start);
      const to = sourceIndex.toUtf16(end);
      let first = lowerBound(origin, from);
      while (first < origin.length && separator[first]) first++;
      let last = lowerBound(origin, to) - 1;
      while (last >= 0 && separator[last]) last--;
      if (first >= origin.length || last < first) return undefined;
      // Keep a surrogate pair whole.
      if (/[\uD800-\uDBFF]/.test(text[last]!) && last + 1 < text.length) last++;
      return { start: plainIndex.toCodePoint(first), end: plainIndex.toCodePoint(last + 1) };
    },
  };
}

function collectText(node: MdNode, pieces: { value: string; start: number; end: number }[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (TEXT_NODES.has(node.type) && node.value && start !== undefined && end !== undefined) {
    pieces.push({ value: node.value, start, end });
    return;
  }
  for (const child of node.children ?? []) collectText(child, pieces);
}

/**
 * The source offset (UTF-16) each unit of a node's value came from: the value is the source range
 * minus markup, so its characters are found in order; a character reference stands for the
 * character it decodes to. Units that cannot be found keep the last offset found, so offsets never
 * decrease.
 */
function align(value: string, source: string, from: number, to: number): number[] {
  const offsets: number[] = [];
  let s = from;
  let v = 0;
  while (v < value.length) {
    const unit = value[v]!;
    let matched = false;
    for (let k = s; k < to; k++) {
      if (source[k] === unit) {
        offsets.push(k);
        s = k + 1;
        v++;
        matched = true;
        break;
      }
      const reference = source[k] === '&' ? CHARACTER_REFERENCE.exec(source.slice(k, k + 40)) : null;
      if (reference) {
        // A decoded reference: one code point of the value (two units when astral).
        const width = /[\uD800-\uDBFF]/.test(unit) ? 2 : 1;
        for (let w = 0; w < width && v < value.length; w++, v++) offsets.push(k);
        s = k + reference[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      offsets.push(Math.max(from, s - 1));
      v++;
    }
  }
  return offsets;
}
