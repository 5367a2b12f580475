/**
 * Settling disputes in the editor: the hover's "Keep this one / Keep both / Drop both" links run
 * `settleDispute`, which plans the settlement in the core (`core/agreement/settle.ts`) and applies it
 * through the store as one write, kept for Undo (the notification's button, or the command
 * "Undo Last Dispute Settlement"). Everything a link passes is checked: the document must be one the
 * store holds, the id a disputed record of it, the decision one of the three.
 */
import * as vscode from 'vscode';
import { planSettlement, SETTLEMENTS, type Settlement } from '../../core/agreement/settle';
import type { AnnotationStore, RecordEdit } from '../annotationStore';
import { askUser, reportWithUndo } from '../notify';

/** What `settleDispute` is given (a hover link's arguments). */
export interface SettleArgs {
  /** The document, as a URI string (links) or a URI. */
  uri: unknown;
  /** The disputed record the decision is about. */
  id: unknown;
  /** keep-this, keep-both or drop-both. */
  settlement: unknown;
}

/** What a settlement did, for tests and the message. */
export interface SettleOutcome {
  /** Ids of the records removed. */
  removed: string[];
  /** Ids of the records kept without their dispute. */
  kept: string[];
  /** Whether the document is settled now. */
  settled: boolean;
}

/** One settlement applied, and the edit that undoes it. */
interface Applied {
  documentUri: vscode.Uri;
  undo: RecordEdit;
  what: string;
}

/** Applies settlements and keeps them for undo, most recent last. */
export class DisputeSettler {
  private readonly done: Applied[] = [];

  /** @param store the annotations */
  constructor(private readonly store: AnnotationStore) {}

  /**
   * Settle a dispute.
   * @param args the document, the record and the decision, checked here (they may come from a link)
   * @returns what it did
   * @throws Error when the arguments do not name a disputed record of an annotated document
   */
  async settle(args: SettleArgs | undefined): Promise<SettleOutcome> {
    const { documentUri, id, settlement } = this.checked(args);
    const doc = this.store.get(documentUri);
    if (!doc) throw new Error(`${vscode.workspace.asRelativePath(documentUri)} has no annotations`);
    const plan = planSettlement(doc.annotations, id, settlement);
    const removed = [...plan.changes].filter(([, r]) => r === null).map(([gone]) => gone);
    const kept = [...plan.changes].filter(([, r]) => r !== null && doc.annotations.find((a) => a.id === r.id)?.dispute !== undefined && r.dispute === undefined).map(([k]) => k);
    const undo = await this.store.edit(documentUri, { records: plan.changes, settled: plan.settled });
    const what = describe(settlement, kept, removed, plan.relationsMoved, plan.relationsDropped);
    const applied: Applied = { documentUri, undo, what };
    this.done.push(applied);
    const tail = plan.settled ? ` ${vscode.workspace.asRelativePath(documentUri)} is settled.` : '';
    reportWithUndo(`${what}.${tail}`, () => this.undo(applied));
    return { removed, kept, settled: plan.settled };
  }

  /**
   * Undo a settlement (the last one when none is named): its records and the `settled:` header as they were.
   * @returns whether there was one to undo
   */
  async undo(applied?: Applied): Promise<boolean> {
    const which = applied ?? this.done.at(-1);
    const index = which ? this.done.indexOf(which) : -1;
    if (!which || index < 0) {
      void askUser('info', 'there is no dispute settlement to undo.');
      return false;
    }
    this.done.splice(index, 1);
    await this.store.edit(which.documentUri, which.undo);
    return true;
  }

  /** The arguments as they must be, or an error saying what is wrong: never trusted as given. */
  private checked(args: SettleArgs | undefined): { documentUri: vscode.Uri; id: string; settlement: Settlement } {
    const given = args ?? ({} as Partial<SettleArgs>);
    const uri = given.uri instanceof vscode.Uri ? given.uri : typeof given.uri === 'string' ? parseUri(given.uri) : undefined;
    if (!uri) throw new Error('settling a dispute needs the document it is in');
    if (typeof given.id !== 'string' || given.id === '') throw new Error('settling a dispute needs the id of a disputed annotation');
    if (!SETTLEMENTS.includes(given.settlement as Settlement)) throw new Error(`a dispute is settled by ${SETTLEMENTS.join(', ')}, not ${JSON.stringify(given.settlement)}`);
    return { documentUri: uri, id: given.id, settlement: given.settlement as Settlement };
  }
}

function parseUri(text: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
}

/** What a settlement did, in words. */
function describe(settlement: Settlement, kept: readonly string[], removed: readonly string[], moved: number, dropped: number): string {
  const list = (ids: readonly string[]): string => ids.join(' and ');
  const parts = [
    ...(kept.length > 0 ? [`kept ${list(kept)}`] : []),
    ...(removed.length > 0 ? [`removed ${list(removed)}`] : []),
    ...(moved > 0 ? [`${moved} relation${moved === 1 ? '' : 's'} now point${moved === 1 ? 's' : ''} at the version kept`] : []),
    ...(dropped > 0 ? [`${dropped} relation${dropped === 1 ? '' : 's'} to what was removed removed too`] : []),
  ];
  const how = settlement === 'keep-this' ? 'Kept this one' : settlement === 'keep-both' ? 'Kept both' : 'Dropped both';
  return `${how}: ${parts.join('; ')}`;
}
