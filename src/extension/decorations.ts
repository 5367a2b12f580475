/**
 * Highlights annotations in the visible editors: one decoration type per label (and a second, framed
 * one for spans that lie inside or across another span, so a figure inside a claim stays visible),
 * coloured by theme colours (`marginalia.<label>Background` / `Border`) or by the label's `color` in
 * `.marginalia.yaml`, with marks in the overview ruler.
 */
import * as vscode from 'vscode';
import type { Annotation } from '../core/model';
import type { OffsetIndex } from '../core/text';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import { Disposable, Soon } from './disposable';
import { toRange } from './positions';

/** Labels with colours of their own in `contributes.colors`; other labels use the `other` ones. */
const THEMED_LABELS = new Set(['claim', 'quote', 'figure']);

/** How long to wait after a change before redrawing (typing fires many changes). */
const REFRESH_DELAY_MS = 30;

/** The ranges drawn in one editor, by label: outermost spans and nested or overlapping ones. */
export interface DrawnRanges {
  outer: vscode.Range[];
  nested: vscode.Range[];
}

/** The two decoration types of one label in one colour. */
interface LabelDecoration {
  outer: vscode.TextEditorDecorationType;
  nested: vscode.TextEditorDecorationType;
}

/** Draws every annotation of every visible editor. */
export class DecorationController extends Disposable {
  private readonly types = new Map<string, LabelDecoration>();
  /** What was last drawn in each editor, by label, and what it was made from (none: the document had no text). */
  private readonly drawn = new Map<vscode.TextEditor, { byLabel: Map<string, DrawnRanges>; from?: DrawnFrom }>();
  /** What each editor was last sent per decoration type, and at which version of its document. */
  private readonly sent = new Map<vscode.TextEditor, Map<vscode.TextEditorDecorationType, SentRanges>>();
  private readonly soon = this._register(new Soon(() => this.refresh(), REFRESH_DELAY_MS));

  /**
   * @param store the annotations to draw
   */
  constructor(private readonly store: AnnotationStore) {
    super();
    this._register(store.onDidChange(() => this.refreshSoon()));
    this._register(store.onDidChangeLabels(() => this.refreshSoon()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this._register({
      dispose: () => {
        for (const t of this.types.values()) {
          t.outer.dispose();
          t.nested.dispose();
        }
      },
    });
    this.refresh();
  }

  /**
   * What was last drawn in an editor, by label (for tests and the screenshots' checks).
   * @param editor a visible editor
   */
  drawnIn(editor: vscode.TextEditor): ReadonlyMap<string, DrawnRanges> {
    return this.drawn.get(editor)?.byLabel ?? new Map();
  }

  /** Redraw soon; many changes in a row make one redraw. */
  refreshSoon(): void {
    this.soon.schedule();
  }

  /** Redraw every visible editor now. */
  refresh(): void {
    for (const editor of [...this.drawn.keys()]) {
      if (vscode.window.visibleTextEditors.includes(editor)) continue;
      this.drawn.delete(editor);
      this.sent.delete(editor);
    }
    for (const editor of vscode.window.visibleTextEditors) {
      try {
        this.draw(editor);
      } catch (error) {
        console.error(`marginalia: cannot draw the annotations of ${editor.document.uri.toString()}`, error);
      }
    }
  }

  private draw(editor: vscode.TextEditor): void {
    const doc = this.store.get(editor.document.uri);
    const drawn = doc && doc.hasText ? this.rangesOf(editor, doc) : { byLabel: new Map<string, DrawnRanges>() };
    const byLabel = drawn.byLabel;
    const labels = this.store.labelsFor(editor.document.uri).labels;
    const byType = new Map<LabelDecoration, DrawnRanges>();
    for (const [label, ranges] of byLabel) byType.set(this.typesFor(label, labels.find((l) => l.id === label)?.color), ranges);
    let sent = this.sent.get(editor);
    if (!sent) this.sent.set(editor, (sent = new Map()));
    for (const types of this.types.values()) {
      const ranges = byType.get(types) ?? { outer: [], nested: [] };
      send(editor, sent, types.outer, ranges.outer);
      send(editor, sent, types.nested, ranges.nested);
    }
    this.drawn.set(editor, drawn);
  }

  /** The ranges of a document, made again only when its annotations or their places changed since the last draw. */
  private rangesOf(editor: vscode.TextEditor, doc: AnnotatedDocument): { byLabel: Map<string, DrawnRanges>; from: DrawnFrom } {
    const last = this.drawn.get(editor);
    if (last?.from?.matches(doc)) return { byLabel: last.byLabel, from: last.from };
    return { byLabel: rangesByLabel(doc), from: new DrawnFrom(doc) };
  }

  /**
   * The decoration types of a label in a colour, made on first use. Keyed by both, since folders of a
   * multi-root workspace may colour the same label differently.
   */
  private typesFor(label: string, color: string | undefined): LabelDecoration {
    const key = `${label}\u0000${color ?? ''}`;
    const existing = this.types.get(key);
    if (existing) return existing;
    const { background, border } = colorsFor(label, color);
    const ruler = { overviewRulerColor: border, overviewRulerLane: vscode.OverviewRulerLane.Right };
    const made: LabelDecoration = {
      outer: vscode.window.createTextEditorDecorationType({ backgroundColor: background, borderRadius: '2px', ...ruler }),
      nested: vscode.window.createTextEditorDecorationType({
        backgroundColor: background,
        border: '1px solid',
        borderColor: border,
        borderRadius: '3px',
        ...ruler,
      }),
    };
    this.types.set(key, made);
    return made;
  }

}

/** Ranges sent to an editor for one decoration type. */
interface SentRanges {
  /** The document's version then: after an edit VS Code has moved (or collapsed) what it was sent. */
  version: number;
  ranges: readonly vscode.Range[];
}

/**
 * Set an editor's decorations of one type, unless it already has these very ranges: each call sends
 * every range to the window, and tagging a span in a document of 10,000 annotations changes one type.
 */
function send(editor: vscode.TextEditor, sent: Map<vscode.TextEditorDecorationType, SentRanges>, type: vscode.TextEditorDecorationType, ranges: vscode.Range[]): void {
  const version = editor.document.version;
  const before = sent.get(type);
  if (before && before.version === version && sameRanges(before.ranges, ranges)) return;
  editor.setDecorations(type, ranges);
  sent.set(type, { version, ranges });
}

function sameRanges(a: readonly vscode.Range[], b: readonly vscode.Range[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !a[i]!.isEqual(b[i]!)) return false;
  return true;
}

/**
 * The ranges to draw per label. A span that starts inside an earlier one (nested, or overlapping
 * it) is drawn framed; of two spans with the same start, the longer one is the outer.
 * @param doc the annotated document
 */
export function rangesByLabel(doc: AnnotatedDocument): Map<string, DrawnRanges> {
  const ordered = doc.annotations.filter((a) => a.status !== 'orphaned' && a.end <= doc.offsets.length).sort((a, b) => a.start - b.start || b.end - a.end || compareIds(a, b));
  const result = new Map<string, DrawnRanges>();
  let reach = -1;
  for (const a of ordered) {
    let ranges = result.get(a.label);
    if (!ranges) result.set(a.label, (ranges = { outer: [], nested: [] }));
    (a.start < reach ? ranges.nested : ranges.outer).push(rangeOf(doc, a));
    reach = Math.max(reach, a.end);
  }
  return result;
}

/**
 * What a document's ranges were made from: its text, and each annotation with its place, label and
 * status. Tagging a span draws twice (the change, then the write), and the second draw finds nothing
 * changed after one pass of comparisons instead of making 10,000 ranges again.
 */
class DrawnFrom {
  private readonly offsets: OffsetIndex;
  private readonly annotations: Annotation[];
  private readonly places: Int32Array;
  private readonly labels: string[];
  private readonly orphaned: Uint8Array;

  constructor(doc: AnnotatedDocument) {
    const n = doc.annotations.length;
    this.offsets = doc.offsets;
    this.annotations = [...doc.annotations];
    this.places = new Int32Array(2 * n);
    this.labels = new Array<string>(n);
    this.orphaned = new Uint8Array(n);
    doc.annotations.forEach((a, i) => {
      this.places[2 * i] = a.start;
      this.places[2 * i + 1] = a.end;
      this.labels[i] = a.label;
      this.orphaned[i] = a.status === 'orphaned' ? 1 : 0;
    });
  }

  /** Whether the document still has exactly these annotations, places, labels and statuses over the same text. */
  matches(doc: AnnotatedDocument): boolean {
    const annotations = doc.annotations;
    if (doc.offsets !== this.offsets || annotations.length !== this.annotations.length) return false;
    for (let i = 0; i < annotations.length; i++) {
      const a = annotations[i]!;
      if (
        a !== this.annotations[i] ||
        a.start !== this.places[2 * i] ||
        a.end !== this.places[2 * i + 1] ||
        a.label !== this.labels[i] ||
        (a.status === 'orphaned' ? 1 : 0) !== this.orphaned[i]
      )
        return false;
    }
    return true;
  }
}

/** The range last made for an annotation, and the text and span it was made for. */
interface MadeRange {
  offsets: OffsetIndex;
  start: number;
  end: number;
  range: vscode.Range;
}

/** Ranges kept between draws: tagging one span in a document of 10,000 redraws 10,000 that did not move. */
const madeRanges = new WeakMap<Annotation, MadeRange>();

function rangeOf(doc: AnnotatedDocument, a: Annotation): vscode.Range {
  const made = madeRanges.get(a);
  if (made && made.offsets === doc.offsets && made.start === a.start && made.end === a.end) return made.range;
  const range = toRange(doc, a.start, a.end);
  madeRanges.set(a, { offsets: doc.offsets, start: a.start, end: a.end, range });
  return range;
}

function compareIds(a: Annotation, b: Annotation): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The background and border colours of a label: its `color` override, else its theme colours.
 * @param label the label id
 * @param color the label's `color` from `.marginalia.yaml`, if any
 */
export function colorsFor(label: string, color: string | undefined): { background: string | vscode.ThemeColor; border: string | vscode.ThemeColor } {
  if (color) return { background: translucent(color), border: color };
  const id = THEMED_LABELS.has(label) ? label : 'other';
  return { background: new vscode.ThemeColor(`marginalia.${id}Background`), border: new vscode.ThemeColor(`marginalia.${id}Border`) };
}

/** A hex colour at 30 % opacity, so the text stays readable; other CSS colours as given. */
function translucent(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!hex) return color;
  const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join('') : hex[1]!;
  return `#${digits}4d`;
}
