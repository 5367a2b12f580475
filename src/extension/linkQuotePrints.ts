/**
 * "Link Quote Prints to Entity": every print of the quotation under the cursor (or named by the
 * hover's link) that is not linked to an entity yet is linked to the quotation's entity, in every
 * document that prints it. Each change goes through the store, as a link made by hand does, so held
 * writes and unsaved documents behave the same.
 */
import * as vscode from 'vscode';
import type { Annotation } from '../core/model';
import { QUOTE_LABEL } from '../core/quotes/clusters';
import { clusterEntities, unlinkedPrints } from '../core/sources/cross-source';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import type { CrossSources } from './crossSources';
import { askUser } from './notify';
import { toOffset } from './positions';

/** Arguments that name the quote and the entity instead of the cursor and a question. */
export interface LinkPrintsArgs {
  /** The quote's document. */
  uri?: vscode.Uri | string;
  /** The quote's annotation id. */
  id?: string;
  /** The entity to link to (default: the one the linked prints share, else asked). */
  entity?: string;
}

/** What the command did. */
export interface LinkPrintsResult {
  entity: string;
  /** Prints linked now. */
  linked: number;
  /** Documents they are in. */
  documents: number;
  /** Documents whose prints could not be linked, each with the reason. */
  failed: string[];
}

/**
 * Link every unlinked print of a quotation to one entity.
 * @param store the annotations
 * @param sources the quotations across documents
 * @param args the quote and the entity; without them, the quote at the cursor, and the entity asked when none is known
 * @returns what was linked; undefined when there was nothing to do or the question was cancelled
 */
export async function linkQuotePrints(store: AnnotationStore, sources: CrossSources, args: LinkPrintsArgs = {}): Promise<LinkPrintsResult | undefined> {
  await store.ready;
  const quote = quoteOf(store, args);
  if (!quote) {
    void askUser('info', 'put the cursor in a quote first.');
    return undefined;
  }
  const cluster = sources.current().clusterOf(sources.fileOf(quote.doc.documentUri), quote.annotation.id);
  if (!cluster) {
    void askUser('info', `“${shorten(quote.annotation.text)}” is not printed in any other document (quotes, dashes, case, ellipses and bracketed insertions folded).`);
    return undefined;
  }
  const unlinked = unlinkedPrints(cluster);
  const entities = clusterEntities(cluster);
  if (unlinked.length === 0) {
    void askUser('info', `every print of “${shorten(quote.annotation.text)}” is linked already (${entities.join(', ')}).`);
    return undefined;
  }
  const entity = args.entity?.trim() || (entities.length === 1 ? entities[0]! : await askEntity(entities, quote.annotation));
  if (!entity) return undefined;
  const result: LinkPrintsResult = { entity, linked: 0, documents: 0, failed: [] };
  for (const { file, ids } of unlinked) {
    const doc = sources.documentOf(file);
    try {
      if (!doc) throw new Error('it is no longer annotated');
      for (const id of ids) await store.update(doc.documentUri, id, { entity });
      result.linked += ids.length;
      result.documents++;
    } catch (error) {
      result.failed.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const done = `linked ${plural(result.linked, 'print')} of “${shorten(quote.annotation.text)}” in ${plural(result.documents, 'document')} to entity ${entity}`;
  if (result.failed.length > 0) void askUser('error', `${done}; could not link the prints of ${result.failed.join('; ')}`);
  else void askUser('info', `${done}.`);
  return result;
}

/** The quote the command acts on: the one named, else the innermost quote at the active editor's cursor. */
function quoteOf(store: AnnotationStore, args: LinkPrintsArgs): { doc: AnnotatedDocument; annotation: Annotation } | undefined {
  if (args.uri !== undefined) {
    const uri = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
    const doc = store.get(uri);
    const annotation = doc?.annotations.find((a) => a.id === args.id && a.label === QUOTE_LABEL);
    if (!doc || !annotation) throw new Error(`quote ${args.id ?? '(none)'} is not in ${vscode.workspace.asRelativePath(uri)}`);
    return { doc, annotation };
  }
  const editor = vscode.window.activeTextEditor;
  const doc = editor && store.get(editor.document.uri);
  if (!editor || !doc) return undefined;
  const annotation = store.annotationsAt(doc.documentUri, toOffset(doc, editor.selection.active)).find((a) => a.label === QUOTE_LABEL && a.status !== 'orphaned');
  return annotation && { doc, annotation };
}

/** Ask which entity: one of those the prints name when they disagree, else a new name. */
async function askEntity(entities: readonly string[], quote: Annotation): Promise<string | undefined> {
  if (entities.length > 1) {
    const picked = await vscode.window.showQuickPick(entities, {
      title: 'The prints of this quotation are linked to different entities',
      placeHolder: 'Link the unlinked prints to…',
    });
    return picked;
  }
  const typed = await vscode.window.showInputBox({
    title: `Link every print of “${shorten(quote.text, 40)}” to a new entity`,
    value: quote.text.replace(/\s+/g, ' ').trim().slice(0, 80),
    prompt: 'A name that every print of this quotation will share',
    validateInput: (value) => (value.trim() === '' ? 'an entity needs a name' : undefined),
  });
  return typed?.trim() || undefined;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function shorten(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}
