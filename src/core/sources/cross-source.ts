/**
 * What the editor's views show across sources: every figure with the group it is compared in, every
 * quote with the other prints of its quotation, and the words the tree, the hover and the Problems
 * panel say about them. The groups and clusters are the CLI's (`findFigureGroups`, `clusterQuotes`);
 * this module only indexes them by annotation and words them. See docs/sources.md ("In the editor").
 */
import { findFigureGroups, type FigureGroup } from '../figures/conflicts';
import { FIGURE_LABEL, readFigure, type FigureEntry } from '../figures/figures';
import { parseFigure, type ParsedFigure } from '../figures/parse';
import { clusterQuotes, CutLinkMemo, QUOTE_LABEL, type QuoteCluster, type QuoteMember } from '../quotes/clusters';
import { foldQuote } from '../quotes/fold';
import type { Annotation } from '../model';
import { describeFigure } from './render';
import type { PlacedAnnotation } from './placed';

/** The figures and quotes of a set of documents, grouped, and looked up by annotation. */
export interface CrossSourceView {
  /** Every figure read (of the figure label). */
  readonly figures: readonly FigureEntry[];
  /** Groups of two figures or more, conflicting ones first (see `findFigureGroups`). */
  readonly groups: readonly FigureGroup[];
  /** Quotations printed twice or more (see `clusterQuotes`). */
  readonly clusters: readonly QuoteCluster[];
  /**
   * The figure read from an annotation.
   * @param file the document's path as placed
   * @param id the annotation's id
   */
  figureOf(file: string, id: string): FigureEntry | undefined;
  /**
   * The group a figure is compared in.
   * @param file the document's path as placed
   * @param id the annotation's id
   */
  groupOf(file: string, id: string): FigureGroup | undefined;
  /**
   * The quotation a quote is a print of, when it is printed more than once.
   * @param file the document's path as placed
   * @param id the annotation's id
   */
  clusterOf(file: string, id: string): QuoteCluster | undefined;
}

/**
 * What reading a text gave, kept from one build of the view to the next: after a change in one
 * document, only the texts that changed are parsed or folded again. A text the last build did not use
 * is forgotten at the next, so the memo never holds more than two builds' texts.
 */
export class ReadingMemo {
  /** Each annotation's figure entry, with what it was read from: most annotations did not change since. */
  private readonly entries = new WeakMap<Annotation, { read: FigureReading; entry: FigureEntry }>();
  /** The cut links between the quotes' folded texts (see `CutLinkMemo`). */
  readonly cuts = new CutLinkMemo();
  private figures = new Map<string, ParsedFigure | undefined>();
  private quotes = new Map<string, string>();
  private lastFigures = new Map<string, ParsedFigure | undefined>();
  private lastQuotes = new Map<string, string>();

  /** Start a build: what the build before this one did not use is dropped. */
  nextBuild(): void {
    this.lastFigures = this.figures;
    this.lastQuotes = this.quotes;
    this.figures = new Map();
    this.quotes = new Map();
  }

  /**
   * `parseFigure`, remembered.
   * @param text the figure's words
   * @param before the words before it
   */
  readonly parse = (text: string, before = ''): ParsedFigure | undefined => {
    const key = `${before}\u0000${text}`;
    if (this.figures.has(key)) return this.figures.get(key);
    const parsed = this.lastFigures.has(key) ? this.lastFigures.get(key) : parseFigure(text, before);
    this.figures.set(key, parsed);
    return parsed;
  };

  /**
   * `readFigure`, remembered per annotation: the entry of the last build when the annotation and its
   * place read the same (an annotation may be changed in place, so what it is read from is compared).
   * @param placed a figure annotation in its document
   */
  figure(placed: PlacedAnnotation): FigureEntry {
    const kept = this.entries.get(placed.annotation);
    if (kept && readsAsBefore(kept.read, placed)) return kept.entry;
    const entry = readFigure(placed, this.parse);
    this.entries.set(placed.annotation, { read: figureReading(placed), entry });
    return entry;
  }

  /**
   * `foldQuote`, remembered.
   * @param text a print
   */
  readonly fold = (text: string): string => {
    let folded = this.quotes.get(text) ?? this.lastQuotes.get(text);
    if (folded === undefined) folded = foldQuote(text);
    this.quotes.set(text, folded);
    return folded;
  };
}

/**
 * Read, group and cluster the figures and quotes of a set of documents.
 * @param placed every annotation (of any label) with its document, line and outlet
 * @param labels the labels of figures and quotes (default `figure` and `quote`)
 * @param memo readings kept from the last build (none: every text is read)
 */
export function crossSourceView(placed: readonly PlacedAnnotation[], labels: { figure?: string; quote?: string } = {}, memo?: ReadingMemo): CrossSourceView {
  const figureLabel = labels.figure ?? FIGURE_LABEL;
  memo?.nextBuild();
  const figures = placed.filter((p) => p.annotation.label === figureLabel).map((p) => (memo ? memo.figure(p) : readFigure(p)));
  const groups = findFigureGroups(figures);
  const clusters = clusterQuotes(placed, labels.quote ?? QUOTE_LABEL, memo?.fold, memo?.cuts);
  // By document, then id, one index per question, each built at its first look-up: a view rebuilt
  // while typing may never be asked, and a hover asks one question of it.
  const figureIndex = lazyIndex(() => figures.map((f) => [f, f]));
  const groupIndex = lazyIndex(() => groups.flatMap((g) => g.figures.map((f) => [f, g] as const)));
  const clusterIndex = lazyIndex(() => clusters.flatMap((c) => c.members.map((m) => [m, c] as const)));
  return {
    figures,
    groups,
    clusters,
    figureOf: (file, id) => figureIndex().get(file)?.get(id),
    groupOf: (file, id) => groupIndex().get(file)?.get(id),
    clusterOf: (file, id) => clusterIndex().get(file)?.get(id),
  };
}

/** A map by document, then id, of what `entries` pairs with each annotation, made on the first call. */
function lazyIndex<T>(entries: () => readonly (readonly [{ file: string; id: string }, T])[]): () => Map<string, Map<string, T>> {
  let index: Map<string, Map<string, T>> | undefined;
  return () => {
    if (index) return index;
    index = new Map();
    let file: string | undefined;
    let inFile: Map<string, T> | undefined;
    for (const [at, value] of entries()) {
      // Entries come document by document: the document's map is looked up once per run of them.
      if (at.file !== file) {
        file = at.file;
        inFile = index.get(file);
        if (!inFile) index.set(file, (inFile = new Map()));
      }
      inFile!.set(at.id, value);
    }
    return index;
  };
}

/** Everything `readFigure` reads of a placed annotation. */
interface FigureReading {
  id: string;
  text: string;
  prefix: string | undefined;
  entity: string | undefined;
  value: unknown;
  unit: unknown;
  subject: unknown;
  file: string;
  line: number | null;
  outlet: string | null;
}

function figureReading({ annotation: a, file, line, outlet }: PlacedAnnotation): FigureReading {
  return { id: a.id, text: a.text, prefix: a.prefix, entity: a.entity, value: a.attributes?.['value'], unit: a.attributes?.['unit'], subject: a.attributes?.['subject'], file, line, outlet };
}

/** Whether a placed annotation reads as it did (compared field by field: nothing is made per annotation). */
function readsAsBefore(before: FigureReading, { annotation: a, file, line, outlet }: PlacedAnnotation): boolean {
  return (
    before.id === a.id &&
    before.text === a.text &&
    before.prefix === a.prefix &&
    before.entity === a.entity &&
    before.value === a.attributes?.['value'] &&
    before.unit === a.attributes?.['unit'] &&
    before.subject === a.attributes?.['subject'] &&
    before.file === file &&
    before.line === line &&
    before.outlet === outlet
  );
}


/**
 * The values a group's figures give, each once, in the order of the group's figures: "13,000 people",
 * "about 15,000 people (13,500–16,500)".
 * @param group the group
 */
export function distinctValues(group: Pick<FigureGroup, 'figures'>): string[] {
  return [...new Set(group.figures.map(shortValue))];
}

/**
 * A figure's value as a short phrase, without the interval an "about" spans: "about 15,000 people".
 * @param figure the figure
 */
export function shortValue(figure: FigureEntry): string {
  return describeFigure(figure).replace(/ \([\d,.–-]+\)$/, '').replace(/ \(\d[\d,.]* or more\)$/, '');
}

/**
 * The tree's word on a group: "conflict: 13,000 / about 15,000 / more than 13,000" (the figures'
 * distinct values, without the unit the group shares), or "agree: more than $2.5 billion".
 * @param group the group
 */
export function groupSummary(group: FigureGroup): string {
  const unit = group.unit ? ` ${group.unit}` : '';
  const values = distinctValues(group).map((v) => (unit && v.endsWith(unit) ? v.slice(0, -unit.length) : v));
  return `${group.conflict ? 'conflict' : 'agree'}: ${values.join(' / ')}`;
}

/** A place in a document as the views name it: `000_….txt:54`, the outlet before it when known. */
export interface FigurePlace {
  /** The document as shown (a file name, or a path when names repeat). */
  name: string;
  line: number | null;
  outlet: string | null;
}

/**
 * What the Problems panel says of one figure of a conflicting group: what it says, then what every
 * other figure of the group says, where.
 * @param figure the figure the diagnostic is on
 * @param group its group (conflicting)
 * @param nameOf how a document is named in the message
 */
export function conflictMessage(figure: FigureEntry, group: FigureGroup, nameOf: (file: string) => string): string {
  const others = group.figures.filter((f) => f !== figure);
  const said = others.map((f) => `${shortValue(f)} (${placeName({ name: nameOf(f.file), line: f.line, outlet: f.outlet })})`);
  return `Sources disagree on ${group.key}: here ${shortValue(figure)}; ${said.join('; ')}. These cannot all be true.`;
}

/**
 * A place as one phrase: "SpaceWar.com (AFP), 000_….txt:54" or "002_….txt:49".
 * @param place the place
 */
export function placeName(place: FigurePlace): string {
  const where = place.line === null ? `${place.name} (not found in the text)` : `${place.name}:${place.line}`;
  return place.outlet ? `${place.outlet}, ${where}` : where;
}

/**
 * The prints of a quotation not linked to an entity yet, by document, for the command that links
 * them all.
 * @param cluster the quotation
 * @returns the documents (in the cluster's order) with the ids of their unlinked prints
 */
export function unlinkedPrints(cluster: Pick<QuoteCluster, 'members'>): { file: string; ids: string[] }[] {
  const byFile = new Map<string, string[]>();
  for (const m of cluster.members) {
    if (m.entity) continue;
    const ids = byFile.get(m.file) ?? [];
    ids.push(m.id);
    byFile.set(m.file, ids);
  }
  return [...byFile].map(([file, ids]) => ({ file, ids }));
}

/**
 * The distinct entities the linked prints of a quotation name, in the cluster's order (several when
 * annotators linked prints of one quotation to different entities).
 * @param cluster the quotation
 */
export function clusterEntities(cluster: Pick<QuoteCluster, 'members'>): string[] {
  return [...new Set(cluster.members.flatMap((m) => (m.entity ? [m.entity] : [])))];
}

/**
 * The speakers the prints of a quotation name, each once with the prints that name it (when they differ).
 * @param members the prints
 */
export function speakersOf(members: readonly QuoteMember[]): { speaker: string; members: QuoteMember[] }[] {
  const bySpeaker = new Map<string, { speaker: string; members: QuoteMember[] }>();
  for (const m of members) {
    if (!m.speaker) continue;
    const key = m.speaker.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
    const slot = bySpeaker.get(key) ?? { speaker: m.speaker, members: [] };
    slot.members.push(m);
    bySpeaker.set(key, slot);
  }
  return [...bySpeaker.values()];
}
