/**
 * Explorer badges: an annotated document shows its annotation count, with the counts per label as the
 * tooltip; orphaned or drifted annotations colour it as a warning, a sidecar that cannot be read (or
 * another problem of the files themselves) as an error. A sidecar that cannot be read also gets a "!" of its own, since it is the file
 * to open and fix.
 */
import * as vscode from 'vscode';
import { countByLabel, formatLabelCounts } from '../core/label-counts';
import { Disposable } from './disposable';
import type { AnnotatedDocumentView, AnnotationSource } from './tree/annotationSource';

/** The largest count a two-character badge shows as it is; larger ones show as "9+". */
const MAX_BADGE = 99;

/** Decorates annotated documents and unreadable sidecars in the explorer (and anywhere files are listed). */
export class AnnotationFileDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri[]>());
  /** Every URI decorated last time, so that its decoration is withdrawn when it goes. */
  private decorated = new Set<string>();

  /** Fires with the URIs whose decoration may have changed. */
  readonly onDidChangeFileDecorations = this.changeEmitter.event;

  /**
   * @param source the annotation store
   */
  constructor(private readonly source: AnnotationSource) {
    super();
    this._register(source.onDidChange((uris) => this.changed(uris)));
    this._register(source.onDidChangeLabels(() => this.changed([])));
    void source.ready.then(() => this.changed(source.documents().map((d) => d.documentUri)));
  }

  /**
   * The decoration of a document or sidecar.
   * @param uri the file the explorer asks about
   */
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const doc = this.source.get(uri);
    if (doc) return this.documentDecoration(doc);
    const owner = this.source.documents().find((d) => d.sidecarUri.toString() === uri.toString());
    if (owner && !owner.writable) {
      this.decorated.add(uri.toString());
      return new vscode.FileDecoration('!', 'Marginalia: this sidecar cannot be read; see the Problems panel', new vscode.ThemeColor('list.errorForeground'));
    }
    return undefined;
  }

  private documentDecoration(doc: AnnotatedDocumentView): vscode.FileDecoration | undefined {
    // Red for what is wrong with the files (a sidecar that cannot be read, a missing document); an
    // annotation's own problem (orphaned, drifted) is yellow, even when its finding is an error.
    const errors = !doc.writable || doc.findings.some((f) => f.severity === 'error' && f.annotationId === undefined);
    if (doc.annotations.length === 0 && !errors) return undefined;
    this.decorated.add(doc.documentUri.toString());
    const order = this.source.labelsFor(doc.documentUri).labels.map((l) => l.id);
    const orphaned = doc.annotations.filter((a) => a.status === 'orphaned').length;
    const parts = [formatLabelCounts(countByLabel(doc.annotations, order), ', ') || 'no annotations'];
    if (orphaned > 0) parts.push(`${orphaned} orphaned`);
    if (errors) parts.push('sidecar problems: see the Problems panel');
    const count = doc.annotations.length;
    const badge = count > MAX_BADGE ? '9+' : count > 0 ? String(count) : '!';
    const color = errors
      ? new vscode.ThemeColor('list.errorForeground')
      : orphaned > 0 || doc.findings.length > 0
        ? new vscode.ThemeColor('list.warningForeground')
        : undefined;
    return new vscode.FileDecoration(badge, `Marginalia: ${parts.join('; ')}`, color);
  }

  private changed(uris: readonly vscode.Uri[]): void {
    const keys = new Set([...this.decorated, ...uris.map((u) => u.toString())]);
    for (const doc of this.source.documents()) {
      if (uris.some((u) => u.toString() === doc.documentUri.toString())) keys.add(doc.sidecarUri.toString());
    }
    this.decorated = new Set();
    this.changeEmitter.fire([...keys].map((k) => vscode.Uri.parse(k)));
  }
}
