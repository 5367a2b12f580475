/**
 * The Problems panel: sidecar errors (on the sidecar, at their line), drifted, edited and orphaned
 * annotations and missing required attributes (on the sidecar record and on the document's span), and
 * label configuration errors; with quick fixes to re-anchor or remove an annotation, or set the attribute.
 * Relations that do not stand (target missing, type not configured, label not allowed) on the sidecar, at the
 * relation's line, as `marginalia check` reports them.
 * With `marginalia.problems.figureConflicts` on, also each figure whose sources disagree (Information).
 */
import * as vscode from 'vscode';
import type { Annotation, Finding } from '../core/model';
import { ANCHOR_CODES } from '../core/workspace/anchor-findings';
import { conflictMessage } from '../core/sources/cross-source';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import { COMMAND_IDS } from './commandIds';
import type { CrossSources } from './crossSources';
import { Disposable, Soon } from './disposable';
import { toRange } from './positions';
import type { WorkspaceRelations } from './relations';

/** The diagnostics' source, shown in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'marginalia';

/** Setting: show figures whose sources disagree in the Problems panel. */
export const FIGURE_CONFLICTS_SETTING = 'marginalia.problems.figureConflicts';

/** The code of a figure whose sources disagree. */
export const FIGURE_CONFLICT_CODE = 'figure-conflict';


/** Which annotation a diagnostic is about, for its quick fixes. */
interface Subject {
  documentUri: vscode.Uri;
  id: string;
  code: string;
}

/** Publishes the store's findings as diagnostics and offers quick fixes for them. */
export class DiagnosticsController extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  private readonly collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  /** Subjects of the published diagnostics, by `uri|line|message` (code actions get copies of diagnostics, not the objects). */
  private readonly subjects = new Map<string, Subject>();
  /** What each file was last given, by URI: a file whose diagnostics did not change is not sent again. */
  private readonly published = new Map<string, Published>();
  private readonly soon = this._register(new Soon(() => this.refresh(), 100));

  /**
   * @param store the findings to show
   * @param sources the figures across documents, for their conflicts
   * @param relations the workspace's relations, for those that do not stand
   */
  constructor(
    private readonly store: AnnotationStore,
    private readonly sources: CrossSources,
    private readonly relations: WorkspaceRelations,
  ) {
    super();
    this._register(store.onDidChange(() => this.refreshSoon()));
    this._register(store.onDidChangeLabels(() => this.refreshSoon()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(FIGURE_CONFLICTS_SETTING)) this.refresh();
      }),
    );
    this._register(
      vscode.languages.registerCodeActionsProvider({ pattern: '**' }, this, {
        providedCodeActionKinds: DiagnosticsController.providedCodeActionKinds,
      }),
    );
    this.refresh();
  }

  /** Republish soon; many changes in a row make one update. */
  refreshSoon(): void {
    this.soon.schedule();
  }

  /** Republish every diagnostic now (only the files whose diagnostics changed are sent to the window). */
  refresh(): void {
    this.subjects.clear();
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const add = (uri: vscode.Uri, diagnostic: vscode.Diagnostic, subject?: Subject): void => {
      const key = uri.toString();
      let slot = byUri.get(key);
      if (!slot) byUri.set(key, (slot = { uri, diagnostics: [] }));
      slot.diagnostics.push(diagnostic);
      if (subject) this.subjects.set(subjectKey(uri, diagnostic), subject);
    };
    for (const doc of this.store.documents()) {
      try {
        for (const finding of doc.findings) {
          const subject = finding.annotationId ? { documentUri: doc.documentUri, id: finding.annotationId, code: finding.code } : undefined;
          add(doc.sidecarUri, fileDiagnostic(finding), subject);
          const onDocument = subject && (isAnchorCode(finding.code) || finding.code === MISSING_ATTRIBUTE) ? documentDiagnostic(doc, finding) : undefined;
          if (onDocument) add(doc.documentUri, onDocument, subject);
        }
      } catch (error) {
        // One document's odd finding must not keep every other problem out of the panel.
        console.error(`marginalia: cannot show the problems of ${doc.sidecarUri.toString()}`, error);
      }
    }
    for (const config of this.store.labels.all()) for (const finding of config.findings) add(config.uri, fileDiagnostic(finding));
    // A relation's finding is about the sidecar line that lists it: a target elsewhere may be the one to fix.
    for (const { sidecarUri, findings } of this.relations.findings()) for (const finding of findings) add(sidecarUri, fileDiagnostic(finding));
    if (vscode.workspace.getConfiguration().get<boolean>(FIGURE_CONFLICTS_SETTING)) {
      for (const { uri, diagnostic } of this.figureConflicts()) add(uri, diagnostic);
    }
    for (const [key, { uri }] of this.published) {
      if (byUri.has(key)) continue;
      this.collection.delete(uri);
      this.published.delete(key);
    }
    for (const [key, { uri, diagnostics }] of byUri) {
      // An open document's diagnostics move with its edits in the window: after an edit, send them again.
      const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.version;
      const before = this.published.get(key);
      if (before && before.version === version && sameDiagnostics(before.diagnostics, diagnostics)) continue;
      this.collection.set(uri, diagnostics);
      this.published.set(key, { uri, version, diagnostics });
    }
  }

  /**
   * One diagnostic per figure of every conflicting group, on its span, naming what the other sources
   * say, with their places as related information. Only computed while the setting is on.
   */
  private figureConflicts(): { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] {
    const out: { uri: vscode.Uri; diagnostic: vscode.Diagnostic }[] = [];
    const spanOf = (file: string, id: string): { doc: AnnotatedDocument; range: vscode.Range } | undefined => {
      const doc = this.sources.documentOf(file);
      const annotation = doc?.annotations.find((a) => a.id === id);
      if (!doc || !annotation || !doc.hasText || annotation.status === 'orphaned') return undefined;
      return { doc, range: toRange(doc, Math.min(annotation.start, doc.offsets.length), Math.min(annotation.end, doc.offsets.length)) };
    };
    for (const group of this.sources.current().groups) {
      if (!group.conflict) continue;
      for (const figure of group.figures) {
        // An orphaned figure has no span to carry it; the other figures' diagnostics still name it.
        const here = spanOf(figure.file, figure.id);
        if (!here) continue;
        const d = new vscode.Diagnostic(here.range, conflictMessage(figure, group, (file) => file), vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = FIGURE_CONFLICT_CODE;
        d.relatedInformation = group.figures.flatMap((other) => {
          const there = other === figure ? undefined : spanOf(other.file, other.id);
          return there ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(there.doc.documentUri, there.range), `${other.outlet ? `${other.outlet}: ` : ''}${other.text}`)] : [];
        });
        out.push({ uri: here.doc.documentUri, diagnostic: d });
      }
    }
    return out;
  }

  /**
   * The diagnostics published on a file (for tests).
   * @param uri a document, sidecar or label configuration
   */
  diagnosticsFor(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const subject = this.subjects.get(subjectKey(document.uri, diagnostic));
      if (!subject) continue;
      const target = { uri: subject.documentUri.toString(), ids: [subject.id] };
      const reanchor = new vscode.CodeAction(
        subject.code === ANCHOR_CODES.orphaned ? `Look for annotation ${subject.id} again (re-anchor)` : `Re-anchor annotation ${subject.id} (write its new place)`,
        vscode.CodeActionKind.QuickFix,
      );
      reanchor.command = { title: reanchor.title, command: COMMAND_IDS.reanchorAnnotation, arguments: [target] };
      reanchor.diagnostics = [diagnostic];
      reanchor.isPreferred = subject.code !== ANCHOR_CODES.orphaned;
      if (subject.code === MISSING_ATTRIBUTE) actions.push(...this.setMissing(subject, diagnostic));
      const remove = new vscode.CodeAction(`Remove annotation ${subject.id}`, vscode.CodeActionKind.QuickFix);
      remove.command = { title: remove.title, command: COMMAND_IDS.removeAnnotation, arguments: [target] };
      remove.diagnostics = [diagnostic];
      actions.push(...(isAnchorCode(subject.code) ? [reanchor, remove] : [remove]));
    }
    const reanchoring = actions.filter((a) => a.command?.command === COMMAND_IDS.reanchorAnnotation);
    const files = new Set(reanchoring.map((a) => String((a.command?.arguments?.[0] as { uri: string }).uri)));
    if (reanchoring.length > 1) {
      for (const uri of files) {
        const all = new vscode.CodeAction('Re-anchor every drifted or orphaned annotation of this document', vscode.CodeActionKind.QuickFix);
        all.command = { title: all.title, command: COMMAND_IDS.reanchorAnnotation, arguments: [{ uri }] };
        actions.push(all);
      }
    }
    return actions;
  }

  /** "Set speaker…" for each required attribute the subject's annotation lacks. */
  private setMissing(subject: Subject, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const annotation = this.store.get(subject.documentUri)?.annotations.find((a) => a.id === subject.id);
    if (!annotation) return [];
    return missingAttributes(this.store, subject.documentUri, annotation).map((name) => {
      const action = new vscode.CodeAction(`Set ${name}…`, vscode.CodeActionKind.QuickFix);
      action.command = { title: action.title, command: COMMAND_IDS.editAttributes, arguments: [{ uri: subject.documentUri.toString(), id: subject.id, names: [name] }] };
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return action;
    });
  }
}

/**
 * The required attributes an annotation lacks, in the order its label defines them.
 * @param store the store, for the label configuration
 * @param documentUri the annotation's document
 * @param annotation the annotation
 */
export function missingAttributes(store: AnnotationStore, documentUri: vscode.Uri, annotation: Annotation): string[] {
  const spec = store.labelsFor(documentUri).labels.find((l) => l.id === annotation.label);
  return (spec?.attributes ?? []).filter((a) => a.required && annotation.attributes?.[a.name] === undefined).map((a) => a.name);
}

/** The code of the finding for a required attribute an annotation lacks (core/sidecar/check-labels.ts). */
const MISSING_ATTRIBUTE = 'missing-attribute';

/** Diagnostics given to a file, and the version of its document then (undefined when not open). */
interface Published {
  uri: vscode.Uri;
  version: number | undefined;
  diagnostics: readonly vscode.Diagnostic[];
}

/** Whether two lists of diagnostics show the same: ranges, messages, severities, codes, in order. */
function sameDiagnostics(a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!x.range.isEqual(y.range) || x.message !== y.message || x.severity !== y.severity || x.code !== y.code || x.source !== y.source) return false;
  }
  return true;
}

function isAnchorCode(code: string): boolean {
  return code === ANCHOR_CODES.drifted || code === ANCHOR_CODES.edited || code === ANCHOR_CODES.orphaned;
}

function subjectKey(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string {
  return `${uri.toString()}|${diagnostic.range.start.line}|${diagnostic.message}`;
}

/** A finding at its line and column of a file (the sidecar or a label configuration). */
function fileDiagnostic(finding: Finding): vscode.Diagnostic {
  const line = Number.isFinite(finding.line) ? Math.max(0, finding.line - 1) : 0;
  const column = Number.isFinite(finding.column) ? Math.max(0, finding.column - 1) : 0;
  const range = new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER);
  return diagnostic(range, finding);
}

/** An anchoring or missing-attribute finding on the annotation's span in the document (where its text is, or was). */
function documentDiagnostic(doc: AnnotatedDocument, finding: Finding): vscode.Diagnostic | undefined {
  const annotation = doc.annotations.find((a) => a.id === finding.annotationId);
  if (!annotation || !doc.hasText) return undefined;
  // An orphan has no span to hold a missing attribute's warning: its own warning says where it was.
  if (finding.code === MISSING_ATTRIBUTE && annotation.status === 'orphaned') return undefined;
  const start = Math.min(annotation.start, doc.offsets.length);
  const end = finding.code === ANCHOR_CODES.orphaned ? start : Math.min(annotation.end, doc.offsets.length);
  return diagnostic(toRange(doc, start, end), finding);
}

function diagnostic(range: vscode.Range, finding: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, finding.message, finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = finding.code;
  return d;
}
