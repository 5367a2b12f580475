/**
 * Every command of the extension, registered in one place (`registerCommands`, one handler per id of
 * `commandIds.ts`), and the editor side's own: tagging, removing and editing annotations, linking them
 * to entities, moving between them, and the quick fixes' re-anchoring. The tree's commands are in
 * `tree/treeCommands.ts`, the review's in `review/reviewCommands.ts`, the export in `exportCommand.ts`, linking a quotation's prints in `linkQuotePrints.ts`.
 * Each command also takes an argument object so that tests, the tree's context menu and the hover's
 * links can run it without the UI, and returns what it did.
 */
import * as vscode from 'vscode';
import type { Annotation, AttributeValue, LabelSpec } from '../core/model';
import { normalizeText, OffsetIndex, oneLine } from '../core/text';
import { attributeGuideline, labelGuideline } from '../core/guidelines';
import type { AnchorResult } from '../core/anchoring/reanchor';
import { parseAttributeInput, validateAttributeInput } from './attributeInput';
import type { AnnotatedDocument, AnnotationStore, NewSpan } from './annotationStore';
import { COMMAND_IDS, type CommandName } from './commandIds';
import type { CrossSources } from './crossSources';
import { EXPORT_OUTPUT, exportAnnotations, type ExportArgs } from './exportCommand';
import { linkQuotePrints, type LinkPrintsArgs } from './linkQuotePrints';
import { offsetAt } from '../core/line-offsets';
import { toOffset, toRange } from './positions';
import type { AnnotationTreeProvider } from './tree/annotationTreeProvider';
import { treeCommandHandlers } from './tree/treeCommands';
import type { ReviewCommandName } from './review/reviewCommands';
import { askUser, reportWithUndo } from './notify';
import { acceptAllSuggestions, acceptSuggestion, rejectSuggestion, tagAllOccurrences, type AcceptAllArgs, type SuggestionController, type SuggestionTarget, type TagAllArgs } from './suggestions';
import type { RelateArgs, RemovedWithRelations, WorkspaceRelations } from './relations';
import type { Adjudication } from './adjudication/adjudication';

/** A command's handler: takes what `executeCommand` passes, resolves to what the command did. */
export type CommandHandler = (...args: never[]) => unknown;

/**
 * Which annotations a command acts on, when it is not run on the cursor: `{ uri, id }` or
 * `{ uri, ids }` (from tests, the hover and the quick fixes), or the tree's occurrence node
 * (`{ documentUri, annotationId }`).
 */
export interface AnnotationTarget {
  uri?: vscode.Uri | string;
  id?: string;
  ids?: string[];
  documentUri?: vscode.Uri;
  annotationId?: string;
}

/**
 * Arguments of the tagging commands; without them, the active editor's selections. A call that gives
 * `label` or `ranges` is not asked for the label's required attributes afterwards.
 */
export interface TagArgs {
  /** The document (default: the active editor's). */
  uri?: vscode.Uri | string;
  /** The ranges to tag (default: the editor's selections). */
  ranges?: vscode.Range[];
  /** The label, for Tag Selection… (default: ask). */
  label?: string;
}

/**
 * Register every command of `COMMAND_IDS`. A command that fails shows its error and resolves to
 * undefined, so a menu click never fails silently.
 * @param context the extension context (registrations are added to its subscriptions)
 * @param store the annotation store
 * @param sources the figures and quotes across documents, for linking the prints of a quotation
 * @param tree the entity tree, for its commands
 * @param suggestions the suggestions drawn in the editors, for the commands that accept or reject them
 * @param relations the workspace's relations, for Relate… and for removing what others point at
 * @param reviewHandlers the review's commands: the review's own where the host has git, else ones that say why not
 * @param adjudication adjudicating and settling disputes, for their commands
 */
export function registerCommands(
  context: vscode.ExtensionContext,
  store: AnnotationStore,
  sources: CrossSources,
  tree: AnnotationTreeProvider,
  suggestions: SuggestionController,
  relations: WorkspaceRelations,
  reviewHandlers: Record<ReviewCommandName, CommandHandler>,
  adjudication: Adjudication,
): void {
  const handlers: Record<CommandName, CommandHandler> = {
    tagClaim: (args?: TagArgs) => tag(store, 'claim', args),
    tagQuote: (args?: TagArgs) => tag(store, 'quote', args),
    tagFigure: (args?: TagArgs) => tag(store, 'figure', args),
    tagSelection: (args?: TagArgs) => tag(store, args?.label, args),
    tagAllOccurrences: (args?: TagAllArgs) => tagAllOccurrences(store, (uri) => pickLabel(store.labelsFor(uri).labels), args),
    acceptSuggestion: (target?: SuggestionTarget) => acceptSuggestion(store, suggestions, target),
    rejectSuggestion: (target?: SuggestionTarget) => rejectSuggestion(store, suggestions, target),
    acceptAllSuggestions: (args?: AcceptAllArgs) => acceptAllSuggestions(store, suggestions, args),
    removeAnnotation: (target?: AnnotationTarget) => removeAnnotations(store, relations, target),
    editAttributes: (target?: AttributesTarget) => editAttributes(store, target),
    editNote: (target?: AnnotationTarget & { note?: string }) => editNote(store, target),
    linkEntity: (target?: AnnotationTarget & { entity?: string | null }) => linkEntity(store, target),
    linkQuotePrints: (args?: LinkPrintsArgs) => linkQuotePrints(store, sources, args),
    relate: (args?: RelateArgs) => relations.relate(args),
    nextAnnotation: () => step(store, 1),
    previousAnnotation: () => step(store, -1),
    openAnnotation: (target: AnnotationTarget) => openAnnotation(store, target),
    reanchorAnnotation: (target?: AnnotationTarget) => reanchorAnnotations(store, target),
    openSidecar: (target?: AnnotationTarget) => openSidecar(store, target),
    openAnnotatedDocuments: () => openAnnotatedDocuments(store),
    exportAnnotations: (args?: ExportArgs) => exportAnnotations(store, args ?? {}),
    ...treeCommandHandlers(store, tree),
    ...reviewHandlers,
    ...adjudication.handlers,
  };
  for (const [name, id] of Object.entries(COMMAND_IDS) as [CommandName, string][]) {
    const run = handlers[name] as (...args: unknown[]) => unknown;
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await run(...args);
        } catch (error) {
          console.error(`marginalia: ${id} failed:`, error);
          void askUser('error', error instanceof Error ? error.message : String(error));
          return undefined;
        }
      }),
    );
  }
  context.subscriptions.push(EXPORT_OUTPUT);
}

// ---- tagging ----------------------------------------------------------------------------------

/**
 * Tag the selections (or given ranges) with a label. An empty selection tags the word under the
 * cursor; selections are trimmed of surrounding whitespace; a span already tagged with the same
 * label is reported instead of tagged twice.
 * @returns the new annotations
 */
async function tag(store: AnnotationStore, label: string | undefined, args?: TagArgs): Promise<Annotation[]> {
  await store.ready;
  const target = await targetDocument(args?.uri);
  if (!target) throw new Error('open a document to tag first');
  const { document, editor } = target;
  if (!store.canAnnotate(document.uri)) throw new Error(`${vscode.workspace.asRelativePath(document.uri)} cannot be annotated (save it first; sidecars and .marginalia.yaml are not annotated)`);
  const labels = store.labelsFor(document.uri).labels;
  const chosen = label ?? (await pickLabel(labels));
  if (chosen === undefined) return [];
  if (!labels.some((l) => l.id === chosen)) {
    throw new Error(`the label '${chosen}' is not defined in this folder's .marginalia.yaml (labels: ${labels.map((l) => l.id).join(', ')})`);
  }
  const annotated = store.get(document.uri);
  const text = normalizeText(document.getText());
  // The store's index when it is over this very text: it has its line starts already.
  const index = annotated?.offsets.text === text ? annotated.offsets : new OffsetIndex(text);
  const ranges = args?.ranges ?? editor?.selections ?? [];
  const spans: NewSpan[] = [];
  const existing = annotated?.annotations ?? [];
  const already: string[] = [];
  /** Words tagged from an empty selection: the user did not see them selected, so they are named. */
  const words: string[] = [];
  for (const selection of ranges) {
    const span = spanOf(document, index, selection);
    if (!span) continue;
    const duplicate = existing.some((a) => a.label === chosen && a.status !== 'orphaned' && a.start === span.start && a.end === span.end);
    if (duplicate) already.push(index.slice(span.start, span.end));
    else if (!spans.some((s) => s.start === span.start && s.end === span.end)) {
      spans.push({ ...span, label: chosen });
      if (selection.isEmpty) words.push(index.slice(span.start, span.end));
    }
  }
  if (already.length > 0) {
    void askUser('info', `already tagged as ${chosen}: ${already.map((t) => `“${oneLine(t)}”`).join(', ')}`);
  }
  if (spans.length === 0) {
    if (already.length === 0) void askUser('info', 'nothing to tag: select some text, or put the cursor in a word.');
    return [];
  }
  const added = await store.add(document.uri, spans);
  // Asked after the command returns: the spans are tagged (and written) whether or not the user answers.
  // A caller that names the label or the ranges is a script or a test, not the user at the keyboard.
  if (args?.label === undefined && args?.ranges === undefined) void askRequiredAttributes(store, document.uri, added);
  if (words.length > 0) vscode.window.setStatusBarMessage(`$(tag) Marginalia: tagged ${words.map((w) => `“${oneLine(w)}”`).join(', ')} (the word at the cursor) as ${chosen}`, STATUS_MESSAGE_MS);
  return added;
}

/** How long a status bar message about a tagging stays. */
const STATUS_MESSAGE_MS = 6000;

/**
 * Ask for the required attributes of new annotations, one input each, and store those given. Escape
 * stops asking: what was not given stays missing, and the warning on the span offers to set it later.
 */
async function askRequiredAttributes(store: AnnotationStore, uri: vscode.Uri, added: readonly Annotation[]): Promise<void> {
  const specs = store.labelsFor(uri).labels;
  try {
    for (const annotation of added) {
      const required = specs.find((l) => l.id === annotation.label)?.attributes.filter((a) => a.required) ?? [];
      const values: Record<string, AttributeValue> = {};
      for (const [i, attribute] of required.entries()) {
        const title = `${annotation.label} “${oneLine(annotation.text, 40)}”: ${attribute.name}, required (${i + 1}/${required.length}; Escape to skip)`;
        const raw = attribute.type === 'enum' ? await pickEnum(attribute.values ?? [], true, '', title, attributeGuideline(attribute) || undefined) : await askText(attribute, '', title);
        const value = raw === undefined ? undefined : parseAttributeInput(attribute, raw);
        if (value === undefined) break;
        values[attribute.name] = value;
      }
      if (Object.keys(values).length > 0) await store.update(uri, annotation.id, { attributes: { ...(annotation.attributes ?? {}), ...values } });
      if (Object.keys(values).length < required.length) return;
    }
  } catch (error) {
    // Removed meanwhile, or the write failed: say so; the warning on the span still offers to set it.
    void askUser('warning', `the required attributes were not stored: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The code-point span a selection tags: the word under an empty selection, trimmed of whitespace. */
function spanOf(document: vscode.TextDocument, index: OffsetIndex, selection: vscode.Range): { start: number; end: number } | undefined {
  const range = selection.isEmpty ? document.getWordRangeAtPosition(selection.start) : selection;
  if (!range) return undefined;
  let start = offsetAt(index, range.start);
  let end = offsetAt(index, range.end);
  const text = index.slice(start, end);
  // Whitespace characters are all in the BMP: UTF-16 lengths are code-point counts here.
  start += text.length - text.trimStart().length;
  end -= text.length - text.trimEnd().length;
  return start < end ? { start, end } : undefined;
}

async function pickLabel(labels: readonly LabelSpec[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    labels.map((l) => ({ label: l.id, description: l.key ? `key ${l.key}` : undefined, detail: labelGuideline(l) || undefined, id: l.id })),
    { title: 'Marginalia: Tag Selection', placeHolder: 'Label for the selected text', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.id;
}

// ---- acting on existing annotations -----------------------------------------------------------

/**
 * Remove annotations: the target's, or those at the cursor (a pick when several).
 * @returns the ids removed
 */
async function removeAnnotations(store: AnnotationStore, relations: WorkspaceRelations, target?: AnnotationTarget): Promise<string[]> {
  const found = await resolveTargets(store, target, { many: true, purpose: 'remove' });
  if (!found) return [];
  const ids = found.annotations.map((a) => a.id);
  const removed = await relations.removeWithIncoming(found.doc.documentUri, ids);
  if (!removed) return [];
  offerUndo(relations, removed);
  return ids;
}

/**
 * Say what was removed, with an Undo action that puts the whole records back (note, attributes,
 * entity and all) and the relations that pointed at them, since the document's own undo does not
 * reach the sidecars. Not awaited: the notification stays until the user acts on it or it is dismissed.
 */
function offerUndo(relations: WorkspaceRelations, what: RemovedWithRelations): void {
  const { removed, cuts } = what;
  if (removed.length === 0) return;
  const records = removed.length === 1 ? `${removed[0]!.label} “${oneLine(removed[0]!.text, 40)}”` : `${removed.length} annotations`;
  const count = cuts.reduce((n, c) => n + c.cut.removed.length, 0);
  const withRelations = count === 0 ? '' : ` and ${count} relation${count === 1 ? '' : 's'} pointing at it`;
  reportWithUndo(
    `removed ${records}${withRelations} from ${vscode.workspace.asRelativePath(what.documentUri)}.`,
    async () => {
      const lost = await relations.restore(what);
      if (lost > 0) void askUser('warning', `${lost} restored annotation(s) no longer found in the text; they are kept as orphans.`);
    },
    'the removal',
  );
}

/** Arguments of Edit Attributes beyond the target. */
export interface AttributesTarget extends AnnotationTarget {
  /** Raw strings by attribute name: answers without asking. */
  values?: Record<string, string>;
  /** Ask only for these attributes (the quick fix and hover link for a missing one). */
  names?: string[];
}

/**
 * Edit an annotation's attributes: one input per attribute its label defines (a quick pick for an
 * enum), each typed and validated. `values` (raw strings by attribute name) answers without asking.
 * @returns the attributes now, or undefined when cancelled
 */
async function editAttributes(store: AnnotationStore, target?: AttributesTarget): Promise<Record<string, AttributeValue> | undefined> {
  const found = await resolveTargets(store, target, { many: false, purpose: 'edit' });
  if (!found) return undefined;
  const annotation = found.annotations[0]!;
  const spec = store.labelsFor(found.doc.documentUri).labels.find((l) => l.id === annotation.label);
  if (!spec || spec.attributes.length === 0) {
    void askUser('info', `the label '${annotation.label}' defines no attributes (add them in .marginalia.yaml).`);
    return undefined;
  }
  const values: Record<string, AttributeValue> = { ...(annotation.attributes ?? {}) };
  const asked = target?.names ? spec.attributes.filter((a) => target.names!.includes(a.name)) : spec.attributes;
  const total = asked.length;
  for (const [i, attribute] of asked.entries()) {
    const current = values[attribute.name] === undefined ? '' : String(values[attribute.name]);
    let raw: string | undefined;
    if (target?.values) {
      raw = target.values[attribute.name];
      if (raw === undefined) continue;
      const problem = validateAttributeInput(attribute, raw);
      if (problem) throw new Error(problem);
    } else {
      const title = `${annotation.label} “${oneLine(annotation.text, 40)}”: ${attribute.name} (${i + 1}/${total})`;
      raw = attribute.type === 'enum' ? await pickEnum(attribute.values ?? [], attribute.required, current, title, attributeGuideline(attribute) || undefined) : await askText(attribute, current, title);
      if (raw === undefined) return undefined; // Escape cancels the whole edit
    }
    const value = parseAttributeInput(attribute, raw);
    if (value === undefined) delete values[attribute.name];
    else values[attribute.name] = value;
  }
  await store.update(found.doc.documentUri, annotation.id, { attributes: Object.keys(values).length > 0 ? values : undefined });
  return values;
}

function askText(attribute: LabelSpec['attributes'][number], current: string, title: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    value: current,
    prompt: `${attributeGuideline(attribute) || attribute.name} (${attribute.type}${attribute.required ? ', required' : ', empty to remove'})`,
    validateInput: (value) => validateAttributeInput(attribute, value),
    ignoreFocusOut: true,
  });
}

async function pickEnum(values: readonly string[], required: boolean, current: string, title: string, description?: string): Promise<string | undefined> {
  const items = [...values.map((v) => ({ label: v, description: v === current ? 'current' : undefined, value: v }))];
  if (!required) items.push({ label: '(none)', description: current === '' ? 'current' : 'remove the value', value: '' });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: description, ignoreFocusOut: true });
  return picked?.value;
}

/**
 * Edit an annotation's note (`note` answers without asking; empty removes it).
 * @returns the note now ('' when removed), or undefined when cancelled
 */
async function editNote(store: AnnotationStore, target?: AnnotationTarget & { note?: string }): Promise<string | undefined> {
  const found = await resolveTargets(store, target, { many: false, purpose: 'edit' });
  if (!found) return undefined;
  const annotation = found.annotations[0]!;
  const note =
    target?.note ??
    (await vscode.window.showInputBox({
      title: `Note on ${annotation.label} “${oneLine(annotation.text, 40)}”`,
      value: annotation.note ?? '',
      prompt: 'Free text kept with the annotation; empty to remove the note',
      ignoreFocusOut: true,
    }));
  if (note === undefined) return undefined;
  await store.update(found.doc.documentUri, annotation.id, { note: note.trim() === '' ? undefined : note.trim() });
  return note.trim();
}

/**
 * Link an annotation to an entity: pick one already used in any file, or name a new one
 * (`entity` answers without asking; null removes the link).
 * @returns the entity now ('' when unlinked), or undefined when cancelled
 */
async function linkEntity(store: AnnotationStore, target?: AnnotationTarget & { entity?: string | null }): Promise<string | undefined> {
  const found = await resolveTargets(store, target, { many: false, purpose: 'link' });
  if (!found) return undefined;
  const annotation = found.annotations[0]!;
  let entity: string | null | undefined = target?.entity;
  if (entity === undefined) entity = await pickEntity(store, annotation);
  if (entity === undefined) return undefined;
  const name = entity === null ? '' : entity.trim();
  await store.update(found.doc.documentUri, annotation.id, { entity: name === '' ? undefined : name });
  return name;
}

async function pickEntity(store: AnnotationStore, annotation: Annotation): Promise<string | null | undefined> {
  const counts = new Map<string, { count: number; files: Set<string> }>();
  for (const doc of store.documents()) {
    for (const a of doc.annotations) {
      if (!a.entity) continue;
      const slot = counts.get(a.entity) ?? { count: 0, files: new Set<string>() };
      slot.count++;
      slot.files.add(vscode.workspace.asRelativePath(doc.documentUri));
      counts.set(a.entity, slot);
    }
  }
  type Item = vscode.QuickPickItem & { action: 'new' | 'unlink' | 'pick'; entity?: string };
  const items: Item[] = [{ label: '$(add) New entity…', action: 'new', alwaysShow: true }];
  if (annotation.entity) items.push({ label: '$(close) Remove the link', description: annotation.entity, action: 'unlink', alwaysShow: true });
  const names = [...counts.keys()].sort((a, b) => a.localeCompare(b));
  if (names.length > 0) items.push({ label: 'entities', kind: vscode.QuickPickItemKind.Separator, action: 'pick' });
  for (const name of names) {
    const { count, files } = counts.get(name)!;
    items.push({
      label: name,
      description: `${count} occurrence${count === 1 ? '' : 's'}${name === annotation.entity ? ' · current' : ''}`,
      detail: [...files].join(', '),
      action: 'pick',
      entity: name,
    });
  }
  const { picked, typed } = await pickWithTyped(items, {
    title: `Link ${annotation.label} “${oneLine(annotation.text, 40)}” to an entity`,
    placeholder: 'An entity used in any file, or type a new one',
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.action === 'unlink') return null;
  if (picked.action === 'pick') return picked.entity;
  return vscode.window.showInputBox({
    title: 'New entity',
    // What was typed in the picker is the name the user meant; else the span's text is a fair start.
    value: typed.trim() !== '' ? typed.trim() : annotation.text.replace(/\s+/g, ' ').trim().slice(0, 80),
    prompt: 'A name that every annotation of the same thing will share',
    validateInput: (value) => (value.trim() === '' ? 'an entity needs a name' : undefined),
  });
}

/**
 * A quick pick that also tells what was typed in its filter box when an item was accepted
 * (`showQuickPick` forgets it).
 */
function pickWithTyped<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: { title: string; placeholder: string; matchOnDetail: boolean },
): Promise<{ picked: T | undefined; typed: string }> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, options);
  pick.items = items;
  return new Promise((resolve) => {
    let picked: T | undefined;
    pick.onDidAccept(() => {
      picked = pick.activeItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve({ picked, typed: pick.value });
      pick.dispose();
    });
    pick.show();
  });
}

/**
 * Move the selection to the next (or previous) annotation of the active editor, wrapping around.
 * @returns the annotation selected
 */
async function step(store: AnnotationStore, direction: 1 | -1): Promise<Annotation | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = editor && store.get(editor.document.uri);
  if (!editor || !doc) return undefined;
  const live = doc.annotations.filter((a) => a.status !== 'orphaned').sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  if (live.length === 0) return undefined;
  const from = toOffset(doc, editor.selection.start);
  const to = toOffset(doc, editor.selection.end);
  const current = live.findIndex((a) => a.start === from && a.end === to);
  let index: number;
  if (current !== -1) index = (current + direction + live.length) % live.length;
  else if (direction === 1) index = Math.max(0, live.findIndex((a) => a.start > from || (a.start === from && from === to)));
  else {
    const before = live.filter((a) => a.start < from);
    index = before.length > 0 ? before.length - 1 : live.length - 1;
  }
  const next = live[index]!;
  select(editor, doc, next);
  return next;
}

/**
 * Open a document with an annotation's span selected (the hover's links).
 * @returns whether the annotation was found
 */
async function openAnnotation(store: AnnotationStore, target: AnnotationTarget): Promise<boolean> {
  const found = await resolveTargets(store, target, { many: false, purpose: 'open' });
  if (!found) return false;
  const editor = await vscode.window.showTextDocument(found.doc.documentUri, { preview: true });
  select(editor, found.doc, found.annotations[0]!);
  return true;
}

/**
 * Re-anchor annotations (the quick fix): the target's, or every drifted and orphaned one of the document.
 * @returns the outcomes of the annotations looked for again
 */
async function reanchorAnnotations(store: AnnotationStore, target?: AnnotationTarget): Promise<AnchorResult[]> {
  const uri = toUri(target?.uri ?? target?.documentUri) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return [];
  const ids = target?.ids ?? (target?.id ? [target.id] : target?.annotationId ? [target.annotationId] : undefined);
  const results = await store.reanchor(uri, ids);
  const lost = results.filter((r) => r.outcome === 'orphaned').length;
  if (lost > 0) void askUser('warning', `${lost} annotation(s) still not found in ${vscode.workspace.asRelativePath(uri)}.`);
  return results;
}

/**
 * Open the sidecar of the active (or given) document.
 * @returns the sidecar's URI, or undefined when the document has none
 */
async function openSidecar(store: AnnotationStore, target?: AnnotationTarget): Promise<vscode.Uri | undefined> {
  const uri = toUri(target?.uri ?? target?.documentUri) ?? vscode.window.activeTextEditor?.document.uri;
  const doc = uri && (store.get(uri) ?? store.getBySidecar(uri));
  if (!doc) {
    void askUser('info', 'this document has no annotations yet.');
    return undefined;
  }
  await vscode.window.showTextDocument(doc.sidecarUri);
  return doc.sidecarUri;
}

// ---- helpers -----------------------------------------------------------------------------------

/**
 * The annotations a command acts on: those the target names, else those under the active editor's
 * selections (asking which when there are several).
 */
async function resolveTargets(
  store: AnnotationStore,
  target: AnnotationTarget | undefined,
  options: { many: boolean; purpose: string },
): Promise<{ doc: AnnotatedDocument; annotations: Annotation[] } | undefined> {
  await store.ready;
  const named = toUri(target?.uri ?? target?.documentUri);
  if (named) {
    const doc = store.get(named);
    const ids = target?.ids ?? [target?.id ?? target?.annotationId].filter((id): id is string => id !== undefined);
    const annotations = doc?.annotations.filter((a) => ids.includes(a.id)) ?? [];
    if (!doc || annotations.length === 0) throw new Error(`annotation ${ids.join(', ')} is not in ${vscode.workspace.asRelativePath(named)}`);
    return { doc, annotations };
  }
  const editor = vscode.window.activeTextEditor;
  const doc = editor && store.get(editor.document.uri);
  if (!editor || !doc) {
    void askUser('info', 'put the cursor in an annotated span first.');
    return undefined;
  }
  const under = new Map<string, Annotation>();
  for (const selection of editor.selections) {
    const from = toOffset(doc, selection.start);
    const to = toOffset(doc, selection.end);
    for (const a of doc.annotations) {
      if (a.status === 'orphaned') continue;
      const touches = from === to ? a.start <= from && from <= a.end : a.start < to && from < a.end;
      if (touches) under.set(a.id, a);
    }
  }
  const candidates = [...under.values()].sort((a, b) => b.start - a.start || a.end - b.end); // innermost first
  if (candidates.length === 0) {
    void askUser('info', 'no annotation at the cursor.');
    return undefined;
  }
  if (candidates.length === 1) return { doc, annotations: candidates };
  const items = candidates.map((a) => ({ label: a.label, description: `“${oneLine(a.text, 60)}”`, detail: a.entity ? `entity ${a.entity}` : undefined, annotation: a }));
  if (options.many) {
    const picked = await vscode.window.showQuickPick(items, { title: `Annotations to ${options.purpose}`, canPickMany: true });
    return picked && picked.length > 0 ? { doc, annotations: picked.map((p) => p.annotation) } : undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Annotation to ${options.purpose}` });
  return picked ? { doc, annotations: [picked.annotation] } : undefined;
}

/** The document (and its editor, when visible) a tagging command works on. */
async function targetDocument(uri: vscode.Uri | string | undefined): Promise<{ document: vscode.TextDocument; editor?: vscode.TextEditor } | undefined> {
  const wanted = toUri(uri);
  if (!wanted) {
    const editor = vscode.window.activeTextEditor;
    return editor ? { document: editor.document, editor } : undefined;
  }
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === wanted.toString());
  return editor ? { document: editor.document, editor } : { document: await vscode.workspace.openTextDocument(wanted) };
}

function select(editor: vscode.TextEditor, doc: AnnotatedDocument, annotation: Annotation): void {
  const range = toRange(doc, annotation.start, annotation.end);
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function toUri(value: vscode.Uri | string | undefined): vscode.Uri | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? vscode.Uri.parse(value) : value;
}

// ---- opening the annotated documents ----------------------------------------------------------

/** How many documents Open All Annotated Documents opens at most: more editors than that help nobody. */
export const MAX_DOCUMENTS_OPENED = 20;

/**
 * Open every document of the workspace that has a sidecar, in path order, each in an editor of its
 * own (not a preview), and show the first; past `MAX_DOCUMENTS_OPENED` it says how many it left.
 * @returns the documents opened
 */
async function openAnnotatedDocuments(store: AnnotationStore): Promise<vscode.Uri[]> {
  await store.ready;
  const documents = store
    .documents()
    .filter((d) => d.hasText)
    .map((d) => d.documentUri)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const opened = documents.slice(0, MAX_DOCUMENTS_OPENED);
  // In path order, so the tabs read in that order; then the first is brought to the front.
  for (const uri of opened) await vscode.window.showTextDocument(uri, { preview: false, preserveFocus: true });
  if (opened[0]) await vscode.window.showTextDocument(opened[0], { preview: false });
  if (documents.length > opened.length) {
    void askUser('info', `opened the first ${opened.length} of ${documents.length} annotated documents; the Entities view lists them all.`);
  }
  return opened;
}
