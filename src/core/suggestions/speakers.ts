/**
 * Speakers proposed as relations: for each tagged quote that has no `said-by` relation yet, the span
 * naming its speaker, as the attribution around the quote reads it ("…," said Ryabkov; Ryabkov said
 * "…"; according to X; "…," he said after a name). The target is a span already tagged with a label
 * `said-by` allows at its end (`speaker` in the seeds), or, when none is tagged there and the project
 * has a `speaker` label, a new `speaker` span over the words naming them. Pure. See docs/suggestions.md.
 */
import type { Annotation, LabelConfig } from '../model';
import { relationTypes } from '../relations/types';
import { lowerBound, OffsetIndex } from '../text';
import { attributeQuotes, type QuoteSpan } from './quotes';

/** The relation type proposed. */
export const SAID_BY = 'said-by';
/** The label of a span proposed for a speaker no span names yet. */
export const SPEAKER_LABEL = 'speaker';

/** A span to tag before relating to it, in code points over the normalised text. */
export interface ProposedSpan {
  label: string;
  start: number;
  end: number;
  text: string;
}

/** A relation proposed from a quote to the span naming its speaker. */
export interface RelationSuggestion {
  /** The relation type (`said-by`). */
  type: string;
  /** The quote the relation starts from. */
  from: Pick<Annotation, 'id' | 'label' | 'start' | 'end' | 'text'>;
  /** Its target: a tagged span, or a span to tag first. */
  to: { annotation: Pick<Annotation, 'id' | 'label' | 'start' | 'end' | 'text'> } | { proposed: ProposedSpan };
  /** The speaker's name as the attribution reads it, when it reads one. */
  speaker: string | undefined;
  /**
   * How sure the suggester is, 0 to 1: a tagged span over the words of the attribution is surest, a
   * span reached through a pronoun or a surname less so, a new span least.
   */
  score: number;
}

/**
 * Propose `said-by` relations for the quotes of a document.
 * @param text normalised document text
 * @param config the label configuration (its `said-by` type says which labels stand at each end)
 * @param annotations the document's annotations
 * @returns one proposal per quote that gets one, in document order
 */
export function suggestSpeakerRelations(text: string, config: LabelConfig, annotations: readonly Annotation[]): RelationSuggestion[] {
  const type = relationTypes(config).find((t) => t.id === SAID_BY);
  if (!type) return [];
  const allows = (labels: readonly string[] | undefined, label: string) => (labels ? labels.includes(label) : true);
  const hasSpeakerLabel = config.labels.some((l) => l.id === SPEAKER_LABEL) && allows(type.to, SPEAKER_LABEL);
  const targetLabels = type.to ?? (hasSpeakerLabel ? [SPEAKER_LABEL] : []);
  const standing = annotations.filter((a) => a.status !== 'orphaned');
  const quotes = standing.filter((a) => allows(type.from, a.label) && !a.relations?.some((r) => r.type === SAID_BY)).sort((a, b) => a.start - b.start);
  const tagged = standing.filter((a) => targetLabels.includes(a.label));
  if (quotes.length === 0 || (tagged.length === 0 && !hasSpeakerLabel)) return [];
  const speakers = new SpeakerSpans(tagged);
  const index = new OffsetIndex(text);
  const attributions = attributeQuotes(text, quotes.map((q) => ({ start: index.toUtf16(q.start), end: index.toUtf16(q.end) })));
  const proposals: RelationSuggestion[] = [];
  quotes.forEach((quote, i) => {
    const said = attributions[i]!;
    const target = speakerSpanOf(said, quote, speakers, index) ?? (hasSpeakerLabel ? newSpeakerSpan(said, index) : undefined);
    if (!target) return;
    const from = { id: quote.id, label: quote.label, start: quote.start, end: quote.end, text: quote.text };
    proposals.push({ type: SAID_BY, from, ...target, speaker: said.speaker });
  });
  return proposals;
}

/** Scores of the ways a target is found (see `RelationSuggestion.score`). */
const SCORE = { mention: 0.9, pronoun: 0.8, surname: 0.6, newSpan: 0.7, newSpanByPronoun: 0.6 } as const;

/**
 * The tagged spans a quote's speaker may be, looked up by place and by word, so that a document of
 * many quotes and speakers is not searched whole for each quote.
 */
class SpeakerSpans {
  /** The spans by start. */
  private readonly byStart: Annotation[];
  /** Their starts, in the same order. */
  private readonly starts: number[];
  /** The longest span: a span overlapping a place starts at most this far before it. */
  private readonly longest: number;
  /** The spans holding each word (lower case), by start. */
  private readonly byWord = new Map<string, Annotation[]>();

  constructor(spans: readonly Annotation[]) {
    this.byStart = [...spans].sort((a, b) => a.start - b.start);
    this.starts = this.byStart.map((a) => a.start);
    this.longest = this.byStart.reduce((n, a) => Math.max(n, a.end - a.start), 0);
    for (const span of this.byStart) {
      for (const word of new Set(span.text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [])) {
        const list = this.byWord.get(word);
        if (list) list.push(span);
        else this.byWord.set(word, [span]);
      }
    }
  }

  /** The span overlapping a place the most, if any. */
  mostOver(start: number, end: number): Annotation | undefined {
    let best: Annotation | undefined;
    let bestOverlap = 0;
    for (let i = lowerBound(this.starts, end) - 1; i >= 0 && this.byStart[i]!.start >= start - this.longest; i--) {
      const span = this.byStart[i]!;
      const overlap = Math.min(span.end, end) - Math.max(span.start, start);
      if (overlap > bestOverlap || (overlap === bestOverlap && overlap > 0 && span.start < best!.start)) [best, bestOverlap] = [span, overlap];
    }
    return best;
  }

  /** The span nearest a quote that holds a word, as a whole word; of two as near, the first. */
  nearestWith(word: string, quote: Annotation): Annotation | undefined {
    const spans = this.byWord.get(word.toLowerCase()) ?? [];
    const distance = (a: Annotation) => (a.end <= quote.start ? quote.start - a.end : a.start >= quote.end ? a.start - quote.end : 0);
    return spans.reduce<Annotation | undefined>((best, span) => (!best || distance(span) < distance(best) ? span : best), undefined);
  }
}

/**
 * The tagged span that names a quote's speaker: the one over the attribution's words (or the
 * antecedent's, for a pronoun), else the nearest whose text holds the speaker's surname.
 */
function speakerSpanOf(said: QuoteSpan, quote: Annotation, speakers: SpeakerSpans, index: OffsetIndex): Pick<RelationSuggestion, 'to' | 'score'> | undefined {
  if (said.mention) {
    const over = speakers.mostOver(index.toCodePoint(said.mention.start), index.toCodePoint(said.mention.end));
    if (over) return { to: { annotation: over }, score: said.speakerByPronoun ? SCORE.pronoun : SCORE.mention };
  }
  const surname = said.speaker?.split(/\s+/).at(-1);
  const named = surname === undefined ? undefined : speakers.nearestWith(surname, quote);
  return named ? { to: { annotation: named }, score: SCORE.surname } : undefined;
}

/** A new speaker span over the words naming a speaker, when the attribution names a person. */
function newSpeakerSpan(said: QuoteSpan, index: OffsetIndex): Pick<RelationSuggestion, 'to' | 'score'> | undefined {
  if (!said.mention || !said.speaker) return undefined;
  const start = index.toCodePoint(said.mention.start);
  const end = index.toCodePoint(said.mention.end);
  return { to: { proposed: { label: SPEAKER_LABEL, start, end, text: index.slice(start, end) } }, score: said.speakerByPronoun ? SCORE.newSpanByPronoun : SCORE.newSpan };
}
