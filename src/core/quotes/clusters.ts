/**
 * One quotation printed by several documents: quotes whose folded texts are equal, or one of which is
 * a cut of the other (the folded text of the shorter, at least `MIN_CUT_WORDS` words long, appears
 * word for word in the longer). Whether or not they are linked to an entity. See docs/sources.md.
 */
import type { PlacedAnnotation } from '../sources/placed';
import { comparePlaced } from '../sources/placed';
import { foldQuote } from './fold';

/** The default label of quotes. */
export const QUOTE_LABEL = 'quote';

/**
 * The fewest words a print must have to be matched as a cut of a longer one. Shorter phrases
 * ("dangerous point", "as early as") turn up in many unrelated sentences; they still match a print
 * of the very same words.
 */
export const MIN_CUT_WORDS = 5;

/** One print of a quotation, as `marginalia quotes --json` prints it. */
export interface QuoteMember {
  file: string;
  line: number | null;
  id: string;
  text: string;
  /** The `speaker` attribute; null when not set. */
  speaker: string | null;
  entity: string | null;
  outlet: string | null;
}

/** One quotation and its prints. */
export interface QuoteCluster {
  /** The folded text of its longest print. */
  key: string;
  /** False when two members name different speakers (members without a speaker do not count). */
  speakers_agree: boolean;
  /** The entity its linked members share; null when none is linked or they name different ones. */
  entity: string | null;
  members: QuoteMember[];
}

/**
 * Cluster the quotes of a set of documents.
 * @param placed annotations of any label; those of `label` are clustered
 * @param label the label of quotes
 * @param fold folds a print (`foldQuote`, or a memo of it that the editor keeps between changes)
 * @param cuts the cut links of the last clustering, which the editor keeps between changes (none: found anew)
 * @returns clusters of two prints or more, the largest first, then by key
 */
export function clusterQuotes(placed: Iterable<PlacedAnnotation>, label = QUOTE_LABEL, fold: (text: string) => string = foldQuote, cuts?: CutLinkMemo): QuoteCluster[] {
  const members: QuoteMember[] = [];
  const folded: string[] = [];
  for (const p of placed) {
    if (p.annotation.label !== label) continue;
    const f = fold(p.annotation.text);
    if (!f) continue;
    const speaker = p.annotation.attributes?.['speaker'];
    members.push({
      file: p.file,
      line: p.line,
      id: p.annotation.id,
      text: p.annotation.text,
      speaker: typeof speaker === 'string' && speaker.trim() ? speaker.trim() : null,
      entity: p.annotation.entity || null,
      outlet: p.outlet,
    });
    folded.push(f);
  }
  // Distinct folded texts, each the representative of the prints that fold to it.
  const textIndex = new Map<string, number>();
  const texts: string[] = [];
  const textOf = folded.map((f) => {
    let t = textIndex.get(f);
    if (t === undefined) {
      t = texts.length;
      texts.push(f);
      textIndex.set(f, t);
    }
    return t;
  });
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  if (cuts) for (const [short, long] of cuts.linksOf(texts)) union(textIndex.get(short)!, textIndex.get(long)!);
  else linkCuts(texts, union);

  const clusters = new Map<number, { members: QuoteMember[]; key: string }>();
  members.forEach((m, i) => {
    const root = find(textOf[i]!);
    const cluster = clusters.get(root);
    if (!cluster) clusters.set(root, { members: [m], key: folded[i]! });
    else {
      cluster.members.push(m);
      const f = folded[i]!;
      // The longest print, and of equal ones the first in code-point order, whatever order the files came in.
      if (f.length > cluster.key.length || (f.length === cluster.key.length && f < cluster.key)) cluster.key = f;
    }
  });
  const result: QuoteCluster[] = [];
  for (const { members: list, key } of clusters.values()) {
    if (list.length < 2) continue;
    list.sort(comparePlaced);
    const speakers = new Set(list.flatMap((m) => (m.speaker ? [foldSpeaker(m.speaker)] : [])));
    const entities = new Set(list.flatMap((m) => (m.entity ? [m.entity] : [])));
    result.push({ key, speakers_agree: speakers.size <= 1, entity: entities.size === 1 ? [...entities][0]! : null, members: list });
  }
  return result.sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The cut links (shorter text, longer text) among the texts of the last clustering. Whether one text
 * is a cut of another depends on those two texts alone, so after a change that adds a few texts and
 * drops others, the links among the texts kept stand, and each text added is compared with the others
 * (a substring test each) instead of indexing every word of every text again.
 */
export class CutLinkMemo {
  private texts = new Set<string>();
  private links: (readonly [string, string])[] = [];

  /**
   * Every pair of the texts where the first is a cut of the second (see `isCutOf`).
   * @param texts distinct folded texts
   */
  linksOf(texts: readonly string[]): readonly (readonly [string, string])[] {
    const added = texts.filter((t) => !this.texts.has(t));
    const now = new Set(texts);
    if (this.texts.size === 0 || added.length > MAX_ADDED_TO_COMPARE) {
      const links: [string, string][] = [];
      linkCuts(texts, (short, long) => links.push([texts[short]!, texts[long]!]));
      this.links = links;
    } else {
      const links = this.links.filter(([short, long]) => now.has(short) && now.has(long));
      const isAdded = new Map(added.map((t, i) => [t, i]));
      added.forEach((text, i) => {
        for (const other of texts) {
          const j = isAdded.get(other);
          if (j !== undefined && j <= i) continue; // itself, or an added pair already compared
          if (isCutOf(other, text)) links.push([other, text]);
          else if (isCutOf(text, other)) links.push([text, other]);
        }
      });
      this.links = links;
    }
    this.texts = now;
    return this.links;
  }
}

/** How many new texts are compared one by one with every other; more, and the links are found anew. */
const MAX_ADDED_TO_COMPARE = 64;

/**
 * Whether a folded text is a cut of a longer one: at least `MIN_CUT_WORDS` words, appearing word for
 * word in the other, which has more words (what `linkCuts` finds through its index of openings).
 */
function isCutOf(short: string, long: string): boolean {
  return short.length < long.length && wordCount(short) >= MIN_CUT_WORDS && wordCount(long) > MIN_CUT_WORDS && ` ${long} `.includes(` ${short} `);
}

/** The words of a folded text (single spaces between words, none at the ends). */
function wordCount(folded: string): number {
  let count = folded.length > 0 ? 1 : 0;
  for (let i = folded.indexOf(' '); i !== -1; i = folded.indexOf(' ', i + 1)) count++;
  return count;
}

/**
 * Join each text to the longer texts it is a cut of. Candidates are found through the first
 * `MIN_CUT_WORDS` words of each text long enough to be a cut: every run of that many words of a
 * longer text is looked up once, so the work grows with the number of words, not with pairs of texts.
 */
function linkCuts(texts: readonly string[], union: (a: number, b: number) => void): void {
  const byOpening = new Map<string, number[]>();
  const words = texts.map((t) => t.split(' '));
  words.forEach((w, i) => {
    if (w.length < MIN_CUT_WORDS) return;
    const opening = w.slice(0, MIN_CUT_WORDS).join(' ');
    const list = byOpening.get(opening);
    if (list) list.push(i);
    else byOpening.set(opening, [i]);
  });
  words.forEach((w, long) => {
    if (w.length <= MIN_CUT_WORDS) return;
    const padded = ` ${texts[long]} `;
    for (let start = 0; start + MIN_CUT_WORDS <= w.length; start++) {
      const candidates = byOpening.get(w.slice(start, start + MIN_CUT_WORDS).join(' '));
      if (!candidates) continue;
      for (const short of candidates) {
        if (short !== long && texts[short]!.length < texts[long]!.length && padded.includes(` ${texts[short]} `)) union(short, long);
      }
    }
  });
}

function foldSpeaker(speaker: string): string {
  return speaker.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
