import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { csvCompanionFolder, EXPORTERS, exporterFor, prepareDocument, type ExportDocument, type ExportOptions } from '../../core/export';
import { toXsdDateTime } from '../../core/export/datetime';
import { isMarkdownPath, projectToPlain } from '../../core/export/plain';
import { writeFileAtomic } from '../../core/io/atomic-write';
import { usableDocumentSource } from '../../core/sidecar/validate';
import { CorpusReader, findSidecars, loadLabelConfig } from '../../core/io/files';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { shownPath } from '../shown-path';

export const EXPORT_USAGE = `usage: marginalia export [PATH...] --format FORMAT [--out PATH] [--label LABEL]... [--plain]
                         [--include-suggested] [--author NAME] [--url URL] [--date DATE]

Exports the annotations of every sidecar under PATH (files or folders, default .) with their
documents' text; offsets are code points over the LF-normalised text, so every exported span
slices the exported text exactly (Python's text[start:end]).
  --format   ${EXPORTERS.map((e) => e.format).join(', ')}
${EXPORTERS.map((e) => `               ${e.format.padEnd(12)}${e.description}`).join('\n')}
  --out      the file to write (default: standard output), or the folder for brat (required);
             csv also writes the document texts to a companion folder <out>.texts/
  --label    export only this label (repeat for several)
  --plain    Markdown documents (.md): export the text without its markup, spans mapped onto it
  --include-suggested  export suggestions not yet confirmed (status: suggested) too
claimreview only (claims of the label claim, or of --label, that carry a verdict attribute):
  --author   the organisation publishing the fact checks (Google recommends it)
  --url      the http(s) address of the page publishing them (Google requires it)
  --date     when they are published, ISO 8601 (2026-12-04)
Orphaned annotations, suggestions not yet confirmed (unless --include-suggested), and any that no longer match their text, are left out with a warning.
Exit status: 0 exported, 1 a sidecar or document could not be read, 2 usage error.
`;

/**
 * `marginalia export`: write the annotations in another tool's format.
 * @param args the arguments after `export`
 * @param io output streams and working folder
 */
export async function exportCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['plain', 'include-suggested', 'help'], values: ['format', 'out', 'label', 'author', 'url', 'date'] });
  if (wroteHelp(options, EXPORT_USAGE, io.stdout)) return 0;
  const format = options.values.get('format')?.at(-1);
  if (format === undefined) throw new UsageError('--format is required');
  const exporter = exporterFor(format);
  if (!exporter) throw new UsageError(`unknown format '${format}'; use one of ${EXPORTERS.map((e) => e.format).join(', ')}`);
  const outOption = options.values.get('out')?.at(-1);
  if (exporter.shape === 'folder' && outOption === undefined) throw new UsageError(`--format ${format} writes a folder: give it with --out`);
  const out = outOption === undefined || outOption === '-' ? undefined : path.resolve(io.cwd, outOption);
  const chosen = options.values.get('label') ?? exporter.defaultLabels;
  const labels = chosen ? new Set(chosen) : undefined;
  const review = reviewOptions(options.values, format);

  const given = options.positional.length ? options.positional : ['.'];
  const sidecars = await findSidecars(given, io.cwd).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${error.path ?? 'a path'}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  const warn = (message: string): void => void io.stderr.write(`marginalia export: warning: ${message}\n`);
  let unreadable = 0;
  const documents: ExportDocument[] = [];
  const reader = new CorpusReader(given, io.cwd);
  for (const sidecarPath of sidecars) {
    const loaded = await reader.load(sidecarPath);
    const shown = shownPath(io.cwd, sidecarPath);
    const errors = [...loaded.read.findings, ...loaded.findings].filter((f) => f.severity === 'error');
    if (errors.length) unreadable++;
    if (!loaded.read.sidecar || loaded.text === undefined || !loaded.documentPath) {
      const [first] = errors;
      warn(`${shown}:${first?.line ?? 1}:${first?.column ?? 1}: ${first?.message ?? 'cannot be read'}; its annotations are not exported`);
      continue;
    }
    // Records the reader could not make sense of are missing from the sidecar: say which.
    for (const f of errors) warn(`${shown}:${f.line}:${f.column}: ${f.message}`);
    const { sidecar } = loaded.read;
    const prepared = prepareDocument(shownPath(io.cwd, loaded.documentPath), loaded.text, sidecar.annotations, labels, usableDocumentSource(sidecar.source), {
      includeSuggested: options.flags.has('include-suggested'),
    });
    prepared.warnings.forEach(warn);
    let document = prepared.document;
    if (options.flags.has('plain') && isMarkdownPath(document.source)) {
      const projected = await projectToPlain(document);
      projected.warnings.forEach(warn);
      document = projected.document;
    }
    documents.push(document);
  }
  documents.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));

  const { config } = await loadLabelConfig(io.cwd);
  const output = exporter.write(documents, config, review);
  output.warnings?.forEach(warn);
  if (output.content !== undefined) {
    if (out) await writeFile(out, output.content, io);
    else io.stdout.write(output.content);
  }
  const folder = exporter.shape === 'folder' ? out : out && output.files.length ? csvCompanionFolder(out) : undefined;
  if (folder) for (const file of output.files) await writeFile(path.join(folder, ...file.path.split('/')), file.content, io);
  else if (output.files.length && exporter.format === 'csv') warn('the document texts are written only with --out (to <out>.texts/)');

  const count = documents.reduce((n, d) => n + d.annotations.length, 0);
  io.stderr.write(
    (output.summary ?? `exported ${count} annotation${count === 1 ? '' : 's'}`) +
      ` from ${documents.length} document${documents.length === 1 ? '' : 's'} as ${format}` +
      (out ? ` to ${shownPath(io.cwd, out)}` : '') +
      '\n',
  );
  return unreadable > 0 ? 1 : 0;
}

/** `--author`, `--url` and `--date`, checked: they are for claimreview only, and never passed over. */
function reviewOptions(values: ReadonlyMap<string, string[]>, format: string): ExportOptions {
  const [author, url, date] = (['author', 'url', 'date'] as const).map((name) => values.get(name)?.at(-1));
  if (format !== 'claimreview') {
    const given = (['author', 'url', 'date'] as const).filter((name) => values.has(name));
    if (given.length) throw new UsageError(`${given.map((name) => `--${name}`).join(', ')}: only for --format claimreview`);
    return {};
  }
  if (author !== undefined && author.trim() === '') throw new UsageError('--author is empty');
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) throw new UsageError(`--url must be an http or https address, got '${url}'`);
  if (date !== undefined && toXsdDateTime(date) === undefined) throw new UsageError(`--date must be an ISO 8601 date such as 2026-12-04, got '${date}'`);
  return { ...(author !== undefined ? { reviewAuthor: author.trim() } : {}), ...(url !== undefined ? { reviewUrl: url } : {}), ...(date !== undefined ? { reviewDate: date } : {}) };
}

async function writeFile(file: string, content: string, io: CliIO): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  writeFileAtomic(file, content, {}, io.files);
}
