import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeDocument } from '../../core/document-bytes';
import { loadAnnotatedDocument, loadLabelConfig, writeFileIfUnchanged } from '../../core/io/files';
import { describeRefusal, insideRoot, readInside } from '../../core/io/inside';
import type { Annotation, LabelConfig, RejectedSuggestion, Sidecar } from '../../core/model';
import { isSidecarPath, documentPathFor, sidecarPathFor } from '../../core/paths';
import { FORMAT_VERSION } from '../../core/model';
import { writeSidecar } from '../../core/sidecar/write';
import { suggestionRecords } from '../../core/suggestions/apply';
import { suggestSpeakerRelations, type RelationSuggestion } from '../../core/suggestions/speakers';
import { suggestAnnotations, type Suggestion } from '../../core/suggestions/suggest';
import { normalizeText, OffsetIndex } from '../../core/text';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { shownPath } from '../shown-path';

export const SUGGEST_USAGE = `usage: marginalia suggest [PATH...] [--label NAME]... [--json] [--apply]

Suggests annotations for documents (with or without a sidecar): quotations with their speaker,
figures with value and unit, claims, and the patterns and terms of .marginalia.yaml. A span
already annotated with the label, or rejected in the editor, is not suggested. Tagged quotes
without a said-by relation get one proposed, to the span naming their speaker (a new speaker
span when none is tagged there and the project has a speaker label). PATH is a document,
a sidecar or a folder, searched for .txt and .md documents (default .). See docs/suggestions.md.
  --label NAME  only this label (repeat for several); relations whose end has it
  --json        print {"suggestions":[{file, start, end, label, text, attributes, score}],
                "relations":[{file, type, from:{id, start, end, text}, to:{id | new, label,
                start, end, text}, speaker, score}]}, offsets in code points over the text
                with CRLF read as LF and a BOM dropped
  --apply       add the suggested spans to the sidecars with status: suggested ('marginalia
                check' counts those not yet confirmed; exports leave them out unless
                --include-suggested); relations are printed only, to accept in the editor
Exit status: 0 done, 1 a document or sidecar could not be read, 2 usage error.
`;

/** Folders never searched for documents. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** The documents a folder search takes: the kinds of text the grammar highlights. */
const DOCUMENT_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);

/** One suggestion as printed. */
interface Shown extends Suggestion {
  file: string;
}

/** One relation proposed, as printed. */
interface ShownRelation extends RelationSuggestion {
  file: string;
}

/**
 * `marginalia suggest`: print (or apply) suggested annotations.
 * @param args the arguments after `suggest`
 * @param io output streams and working folder
 */
export async function suggestCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'apply', 'help'], values: ['label'] });
  if (wroteHelp(options, SUGGEST_USAGE, io.stdout)) return 0;
  const given = options.positional.length ? options.positional : ['.'];
  const labels = options.values.has('label') ? new Set(options.values.get('label')) : undefined;
  const warn = (message: string): void => void io.stderr.write(`marginalia suggest: warning: ${message}\n`);
  const configs = new Map<string, LabelConfig>();
  const configOf = async (folder: string): Promise<LabelConfig> => {
    let config = configs.get(folder);
    if (!config) {
      const loaded = await loadLabelConfig(folder);
      for (const f of loaded.findings.filter((f) => f.severity === 'error')) warn(`${shownPath(io.cwd, loaded.path ?? folder)}:${f.line}:${f.column}: ${f.message}`);
      config = loaded.config;
      configs.set(folder, config);
    }
    return config;
  };
  const shown: Shown[] = [];
  const shownRelations: ShownRelation[] = [];
  let unreadable = 0;
  let applied = 0;
  for (const { document, root } of await documentsOf(given, io.cwd)) {
    const config = await configOf(path.dirname(document));
    const unknown = [...(labels ?? [])].filter((l) => !config.labels.some((c) => c.id === l));
    if (unknown.length) throw new UsageError(`unknown label ${unknown.map((l) => `'${l}'`).join(', ')}; the labels are ${config.labels.map((l) => l.id).join(', ')}`);
    const file = shownPath(io.cwd, document);
    const sidecarPath = sidecarPathFor(document);
    const hasSidecar = await fs.lstat(sidecarPath).then(() => true, () => false);
    let text: string | undefined;
    let existing: { sidecar: Sidecar; source: string; writePath: string } | undefined;
    if (hasSidecar) {
      const loaded = await loadAnnotatedDocument(sidecarPath, insideRoot(root));
      const sidecar = loaded.read.sidecar;
      if (!sidecar || loaded.text === undefined || !loaded.read.writable) {
        const [first] = [...loaded.read.findings, ...loaded.findings].filter((f) => f.severity === 'error');
        warn(`${shownPath(io.cwd, sidecarPath)}:${first?.line ?? 1}:${first?.column ?? 1}: ${first?.message ?? 'cannot be read'}; its document is left out ('marginalia check' says more)`);
        unreadable++;
        continue;
      }
      text = loaded.text;
      existing = { sidecar, source: loaded.sidecarSource, writePath: loaded.sidecarRealPath ?? sidecarPath };
    } else {
      const read = await readInside(document, root);
      const decoded = read.refusal ? undefined : decodeDocument(read.bytes);
      if (!decoded || decoded.problem !== undefined) {
        warn(`${file}: ${read.refusal ? describeRefusal(read.refusal) : decoded?.problem}; left out`);
        unreadable++;
        continue;
      }
      text = normalizeText(decoded.text);
    }
    const rejected: RejectedSuggestion[] = Array.isArray(existing?.sidecar.rejected) ? existing.sidecar.rejected : [];
    const suggestions = suggestAnnotations(text, config, { annotations: existing?.sidecar.annotations ?? [], rejected, ...(labels ? { labels } : {}) });
    for (const s of suggestions) shown.push({ file, ...s });
    for (const r of suggestSpeakerRelations(text, config, existing?.sidecar.annotations ?? [])) {
      if (!labels || labels.has(r.from.label) || labels.has(targetOf(r).label)) shownRelations.push({ file, ...r });
    }
    if (options.flags.has('apply') && suggestions.length > 0) {
      const sidecar: Sidecar = existing?.sidecar ?? { version: FORMAT_VERSION, document: path.basename(document), annotations: [] };
      const taken = new Set(sidecar.annotations.map((a: Annotation) => a.id));
      sidecar.annotations.push(...suggestionRecords(suggestions, new OffsetIndex(text), taken));
      const target = existing?.writePath ?? sidecarPath;
      if (!(await writeFileIfUnchanged(target, existing?.source, writeSidecar(sidecar, existing?.source), io.files))) {
        warn(`${shownPath(io.cwd, sidecarPath)} changed while the suggestions were made; it was left as it is, run the command again`);
        unreadable++;
        continue;
      }
      applied += suggestions.length;
    }
  }
  if (options.flags.has('json')) io.stdout.write(JSON.stringify({ suggestions: shown.map(jsonOf), relations: shownRelations.map(relationJsonOf) }, null, 2) + '\n');
  else {
    for (const s of shown) io.stdout.write(`${s.file}:${s.start}-${s.end}: ${s.label} ${JSON.stringify(s.text)} ${attributesOf(s)}score ${s.score.toFixed(2)}\n`);
    for (const r of shownRelations) {
      const to = targetOf(r);
      const which = 'annotation' in r.to ? r.to.annotation.id : `new span ${to.start}-${to.end}`;
      io.stdout.write(`${r.file}:${r.from.start}-${r.from.end}: ${r.type} ${JSON.stringify(r.from.text)} → ${to.label} ${JSON.stringify(to.text)} (${which}) score ${r.score.toFixed(2)}\n`);
    }
  }
  if (options.flags.has('apply')) io.stderr.write(`added ${applied} suggested annotation${applied === 1 ? '' : 's'} (status: suggested)\n`);
  return unreadable > 0 ? 1 : 0;
}

function jsonOf(s: Shown): Record<string, unknown> {
  return { file: s.file, start: s.start, end: s.end, label: s.label, text: s.text, attributes: s.attributes, score: s.score };
}

function relationJsonOf(r: ShownRelation): Record<string, unknown> {
  const to = targetOf(r);
  const target = 'annotation' in r.to ? { id: r.to.annotation.id } : { new: true };
  return { file: r.file, type: r.type, from: { id: r.from.id, start: r.from.start, end: r.from.end, text: r.from.text }, to: { ...target, label: to.label, start: to.start, end: to.end, text: to.text }, speaker: r.speaker ?? null, score: r.score };
}

/** The span a relation proposal points at: tagged, or to tag. */
function targetOf(r: RelationSuggestion): { label: string; start: number; end: number; text: string } {
  return 'annotation' in r.to ? r.to.annotation : r.to.proposed;
}

function attributesOf(s: Suggestion): string {
  const entries = Object.entries(s.attributes);
  return entries.length ? `${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')} ` : '';
}

/**
 * The documents under the given paths, each with the folder it must be read within: a document or a
 * sidecar named stands for its document; a folder is searched for .txt and .md files, without
 * following links and without node_modules, .git or hidden folders.
 */
async function documentsOf(given: readonly string[], cwd: string): Promise<{ document: string; root: string }[]> {
  const found = new Map<string, string>();
  for (const p of given) {
    const absolute = path.resolve(cwd, p);
    const stat = await fs.lstat(absolute).catch(() => {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    });
    if (stat.isDirectory()) await collect(absolute, absolute, found);
    else {
      const document = isSidecarPath(absolute) ? documentPathFor(absolute) : absolute;
      if (!found.has(document)) found.set(document, path.dirname(document));
    }
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([document, root]) => ({ document, root }));
}

async function collect(folder: string, root: string, found: Map<string, string>): Promise<void> {
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await collect(full, root, found);
    } else if (entry.isFile() && DOCUMENT_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !found.has(full)) found.set(full, root);
  }
}
