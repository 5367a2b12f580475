/**
 * Reading a figure's words ("more than 14,000 people", "$4.2 million", "nearly three decades") into a
 * number, a unit and the interval the phrase allows. See docs/sources.md for the rules and why.
 */
import { normalizeUnit } from './units';

/** How the phrase bounds its number. */
export type FigureModifier =
  | 'exact'
  | 'approximate'
  | 'more-than'
  | 'at-least'
  | 'less-than'
  | 'at-most'
  | 'nearly'
  | 'between'
  | 'year';

/** A figure read from its words. */
export interface ParsedFigure {
  /** The number as stated (for a range, its midpoint), scaled ("4.2 million" → 4200000). */
  value: number;
  /** The lowest value the phrase allows; null when it sets no lower bound. */
  low: number | null;
  /** The highest value the phrase allows; null when it sets no upper bound. */
  high: number | null;
  /** True when `low` itself is excluded ("more than 14,000": low 14000, open). */
  lowOpen: boolean;
  /** True when `high` itself is excluded ("fewer than 100", "nearly 100,000"). */
  highOpen: boolean;
  /** The normalised unit (`people`, `troops`, `USD`, `%`, …), null when the phrase names none. */
  unit: string | null;
  /** The words after the number and unit, lower case ("nato countries" for "30 NATO countries"). */
  counted: string;
  modifier: FigureModifier;
}

/**
 * Relative tolerance of "about", "some", "roughly"… Reporters round to one or two significant figures,
 * so "about 15,000" may stand for anything from 14,500 to 15,499 and estimates vary a little more;
 * ±10 % covers that and still tells "about 15,000" from "13,000".
 */
export const APPROXIMATE_TOLERANCE = 0.1;
/** How far under its number "nearly" and "almost" reach: "nearly 100,000" is [90,000, 100,000). */
export const NEARLY_TOLERANCE = 0.1;

/** The modifiers that bound one number (not a range, not a year). */
export type Bound = Exclude<FigureModifier, 'between' | 'year'>;

/** Phrases before a number, longest first so that "no more than" wins over "more than". */
const MODIFIER_PHRASES: [string, Bound][] = (
  [
    ['no more than', 'at-most'],
    ['no fewer than', 'at-least'],
    ['no less than', 'at-least'],
    ['not more than', 'at-most'],
    ['not less than', 'at-least'],
    ['a maximum of', 'at-most'],
    ['a minimum of', 'at-least'],
    ['as many as', 'at-most'],
    ['in excess of', 'more-than'],
    ['upwards of', 'more-than'],
    ['more than', 'more-than'],
    ['greater than', 'more-than'],
    ['fewer than', 'less-than'],
    ['less than', 'less-than'],
    ['just under', 'nearly'],
    ['close to', 'nearly'],
    ['at least', 'at-least'],
    ['at most', 'at-most'],
    ['up to', 'at-most'],
    ['an estimated', 'approximate'],
    ['approximately', 'approximate'],
    ['estimated', 'approximate'],
    ['roughly', 'approximate'],
    ['around', 'approximate'],
    ['nearly', 'nearly'],
    ['almost', 'nearly'],
    ['about', 'approximate'],
    ['circa', 'approximate'],
    ['approx.', 'approximate'],
    ['some', 'approximate'],
    ['over', 'more-than'],
    ['above', 'more-than'],
    ['exceeding', 'more-than'],
    ['under', 'less-than'],
    ['below', 'less-than'],
    ['~', 'approximate'],
  ] as [string, Bound][]
).sort((a, b) => b[0].length - a[0].length);

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 1e2, thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12, trn: 1e12,
};
const CURRENCY_SIGNS: Record<string, string> = { 'us$': 'USD', $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₽': 'RUB', '₴': 'UAH' };

const WORD_NUMBER = new RegExp(`^(?:${Object.keys(SMALL).join('|')}|${Object.keys(SCALES).filter((s) => s.length > 2).join('|')})$`);
/** A number in digits: thousands grouped by commas or spaces ("14 000"), a decimal point, a scale word. */
const DIGITS = /^(us\$|[$€£¥₽₴])?\s?(\d{1,3}(?:(?:,| )\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(k|mn|mln|bn|tn|trn|thousand|million|billion|trillion|hundred)\b)?/;

/** A number found at the start of a text. */
interface NumberRead {
  value: number;
  /** The currency of a sign before it (`$4.2 million`), if any. */
  currency: string | undefined;
  /** How many characters it took. */
  length: number;
  /** Written as a bare four-digit number from 1500 to 2199 without separators: likely a year. */
  yearLike: boolean;
}

/**
 * Read a figure's words into a value, a unit and an interval.
 * @param text the figure's text, as tagged
 * @param before the document text just before it (the annotation's prefix), where "more than" or
 *   "some" often stands when only the number and its unit were tagged; used when `text` has no
 *   modifier of its own
 * @returns undefined when the text holds no number
 */
export function parseFigure(text: string, before = ''): ParsedFigure | undefined {
  const own = normalizePhrase(text);
  let { modifier, rest } = leadingModifier(own);
  if (!modifier) modifier = trailingModifier(normalizePhrase(before));
  const range = /^between\s+(.+?)\s+and\s+(.+)$/.exec(rest) ?? /^from\s+(.+?)\s+to\s+(.+)$/.exec(rest);
  if (range) return parseRange(range[1]!, range[2]!);
  const dashed = /^(.+?) ?(?:-|to) ?(.+)$/.exec(rest);
  // "twenty-five" is one number: a dash joins a range only after digits.
  if (dashed && /\d/.test(dashed[1]!) && readNumber(dashed[1]!)?.length === dashed[1]!.length && readNumber(dashed[2]!)) return parseRange(dashed[1]!, dashed[2]!);
  const number = readNumber(rest);
  if (!number) return undefined;
  rest = rest.slice(number.length).trim();
  const { unit, factor, counted } = unitOf(rest, number.currency);
  if (number.yearLike && unit === null && !modifier) {
    return { value: number.value, low: number.value, high: number.value, lowOpen: false, highOpen: false, unit: 'year', counted, modifier: 'year' };
  }
  return { ...interval(number.value * factor, modifier ?? 'exact'), unit, counted, modifier: modifier ?? 'exact' };
}

function parseRange(lowText: string, highText: string): ParsedFigure | undefined {
  const high = readNumber(highText);
  const low = readNumber(lowText);
  if (!low || !high) return undefined;
  const { unit, factor, counted } = unitOf(highText.slice(high.length).trim(), high.currency ?? low.currency);
  // "between 70 and 90,000" is rare; "between 4 and 5 million" is not: a bare low number takes the high one's scale.
  const lowScale = low.length === lowText.trim().length && /^\d+(?:\.\d+)?$/.test(lowText.trim()) ? scaleOf(highText) : 1;
  const a = low.value * lowScale * factor;
  const b = high.value * factor;
  // "2014-2021" is a span of years, not a count between two numbers.
  const modifier = low.yearLike && high.yearLike && unit === null ? 'year' : 'between';
  return { value: (a + b) / 2, low: Math.min(a, b), high: Math.max(a, b), lowOpen: false, highOpen: false, unit: modifier === 'year' ? 'year' : unit, counted, modifier };
}

function scaleOf(text: string): number {
  const m = DIGITS.exec(text.trim());
  return m?.[3] ? SCALES[m[3]]! : 1;
}

/**
 * The interval a bound puts around a number.
 * @param value the number
 * @param modifier how the phrase bounds it
 */
export function interval(value: number, modifier: Bound): Pick<ParsedFigure, 'value' | 'low' | 'high' | 'lowOpen' | 'highOpen'> {
  const closed = { lowOpen: false, highOpen: false };
  switch (modifier) {
    case 'exact':
      return { value, low: value, high: value, ...closed };
    case 'approximate':
      return { value, low: value * (1 - APPROXIMATE_TOLERANCE), high: value * (1 + APPROXIMATE_TOLERANCE), ...closed };
    case 'nearly':
      return { value, low: value * (1 - NEARLY_TOLERANCE), high: value, lowOpen: false, highOpen: true };
    case 'more-than':
      return { value, low: value, high: null, lowOpen: true, highOpen: false };
    case 'at-least':
      return { value, low: value, high: null, ...closed };
    case 'less-than':
      return { value, low: null, high: value, lowOpen: false, highOpen: true };
    case 'at-most':
      return { value, low: null, high: value, ...closed };
  }
}

/** Lower case, one kind of space, one kind of dash, no thousands' thin spaces. */
function normalizePhrase(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\u00a0\u2009\u202f]+/g, ' ')
    .trim();
}

function leadingModifier(text: string): { modifier: Bound | undefined; rest: string } {
  for (const [phrase, modifier] of MODIFIER_PHRASES) {
    if (text.startsWith(phrase) && !/[a-z]/.test(text[phrase.length] ?? ' ')) return { modifier, rest: text.slice(phrase.length).trim() };
  }
  return { modifier: undefined, rest: text };
}

function trailingModifier(before: string): Bound | undefined {
  for (const [phrase, modifier] of MODIFIER_PHRASES) {
    if (before.endsWith(phrase) && !/[a-z]/.test(before[before.length - phrase.length - 1] ?? ' ')) return modifier;
  }
  return undefined;
}

/** Read the number at the start of `text`: digits ("14,000", "1.5bn", "$4.2 million") or words ("fourteen thousand"). */
function readNumber(text: string): NumberRead | undefined {
  const digits = DIGITS.exec(text);
  // "1,5 million" (a decimal comma) or "1.000.000" would be read as 1: better no number than a wrong one.
  if (digits && /^[.,]?\d/.test(text.slice(digits[0].length))) return undefined;
  if (digits) {
    const raw = digits[2]!;
    const value = Number(raw.replace(/[, ]/g, '')) * (digits[3] ? SCALES[digits[3]]! : 1);
    const yearLike = !digits[1] && !digits[3] && /^(?:1[5-9]|2[01])\d\d$/.test(raw);
    return { value, currency: digits[1] ? CURRENCY_SIGNS[digits[1]] : undefined, length: digits[0].length, yearLike };
  }
  return readWords(text);
}

/** "fourteen thousand", "two hundred and fifty", "three": English number words. */
function readWords(text: string): NumberRead | undefined {
  const words = text.split(/(\s+|-)/);
  let total = 0;
  let current = 0;
  let length = 0;
  let read = 0;
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i]!;
    const sep = words[i + 1] ?? '';
    if (word === 'and' && read > 0 && WORD_NUMBER.test(words[i + 2] ?? '')) {
      length += word.length + sep.length;
      continue;
    }
    if (!WORD_NUMBER.test(word)) break;
    if (SMALL[word] !== undefined) current += SMALL[word]!;
    else {
      const scale = SCALES[word]!;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
    }
    read++;
    length += word.length + sep.length;
  }
  if (read === 0) return undefined;
  const consumed = text.slice(0, length).trimEnd();
  return { value: total + current, currency: undefined, length: consumed.length, yearLike: false };
}

/** The unit named after the number (or the currency of a sign before it) and what the rest counts. */
function unitOf(rest: string, currency: string | undefined): { unit: string | null; factor: number; counted: string } {
  const words = rest.replace(/[.,;:!?)"'\u2019\u201d]+$/, '').split(' ').filter(Boolean);
  for (let take = Math.min(3, words.length); take >= 1; take--) {
    for (let from = 0; from + take <= Math.min(words.length, 4); from++) {
      const found = normalizeUnit(words.slice(from, from + take).join(' '));
      if (found) {
        const counted = [...words.slice(0, from), ...words.slice(from + take)].join(' ');
        return { unit: currency ?? found.unit, factor: currency ? 1 : found.factor, counted: currency ? words.join(' ') : counted };
      }
    }
  }
  return { unit: currency ?? null, factor: 1, counted: words.join(' ') };
}
