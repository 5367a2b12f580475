/**
 * Figures: a number with a currency, a percentage or a unit word ("$2.5 billion", "3.5%",
 * "70,000 soldiers", "30 NATO countries", "three decades"), or a number grouped in thousands on its
 * own ("13,000"). The span is the number and its unit, without the modifier in front ("more than"),
 * as the seeds tag them; `parseFigure` reads the modifier from the text before. A bare year, a date
 * or a small number without a unit is not a figure. See docs/suggestions.md.
 */
import { parseFigure, type ParsedFigure } from '../figures/parse';
import { normalizeUnit } from '../figures/units';

/** A figure found in the text, read into a value and a unit. */
export interface FigureSpan {
  start: number;
  end: number;
  figure: ParsedFigure;
  /**
   * How the figure was recognised: money, a percentage or a unit of the unit table are surest; a
   * count of a plural noun the table does not know ("15,000 sandbags") less; a grouped number alone least.
   */
  kind: 'money' | 'percentage' | 'quantity' | 'count' | 'number';
}

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|dozens|dozen|million|millions|billion';
const SCALE = String.raw`(?:\s?(?:k|mn|mln|bn|tn|trn|thousand|million|billion|trillion|hundred)\b)?`;
/**
 * Letters and digits for the edges of a figure. The figure pattern runs over every character of the
 * text, and without the `u` flag V8 runs it some fifty times faster; Latin letters and digits are what
 * stands next to a number in practice (a letter of another script next to one only lets a figure through).
 */
const WORD = String.raw`A-Za-z0-9\u00C0-\u024F`;
/** A number in digits (with a currency sign) or in words, then maybe a scale word. */
const FIGURE = new RegExp(
  String.raw`(?<![${WORD}.,$€£¥₽₴-])(?<currency>US\$|[$€£¥₽₴])?\s?(?<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)${SCALE}|(?<![${WORD}-])(?<words>(?:${NUMBER_WORDS})(?:[\s-](?:${NUMBER_WORDS}|and))*)(?![${WORD}])`,
  'gi',
);
const PERCENT = /^(?:\s?%|\s(?:percent|per cent)\b)/i;
/** Up to three words after a number, for the unit: "NATO countries", "people", "per cent". */
const NEXT_WORDS = /^\s([\p{L}'’-]+)(?:\s([\p{L}'’-]+))?(?:\s([\p{L}'’-]+))?/u;

/**
 * Find the figures of a text.
 * @param text normalised document text
 */
export function findFigures(text: string): FigureSpan[] {
  const spans: FigureSpan[] = [];
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(text); m; m = FIGURE.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    let end = m.index + m[0].length;
    const groups = m.groups ?? {};
    // A code (F-16, COVID-19) or a time (10:30) is not a figure.
    if (/^[-:/]\d/.test(text.slice(end, end + 2))) continue;
    let kind: FigureSpan['kind'] = 'number';
    const after = text.slice(end, end + 60);
    const percent = PERCENT.exec(after);
    if (groups['currency']) kind = 'money';
    else if (percent) {
      end += percent[0].length;
      kind = 'percentage';
    } else {
      const unitEnd = unitAfter(after);
      const countEnd = unitEnd === undefined ? countedAfter(after) : undefined;
      if (unitEnd !== undefined) {
        end += unitEnd;
        kind = 'quantity';
      } else if (countEnd !== undefined) {
        end += countEnd;
        kind = 'count';
      }
    }
    if (kind === 'number' && !(groups['digits']?.includes(',') || /[a-z]$/i.test(m[0]))) continue;
    const figure = parseFigure(text.slice(start, end), text.slice(Math.max(0, start - 32), start));
    if (!figure || figure.modifier === 'year') continue;
    // "one" on its own is a pronoun far more often than a count.
    if (groups['words'] && kind !== 'quantity' && kind !== 'count') continue;
    spans.push({ start, end, figure, kind });
  }
  return spans;
}

/** The length of the text up to the end of the unit word after a number, if one follows. */
function unitAfter(after: string): number | undefined {
  const m = NEXT_WORDS.exec(after);
  if (!m) return undefined;
  const words = [m[1], m[2], m[3]].filter((w): w is string => w !== undefined);
  // "people", "military personnel", or one capitalised word before the unit ("30 NATO countries", "100,000 Russian troops").
  for (let take = Math.min(2, words.length); take >= 1; take--) {
    if (normalizeUnit(words.slice(0, take).join(' '))) return lengthOf(after, words.slice(0, take));
  }
  if (words.length >= 2 && /^\p{Lu}/u.test(words[0]!) && normalizeUnit(words[1]!)) return lengthOf(after, words.slice(0, 2));
  return undefined;
}

/** Plural-looking words that are not what a number counts ("30 was", "2 is"…). */
const NOT_COUNTED = new Set(['was', 'has', 'is', 'this', 'its', 'as', 'us', 'his', 'hers', 'thus', 'plus', 'less', 'across', 'towards', 'afterwards', 'unless', 'whereas']);

/** The length up to the end of a lower-case plural noun just after a number ("sandbags", "volunteers"), if one follows. */
function countedAfter(after: string): number | undefined {
  const m = /^\s(\p{Ll}{3,}s)(?![\p{L}\p{N}'’-])/u.exec(after);
  return m && !NOT_COUNTED.has(m[1]!) && !m[1]!.endsWith('ss') ? m[0].length : undefined;
}

function lengthOf(after: string, words: string[]): number {
  let at = 0;
  for (const word of words) at = after.indexOf(word, at) + word.length;
  return at;
}
