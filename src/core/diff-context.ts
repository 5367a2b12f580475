/**
 * A changed annotation shown in its sentence for a pull-request comment: a few words of the document
 * before and after the span, the span in bold, all of it escaped so that the document's text stays
 * text in Markdown.
 */
import type { Annotation } from './model';
import { escapeMarkdown } from './markdown-escape';
import { OffsetIndex } from './text';

/** How many words of context are shown on each side. */
const CONTEXT_WORDS = 6;

/** How many code points are looked at on each side to find them (a long word is cut). */
const CONTEXT_REACH = 60;

/** How many code points of the span are shown before it is cut short. */
const SPAN_LENGTH = 100;

/**
 * The span in context, as one line of Markdown: `…words before **span** words after…`. From the
 * document's text when it is known and the record still sits on it; else from the record's own
 * `prefix` and `suffix`; undefined when there is neither.
 * @param annotation the record
 * @param text the document's normalised text on the record's side, when known
 */
export function contextOf(annotation: Annotation, text: OffsetIndex | undefined): string | undefined {
  if (annotation.text === '') return undefined;
  let before: { text: string; more: boolean } | undefined;
  let after: { text: string; more: boolean } | undefined;
  if (text && annotation.end <= text.length && text.slice(annotation.start, annotation.end) === annotation.text) {
    const from = Math.max(0, annotation.start - CONTEXT_REACH);
    const to = Math.min(text.length, annotation.end + CONTEXT_REACH);
    before = { text: text.slice(from, annotation.start), more: from > 0 };
    after = { text: text.slice(annotation.end, to), more: to < text.length };
  } else if (annotation.prefix !== undefined || annotation.suffix !== undefined) {
    // The stored context is itself a cut of the document: more may come on either side.
    before = { text: annotation.prefix ?? '', more: true };
    after = { text: annotation.suffix ?? '', more: true };
  }
  if (before === undefined || after === undefined) return undefined;
  return `${escapeMarkdown(lastWords(before))}**${escapeMarkdown(cut(annotation.text))}**${escapeMarkdown(firstWords(after))}`;
}

/** The last few words before a span, with "…" when more came before them. */
function lastWords({ text, more }: { text: string; more: boolean }): string {
  const words = text.split(/(?<=\s)/);
  const kept = words.length > CONTEXT_WORDS ? words.slice(-CONTEXT_WORDS).join('') : text;
  return (more || kept !== text ? '…' : '') + kept.trimStart();
}

/** The first few words after a span, with "…" when more follows them. */
function firstWords({ text, more }: { text: string; more: boolean }): string {
  const words = text.split(/(?=\s)/);
  const kept = words.length > CONTEXT_WORDS ? words.slice(0, CONTEXT_WORDS).join('') : text;
  return kept.trimEnd() + (more || kept !== text ? '…' : '');
}

function cut(text: string): string {
  const chars = [...text];
  return chars.length > SPAN_LENGTH ? chars.slice(0, SPAN_LENGTH - 1).join('') + '…' : text;
}
