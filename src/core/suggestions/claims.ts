/**
 * Claims: the sentence around a figure or a quotation, when a cue word stands in it ("The West says
 * Moscow has readied some 100,000 troops", "Putin denies planning an attack"). A sentence that opens
 * with a quotation mark is the quote itself, not a claim. See docs/suggestions.md.
 */

/**
 * The default cues: verbs of saying, assessing and reporting, and words of number and cause that news
 * writing puts around a checkable statement. A project replaces them with `suggest.cues` of its claim label.
 */
export const DEFAULT_CLAIM_CUES: readonly string[] = [
  'says', 'said', 'say', 'told', 'according to', 'denies', 'denied', 'claims', 'claimed', 'accused', 'accuses',
  'warned', 'estimated', 'estimates', 'reported', 'announced', 'confirmed', 'believe', 'believes',
  'has killed', 'killed', 'claimed', 'has left', 'has moved', 'has massed', 'has committed', 'committed', 'readied',
];

/** A sentence: its UTF-16 range, without the closing punctuation. */
export interface SentenceSpan {
  start: number;
  end: number;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /(?:\b\p{Lu}|\bMr|\bMrs|\bMs|\bDr|\bSt|\bGen|\bSen|\bRep|\bGov|\bLt|\bCol|\bJan|\bFeb|\bAug|\bSept?|\bOct|\bNov|\bDec|\bNo|\bvs|\betc)$/u;

/**
 * The sentences that hold one of the given spans and a cue.
 * @param text normalised document text
 * @param anchors spans (figures, quotes) whose sentences are candidates
 * @param cues words or phrases, matched as whole words in any case
 */
export function findClaims(text: string, anchors: readonly { start: number; end: number }[], cues: readonly string[]): SentenceSpan[] {
  if (cues.length === 0) return [];
  const cue = new RegExp(`(?<![\\p{L}\\p{N}])(?:${cues.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
  const claims: SentenceSpan[] = [];
  let last = -1;
  for (const anchor of [...anchors].sort((a, b) => a.start - b.start)) {
    if (anchor.start < last) continue;
    const sentence = sentenceAround(text, anchor.start);
    last = sentence.end;
    if (claims.some((c) => c.start === sentence.start)) continue;
    const words = text.slice(sentence.start, sentence.end);
    if (/^["“„«‘']/.test(words) || !cue.test(words)) continue;
    claims.push(sentence);
  }
  return claims;
}

/** The sentence holding `at`, within its paragraph, without the final punctuation and spaces. */
export function sentenceAround(text: string, at: number): SentenceSpan {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const lineEnd = newline === -1 ? text.length : newline;
  let start = lineStart;
  for (let i = at - 1; i > lineStart; i--) if (endsSentence(text, i)) {
    start = i + 1;
    break;
  }
  let end = lineEnd;
  for (let i = at; i < lineEnd; i++) if (endsSentence(text, i)) {
    end = i;
    break;
  }
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s.!?;:,]/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** A period, ! or ? followed by a space and a capital (or a quote mark), not after an abbreviation. */
function endsSentence(text: string, i: number): boolean {
  const c = text[i]!;
  if (c !== '.' && c !== '!' && c !== '?') return false;
  if (!/^["”’']?\s+["“‘']?\p{Lu}/u.test(text.slice(i + 1, i + 5))) return false;
  return c !== '.' || !ABBREVIATIONS.test(text.slice(Math.max(0, i - 5), i));
}

/**
 * A text as a regular expression that matches it literally.
 * @param text any text
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
