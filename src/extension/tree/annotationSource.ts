/**
 * The part of the AnnotationStore (src/extension/annotationStore.ts) that the tree, the status bar and
 * the explorer badges read, picked from the store's own types so these views depend only on what they use; the
 * store satisfies it as it is.
 */
import type * as vscode from 'vscode';
import type { LabelConfig } from '../../core/model';
import type { AnnotatedDocument } from '../annotationStore';

/** What the views read of one annotated document. */
export type AnnotatedDocumentView = Pick<AnnotatedDocument, 'documentUri' | 'sidecarUri' | 'annotations' | 'offsets' | 'findings' | 'writable'>;

/** The store as the views see it: every annotated document, and events when they change. */
export interface AnnotationSource {
  /** Fires with the document URIs whose annotations changed (also when sidecars change on disk). */
  readonly onDidChange: vscode.Event<readonly vscode.Uri[]>;
  /** Fires when a label configuration changed. */
  readonly onDidChangeLabels: vscode.Event<void>;
  /** Resolves once the workspace's sidecars are indexed. */
  readonly ready: Promise<void>;
  /** Every annotated document of the workspace, sorted by path. */
  documents(): readonly AnnotatedDocumentView[];
  /**
   * The annotated document of a URI.
   * @param documentUri the document
   */
  get(documentUri: vscode.Uri): AnnotatedDocumentView | undefined;
  /**
   * The label configuration that applies to a document.
   * @param uri the document
   */
  labelsFor(uri: vscode.Uri): LabelConfig;
}
