/**
 * Quotations: passages between quotation marks of any style (“…”, "…", ‘…’, '…', «…», „…“), one
 * paragraph at a time, as the grammar highlights them (docs/grammar.md); and their speaker, from the
 * attribution around them ("X said", "said X", "according to X", "X told …", or "he said" after a
 * named speaker). See docs/suggestions.md.
 */

import { sentenceAround } from './claims';

/** A quoted passage: the words between the marks, trimmed of spaces and of a comma, period, colon or semicolon at the end. */
export interface QuoteSpan {
  start: number;
  end: number;
  /** The speaker the attribution names, if one was found. */
  speaker?: string;
  /** True when the speaker was found by a pronoun ("he said") pointing back to an earlier name. */
  speakerByPronoun: boolean;
  /**
   * Where the text names the speaker, title included ("Deputy Foreign Minister Sergei Ryabkov"): the
   * attribution's words, or, for a pronoun, where its antecedent was named. Set also when the words
   * are not a person's name ("NATO says"), and then without `speaker`.
   */
  mention?: Mention;
}

/** Words of the text naming a speaker, in UTF-16 offsets. */
export interface Mention {
  start: number;
  end: number;
}

/** Who a name points at: the name as cleaned, and where it is written. */
interface Named {
  name: string;
  mention: Mention;
}

/** Opening mark → closing marks. The straight double quote and the apostrophe close themselves. */
const PAIRS: [open: string, close: string][] = [
  ['“', '”'],
  ['„', '“'],
  ['"', '"'],
  ['«', '»'],
  ['‘', '’'],
  ["'", "'"],
];
const SINGLE = new Set(['‘', "'"]);
const WORD_CHAR = /[\p{L}\p{N}]/u;

const SPEECH_VERBS = 'said|says|told|tells|added|adds|stated|states|warned|warns|declared|wrote|writes|insisted|insists|argued|argues|explained|noted|notes|asked|replied|claimed|stressed|continued|announced|acknowledged|admitted|urged|tweeted|described|called';
/** Words of a title before a name ("Deputy Foreign Minister Sergei Ryabkov"), left out of the speaker. */
const TITLE_WORDS = new Set(
  'Mr Mrs Ms Dr Sir President Vice Prime Deputy Foreign Defence Defense Minister Secretary General Secretary-General Spokesman Spokeswoman Spokesperson Press Chancellor Senator Sen Rep Representative Governor Gov Ambassador Chief Director Commander Gen Colonel Col Lt Admiral Adm Analyst Professor Prof King Queen Prince Pope Mayor Leader Chairman Chair Head CEO US U.S. UK EU NATO Russian Ukrainian American British French German Kremlin White House State Department Pentagon'.split(' '),
);
const NAME_WORD = String.raw`\p{Lu}(?:\.|[\p{L}'’-]*)`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:${NAME_WORD}|de|van|von|der|al|bin|da|di|la|le))*`;
/** "…," said Sergei Ryabkov / "…," Ryabkov said / "…," he said: just after the quote. */
const AFTER = new RegExp(
  String.raw`^[,.!?]?\s*(?:(?<verb>${SPEECH_VERBS})\s+(?<named>${NAME})|(?<subject>${NAME}|he|she|they)\s+(?:has\s+|had\s+)?(?:${SPEECH_VERBS})\b|(?<appositive>${NAME}),\s)`,
  'u',
);
/**
 * Who says something, found from the verb back: "Sergei Ryabkov said", "Dmitry Trenin, the director
 * of …, wrote", "he said". The verbs are found first with a plain pattern, and the name pattern runs
 * only over the 120 characters before each: running it over every character is what made this slow.
 */
const VERB = new RegExp(String.raw`\b(?:has\s+|had\s+)?(?:${SPEECH_VERBS})\b|\b[Aa]ccording\s+to\s+`, 'g');
const SUBJECT_BEFORE = new RegExp(String.raw`(?:(?<named>${NAME}),\s[^,"“”\n]{1,80},|(?<subject>${NAME}|\bhe|\bshe|\bthey),?)\s+$`, 'u');
const NAME_AFTER = new RegExp(String.raw`^${NAME}`, 'u');
/** How far before a verb its subject is looked for, in UTF-16 code units. */
const SUBJECT_REACH = 120;
/** A speech verb or "according" somewhere: without one, a paragraph names no speaker. */
const SPEECH_CUE = new RegExp(String.raw`\b(?:${SPEECH_VERBS}|[Aa]ccording)\b`);
/** How far back a "he said" looks for the name it stands for, in UTF-16 code units. */
const PRONOUN_REACH = 800;

/**
 * Find the quotations of a text and their speakers.
 * @param text normalised document text
 */
export function findQuotes(text: string): QuoteSpan[] {
  return attribute(text, []).found;
}

/**
 * The attribution of quotations already tagged: for each span, the speaker and where the text names
 * them, read as `findQuotes` reads them. A span inside a quotation `findQuotes` finds takes its
 * attribution; another one (marks it does not pair, a span without marks) is read from the words around it.
 * @param text normalised document text
 * @param spans the quotations, in UTF-16 offsets
 * @returns one attribution per span, in the order given (`start` and `end` those of the span)
 */
export function attributeQuotes(text: string, spans: readonly Mention[]): QuoteSpan[] {
  const { ofGiven } = attribute(text, spans);
  return spans.map((span, i) => {
    const { speaker, speakerByPronoun, mention } = ofGiven[i] ?? { speakerByPronoun: false };
    return { start: span.start, end: span.end, speakerByPronoun, ...(speaker ? { speaker } : {}), ...(mention ? { mention } : {}) };
  });
}

/** A quotation of a line to attribute: its marks, and the given spans it stands for. */
interface QuoteRange {
  open: number;
  close: number;
  /** A given span no found quotation holds: read as it is (found ones are trimmed of marks and spaces). */
  span?: Mention;
  /** The indices of the given spans this quotation stands for. */
  given: number[];
}

/**
 * The quotations of a text with their attribution (`found`: those found between marks), and the
 * attribution of each given span (`ofGiven`): that of the found quotation holding it, or its own, read
 * from the words around it. All are read in their paragraph in order (a "he said" takes the last name before it).
 */
function attribute(text: string, given: readonly Mention[]): { found: QuoteSpan[]; ofGiven: (QuoteSpan | undefined)[] } {
  const found: QuoteSpan[] = [];
  const ofGiven: (QuoteSpan | undefined)[] = [];
  const byStart = given.map((_, i) => i).sort((a, b) => given[a]!.start - given[b]!.start);
  let nextGiven = 0;
  let lineStart = 0;
  let lastSpeaker: (Named & { at: number }) | undefined;
  /** The last full name seen of each surname: "Ortiz" said later is the "Helen Ortiz" named before. */
  const fullNames = new Map<string, string>();
  const known = (name: string): string => (name.includes(' ') ? name : (fullNames.get(name) ?? name));
  const remember = (name: string): void => {
    if (name.includes(' ')) fullNames.set(name.slice(name.lastIndexOf(' ') + 1), name);
  };
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    /** The speaker of the paragraph's last attributed quote: a quote after it with no attribution of its own is theirs too. */
    let paragraphSpeaker: Named | undefined;
    // Names that say something in this paragraph, outside quotes too: the antecedents of a later "she said".
    const line = text.slice(lineStart, lineEnd);
    // Most paragraphs say nothing: one cheap test spares them the name patterns.
    const saying = SPEECH_CUE.test(line);
    const said = saying ? sayings(text, lineStart, lineEnd) : [];
    const sayers = said.flatMap((x) => {
      const name = isPronoun(x.who) ? undefined : cleanName(x.who);
      return name ? [{ name, at: x.at, mention: x.mention }] : [];
    });
    const antecedent = (before: number): (Named & { at: number }) | undefined => {
      const inLine = sayers.filter((s) => s.at < before).at(-1);
      return inLine && inLine.at > (lastSpeaker?.at ?? -1) ? { ...inLine, name: known(inLine.name) } : lastSpeaker;
    };
    const inLine: number[] = [];
    while (nextGiven < byStart.length && given[byStart[nextGiven]!]!.start <= lineEnd) {
      const i = byStart[nextGiven++]!;
      if (given[i]!.start >= lineStart && given[i]!.end <= lineEnd) inLine.push(i);
    }
    for (const { open, close, span, given: standsFor } of rangesOf(text, lineStart, lineEnd, given, inLine)) {
      const trimmed = span ?? trimQuote(text, open + 1, close);
      if (!trimmed) continue;
      const sentenceStart = Math.max(lineStart, sentenceAround(text, open).start);
      const named = saying ? (speakerAfter(text, close + 1, lineEnd) ?? speakerBefore(said, sentenceStart, open)) : undefined;
      const pronoun = named !== undefined && isPronoun(named.who);
      let speaker = !pronoun && named?.name ? known(named.name) : undefined;
      let mention = pronoun ? undefined : named?.mention;
      let speakerByPronoun = false;
      const before = pronoun ? antecedent(open) : undefined;
      if (before && open - before.at < PRONOUN_REACH) {
        ({ name: speaker, mention } = before);
        speakerByPronoun = true;
      } else if (!speaker && !pronoun && paragraphSpeaker) {
        ({ name: speaker, mention } = paragraphSpeaker);
        speakerByPronoun = true;
      }
      const quote: QuoteSpan = { start: trimmed.start, end: trimmed.end, speakerByPronoun, ...(speaker ? { speaker } : {}), ...(mention ? { mention } : {}) };
      if (!span) found.push(quote);
      for (const i of standsFor) ofGiven[i] = quote;
      if (speaker && mention) paragraphSpeaker = { name: speaker, mention };
      if (speaker && mention && !speakerByPronoun) {
        lastSpeaker = { name: speaker, at: close, mention };
        remember(speaker);
      }
    }
    for (const sayer of sayers) {
      if (sayer.at < (lastSpeaker?.at ?? -1)) continue;
      lastSpeaker = { ...sayer, name: known(sayer.name) };
      remember(sayer.name);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { found, ofGiven };
}

/**
 * The quotes of one line in order: those found between marks, each with the given spans it holds,
 * and the given spans of the line that none of them holds, with the marks (or, without them, the
 * characters) just around them and the span itself. A span's `close` is past the punctuation that ends it, so that what follows
 * ("…," he said) is read as after a found quote.
 */
function rangesOf(text: string, from: number, to: number, given: readonly Mention[], inLine: readonly number[]): QuoteRange[] {
  const found: QuoteRange[] = quotedRanges(text, from, to).map(([open, close]) => ({ open, close, given: [] }));
  const extra: QuoteRange[] = [];
  for (const i of inLine) {
    const span = given[i]!;
    const holder = found.find((f) => f.open < span.start && span.end <= f.close);
    if (holder) {
      holder.given.push(i);
      continue;
    }
    let close = span.end;
    while (close < to && /[,.;:!?]/.test(text[close]!)) close++;
    if (!CLOSING_MARK.test(text[close] ?? '')) close--;
    extra.push({ open: span.start - 1, close, span, given: [i] });
  }
  return extra.length === 0 ? found : [...found, ...extra].sort((a, b) => a.open - b.open || a.close - b.close);
}

/** A mark that may close a quotation. */
const CLOSING_MARK = /["”’'»“]/;

/** The [open, close] mark offsets of the quotes of one line; a single-quoted passage inside a double-quoted one is left to it. */
function quotedRanges(text: string, from: number, to: number): [number, number][] {
  const ranges: [number, number][] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    const pair = PAIRS.find(([open]) => open === c);
    if (!pair || !canOpen(text, i, c)) {
      i++;
      continue;
    }
    const close = findClose(text, i + 1, to, pair[1], SINGLE.has(c));
    if (close === -1) {
      i++;
      continue;
    }
    ranges.push([i, close]);
    i = close + 1;
  }
  return ranges;
}

function canOpen(text: string, at: number, mark: string): boolean {
  const before = text[at - 1] ?? ' ';
  // An apostrophe (Russia's) or a straight quote after a digit (12") opens nothing.
  if ((mark === "'" || mark === '"' || mark === '‘') && WORD_CHAR.test(before)) return false;
  return !/\s/.test(text[at + 1] ?? ' ');
}

function findClose(text: string, from: number, to: number, close: string, single: boolean): number {
  for (let j = from; j < to; j++) {
    if (text[j] !== close) continue;
    // An apostrophe inside a word (don't, Russia’s) closes nothing.
    if (single && WORD_CHAR.test(text[j + 1] ?? ' ')) continue;
    if (/\s/.test(text[j - 1] ?? ' ')) continue;
    return j;
  }
  return -1;
}

function trimQuote(text: string, start: number, end: number): { start: number; end: number } | undefined {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,.;:]/.test(text[end - 1]!)) end--;
  // "..." and similar: an ellipsis kept, not trimmed to nothing.
  if (end > start && text.slice(start, end).endsWith('..')) end = Math.min(end + 1, text.length);
  return WORD_CHAR.test(text.slice(start, end)) ? { start, end } : undefined;
}

/** Who an attribution names: the words as written and where, and the name they give (none when only a title, or a pronoun). */
interface Attribution {
  who: string;
  name: string | undefined;
  mention: Mention;
}

function speakerAfter(text: string, from: number, lineEnd: number): Attribution | undefined {
  const m = AFTER.exec(text.slice(from, Math.min(lineEnd, from + 120)));
  if (!m) return undefined;
  const named = m.groups?.['named'];
  const who = named ?? m.groups?.['subject'] ?? m.groups?.['appositive'] ?? '';
  // A name after the verb ends the match; a subject or an appositive starts it, after the punctuation.
  const start = named !== undefined ? m[0].length - named.length : m[0].search(/[^,.!?\s]/);
  const end = start + who.length;
  const name = isPronoun(who) ? undefined : cleanName(who);
  // A pronoun is returned as such; words that give no name are as good as no attribution.
  return isPronoun(who) || name ? { who, name, mention: { start: from + start, end: from + end } } : undefined;
}

/** The last one who says something in the sentence before a quote: a name, or a pronoun. */
function speakerBefore(said: readonly Saying[], sentenceStart: number, open: number): Attribution | undefined {
  const last = said.filter((x) => x.at >= sentenceStart && x.end <= open).at(-1);
  if (!last) return undefined;
  return { who: last.who, name: isPronoun(last.who) ? undefined : cleanName(last.who), mention: last.mention };
}

/** Someone who says something: the name or pronoun as written, where it starts, where the verb ends, and where the words naming them are. */
interface Saying {
  who: string;
  at: number;
  end: number;
  mention: Mention;
}

/** Everyone who says something in a paragraph, in order. */
function sayings(text: string, from: number, to: number): Saying[] {
  const found: Saying[] = [];
  VERB.lastIndex = from;
  for (let m = VERB.exec(text); m && m.index < to; m = VERB.exec(text)) {
    if (m[0].startsWith('ccording', 1)) {
      const name = NAME_AFTER.exec(text.slice(m.index + m[0].length, Math.min(to, m.index + m[0].length + SUBJECT_REACH)));
      const nameAt = m.index + m[0].length;
      if (name) found.push({ who: name[0], at: m.index, end: nameAt + name[0].length, mention: { start: nameAt, end: nameAt + name[0].length } });
      continue;
    }
    const before = text.slice(Math.max(from, m.index - SUBJECT_REACH), m.index);
    const subject = SUBJECT_BEFORE.exec(before);
    const who = subject?.groups?.['named'] ?? subject?.groups?.['subject'];
    if (!subject || !who) continue;
    const at = m.index - before.length + subject.index;
    found.push({ who, at, end: m.index + m[0].length, mention: { start: at, end: at + who.length } });
  }
  return found;
}

function isPronoun(word: string): boolean {
  return /^(?:he|she|they)$/i.test(word);
}

/** A name without the title in front of it, at most three words; undefined when only a title is left. */
function cleanName(raw: string): string | undefined {
  const words = raw.trim().replace(/[.'’]+$/, '').split(/\s+/).filter(Boolean);
  while (words.length > 0 && TITLE_WORDS.has(words[0]!.replace(/\.$/, ''))) words.shift();
  const name = words.slice(-3).join(' ');
  return name && !TITLE_WORDS.has(name) && /\p{Ll}/u.test(name) ? name : undefined;
}
