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
 * @param fold folds a print (`foldQuote` by default)
 * @returns clusters of two prints or more, the largest first, then by key
 */
export function clusterQuotes(placed: Iterable<PlacedAnnotation>, label = QUOTE_LABEL, fold: (text: string) => string = foldQuote): QuoteCluster[] {
  const members: QuoteMember[] = [];
  const folded: string[] = [];
  for (const p of placed) {
    if (p.annotation.label !== label) continue;
    const f = fold(p.annotation.text);
    if (!f) continue;
    members.push(quoteMember(p));
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
  linkCuts(texts, (a, b) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  });

  const clusters = new Map<number, { members: QuoteMember[]; key: string }>();
  members.forEach((m, i) => {
    const root = find(textOf[i]!);
    const cluster = clusters.get(root);
    if (!cluster) clusters.set(root, { members: [m], key: folded[i]! });
    else {
      cluster.members.push(m);
      cluster.key = keyOf(cluster.key, folded[i]!);
    }
  });
  const result: QuoteCluster[] = [];
  for (const { members: list, key } of clusters.values()) if (list.length >= 2) result.push(quoteCluster(list, key));
  return result.sort(compareClusters);
}

/**
 * One print as a cluster lists it.
 * @param p a quote annotation in its document
 */
export function quoteMember(p: PlacedAnnotation): QuoteMember {
  const speaker = p.annotation.attributes?.['speaker'];
  return {
    file: p.file,
    line: p.line,
    id: p.annotation.id,
    text: p.annotation.text,
    speaker: typeof speaker === 'string' && speaker.trim() ? speaker.trim() : null,
    entity: p.annotation.entity || null,
    outlet: p.outlet,
  };
}

/**
 * The key of a quotation of two folded prints: the longest, and of equal ones the first in code-point
 * order, whatever order the files came in.
 * @param key the key so far
 * @param folded another print's folded text
 */
export function keyOf(key: string, folded: string): string {
  return folded.length > key.length || (folded.length === key.length && folded < key) ? folded : key;
}

/**
 * A quotation of its prints.
 * @param members two prints or more (sorted here, in report order)
 * @param key the folded text of its longest print (see `keyOf`)
 */
export function quoteCluster(members: QuoteMember[], key: string): QuoteCluster {
  members.sort(comparePlaced);
  const speakers = new Set(members.flatMap((m) => (m.speaker ? [foldSpeaker(m.speaker)] : [])));
  const entities = new Set(members.flatMap((m) => (m.entity ? [m.entity] : [])));
  return { key, speakers_agree: speakers.size <= 1, entity: entities.size === 1 ? [...entities][0]! : null, members };
}

/**
 * The order of quotations: the most printed first, then by key.
 * @param a one quotation
 * @param b another
 */
export function compareClusters(a: QuoteCluster, b: QuoteCluster): number {
  return b.members.length - a.members.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Whether a folded text is a cut of a longer one: at least `MIN_CUT_WORDS` words, appearing word for
 * word in the other, which has more words (what `linkCuts` finds through its index of openings).
 * @param short a folded text
 * @param long another
 */
export function isCutOf(short: string, long: string): boolean {
  return short.length < long.length && wordCount(short) >= MIN_CUT_WORDS && wordCount(long) > MIN_CUT_WORDS && ` ${long} `.includes(` ${short} `);
}

/** The words of a folded text (single spaces between words, none at the ends). */
function wordCount(folded: string): number {
  let count = folded.length > 0 ? 1 : 0;
  for (let i = folded.indexOf(' '); i !== -1; i = folded.indexOf(' ', i + 1)) count++;
  return count;
}

/**
 * Each pair of texts where one is a cut of the other (`isCutOf`). Candidates are found through the
 * first `MIN_CUT_WORDS` words of each text long enough to be a cut: every run of that many words of a
 * longer text is looked up once, so the work grows with the number of words, not with pairs of texts.
 * @param texts distinct folded texts
 * @param link called with the index of the cut, then of the longer text
 */
export function linkCuts(texts: readonly string[], link: (short: number, long: number) => void): void {
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
        if (short !== long && texts[short]!.length < texts[long]!.length && padded.includes(` ${texts[short]} `)) link(short, long);
      }
    }
  });
}

function foldSpeaker(speaker: string): string {
  return speaker.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
