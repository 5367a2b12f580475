/**
 * Highlights annotations in the visible editors: one decoration type per label (and a second, framed
 * one for spans that lie inside or across another span, so a figure inside a claim stays visible),
 * coloured by theme colours (`marginalia.<label>Background` / `Border`) or by the label's `color` in
 * `.marginalia.yaml`, with marks in the overview ruler.
 */
import * as vscode from 'vscode';
import type { Annotation } from '../core/model';
import { SpanLayers } from '../core/span-layers';
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

/** What is drawn in one editor. */
interface Drawing {
  /** The text the layers' ranges were made over: another text makes every range again. */
  offsets: OffsetIndex;
  layers: SpanLayers<vscode.Range>;
  /** The document's version when the ranges were last sent: after an edit VS Code has moved (or collapsed) them. */
  version: number;
  /** The decoration types each label's ranges were sent with. */
  sentWith: Map<string, LabelDecoration>;
}

/** Draws every annotation of every visible editor. */
export class DecorationController extends Disposable {
  private readonly types = new Map<string, LabelDecoration>();
  private readonly drawings = new Map<vscode.TextEditor, Drawing>();
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
    const layers = this.drawings.get(editor)?.layers;
    if (!layers) return new Map();
    return new Map(layers.labels().map((label) => [label, { outer: [...layers.layersOf(label).outer], nested: [...layers.layersOf(label).nested] }]));
  }

  /** Redraw soon; many changes in a row make one redraw. */
  refreshSoon(): void {
    this.soon.schedule();
  }

  /** Redraw every visible editor now. */
  refresh(): void {
    for (const editor of [...this.drawings.keys()]) {
      if (!vscode.window.visibleTextEditors.includes(editor)) this.drawings.delete(editor);
    }
    for (const editor of vscode.window.visibleTextEditors) {
      try {
        this.draw(editor);
      } catch (error) {
        console.error(`marginalia: cannot draw the annotations of ${editor.document.uri.toString()}`, error);
      }
    }
  }

  /**
   * Bring an editor's highlights in line with its document's annotations. Only the labels whose spans
   * changed are sent again (each call sends every range of a decoration type to the window, and
   * tagging a span in a document of 10,000 annotations changes one label's).
   */
  private draw(editor: vscode.TextEditor): void {
    const doc = this.store.get(editor.document.uri);
    const before = this.drawings.get(editor);
    if (!doc || !doc.hasText) {
      for (const types of before?.sentWith.values() ?? []) clear(editor, types);
      this.drawings.delete(editor);
      return;
    }
    let drawing = before;
    let changed: Set<string>;
    if (!drawing || drawing.offsets !== doc.offsets) {
      const layers = new SpanLayers(doc.offsets.length, (a) => rangeOf(doc, a));
      changed = layers.update(doc.annotations);
      // Sent whole, every label: the labels drawn over the text before may be gone from this one.
      drawing = { offsets: doc.offsets, layers, version: Number.NaN, sentWith: before?.sentWith ?? new Map() };
      this.drawings.set(editor, drawing);
    } else {
      changed = drawing.layers.update(doc.annotations);
    }
    const version = editor.document.version;
    const moved = drawing.version !== version;
    drawing.version = version;
    const labels = this.store.labelsFor(editor.document.uri).labels;
    for (const label of new Set([...drawing.sentWith.keys(), ...drawing.layers.labels()])) {
      const layers = drawing.layers.layersOf(label);
      const types = this.typesFor(label, labels.find((l) => l.id === label)?.color);
      const sentWith = drawing.sentWith.get(label);
      if (sentWith && sentWith !== types) clear(editor, sentWith); // the label's colour changed
      if (moved || sentWith !== types || changed.has(label)) {
        editor.setDecorations(types.outer, layers.outer);
        editor.setDecorations(types.nested, layers.nested);
      }
      if (layers.outer.length + layers.nested.length > 0) drawing.sentWith.set(label, types);
      else drawing.sentWith.delete(label);
    }
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

/** Take a label's highlights out of an editor. */
function clear(editor: vscode.TextEditor, types: LabelDecoration): void {
  editor.setDecorations(types.outer, []);
  editor.setDecorations(types.nested, []);
}

/** The range last made for an annotation, and the text and span it was made for. */
interface MadeRange {
  offsets: OffsetIndex;
  start: number;
  end: number;
  range: vscode.Range;
}

/** Ranges kept between draws: the layers are placed again after a record is removed, and most did not move. */
const madeRanges = new WeakMap<Annotation, MadeRange>();

function rangeOf(doc: AnnotatedDocument, a: Annotation): vscode.Range {
  const made = madeRanges.get(a);
  if (made && made.offsets === doc.offsets && made.start === a.start && made.end === a.end) return made.range;
  const range = toRange(doc, a.start, a.end);
  madeRanges.set(a, { offsets: doc.offsets, start: a.start, end: a.end, range });
  return range;
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
