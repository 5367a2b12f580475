/**
 * The unit synonym table: the words a figure's unit is written with, and the one name each is known
 * by, so that "70,000 soldiers" and "100,000 troops" are compared while "100,000 people" is not.
 * Small on purpose: a unit missing here leaves a figure without a unit (it is then grouped only by
 * its entity), which is safer than a guess. See docs/sources.md.
 */

/** A normalised unit, and what one of the words counts in it ("three decades" is 30 years). */
export interface UnitName {
  unit: string;
  factor: number;
}

/**
 * Casualty words all count people: the seeds' outlets say "13,000 people", "13,000 lives" and "killed
 * more than 14,000" of one toll. Whether they died or were counted otherwise is the subject's business
 * (its entity or `subject` attribute), not the unit's.
 */
const SYNONYMS: [unit: string, words: string[], factor?: number][] = [
  ['people', ['people', 'persons', 'person', 'lives', 'life', 'dead', 'deaths', 'death', 'killed', 'casualties', 'victims', 'civilians', 'individuals', 'residents', 'inhabitants']],
  ['troops', ['troops', 'soldiers', 'soldier', 'servicemen', 'servicemembers', 'service members', 'military personnel', 'fighters', 'personnel']],
  ['refugees', ['refugees', 'refugee', 'displaced people', 'displaced']],
  ['USD', ['dollars', 'dollar', 'usd', 'us dollars']],
  ['EUR', ['euros', 'euro', 'eur']],
  ['GBP', ['pounds sterling', 'pounds', 'gbp', 'sterling']],
  ['RUB', ['roubles', 'rubles', 'rouble', 'ruble', 'rub']],
  ['UAH', ['hryvnias', 'hryvnia', 'uah']],
  ['%', ['%', 'percent', 'per cent', 'pc', 'percentage points']],
  ['km', ['km', 'kilometres', 'kilometers', 'kilometre', 'kilometer']],
  ['miles', ['miles', 'mile', 'mi']],
  ['metres', ['m', 'metres', 'meters', 'metre', 'meter']],
  ['years', ['years', 'year', 'yrs']],
  ['years', ['decades', 'decade'], 10],
  ['years', ['centuries', 'century'], 100],
  ['months', ['months', 'month']],
  ['days', ['days', 'day']],
  ['tanks', ['tanks', 'tank']],
  ['countries', ['countries', 'country', 'nations', 'states', 'member states']],
];

const BY_WORD = new Map<string, UnitName>();
for (const [unit, words, factor = 1] of SYNONYMS) for (const word of words) BY_WORD.set(word, { unit, factor });

/**
 * The normalised unit a word or short phrase names.
 * @param words one to three words, any case ("Soldiers", "per cent", "USD")
 * @returns undefined when the table does not know it
 */
export function normalizeUnit(words: string): UnitName | undefined {
  return BY_WORD.get(words.toLowerCase().replace(/\s+/g, ' ').trim());
}
