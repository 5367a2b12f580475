/**
 * What the editor's views show across sources: every figure with the group it is compared in, every
 * quote with the other prints of its quotation, and the words the tree, the hover and the Problems
 * panel say about them. The groups and clusters are the CLI's (`findFigureGroups`, `clusterQuotes`);
 * this module only indexes them by annotation and words them. See docs/sources.md ("In the editor").
 */
import { findFigureGroups, type FigureGroup } from '../figures/conflicts';
import { FIGURE_LABEL, readFigure, type FigureEntry } from '../figures/figures';
import { FigureGroupIndex } from '../figures/group-index';
import { QuoteClusterIndex } from '../quotes/cluster-index';
import { clusterQuotes, QUOTE_LABEL, quoteMember, type QuoteCluster, type QuoteMember } from '../quotes/clusters';
import { foldQuote } from '../quotes/fold';
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
 * Read, group and cluster the figures and quotes of a set of documents.
 * @param placed every annotation (of any label) with its document, line and outlet
 * @param labels the labels of figures and quotes (default `figure` and `quote`)
 * @param memo what the last build read and grouped (none: everything is read and grouped afresh)
 */
export function crossSourceView(placed: readonly PlacedAnnotation[], labels: { figure?: string; quote?: string } = {}, memo?: CrossSourceMemo): CrossSourceView {
  const figureLabel = labels.figure ?? FIGURE_LABEL;
  const quoteLabel = labels.quote ?? QUOTE_LABEL;
  const kept = memo?.build(placed, figureLabel, quoteLabel);
  if (kept) return kept;
  const figures = placed.filter((p) => p.annotation.label === figureLabel).map((p) => readFigure(p));
  return indexedView(figures, findFigureGroups(figures), clusterQuotes(placed, quoteLabel));
}

/** A view of its figures, groups and clusters, with the look-up maps made at the first look-up. */
function indexedView(figures: readonly FigureEntry[], groups: readonly FigureGroup[], clusters: readonly QuoteCluster[]): CrossSourceView {
  // By document, then id, one index per question, each built at its first look-up: a hover asks one question.
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
    for (const [at, value] of entries()) inFile(index, at.file).set(at.id, value);
    return index;
  };
}

function inFile<T>(index: Map<string, Map<string, T>>, file: string): Map<string, T> {
  let map = index.get(file);
  if (!map) index.set(file, (map = new Map()));
  return map;
}

/**
 * What the editor keeps from one build of the view to the next, so that a build after a change reads
 * and groups only what changed: each document's figures and prints with what they were read from,
 * the groups and quotations (`FigureGroupIndex`, `QuoteClusterIndex`) and the look-up indexes. A
 * document whose figures and quotes all read as before (compared field by field: the editor's engine
 * changes its own annotations in place) costs a comparison; one that changed is read again, and the
 * groups and quotations of what it held and holds are made again.
 */
export class CrossSourceMemo {
  private state: MemoState | undefined;

  /**
   * The view of `placed`, from the last build's and what changed since; undefined when the annotations
   * of a document are not placed one after another (the caller builds afresh; the next build starts over).
   * @param placed every annotation with its document, line and outlet, document by document
   * @param figureLabel the label of figures
   * @param quoteLabel the label of quotes
   */
  build(placed: readonly PlacedAnnotation[], figureLabel: string, quoteLabel: string): CrossSourceView | undefined {
    if (this.state?.figureLabel !== figureLabel || this.state.quoteLabel !== quoteLabel) this.state = new MemoState(figureLabel, quoteLabel);
    const view = this.state.build(placed);
    if (!view) this.state = undefined;
    return view;
  }
}

/** Everything a figure or a print is read from, but its document. */
interface Reading {
  label: string;
  id: string;
  text: string;
  prefix: string | undefined;
  entity: string | undefined;
  value: unknown;
  unit: unknown;
  subject: unknown;
  speaker: unknown;
  line: number | null;
  outlet: string | null;
}

function readingOf({ annotation: a, line, outlet }: PlacedAnnotation): Reading {
  const attributes = a.attributes;
  return { label: a.label, id: a.id, text: a.text, prefix: a.prefix, entity: a.entity, value: attributes?.['value'], unit: attributes?.['unit'], subject: attributes?.['subject'], speaker: attributes?.['speaker'], line, outlet };
}

/** Whether a placed annotation reads as it did (field by field: nothing is made per annotation). */
function readsAsBefore(before: Reading, { annotation: a, line, outlet }: PlacedAnnotation): boolean {
  const attributes = a.attributes;
  return (
    before.id === a.id &&
    before.label === a.label &&
    before.text === a.text &&
    before.prefix === a.prefix &&
    before.entity === a.entity &&
    before.line === line &&
    before.outlet === outlet &&
    before.value === attributes?.['value'] &&
    before.unit === attributes?.['unit'] &&
    before.subject === attributes?.['subject'] &&
    before.speaker === attributes?.['speaker']
  );
}

/** One document's figures and prints as the last build read them. */
interface DocumentReading {
  readings: Reading[];
  figures: FigureEntry[];
  prints: { member: QuoteMember; folded: string }[];
}

/** A document's figures and quotes in this build: where they are in `placed`, and whether they read as before. */
interface Run {
  file: string;
  start: number;
  end: number;
  count: number;
  same: boolean;
}

/** The memo for one pair of labels. */
class MemoState {
  private readonly documents = new Map<string, DocumentReading>();
  private order: string[] = [];
  private readonly position = new Map<string, number>();
  /** Each figure's place among its document's figures (report order within a document). */
  private readonly ordinal = new Map<FigureEntry, number>();
  private readonly figureGroups = new FigureGroupIndex();
  private readonly quoteClusters = new QuoteClusterIndex();
  private readonly figureIndex = new Map<string, Map<string, FigureEntry>>();
  private readonly groupIndex = new Map<string, Map<string, FigureGroup>>();
  private readonly clusterIndex = new Map<string, Map<string, QuoteCluster>>();
  /** Bumped at each build: only the latest view looks up through the maps above. */
  private generation = 0;

  constructor(
    readonly figureLabel: string,
    readonly quoteLabel: string,
  ) {}

  build(placed: readonly PlacedAnnotation[]): CrossSourceView | undefined {
    const runs = this.runsOf(placed);
    if (!runs) return undefined;
    const files = runs.map((r) => r.file);
    const present = new Set(files);
    for (const file of this.order) {
      if (present.has(file)) continue;
      this.forget(file);
      this.figureIndex.delete(file);
    }
    for (const run of runs) if (!run.same) this.figureIndex.set(run.file, this.read(run, placed));
    if (files.length !== this.order.length || files.some((f, i) => f !== this.order[i])) {
      this.order = files;
      this.position.clear();
      files.forEach((f, i) => this.position.set(f, i));
      this.figureGroups.touchAll();
    }
    const groups = this.figureGroups.groups((a, b) => this.position.get(a.file)! - this.position.get(b.file)! || this.ordinal.get(a)! - this.ordinal.get(b)!);
    const clusters = this.quoteClusters.clusters();
    reindex(this.groupIndex, groups, (g) => g.figures);
    reindex(this.clusterIndex, clusters, (c) => c.members);
    // The list of every figure is made when asked (the editor's views look figures up instead).
    const ofDocuments = files.map((file) => this.documents.get(file)!.figures);
    let figures: FigureEntry[] | undefined;
    const allFigures = (): FigureEntry[] => (figures ??= ofDocuments.flat());
    // The look-up maps follow the latest build; a view built before answers from its own lists.
    const generation = ++this.generation;
    let past: CrossSourceView | undefined;
    const latest = (): boolean => generation === this.generation;
    const asBuilt = (): CrossSourceView => (past ??= indexedView(allFigures(), groups.groups, clusters.clusters));
    return {
      get figures() {
        return allFigures();
      },
      groups: groups.groups,
      clusters: clusters.clusters,
      figureOf: (file, id) => (latest() ? this.figureIndex.get(file)?.get(id) : asBuilt().figureOf(file, id)),
      groupOf: (file, id) => (latest() ? this.groupIndex.get(file)?.get(id) : asBuilt().groupOf(file, id)),
      clusterOf: (file, id) => (latest() ? this.clusterIndex.get(file)?.get(id) : asBuilt().clusterOf(file, id)),
    };
  }

  /** The documents' runs of figures and quotes, each compared with the last build; undefined when a document's are not together. */
  private runsOf(placed: readonly PlacedAnnotation[]): Run[] | undefined {
    const runs: Run[] = [];
    const seen = new Set<string>();
    let run: Run | undefined;
    let before: Reading[] | undefined;
    for (let i = 0; i < placed.length; i++) {
      const p = placed[i]!;
      const label = p.annotation.label;
      if (label !== this.figureLabel && label !== this.quoteLabel) continue;
      if (p.file !== run?.file) {
        if (seen.has(p.file)) return undefined;
        seen.add(p.file);
        if (run && run.count !== before?.length) run.same = false;
        before = this.documents.get(p.file)?.readings;
        run = { file: p.file, start: i, end: i + 1, count: 0, same: before !== undefined };
        runs.push(run);
      }
      if (run.same) run.same = run.count < before!.length && readsAsBefore(before![run.count]!, p);
      run.count++;
      run.end = i + 1;
    }
    if (run && run.count !== before?.length) run.same = false;
    return runs;
  }

  /** Read a document again: its figures and prints leave the groups and quotations, and the new ones join. */
  private read(run: Run, placed: readonly PlacedAnnotation[]): Map<string, FigureEntry> {
    this.forget(run.file);
    const doc: DocumentReading = { readings: [], figures: [], prints: [] };
    const byId = new Map<string, FigureEntry>();
    for (let i = run.start; i < run.end; i++) {
      const p = placed[i]!;
      const label = p.annotation.label;
      if (label === this.figureLabel) {
        const figure = readFigure(p);
        this.ordinal.set(figure, doc.figures.length);
        doc.figures.push(figure);
        byId.set(figure.id, figure);
        this.figureGroups.add(figure);
      } else if (label === this.quoteLabel) {
        const folded = foldQuote(p.annotation.text);
        if (folded) {
          const member = quoteMember(p);
          doc.prints.push({ member, folded });
          this.quoteClusters.add(member, folded);
        }
      } else continue;
      doc.readings.push(readingOf(p));
    }
    this.documents.set(run.file, doc);
    return byId;
  }

  /** A document's figures and prints leave the groups and quotations. */
  private forget(file: string): void {
    const doc = this.documents.get(file);
    if (!doc) return;
    for (const figure of doc.figures) {
      this.figureGroups.remove(figure);
      this.ordinal.delete(figure);
    }
    for (const { member, folded } of doc.prints) this.quoteClusters.remove(member, folded);
    this.documents.delete(file);
  }
}

/** Update a look-up map by document and id with what a change made and dropped. */
function reindex<T, M extends { file: string; id: string }>(index: Map<string, Map<string, T>>, change: { made: readonly T[]; dropped: readonly T[] }, membersOf: (value: T) => readonly M[]): void {
  for (const value of change.dropped) {
    for (const m of membersOf(value)) {
      const inDocument = index.get(m.file);
      if (inDocument?.get(m.id) === value) inDocument.delete(m.id);
    }
  }
  for (const value of change.made) for (const m of membersOf(value)) inFile(index, m.file).set(m.id, value);
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
