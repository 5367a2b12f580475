import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeDocument } from '../../core/document-bytes';
import { parseBrat } from '../../core/import/brat';
import { labelConfigFromBratConf } from '../../core/import/brat-conf';
import { LABEL_CONFIG_FILE, parseLabelConfig } from '../../core/config';
import { parseDoccano, type DoccanoColumns } from '../../core/import/doccano';
import { mergeImported, type SkippedSpan } from '../../core/import/merge';
import { parseLabelStudio } from '../../core/import/labelstudio';
import { parseProdigy } from '../../core/import/prodigy';
import type { ImportedDocument, ImportedSpan, ParsedImport } from '../../core/import/types';
import { parseW3c } from '../../core/import/w3c';
import { WriteFailedError } from '../../core/io/atomic-write';
import { loadLabelConfig, writeFileIfUnchanged } from '../../core/io/files';
import { describeRefusal, readInside, readTextInside } from '../../core/io/inside';
import { duplicatedIds } from '../../core/merge';
import { publicationFields } from '../../core/export/publication';
import { FORMAT_VERSION, type Annotation, type DocumentSource, type LabelConfig, type Sidecar } from '../../core/model';
import { BRAT_CONFIG_FILE } from '../../core/export/brat';
import { isAnnotationId } from '../../core/names';
import { isSidecarPath, sidecarPathFor } from '../../core/paths';
import { readSidecar } from '../../core/sidecar/read';
import { writeSidecar } from '../../core/sidecar/write';
import { normalizeText } from '../../core/text';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { shownPath } from '../shown-path';

const FORMATS = ['brat', 'doccano', 'labelstudio', 'prodigy', 'w3c'] as const;

export const IMPORT_USAGE = `usage: marginalia import SOURCE --format ${FORMATS.join('|')} [--into DIR] [--dry-run]
                         [--column-data KEY] [--column-label KEY]

Imports annotations made with another tool into the sidecars of the documents under DIR (default .).
SOURCE is a JSONL file (doccano, prodigy), a JSON file (w3c, labelstudio: Label Studio's JSON export)
or a folder of .ann/.txt files (brat).
Each imported document is matched to a document under DIR by its path, then by its file name, then
by identical text; every span must hold the same text in that document as in the import. A span the
document already has (same label and span) is not added twice.
  --into     the folder holding the documents (default .)
  --dry-run  report what would be imported, write nothing
  --column-data KEY, --column-label KEY
             doccano: the keys of the text and of the labels when the project used other
             column names (doccano's column_data and column_label; default text and label)
Every span left out is reported with the reason.
Exit status: 0 all imported, 1 some spans were left out, 2 usage error.
`;

/** Folders never searched for documents. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * `marginalia import`: merge another tool's annotations into sidecars.
 * @param args the arguments after `import`
 * @param io output streams and working folder
 */
export async function importCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['dry-run', 'help'], values: ['format', 'into', 'column-data', 'column-label'] });
  if (wroteHelp(options, IMPORT_USAGE, io.stdout)) return 0;
  const format = options.values.get('format')?.at(-1);
  if (format === undefined) throw new UsageError('--format is required');
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  if (options.positional.length !== 1) throw new UsageError('give exactly one SOURCE');
  const source = path.resolve(io.cwd, options.positional[0]!);
  const into = path.resolve(io.cwd, options.values.get('into')?.at(-1) ?? '.');
  const dryRun = options.flags.has('dry-run');
  if (!(await isDirectory(into))) throw new UsageError(`--into ${shownPath(io.cwd, into)} is not a folder`);

  const columns = { columnData: options.values.get('column-data')?.at(-1), columnLabel: options.values.get('column-label')?.at(-1) };
  if (format !== 'doccano' && (columns.columnData ?? columns.columnLabel) !== undefined) throw new UsageError('--column-data and --column-label are options of --format doccano');
  const parsed = await parseSource(source, format as (typeof FORMATS)[number], options.positional[0]!, columns);
  let failed = parsed.problems.length;
  for (const p of parsed.problems) io.stderr.write(`${p.origin}: error: ${p.message}\n`);
  for (const note of parsed.ignored) io.stderr.write(`marginalia import: note: ${note}\n`);
  const madeConfig = format === 'brat' ? await configFromBratCollection(source, into, dryRun, io) : undefined;

  const finder = new DocumentFinder(into, source);
  const byDocument = new Map<string, { imported: ImportedDocument; spans: ImportedSpan[] }[]>();
  const report = (skipped: SkippedSpan): void => {
    failed++;
    const where = skipped.start !== undefined ? ` ${skipped.start}..${skipped.end}` : '';
    io.stderr.write(`${skipped.origin}: skipped ${skipped.label}${where}: ${skipped.reason}\n`);
  };
  for (const imported of parsed.documents) {
    const match = await finder.find(imported);
    if ('reason' in match) {
      for (const span of imported.spans) report({ ...spanReport(span), reason: match.reason });
      continue;
    }
    byDocument.set(match.path, [...(byDocument.get(match.path) ?? []), { imported, spans: imported.spans }]);
  }

  let added = 0;
  let present = 0;
  for (const documentPath of [...byDocument.keys()].sort()) {
    const shown = shownPath(io.cwd, documentPath);
    const sidecarPath = sidecarPathFor(documentPath);
    const previous = await readTextInside(sidecarPath, into);
    if (previous.refusal && previous.refusal.kind !== 'missing') {
      const reason = `its sidecar ${shownPath(io.cwd, sidecarPath)} ${describeRefusal(previous.refusal)}`;
      for (const { spans } of byDocument.get(documentPath)!) for (const span of spans) report({ ...spanReport(span), reason });
      continue;
    }
    const previousSource = previous.text;
    let sidecar: Sidecar = { version: FORMAT_VERSION, document: path.basename(documentPath), annotations: [] };
    if (previousSource !== undefined) {
      const read = readSidecar(previousSource);
      if (!read.sidecar || !read.writable) {
        const reason = `its sidecar ${shownPath(io.cwd, sidecarPath)} cannot be rewritten safely (run 'marginalia check' and fix it first)`;
        for (const { spans } of byDocument.get(documentPath)!) for (const span of spans) report({ ...spanReport(span), reason });
        continue;
      }
      sidecar = read.sidecar;
    }
    const text = await finder.text(documentPath);
    if (text === undefined) {
      for (const { spans } of byDocument.get(documentPath)!) for (const span of spans) report({ ...spanReport(span), reason: `${shown} is not a UTF-8 text document` });
      continue;
    }
    const loaded = await loadLabelConfig(path.dirname(documentPath));
    const { config, findings: configFindings, path: configPath } = loaded.path === undefined && madeConfig ? { ...loaded, config: madeConfig } : loaded;
    const configError = configFindings.find((f) => f.severity === 'error');
    if (configError) {
      // Its labels could be missing or wrong: checking spans against it would report the wrong reason.
      const reason = `the label configuration ${shownPath(io.cwd, configPath!)} has an error at line ${configError.line}: ${configError.message}`;
      for (const { spans } of byDocument.get(documentPath)!) for (const span of spans) report({ ...spanReport(span), reason });
      continue;
    }
    let annotations: Annotation[] = sidecar.annotations;
    const publication = sidecarHeaderFrom(sidecar, byDocument.get(documentPath)!, (note) => io.stderr.write(`${shownPath(io.cwd, sidecarPath)}: note: ${note}\n`));
    let documentAdded = 0;
    let documentPresent = 0;
    let documentRelated = 0;
    for (const id of duplicatedIds(annotations)) {
      io.stderr.write(`${shownPath(io.cwd, sidecarPath)}: warning: id '${id}' is used by more than one record; all are kept (run 'marginalia check')\n`);
    }
    for (const { imported, spans } of byDocument.get(documentPath)!) {
      const merged = mergeImported(annotations, spans, text, imported.text, config, imported.relations);
      merged.skipped.forEach(report);
      for (const r of merged.skippedRelations) {
        failed++;
        io.stderr.write(`${r.origin}: skipped ${r.reason}\n`);
      }
      documentRelated += merged.related;
      for (const r of merged.renamed) {
        const why = isAnnotationId(r.from) ? `is already used in ${shownPath(io.cwd, sidecarPath)}` : 'is not a valid annotation id (1 to 64 ASCII letters, digits, "_" or "-")';
        io.stderr.write(`${r.origin}: note: id '${r.from}' ${why}; imported as '${r.to}'\n`);
      }
      annotations = merged.annotations;
      documentAdded += merged.added.length;
      documentPresent += merged.present;
    }
    added += documentAdded;
    present += documentPresent;
    const relationsAdded = documentRelated > 0 ? `, ${documentRelated} relation${documentRelated === 1 ? '' : 's'} added` : '';
    io.stdout.write(`${shown}: ${documentAdded} added${relationsAdded}, ${documentPresent} already there\n`);
    if ((documentAdded === 0 && documentRelated === 0) || dryRun) continue;
    const written = await writeFileIfUnchanged(previous.realPath ?? sidecarPath, previousSource, writeSidecar({ ...sidecar, ...(publication ? { source: publication } : {}), annotations }, previousSource), io.files).catch((error: unknown) => {
      if (error instanceof WriteFailedError) return error;
      throw error;
    });
    if (written !== true) {
      failed += documentAdded;
      added -= documentAdded;
      const why =
        written instanceof WriteFailedError
          ? `${written.message}`
          : 'its sidecar changed on disk during the import (another writer, such as the editor, saved it); nothing was written to it';
      io.stderr.write(`${shown}: error: ${why}: run the import again\n`);
    }
  }
  io.stdout.write(
    `${dryRun ? 'would import' : 'imported'} ${added} annotation${added === 1 ? '' : 's'} into ${byDocument.size} document${byDocument.size === 1 ? '' : 's'}` +
      `; ${present} already there; ${failed} skipped\n`,
  );
  return failed > 0 ? 1 : 0;
}

/**
 * When the folder imported into has no label configuration and the brat collection has an
 * `annotation.conf`, write `.marginalia.yaml` from it (its entity types as labels, its relation
 * types as relations), so that a brat corpus imports in one command.
 * @returns the configuration made, or undefined when the folder has one or the collection none
 */
async function configFromBratCollection(source: string, into: string, dryRun: boolean, io: CliIO): Promise<LabelConfig | undefined> {
  if ((await loadLabelConfig(into)).path !== undefined) return undefined;
  const conf = await readTextInside(path.join(source, BRAT_CONFIG_FILE), source);
  if (conf.refusal) return undefined;
  const made = labelConfigFromBratConf(conf.text);
  for (const note of made.notes) io.stderr.write(`marginalia import: note: ${BRAT_CONFIG_FILE}: ${note}\n`);
  const target = path.join(into, LABEL_CONFIG_FILE);
  if (dryRun) {
    io.stdout.write(`would write ${shownPath(io.cwd, target)} from ${BRAT_CONFIG_FILE}\n`);
  } else if (await writeFileIfUnchanged(target, undefined, made.text, io.files)) {
    io.stdout.write(`wrote ${shownPath(io.cwd, target)} from ${BRAT_CONFIG_FILE}: its entity types as labels, its relation types as relations\n`);
  } else {
    throw new UsageError(`${shownPath(io.cwd, target)} appeared during the import; run it again`);
  }
  return parseLabelConfig(made.text).config;
}

/**
 * The `source:` header a sidecar gets from the import: the one the imported file gives, when the
 * sidecar has none. A header already there is never replaced (nor one that could not be read).
 * @returns the header to write, or undefined to leave the sidecar's as it is
 */
function sidecarHeaderFrom(sidecar: Sidecar, imports: readonly { imported: ImportedDocument }[], note: (message: string) => void): DocumentSource | undefined {
  const given = imports.map(({ imported }) => imported.publication).find((p) => p !== undefined);
  if (!given) return undefined;
  if (sidecar.source === undefined) return given;
  if (JSON.stringify(publicationFields(sidecar.source)) !== JSON.stringify(publicationFields(given))) {
    note(`its source header is kept; the import gives another (${JSON.stringify(publicationFields(given))})`);
  }
  return undefined;
}

function spanReport(span: ImportedSpan): Omit<SkippedSpan, 'reason'> {
  return { origin: span.origin, label: span.label, start: span.start, end: span.end, text: span.text };
}

/**
 * Read and parse SOURCE in the given format.
 * @param source its absolute path
 * @param format the format
 * @param name SOURCE as the user gave it, which reports name
 * @param columns doccano's column names
 */
async function parseSource(source: string, format: (typeof FORMATS)[number], name: string, columns: DoccanoColumns): Promise<ParsedImport> {
  if (format === 'brat') {
    if (!(await isDirectory(source))) throw new UsageError(`brat SOURCE must be a folder of .ann and .txt files: ${name}`);
    const files: { path: string; content: string }[] = [];
    for (const file of await listFiles(source, new Set())) {
      if (file.endsWith('.ann') || file.endsWith('.txt')) {
        const read = await readTextInside(file, source);
        if (read.refusal) throw new UsageError(`cannot read ${shownPath(source, file)} in ${name}: it ${describeRefusal(read.refusal)}`);
        files.push({ path: shownPath(source, file), content: read.text });
      }
    }
    return parseBrat(files);
  }
  // SOURCE may lie anywhere the user points, but it must be a regular file (a named pipe would hang the import).
  const read = await readTextInside(source, undefined);
  if (read.refusal) throw new UsageError(`cannot read ${name}: it ${describeRefusal(read.refusal)}`);
  const content = read.text;
  switch (format) {
    case 'doccano':
      return parseDoccano(content, name, columns);
    case 'labelstudio':
      return parseLabelStudio(content, name);
    case 'prodigy':
      return parseProdigy(content, name);
    case 'w3c':
      return parseW3c(content, name);
  }
}

/**
 * Finds the document an imported document stands for under the target folder: by path, then by
 * file name, then by identical text. Lists the folder once, reads texts only when it has to.
 */
class DocumentFinder {
  private files: string[] | undefined;
  private readonly texts = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly excluded: string,
  ) {}

  /** The absolute path of the matching document, or why there is none. */
  async find(imported: ImportedDocument): Promise<{ path: string } | { reason: string }> {
    for (const candidate of imported.candidates) {
      const resolved = path.resolve(this.root, ...candidate.split('/'));
      if (isInside(this.root, resolved) && !isSidecarPath(resolved) && (await this.text(resolved)) !== undefined) return { path: resolved };
    }
    const files = await this.list();
    for (const candidate of imported.candidates) {
      const name = candidate.split('/').pop()!;
      const named = files.filter((f) => path.basename(f) === name);
      if (named.length === 1) return { path: named[0]! };
      if (named.length > 1) return { reason: `${named.length} documents are named '${name}' under the target folder; import from a file that gives the document's path` };
    }
    if (imported.text !== undefined) {
      const wanted = normalizeText(imported.text);
      const same: string[] = [];
      for (const file of files) if ((await this.text(file)) === wanted) same.push(file);
      if (same.length === 1) return { path: same[0]! };
      if (same.length > 1) return { reason: `${same.length} documents under the target folder hold the same text; import from a file that gives the document's path` };
    }
    const named = imported.candidates.length ? imported.candidates.map((c) => `'${c}'`).join(' or ') : 'the imported text';
    return { reason: `no document under the target folder matches ${named} (by path, file name or text)` };
  }

  private async list(): Promise<string[]> {
    this.files ??= (await listFiles(this.root, new Set([this.excluded]))).filter((f) => !isSidecarPath(f));
    return this.files;
  }

  /** A document's normalised text, read under the rule (inside the target folder through links, a regular file); undefined when it is not one. */
  async text(file: string): Promise<string | undefined> {
    if (!this.texts.has(file)) this.texts.set(file, await readDocumentText(file, this.root));
    return this.texts.get(file);
  }
}

async function readDocumentText(file: string, root: string): Promise<string | undefined> {
  const read = await readInside(file, root);
  if (read.refusal) return undefined;
  const decoded = decodeDocument(read.bytes);
  return decoded.text === undefined ? undefined : normalizeText(decoded.text);
}

/** Every file under a folder, sorted, skipping `.git`, `node_modules` and the excluded paths. */
async function listFiles(folder: string, excluded: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (excluded.has(full)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      } else if (entry.isFile()) found.push(full);
    }
  };
  await walk(folder);
  return found.sort();
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function isDirectory(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
