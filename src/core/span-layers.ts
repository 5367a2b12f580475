/**
 * How a document's annotations are drawn, per label: the outermost spans, and those that start inside
 * or across an earlier span of any label (drawn framed, so a figure inside a claim stays visible), each
 * list in document order. The editor sends each label's lists whole (VS Code sets a decoration type's
 * ranges all at once), so they are kept sorted from one change to the next: a tag inserts one span and
 * changes the lists of its label and of the spans whose framing it changes, without sorting the rest.
 */
import type { Annotation } from './model';

/** A label's spans as drawn: what `make` gave for each, in document order. */
export interface Layers<R> {
  outer: readonly R[];
  nested: readonly R[];
}

/** One drawn span, as it was when placed in the order. */
interface Placed<R> {
  start: number;
  end: number;
  label: string;
  id: string;
  /** The furthest end of the spans before it in the order (-1 for the first). */
  reach: number;
  item: R;
}

/** A label's spans, and what `make` gave for each, in the same order. */
interface LabelLists<R> {
  outer: Placed<R>[];
  outerItems: R[];
  nested: Placed<R>[];
  nestedItems: R[];
}

/** More changed records than this in one update: sorting everything again costs less than inserting each. */
const MAX_INCREMENTAL = 64;

/**
 * The drawn spans of one document over one text, kept from one update to the next. Over that text,
 * a record that changes must be a new object (the sync engine's records are: see `Entry.annotations`);
 * after the text changed, make new layers.
 * @typeParam R what is drawn for a span (a range in the editor)
 */
export class SpanLayers<R> {
  private order: Placed<R>[] = [];
  private readonly lists = new Map<string, LabelLists<R>>();
  /** The records of the last update, by position, and what each was placed as (undefined: not drawn). */
  private records: Annotation[] = [];
  private placed: (Placed<R> | undefined)[] = [];

  /**
   * @param textLength the length of the text, in code points (a span past its end is not drawn)
   * @param make what to draw for a span, called once per span placed
   */
  constructor(
    private readonly textLength: number,
    private readonly make: (annotation: Annotation) => R,
  ) {}

  /**
   * The spans of a label.
   * @param label the label id
   */
  layersOf(label: string): Layers<R> {
    const lists = this.lists.get(label);
    return lists ? { outer: lists.outerItems, nested: lists.nestedItems } : { outer: [], nested: [] };
  }

  /** The labels that have spans drawn. */
  labels(): string[] {
    return [...this.lists.keys()].filter((label) => this.isDrawn(label));
  }

  /**
   * Bring the spans in line with a document's annotations (an orphan, and a span past the text's end,
   * are not drawn; of two spans with the same start the longer one is the outer).
   * @param annotations the document's annotations, over the text this was made for
   * @returns the labels whose lists changed
   */
  update(annotations: readonly Annotation[]): Set<string> {
    const changes = this.changesFrom(annotations);
    if (changes === undefined || !this.applyInOrder(changes)) return this.rebuild(annotations);
    return changes.touched;
  }

  private isDrawn(label: string): boolean {
    const lists = this.lists.get(label);
    return lists !== undefined && lists.outer.length + lists.nested.length > 0;
  }

  /**
   * The spans no longer drawn as they were and the records to draw anew, found by comparing each
   * record with the one at its position last time: over one text, a record that changes is a new
   * object (as the sync engine replaces it), so the same object is taken as it was without reading it.
   * Undefined when records were removed, or too many changed (then every record is placed again).
   */
  private changesFrom(annotations: readonly Annotation[]): Changes<R> | undefined {
    // Changed in place: when this gives up, or the changes cannot be applied, every record is placed again.
    const records = this.records;
    const placed = this.placed;
    if (annotations.length < records.length) return undefined;
    const gone: Placed<R>[] = [];
    const come: { at: number; annotation: Annotation }[] = [];
    for (let i = 0; i < annotations.length; i++) {
      const annotation = annotations[i]!;
      if (records[i] === annotation) continue;
      records[i] = annotation;
      const was = placed[i];
      const drawn = annotation.status !== 'orphaned' && annotation.end <= this.textLength;
      if (was && drawn && was.start === annotation.start && was.end === annotation.end && was.label === annotation.label && was.id === annotation.id) {
        continue; // a copy with other fields changed (a note, an attribute): drawn as it was
      }
      if (was) gone.push(was);
      placed[i] = undefined;
      if (drawn) come.push({ at: i, annotation });
      if (gone.length + come.length > MAX_INCREMENTAL) return undefined;
    }
    return { gone, come, touched: new Set() };
  }

  /**
   * Take the gone spans out of the order and put the new ones in, then frame again the spans whose
   * reach that changes. False when a new span ties with one in the order (same start, end and id):
   * the full sort keeps such spans in record order, which an insertion cannot tell; then every span
   * is placed again.
   */
  private applyInOrder(changes: Changes<R>): boolean {
    let first = this.order.length;
    /** The last span changed, in the order: past it and an unchanged reach, nothing changes. */
    let last: { start: number; end: number; id: string } | undefined;
    const later = (span: { start: number; end: number; id: string }) => {
      if (!last || compareSpans(span, last) > 0) last = span;
    };
    for (const gone of changes.gone) {
      const at = this.indexOf(gone);
      if (at < 0) return false; // not where its place says: place everything again rather than guess
      this.order.splice(at, 1);
      this.unlist(gone);
      changes.touched.add(gone.label);
      first = Math.min(first, at);
      later(gone);
    }
    for (const { at: position, annotation } of changes.come) {
      const at = lowerBound(this.order, annotation);
      const tie = this.order[at];
      if (tie && compareSpans(tie, annotation) === 0) return false;
      const placed: Placed<R> = { start: annotation.start, end: annotation.end, label: annotation.label, id: annotation.id, reach: Number.NaN, item: this.make(annotation) };
      this.order.splice(at, 0, placed);
      this.placed[position] = placed;
      changes.touched.add(placed.label);
      first = Math.min(first, at);
      later(placed);
    }
    let reach = first > 0 ? Math.max(this.order[first - 1]!.reach, this.order[first - 1]!.end) : -1;
    for (let i = first; i < this.order.length; i++) {
      const p = this.order[i]!;
      if (p.reach === reach && compareSpans(p, last!) > 0) break; // the reach is as before from here on: so is every framing
      const isNew = Number.isNaN(p.reach);
      const wasNested = p.start < p.reach;
      p.reach = reach;
      const nested = p.start < reach;
      if (isNew) this.list(p, nested);
      else if (wasNested !== nested) {
        this.unlist(p, wasNested);
        this.list(p, nested);
        changes.touched.add(p.label);
      }
      reach = Math.max(reach, p.end);
    }
    return true;
  }

  /** Place every record again, sorted. */
  private rebuild(annotations: readonly Annotation[]): Set<string> {
    const touched = new Set(this.lists.keys());
    this.lists.clear();
    this.placed = annotations.map((annotation) =>
      annotation.status !== 'orphaned' && annotation.end <= this.textLength
        ? { start: annotation.start, end: annotation.end, label: annotation.label, id: annotation.id, reach: -1, item: this.make(annotation) }
        : undefined,
    );
    this.order = this.placed.filter((p): p is Placed<R> => p !== undefined).sort(compareSpans);
    let reach = -1;
    for (const p of this.order) {
      p.reach = reach;
      this.list(p, p.start < reach);
      touched.add(p.label);
      reach = Math.max(reach, p.end);
    }
    this.records = [...annotations];
    return touched;
  }

  /** Where a placed span is in the order, or -1. */
  private indexOf(p: Placed<R>): number {
    for (let at = lowerBound(this.order, p); at < this.order.length && compareSpans(this.order[at]!, p) === 0; at++) if (this.order[at] === p) return at;
    return -1;
  }

  private list(p: Placed<R>, nested: boolean): void {
    let lists = this.lists.get(p.label);
    if (!lists) this.lists.set(p.label, (lists = { outer: [], outerItems: [], nested: [], nestedItems: [] }));
    const [spans, items] = nested ? [lists.nested, lists.nestedItems] : [lists.outer, lists.outerItems];
    const at = lowerBound(spans, p);
    spans.splice(at, 0, p);
    items.splice(at, 0, p.item);
  }

  private unlist(p: Placed<R>, nested = p.start < p.reach): void {
    const lists = this.lists.get(p.label)!;
    const [spans, items] = nested ? [lists.nested, lists.nestedItems] : [lists.outer, lists.outerItems];
    let at = lowerBound(spans, p);
    while (spans[at] !== p) at++;
    spans.splice(at, 1);
    items.splice(at, 1);
  }
}

/** What an update changes. */
interface Changes<R> {
  /** Spans drawn before and not now, or not as they were. */
  gone: Placed<R>[];
  /** Records to draw anew, and their positions. */
  come: { at: number; annotation: Annotation }[];
  /** The labels whose lists change. */
  touched: Set<string>;
}

/** The drawing order: by start, the longer span first, then by id. */
function compareSpans(a: { start: number; end: number; id: string }, b: { start: number; end: number; id: string }): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The first position in a sorted list whose span is not before `key`. */
function lowerBound(list: readonly Placed<unknown>[], key: { start: number; end: number; id: string }): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareSpans(list[mid]!, key) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
