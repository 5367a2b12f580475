/**
 * "Export Annotations…": writes every annotated document of the workspace in one of the export
 * formats (see src/core/export), asking for the format and the destination. Files are written with
 * `vscode.workspace.fs`, so remote and virtual workspaces work too.
 */
import * as vscode from 'vscode';
import { csvCompanionFolder, EXPORTERS, exporterFor, prepareDocument, type ExportDocument, type ExportFile, type ExportOptions } from '../core/export';
import { toXsdDateTime } from '../core/export/datetime';
import { isMarkdownPath, projectToPlain } from '../core/export/plain';
import type { DocumentSource } from '../core/model';
import { readSidecar } from '../core/sidecar/read';
import { usableDocumentSource } from '../core/sidecar/validate';
import type { AnnotationStore } from './annotationStore';
import { writeTextFileAtomic } from './sidecarFiles';
import { askUser } from './notify';

/** Arguments that skip the questions (tests, other extensions). */
export interface ExportArgs {
  /** A format name (`doccano`, `brat`, …). */
  format?: string;
  /** The file to write, or the folder for brat. */
  destination?: vscode.Uri;
  /** Export only these labels. */
  labels?: string[];
  /** Markdown documents as plain text (default: ask when there are some). */
  plain?: boolean;
  /** ClaimReview: the organisation publishing the fact checks, the page's address and date (default: ask). */
  review?: ExportOptions;
}

/** What an export did. */
export interface ExportSummary {
  format: string;
  destination: string;
  documents: number;
  annotations: number;
  /** Annotations left out, one sentence each. */
  warnings: string[];
}

let output: vscode.OutputChannel | undefined;

/** Disposes the export's output channel (made at the first export that leaves something out). */
export const EXPORT_OUTPUT: vscode.Disposable = { dispose: () => output?.dispose() };

/**
 * "Export Annotations…" (`marginalia.exportAnnotations`).
 * @param store the annotation store
 * @param args answers to the questions it would ask
 * @returns what was exported; undefined when cancelled or failed (the failure is shown)
 */
export async function exportAnnotations(store: AnnotationStore, args: ExportArgs): Promise<ExportSummary | undefined> {
  try {
    return await writeExport(store, args);
  } catch (error) {
    void askUser('error', `export failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function writeExport(store: AnnotationStore, args: ExportArgs): Promise<ExportSummary | undefined> {
  await store.ready;
  const exporter = args.format !== undefined ? exporterFor(args.format) : await pickFormat();
  if (!exporter) {
    if (args.format !== undefined) throw new Error(`unknown format '${args.format}'`);
    return undefined;
  }
  const annotated = store.documents().filter((d) => d.hasText);
  if (annotated.length === 0) {
    void askUser('info', 'no annotated documents to export.');
    return undefined;
  }
  const hasMarkdown = annotated.some((d) => isMarkdownPath(d.documentUri.path));
  const plain = args.plain ?? (hasMarkdown ? await pickPlain() : false);
  if (plain === undefined) return undefined;
  const review = exporter.format === 'claimreview' ? (args.review ?? (await askReview())) : {};
  if (!review) return undefined;
  const destination = args.destination ?? (await pickDestination(exporter.shape, exporter.format, exporter.extension));
  if (!destination) return undefined;

  const chosen = args.labels ?? exporter.defaultLabels;
  const labels = chosen ? new Set(chosen) : undefined;
  const warnings: string[] = [];
  const documents: ExportDocument[] = [];
  for (const doc of annotated) {
    const source = vscode.workspace.asRelativePath(doc.documentUri);
    const prepared = prepareDocument(source, doc.offsets.text, doc.annotations, labels, await publicationOf(doc.sidecarUri));
    warnings.push(...prepared.warnings);
    let document = prepared.document;
    if (plain && isMarkdownPath(source)) {
      const projected = await projectToPlain(document);
      warnings.push(...projected.warnings);
      document = projected.document;
    }
    documents.push(document);
  }
  documents.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const result = exporter.write(documents, store.labelsFor(annotated[0]!.documentUri), review);
  warnings.push(...(result.warnings ?? []));

  if (result.content !== undefined) await write(destination, result.content);
  const folder =
    exporter.shape === 'folder'
      ? destination
      : result.files.length
        ? destination.with({ path: csvCompanionFolder(destination.path) })
        : undefined;
  if (folder) await writeAll(folder, result.files);

  const annotations = documents.reduce((n, d) => n + d.annotations.length, 0);
  const shown = vscode.workspace.asRelativePath(destination);
  if (warnings.length) {
    output ??= vscode.window.createOutputChannel('Marginalia Export');
    output.appendLine(`Export to ${shown}:`);
    for (const warning of warnings) output.appendLine(`  ${warning}`);
  }
  const exported = result.summary ?? `exported ${annotations} annotation${annotations === 1 ? '' : 's'}`;
  const message = `${exported} from ${documents.length} document${documents.length === 1 ? '' : 's'} to ${shown}.`;
  if (warnings.length) {
    // A summary (ClaimReview's) counts what was left out itself; its warnings are not one per item left out.
    const counted = result.summary !== undefined ? `${warnings.length} warning${warnings.length === 1 ? '' : 's'}` : `${warnings.length} left out`;
    void askUser('warning', `${message} ${counted}.`, 'Show Details').then((choice) => choice && output?.show());
  } else {
    void askUser('info', message);
  }
  return { format: exporter.format, destination: destination.toString(), documents: documents.length, annotations, warnings };
}

/**
 * The `source:` header of a document's sidecar as saved: the store keeps the annotations only, and
 * the header is edited in the sidecar file itself.
 */
async function publicationOf(sidecarUri: vscode.Uri): Promise<DocumentSource | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(sidecarUri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined; // not saved yet: no header
    throw error;
  }
  return usableDocumentSource(readSidecar(new TextDecoder().decode(bytes)).sidecar?.source);
}

/**
 * What a ClaimReview export needs besides the claims: who publishes the fact checks, where and when.
 * Each may be left empty (the export then warns); Escape cancels the export.
 */
async function askReview(): Promise<ExportOptions | undefined> {
  const title = 'Export Annotations (claimreview)';
  const author = await vscode.window.showInputBox({ title, prompt: 'The organisation publishing the fact checks (the reviews\' author)', placeHolder: 'Example Fact Check' });
  if (author === undefined) return undefined;
  const url = await vscode.window.showInputBox({
    title,
    prompt: 'The address of the page publishing them',
    placeHolder: 'https://…',
    validateInput: (value) => (value === '' || /^https?:\/\/\S+$/i.test(value) ? undefined : 'an http or https address'),
  });
  if (url === undefined) return undefined;
  const date = await vscode.window.showInputBox({
    title,
    prompt: 'When they are published (ISO 8601)',
    value: new Date().toISOString().slice(0, 10),
    validateInput: (value) => (value === '' || toXsdDateTime(value) !== undefined ? undefined : 'an ISO 8601 date such as 2026-12-04'),
  });
  if (date === undefined) return undefined;
  return {
    ...(author.trim() ? { reviewAuthor: author.trim() } : {}),
    ...(url ? { reviewUrl: url } : {}),
    ...(date ? { reviewDate: date } : {}),
  };
}

async function pickFormat(): Promise<(typeof EXPORTERS)[number] | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORTERS.map((e) => ({ label: e.format, description: e.description, exporter: e })),
    { title: 'Export Annotations', placeHolder: 'Format' },
  );
  return picked?.exporter;
}

async function pickPlain(): Promise<boolean | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Markdown source', description: 'offsets over the .md file as it is', plain: false },
      { label: 'Plain text', description: 'the text without its markup, spans mapped onto it', plain: true },
    ],
    { title: 'Export Annotations', placeHolder: 'Markdown documents: export which text?' },
  );
  return picked?.plain;
}

async function pickDestination(shape: 'file' | 'folder', format: string, extension: string): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (shape === 'folder') {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Export Here',
      title: `Export Annotations (${format}): choose a folder`,
      ...(root ? { defaultUri: root } : {}),
    });
    return picked?.[0];
  }
  return vscode.window.showSaveDialog({
    title: `Export Annotations (${format})`,
    filters: { [format]: [extension.slice(1)] },
    ...(root ? { defaultUri: vscode.Uri.joinPath(root, `annotations-${format}${extension}`) } : {}),
  });
}

async function writeAll(folder: vscode.Uri, files: readonly ExportFile[]): Promise<void> {
  for (const file of files) await write(vscode.Uri.joinPath(folder, ...file.path.split('/')), file.content);
}

async function write(uri: vscode.Uri, content: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await writeTextFileAtomic(uri, content); // an export written over an older one is never left half-written
}
