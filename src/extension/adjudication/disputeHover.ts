/**
 * The part of the hover about a dispute `adjudicate` left: both versions side by side (who marked
 * each, label, text, attributes, note, entity), each with a "Keep this one" link, and "Keep both" /
 * "Drop both" below. Everything from the sidecar is escaped; the links carry only the document's
 * URI, a record's id and the decision, which `settleDispute` checks again.
 */
import type * as vscode from 'vscode';
import { disputedPair, type Settlement } from '../../core/agreement/settle';
import { commandLinkArguments, escapeMarkdown } from '../../core/markdown-escape';
import type { Annotation } from '../../core/model';
import type { AnnotatedDocument } from '../annotationStore';
import { COMMAND_IDS } from '../commandIds';

/** How many characters of a version's text the table quotes. */
const MAX_TEXT = 120;

/**
 * Append a disputed record's two versions and the links that settle it.
 * @param md the hover's Markdown
 * @param doc the record's document
 * @param record the disputed record
 * @returns the commands linked, for the hover's trusted list
 */
export function appendDispute(md: vscode.MarkdownString, doc: AnnotatedDocument, record: Annotation): string[] {
  const found = disputedPair(doc.annotations, record.id);
  if (!found) return [];
  const dispute = record.dispute!;
  const pair = found.pair;
  // Side A on the left whichever record was hovered, so both hovers of a pair read alike.
  const versions = pair && dispute.side === 'B' ? [pair, record] : [record, pair];
  const link = (title: string, id: string, settlement: Settlement, tip: string): string =>
    `[${title}](command:${COMMAND_IDS.settleDispute}?${commandLinkArguments([{ uri: doc.documentUri.toString(), id, settlement }])} "${tip}")`;
  const who = (r: Annotation): string => `${escapeMarkdown(r.dispute!.side)} · ${escapeMarkdown(r.dispute!.by)}`;
  if (!pair) {
    const gone = dispute.pair !== undefined && !doc.annotations.some((r) => r.id === dispute.pair);
    const other =
      dispute.pair === undefined
        ? 'the other side marked nothing here'
        : `the other side's version ${escapeMarkdown(dispute.pair)} is ${gone ? 'no longer in this file' : 'no longer disputed'}`;
    md.appendMarkdown(`$(git-compare) **Disputed**: only side ${who(record)} marked this; ${other}.\n\n`);
    md.appendMarkdown(`${link('Keep', record.id, 'keep-this', 'Keep this annotation and clear its dispute')} \u00a0·\u00a0 ${link('Drop', record.id, 'drop-both', 'Remove this annotation')}\n\n`);
    return [COMMAND_IDS.settleDispute];
  }
  md.appendMarkdown('$(git-compare) **Disputed**: the two sides marked this differently.\n\n');
  const [a, b] = versions as [Annotation, Annotation];
  const row = (name: string, of: (r: Annotation) => string): string => `| ${name} | ${of(a)} | ${of(b)} |\n`;
  const names = [...new Set([...Object.keys(a.attributes ?? {}), ...Object.keys(b.attributes ?? {})])];
  let table = `| | ${who(a)}${a === record ? ' (this)' : ''} | ${who(b)}${b === record ? ' (this)' : ''} |\n|---|---|---|\n`;
  table += row('label', (r) => `**${escapeMarkdown(r.label)}**`);
  table += row('text', (r) => `“${escapeMarkdown(shorten(r.text))}”`);
  for (const name of names) table += row(escapeMarkdown(name), (r) => (r.attributes?.[name] === undefined ? '—' : escapeMarkdown(String(r.attributes[name]))));
  if (a.entity !== undefined || b.entity !== undefined) table += row('entity', (r) => (r.entity === undefined ? '—' : escapeMarkdown(r.entity)));
  if (a.note !== undefined || b.note !== undefined) table += row('note', (r) => (r.note === undefined ? '—' : escapeMarkdown(shorten(r.note))));
  if (a.author !== undefined || b.author !== undefined) table += row('author', (r) => (r.author === undefined ? '—' : escapeMarkdown(r.author)));
  table += row('', (r) => link('Keep this one', r.id, 'keep-this', 'Keep this version and remove the other'));
  md.appendMarkdown(table + '\n');
  md.appendMarkdown(`${link('Keep both', record.id, 'keep-both', 'Keep both versions and clear their disputes')} \u00a0·\u00a0 ${link('Drop both', record.id, 'drop-both', 'Remove both versions')}\n\n`);
  return [COMMAND_IDS.settleDispute];
}

/**
 * Whether a record's dispute is shown with another record's already: of a pair both under the
 * cursor, the hover shows the table once, with the A side's record.
 * @param doc the document
 * @param record a record under the cursor
 * @param here every record under the cursor
 */
export function shownWithItsPair(doc: AnnotatedDocument, record: Annotation, here: readonly Annotation[]): boolean {
  if (record.dispute?.side !== 'B') return false;
  const pair = disputedPair(doc.annotations, record.id)?.pair;
  return pair !== undefined && here.includes(pair);
}

function shorten(text: string): string {
  const chars = [...text];
  return chars.length > MAX_TEXT ? chars.slice(0, MAX_TEXT - 1).join('') + '…' : text;
}
