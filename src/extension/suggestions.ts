/**
 * Suggestions in the editor: spans the core suggesters propose (`core/suggestions`), drawn as faint
 * dotted underlines in the visible editors while `marginalia.suggestions.enabled` is on, and the
 * commands that turn them into annotations or reject them: accept the one under the cursor, accept
 * all of a label after a preview, reject (remembered in the sidecar), and Tag All Occurrences of the
 * selected text. A tagged quote's proposed speaker (a `said-by` relation) shows as a faint hint after
 * it, accepted with the same command. See docs/suggestions.md.
 */
import * as vscode from 'vscode';
import type { Annotation, Relation } from '../core/model';
import { rejectionOf } from '../core/suggestions/rejected';
import { suggestSpeakerRelations, type RelationSuggestion } from '../core/suggestions/speakers';
import { filterSuggestions, suggestCandidates, type Suggestion, type SuggestionCandidates } from '../core/suggestions/suggest';
import { normalizeText, OffsetIndex, oneLine } from '../core/text';
import type { AnnotationStore } from './annotationStore';
import { Disposable, Soon } from './disposable';
import { askUser, reportWithUndo } from './notify';
import { toOffset, toRange } from './positions';

/** How long to wait after a change before suggesting again (typing fires many changes). */
const REFRESH_DELAY_MS = 150;
/** Documents longer than this (UTF-16 code units) get no suggestions drawn as you type. */
const MAX_DRAWN_LENGTH = 5 * 1024 * 1024;

/** A document's suggestions, over the text they were made from. */
export interface DocumentSuggestions {
  offsets: OffsetIndex;
  suggestions: Suggestion[];
  /** The relations proposed from its tagged quotes to their speakers. */
  relations: RelationSuggestion[];
}

/** Which document a suggestion command acts on, and where (default: the active editor and its cursor). */
export interface SuggestionTarget {
  uri?: vscode.Uri | string;
  /** A code-point offset in the document. */
  offset?: number;
}

/** Computes, draws and acts on the suggestions of the visible editors. */
export class SuggestionController extends Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    borderStyle: 'dotted',
    borderWidth: '0 0 1px 0',
    borderColor: new vscode.ThemeColor('editorGhostText.foreground'),
  });
  /** The hint after a quote whose speaker is proposed: ghost text, as a suggestion is. */
  private readonly relationType = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorGhostText.foreground'), fontStyle: 'italic', margin: '0 0 0 0.6em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly cache = new Map<string, { version: number; generation: number; result: DocumentSuggestions }>();
  /** What the suggesters found in each document's version: annotations do not change it, labels do. */
  private readonly candidates = new Map<string, { version: number; labelsGeneration: number; text: string; found: SuggestionCandidates; index?: OffsetIndex }>();
  /** What was last drawn in each editor (suggestions and relation hints), over which text and at which version (for the hover, tests and the screenshots' checks). */
  private readonly drawn = new Map<vscode.TextEditor, { version: number; shown: DocumentSuggestions }>();
  /** Bumped whenever annotations, rejections or labels change: suggestions depend on them. */
  private generation = 0;
  /** Bumped whenever labels change: the suggesters' candidates depend on them. */
  private labelsGeneration = 0;
  private readonly soon = this._register(new Soon(() => this.refresh(), REFRESH_DELAY_MS));

  /**
   * @param store the annotations (suggestions leave out spans already annotated and those rejected)
   */
  constructor(private readonly store: AnnotationStore) {
    super();
    const invalidate = (): void => {
      this.generation++;
      this.refreshSoon();
    };
    this._register(store.onDidChange(invalidate));
    this._register(
      store.onDidChangeLabels(() => {
        this.labelsGeneration++;
        invalidate();
      }),
    );
    this._register(vscode.workspace.onDidChangeTextDocument(() => this.refreshSoon()));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cache.delete(d.uri.toString());
        this.candidates.delete(d.uri.toString());
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('marginalia.suggestions.enabled')) this.refresh();
      }),
    );
    this._register(this.type);
    // The hover of a suggestion or of a proposed relation comes from a provider, not from each
    // decoration: VS Code parses a decoration's hover markdown on every draw, which cost tens of
    // milliseconds per redraw of a large document, where plain ranges go to the window in one packed array.
    this._register(vscode.languages.registerHoverProvider({ pattern: '**' }, { provideHover: (document, position) => this.hoverAt(document, position) }));
    this._register(this.relationType);
    // Not at activation: before the store has read the labels and sidecars, the suggesters would run
    // with the default labels and offer spans already annotated, to be redrawn once it has.
    void store.ready.then(
      () => this.refresh(),
      () => this.refresh(),
    );
  }

  /**
   * The suggestions last drawn in an editor.
   * @param editor a visible editor
   */
  drawnIn(editor: vscode.TextEditor): readonly Suggestion[] {
    return this.drawn.get(editor)?.shown.suggestions ?? [];
  }

  /**
   * The relations last proposed in an editor, drawn as hints after their quotes.
   * @param editor a visible editor
   */
  relationsDrawnIn(editor: vscode.TextEditor): readonly RelationSuggestion[] {
    return this.drawn.get(editor)?.shown.relations ?? [];
  }

  /**
   * The suggestions of a document as it is now (annotated spans and rejected ones left out).
   * @param document the document
   */
  suggestionsFor(document: vscode.TextDocument): DocumentSuggestions {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version && cached.generation === this.generation) return cached.result;
    // The suggesters run once per version of the text (and of the labels); a change of annotations
    // or rejections only filters their candidates again.
    let found = this.candidates.get(key);
    if (!found || found.version !== document.version || found.labelsGeneration !== this.labelsGeneration) {
      const text = normalizeText(document.getText());
      found = { version: document.version, labelsGeneration: this.labelsGeneration, text, found: suggestCandidates(text, this.store.labelsFor(document.uri)) };
      this.candidates.set(key, found);
    }
    const text = found.text;
    const annotated = this.store.get(document.uri);
    const index = annotated?.offsets.text === text ? annotated.offsets : (found.index ??= new OffsetIndex(text));
    const suggestions = filterSuggestions(found.found, {
      annotations: (annotated?.annotations ?? []).filter((a) => a.status !== 'orphaned'),
      rejected: annotated?.rejected ?? [],
    });
    // The quotes' annotations are over the store's text: only when it is this text do their offsets hold here.
    const relations = annotated?.offsets.text === text ? suggestSpeakerRelations(text, this.store.labelsFor(document.uri), annotated.annotations) : [];
    const result = { offsets: index, suggestions, relations };
    this.cache.set(key, { version: document.version, generation: this.generation, result });
    return result;
  }

  /** Redraw soon; many changes in a row make one redraw. */
  refreshSoon(): void {
    this.soon.schedule();
  }

  /** Redraw every visible editor now. */
  refresh(): void {
    for (const editor of [...this.drawn.keys()]) if (!vscode.window.visibleTextEditors.includes(editor)) this.drawn.delete(editor);
    for (const editor of vscode.window.visibleTextEditors) {
      try {
        this.draw(editor);
      } catch (error) {
        console.error(`marginalia: cannot draw the suggestions of ${editor.document.uri.toString()}`, error);
      }
    }
  }

  private draw(editor: vscode.TextEditor): void {
    const document = editor.document;
    const enabled = vscode.workspace.getConfiguration('marginalia', document.uri).get<boolean>('suggestions.enabled', true);
    // The length without copying the text out of the document: this runs on every redraw.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    const shown = enabled && this.store.canAnnotate(document.uri) && length <= MAX_DRAWN_LENGTH ? this.suggestionsFor(document) : undefined;
    const drawn = { version: document.version, shown: shown ?? { offsets: new OffsetIndex(''), suggestions: [], relations: [] } };
    const before = this.drawn.get(editor);
    this.drawn.set(editor, drawn);
    // Tagging a span re-filters the suggestions, and mostly finds the same: the window keeps what it has.
    const unchanged = before !== undefined && before.version === drawn.version;
    if (!unchanged || !sameRelations(before.shown.relations, drawn.shown.relations)) {
      // Each hint its text, and no hover: the hover provider gives it (see the constructor).
      editor.setDecorations(
        this.relationType,
        drawn.shown.relations.map((r) => ({
          range: toRange(drawn.shown, r.from.start, r.from.end),
          renderOptions: { after: { contentText: `→ ${r.type.replace(/-/g, ' ')} ${oneLine(proposedTargetOf(r).text, 40)}?` } },
        })),
      );
    }
    if (unchanged && sameSuggestions(before.shown.suggestions, drawn.shown.suggestions)) return;
    editor.setDecorations(
      this.type,
      drawn.shown.suggestions.map((s) => toRange(drawn.shown, s.start, s.end)),
    );
  }

  /** The hover of the suggestions drawn under a position (innermost first), then of the relations proposed from the quote there. */
  private hoverAt(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document && this.drawn.get(e)?.version === document.version);
    const shown = editor && this.drawn.get(editor)?.shown;
    if (!shown || (shown.suggestions.length === 0 && shown.relations.length === 0)) return undefined;
    const offset = toOffset(shown, position);
    const here = shown.suggestions.filter((s) => s.start <= offset && offset < s.end).sort((a, b) => a.end - a.start - (b.end - b.start));
    const proposed = shown.relations.filter((r) => r.from.start <= offset && offset < r.from.end);
    const innermost = here[0] ?? proposed[0]?.from;
    if (!innermost) return undefined;
    return new vscode.Hover([...here.map(hoverOf), ...proposed.map(relationHoverOf)], toRange(shown, innermost.start, innermost.end));
  }
}

/** Whether two lists of suggestions are the same spans, labels and findings, in order. */
function sameSuggestions(a: readonly Suggestion[], b: readonly Suggestion[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.start !== y.start || x.end !== y.end || x.label !== y.label || x.text !== y.text || x.score !== y.score || x.attributes !== y.attributes) return false;
  }
  return true;
}

/** Whether two lists of relation proposals draw the same hints, in order (and give the same hovers). */
function sameRelations(a: readonly RelationSuggestion[], b: readonly RelationSuggestion[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const [p, q] = [proposedTargetOf(x), proposedTargetOf(y)];
    if (x.from.start !== y.from.start || x.from.end !== y.from.end || x.type !== y.type || x.score !== y.score) return false;
    if (p.label !== q.label || p.start !== q.start || p.end !== q.end || p.text !== q.text || 'proposed' in x.to !== 'proposed' in y.to) return false;
  }
  return true;
}

/** The span a relation proposal points at: tagged, or to tag. */
function proposedTargetOf(r: RelationSuggestion): { label: string; start: number; end: number; text: string } {
  return 'annotation' in r.to ? r.to.annotation : r.to.proposed;
}

function relationHoverOf(r: RelationSuggestion): vscode.MarkdownString {
  const to = proposedTargetOf(r);
  const md = new vscode.MarkdownString();
  md.appendText(`Suggested relation: ${r.type.replace(/-/g, ' ')} ${to.label} “${oneLine(to.text, 60)}”${'proposed' in r.to ? ' (a new span, tagged on accepting)' : ''}, score ${r.score.toFixed(2)}. `);
  md.appendText('Accept: Ctrl+Alt+M Enter with the cursor in the quote');
  return md;
}

function hoverOf(s: Suggestion): vscode.MarkdownString {
  const attributes = Object.entries(s.attributes).map(([k, v]) => `${k}: ${String(v)}`);
  const md = new vscode.MarkdownString();
  md.appendText(`Suggested ${s.label}${attributes.length ? ` (${attributes.join(', ')})` : ''}, score ${s.score.toFixed(2)}. `);
  md.appendText('Accept: Ctrl+Alt+M Enter · reject: Ctrl+Alt+M X');
  return md;
}

/** The document and offset a suggestion command acts on. */
async function targetOf(target: SuggestionTarget | undefined): Promise<{ document: vscode.TextDocument; offset: number | undefined } | undefined> {
  const uri = typeof target?.uri === 'string' ? vscode.Uri.parse(target.uri) : target?.uri;
  const editor = vscode.window.activeTextEditor;
  const document = uri ? (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri))) : editor?.document;
  if (!document) return undefined;
  if (target?.offset !== undefined) return { document, offset: target.offset };
  const onCursor = editor && editor.document === document ? editor.selection.active : undefined;
  return { document, offset: onCursor ? toOffset({ offsets: new OffsetIndex(normalizeText(document.getText())) }, onCursor) : undefined };
}

/** The innermost suggestion at an offset (a figure inside a claim before the claim). */
function suggestionAt(suggestions: readonly Suggestion[], offset: number): Suggestion | undefined {
  return suggestions.filter((s) => s.start <= offset && offset <= s.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

/**
 * Make annotations of suggestions, with the attributes the suggesters read.
 * @returns the annotations made
 */
async function accept(store: AnnotationStore, uri: vscode.Uri, suggestions: readonly Suggestion[]): Promise<Annotation[]> {
  if (suggestions.length === 0) return [];
  const added = await store.add(uri, suggestions.map((s) => ({ start: s.start, end: s.end, label: s.label })));
  for (const [i, annotation] of added.entries()) {
    const attributes = suggestions[i]!.attributes;
    if (Object.keys(attributes).length > 0) await store.update(uri, annotation.id, { attributes: { ...attributes } });
  }
  return added;
}

/**
 * Accept Suggestion: the suggestion under the cursor becomes an annotation; where there is none, a
 * record written as a suggestion (`status: suggested`) under the cursor is confirmed; in a tagged
 * quote whose speaker is proposed, the `said-by` relation is written (unless a suggestion or record
 * inside the quote is under the cursor: the innermost wins, and the quote is inside a claim around it).
 * @returns the annotation made or confirmed, or the quote related; undefined when there is no suggestion there
 */
export async function acceptSuggestion(store: AnnotationStore, controller: SuggestionController, target?: SuggestionTarget): Promise<Annotation | undefined> {
  await store.ready;
  const at = await targetOf(target);
  if (!at || at.offset === undefined) throw new Error('open a document and put the cursor in a suggestion first');
  const offset = at.offset;
  const found = controller.suggestionsFor(at.document);
  const relation = found.relations.find((r) => r.from.start <= offset && offset <= r.from.end);
  const inside = (span: { start: number; end: number }) => !relation || span.end - span.start < relation.from.end - relation.from.start;
  const innermost = suggestionAt(found.suggestions, offset);
  const suggestion = innermost && inside(innermost) ? innermost : undefined;
  // A record `marginalia suggest --apply` wrote (status: suggested) is confirmed where it stands, when it is the innermost.
  const written = store.get(at.document.uri)?.annotations.filter((a) => a.status === 'suggested' && a.start <= offset && offset <= a.end && inside(a));
  const record = written?.sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  if (record && (!suggestion || record.end - record.start <= suggestion.end - suggestion.start)) {
    await store.update(at.document.uri, record.id, { status: undefined });
    return { ...record, status: undefined };
  }
  if (suggestion) {
    const [added] = await accept(store, at.document.uri, [suggestion]);
    return added;
  }
  if (relation) return acceptRelation(store, at.document.uri, relation);
  void askUser('info', 'no suggestion at the cursor');
  return undefined;
}

/**
 * Write a proposed relation: the target span tagged first when it is new (or taken when a span of its
 * label is tagged there meanwhile), then the relation added to the quote's, through the store; the
 * notification's Undo takes both back.
 * @returns the quote, with its relations as written
 */
async function acceptRelation(store: AnnotationStore, uri: vscode.Uri, proposal: RelationSuggestion): Promise<Annotation> {
  const annotations = store.get(uri)?.annotations ?? [];
  const quote = annotations.find((a) => a.id === proposal.from.id);
  if (!quote) throw new Error(`the quote ${proposal.from.id} is no longer in ${vscode.workspace.asRelativePath(uri)}`);
  const { label, start, end } = proposedTargetOf(proposal);
  const id = 'annotation' in proposal.to ? proposal.to.annotation.id : undefined;
  let target = annotations.find((a) => (id !== undefined ? a.id === id : a.label === label && a.start === start && a.end === end && a.status !== 'orphaned'));
  let added: Annotation | undefined;
  if (!target && id === undefined) target = added = (await store.add(uri, [{ label, start, end }]))[0];
  if (!target) throw new Error(`the speaker span of the proposal is no longer in ${vscode.workspace.asRelativePath(uri)}`);
  const before = quote.relations;
  const relations: Relation[] = [...(before ?? []), { type: proposal.type, to: target.id }];
  await store.update(uri, quote.id, { relations });
  const made = added ? ` (tagged as ${added.label})` : '';
  reportWithUndo(`${quote.label} “${oneLine(quote.text, 40)}” ${proposal.type.replace(/-/g, ' ')} “${oneLine(target.text, 40)}”${made}.`, async () => {
    await store.update(uri, quote.id, { relations: before });
    if (added) await store.remove(uri, [added.id]);
  });
  return { ...quote, relations };
}

/**
 * Reject Suggestion: the suggestion under the cursor is not offered again, to anyone (it is kept in the sidecar).
 * @returns the suggestion rejected, or undefined when there is none there
 */
export async function rejectSuggestion(store: AnnotationStore, controller: SuggestionController, target?: SuggestionTarget): Promise<Suggestion | undefined> {
  await store.ready;
  const at = await targetOf(target);
  if (!at || at.offset === undefined) throw new Error('open a document and put the cursor in a suggestion first');
  const { offsets: index, suggestions } = controller.suggestionsFor(at.document);
  const suggestion = suggestionAt(suggestions, at.offset);
  if (!suggestion) {
    void askUser('info', 'no suggestion at the cursor');
    return undefined;
  }
  await store.reject(at.document.uri, [rejectionOf(suggestion.label, suggestion.text, index.slice(Math.max(0, suggestion.start - 64), suggestion.start))]);
  return suggestion;
}

/** Arguments of Accept Suggestions…: without `starts`, a preview asks which to accept. */
export interface AcceptAllArgs {
  uri?: vscode.Uri | string;
  /** The label (default: ask). */
  label?: string;
  /** The starts (code points) of the suggestions to accept, without asking. */
  starts?: number[];
}

/**
 * Accept Suggestions…: every suggestion of a label in the document, after a preview where each can be unchecked.
 * @returns the annotations made
 */
export async function acceptAllSuggestions(store: AnnotationStore, controller: SuggestionController, args: AcceptAllArgs = {}): Promise<Annotation[]> {
  await store.ready;
  const at = await targetOf({ uri: args.uri });
  if (!at) throw new Error('open a document first');
  const { offsets: index, suggestions } = controller.suggestionsFor(at.document);
  const labels = [...new Set(suggestions.map((s) => s.label))];
  if (labels.length === 0) {
    void askUser('info', 'no suggestions in this document');
    return [];
  }
  const label =
    args.label ??
    (
      await vscode.window.showQuickPick(
        labels.map((l) => ({ label: l, description: `${suggestions.filter((s) => s.label === l).length} suggested` })),
        { title: 'Marginalia: Accept Suggestions', placeHolder: 'Which label’s suggestions?' },
      )
    )?.label;
  if (label === undefined) return [];
  const ofLabel = suggestions.filter((s) => s.label === label);
  const chosen = args.starts ? ofLabel.filter((s) => args.starts!.includes(s.start)) : await preview(index, ofLabel, `Accept ${label} suggestions`);
  return chosen ? accept(store, at.document.uri, chosen) : [];
}

/** A QuickPick of spans with all checked; each can be unchecked. Undefined when dismissed. */
async function preview<T extends { start: number; end: number; attributes?: Record<string, unknown> }>(index: OffsetIndex, spans: readonly T[], title: string): Promise<T[] | undefined> {
  const items = spans.map((span) => {
    const line = index.lineColumn(span.start).line + 1;
    const attributes = Object.entries(span.attributes ?? {}).map(([k, v]) => `${k}: ${String(v)}`);
    return {
      label: `“${oneLine(index.slice(span.start, span.end))}”`,
      description: `line ${line}${attributes.length ? ` · ${attributes.join(', ')}` : ''}`,
      detail: `…${oneLine(index.slice(Math.max(0, span.start - 40), span.start), 40)}[${oneLine(index.slice(span.start, span.end), 40)}]${oneLine(index.slice(span.end, span.end + 40), 40)}…`,
      picked: true,
      span,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: `Marginalia: ${title}`, placeHolder: 'Uncheck what should not be tagged, then press Enter', canPickMany: true, ignoreFocusOut: true });
  return picked?.map((item) => item.span);
}

/** Arguments of Tag All Occurrences: without them, the selected text, a label picker and a preview. */
export interface TagAllArgs {
  uri?: vscode.Uri | string;
  /** The text to find (default: the active editor's selection). */
  text?: string;
  label?: string;
  /** The starts (code points) of the occurrences to tag, without asking. */
  starts?: number[];
}

/**
 * Tag All Occurrences: every occurrence of the selected text in the document (whole words when the
 * selection starts and ends with one), with a label, after a preview where each can be unchecked.
 * Occurrences already annotated with the label are left out.
 * @returns the annotations made
 */
export async function tagAllOccurrences(store: AnnotationStore, pickLabel: (uri: vscode.Uri) => Promise<string | undefined>, args: TagAllArgs = {}): Promise<Annotation[]> {
  await store.ready;
  const at = await targetOf({ uri: args.uri });
  if (!at) throw new Error('open a document and select some text first');
  const editor = vscode.window.activeTextEditor;
  const wanted = (args.text ?? (editor?.document === at.document ? at.document.getText(editor.selection) : '')).trim();
  if (!wanted) throw new Error('select the text to tag everywhere in the document first');
  const text = normalizeText(at.document.getText());
  const index = new OffsetIndex(text);
  const label = args.label ?? (await pickLabel(at.document.uri));
  if (label === undefined) return [];
  const existing = (store.get(at.document.uri)?.annotations ?? []).filter((a) => a.label === label && a.status !== 'orphaned');
  const spans = occurrences(text, normalizeText(wanted))
    .map((o) => ({ start: index.toCodePoint(o), end: index.toCodePoint(o + wanted.length) }))
    .filter((s) => !existing.some((a) => a.start < s.end && s.start < a.end));
  if (spans.length === 0) {
    void askUser('info', `every occurrence of “${oneLine(wanted)}” is tagged as ${label} already`);
    return [];
  }
  const chosen = args.starts ? spans.filter((s) => args.starts!.includes(s.start)) : await preview(index, spans, `Tag ${spans.length} occurrence${spans.length === 1 ? '' : 's'} as ${label}`);
  if (!chosen || chosen.length === 0) return [];
  return store.add(at.document.uri, chosen.map((s) => ({ ...s, label })));
}

/** Where a text occurs (UTF-16 offsets); when it starts and ends with a word character, as a whole word only. */
function occurrences(text: string, wanted: string): number[] {
  const word = /[\p{L}\p{N}]/u;
  const wholeWords = word.test(wanted[0]!) && word.test(wanted[wanted.length - 1]!);
  const found: number[] = [];
  for (let at = text.indexOf(wanted); at !== -1; at = text.indexOf(wanted, at + 1)) {
    if (wholeWords && (word.test(text[at - 1] ?? ' ') || word.test(text[at + wanted.length] ?? ' '))) continue;
    found.push(at);
  }
  return found;
}
