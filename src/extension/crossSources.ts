/**
 * The figures and quotes of the whole workspace, grouped across sources (`core/sources/cross-source.ts`),
 * for the tree, the hover, the Problems panel and the link-all command. Built from what the store
 * already holds (no sidecar is read again), only when a view asks for it after a change: typing in a
 * document drops the last result, and the next hover, tree refresh or diagnostics pass builds it once.
 */
import * as vscode from 'vscode';
import { FIGURE_LABEL } from '../core/figures/figures';
import { QUOTE_LABEL } from '../core/quotes/clusters';
import type { PlacedAnnotation } from '../core/sources/placed';
import { crossSourceView, CrossSourceMemo, type CrossSourceView } from '../core/sources/cross-source';
import type { AnnotatedDocument, AnnotationStore } from './annotationStore';
import { Disposable } from './disposable';

/** The workspace's figures and quotes across documents, rebuilt lazily after changes. */
export class CrossSources extends Disposable {
  private view: CrossSourceView | undefined;
  private readonly byFile = new Map<string, AnnotatedDocument>();
  /** What the last build read and grouped: after typing in one document, only its figures and quotes are read again. */
  private readonly memo = new CrossSourceMemo();
  /** How many times the view was built (for tests: a hover after no change builds nothing). */
  builds = 0;

  /**
   * @param store the annotations
   */
  constructor(private readonly store: AnnotationStore) {
    super();
    this._register(store.onDidChange(() => (this.view = undefined)));
    this._register(store.onDidChangeLabels(() => (this.view = undefined)));
  }

  /** The view as of now (built when something changed since the last time). */
  current(): CrossSourceView {
    if (this.view) return this.view;
    this.byFile.clear();
    const placed: PlacedAnnotation[] = [];
    for (const doc of this.store.documents()) {
      if (doc.annotations.length === 0) continue;
      const file = this.fileOf(doc.documentUri);
      this.byFile.set(file, doc);
      const outlet = typeof doc.source?.outlet === 'string' && doc.source.outlet.trim() ? doc.source.outlet.trim() : null;
      for (const annotation of doc.annotations) {
        if (annotation.label !== FIGURE_LABEL && annotation.label !== QUOTE_LABEL) continue;
        const onPage = doc.hasText && annotation.status !== 'orphaned' && annotation.start <= doc.offsets.length;
        placed.push({ annotation, file, line: onPage ? doc.offsets.lineColumn(annotation.start).line + 1 : null, outlet });
      }
    }
    this.view = crossSourceView(placed, {}, this.memo);
    this.builds++;
    return this.view;
  }

  /**
   * The document a figure or print of the view belongs to.
   * @param file the `file` of a figure or print
   */
  documentOf(file: string): AnnotatedDocument | undefined {
    this.current();
    return this.byFile.get(file);
  }

  /**
   * How the view names a document: its path relative to the workspace, as the tree shows it.
   * @param documentUri the document
   */
  fileOf(documentUri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(documentUri);
  }
}
