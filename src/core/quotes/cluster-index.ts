/**
 * The clusters of `clusterQuotes`, kept up to date as prints come and go: after a change in one
 * document, only the quotations its prints were or are in are made again. What clusters is the same
 * as `clusterQuotes` (prints of equal folded texts, and cuts of one another), so a clustering kept
 * here through any changes gives what clustering afresh gives.
 */
import { compareClusters, isCutOf, keyOf, linkCuts, quoteCluster, type QuoteCluster, type QuoteMember } from './clusters';

/** How many new texts are compared one by one with every other; more, and the links are found anew. */
const MAX_ADDED_TO_COMPARE = 64;

/** Texts joined by cut links, and the quotation their prints make (when two or more). */
interface Component {
  texts: string[];
  cluster: QuoteCluster | undefined;
}

/** The quotations of a changing set of prints. */
export class QuoteClusterIndex {
  /** The prints of each folded text. */
  private readonly prints = new Map<string, Set<QuoteMember>>();
  /** The texts each text is a cut of, or that are cuts of it. */
  private readonly links = new Map<string, Set<string>>();
  private readonly componentOf = new Map<string, Component>();
  /** Texts whose prints changed since the last `clusters()`. */
  private readonly touched = new Set<string>();
  /** Texts that had no print before this change. */
  private readonly added = new Set<string>();
  private sorted: QuoteCluster[] = [];

  /**
   * A print is gone.
   * @param member the print, as it was added
   * @param folded its folded text, as it was added
   */
  remove(member: QuoteMember, folded: string): void {
    this.prints.get(folded)?.delete(member);
    this.touched.add(folded);
  }

  /**
   * A print is new.
   * @param member the print
   * @param folded its folded text (not empty)
   */
  add(member: QuoteMember, folded: string): void {
    let members = this.prints.get(folded);
    if (!members) {
      this.prints.set(folded, (members = new Set()));
      this.added.add(folded);
    }
    members.add(member);
    this.touched.add(folded);
  }

  /**
   * The quotations as of now: those of the texts touched since the last call are made again.
   * @returns quotations of two prints or more, the largest first, then by key (as `clusterQuotes`)
   */
  clusters(): { clusters: readonly QuoteCluster[]; made: readonly QuoteCluster[]; dropped: readonly QuoteCluster[] } {
    if (this.touched.size === 0) return { clusters: this.sorted, made: [], dropped: [] };
    // The components the touched texts were in are taken apart and their texts regrouped.
    const seeds = new Set<string>();
    const broken = new Set<Component>();
    const breakUp = (text: string): void => {
      const component = this.componentOf.get(text);
      if (component && !broken.has(component)) {
        broken.add(component);
        for (const t of component.texts) seeds.add(t);
      }
    };
    for (const text of this.touched) {
      breakUp(text);
      seeds.add(text);
      if (this.prints.get(text)?.size === 0) this.drop(text, breakUp);
    }
    this.link(breakUp, seeds);
    const made: QuoteCluster[] = [];
    for (const seed of seeds) {
      if (!this.prints.has(seed) || (this.componentOf.has(seed) && !broken.has(this.componentOf.get(seed)!))) continue;
      const component = this.gather(seed, breakUp);
      if (component.cluster) made.push(component.cluster);
    }
    const dropped = [...broken].flatMap((c) => (c.cluster ? [c.cluster] : []));
    const gone = new Set(dropped);
    this.sorted = [...this.sorted.filter((c) => !gone.has(c)), ...made].sort(compareClusters);
    this.touched.clear();
    this.added.clear();
    return { clusters: this.sorted, made, dropped };
  }

  /** A text without prints leaves, with its links; the texts it was linked to are regrouped. */
  private drop(text: string, breakUp: (text: string) => void): void {
    for (const other of this.links.get(text) ?? []) {
      this.links.get(other)?.delete(text);
      breakUp(other);
    }
    this.links.delete(text);
    this.prints.delete(text);
    this.componentOf.delete(text);
    this.added.delete(text);
  }

  /** Link the new texts to the texts they are cuts of, or that are cuts of them. */
  private link(breakUp: (text: string) => void, seeds: Set<string>): void {
    if (this.added.size === 0) return;
    const join = (a: string, b: string): void => {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        let set = this.links.get(x);
        if (!set) this.links.set(x, (set = new Set()));
        set.add(y);
      }
      breakUp(a);
      breakUp(b);
      seeds.add(a);
      seeds.add(b);
    };
    if (this.added.size > MAX_ADDED_TO_COMPARE) {
      // Many at once (the first clustering, a branch switched): every link found anew through the index of openings.
      const texts = [...this.prints.keys()];
      this.links.clear();
      linkCuts(texts, (short, long) => join(texts[short]!, texts[long]!));
      for (const text of texts) seeds.add(text);
      for (const text of this.componentOf.keys()) breakUp(text);
      return;
    }
    const compared = new Set<string>();
    for (const text of this.added) {
      compared.add(text);
      for (const other of this.prints.keys()) {
        if (compared.has(other)) continue; // itself, or a new text compared already
        if (isCutOf(other, text) || isCutOf(text, other)) join(text, other);
      }
    }
  }

  /** The component of a text, found through the links, with its quotation made. */
  private gather(seed: string, breakUp: (text: string) => void): Component {
    const component: Component = { texts: [seed], cluster: undefined };
    const seen = new Set([seed]);
    for (let i = 0; i < component.texts.length; i++) {
      const text = component.texts[i]!;
      // A component not broken up yet may be reached through a new link: it is part of this one now.
      breakUp(text);
      this.componentOf.set(text, component);
      for (const other of this.links.get(text) ?? []) {
        if (!seen.has(other)) {
          seen.add(other);
          component.texts.push(other);
        }
      }
    }
    const members: QuoteMember[] = [];
    let key = '';
    for (const text of component.texts) {
      for (const m of this.prints.get(text)!) members.push(m);
      key = keyOf(key, text);
    }
    if (members.length >= 2) component.cluster = quoteCluster(members, key);
    return component;
  }
}
