import * as path from 'node:path';
import { disputeFindings } from '../../core/agreement/disputes';
import { findPreviousText } from '../../core/anchoring/previous-text';
import { holds, type AnchorMethod, type AnchorOutcome } from '../../core/anchoring/reanchor';
import { checkAnnotations } from '../../core/check';
import { WriteFailedError } from '../../core/io/atomic-write';
import { CorpusReader, findSidecars, writeFileIfUnchanged, type LoadedLabelConfig, type ReplaceOps } from '../../core/io/files';
import type { Git } from '../../core/io/git';
import { workflowCommand } from '../../core/github-commands';
import type { Finding } from '../../core/model';
import { OffsetIndex } from '../../core/text';
import { gitVersions } from '../git-versions';
import { checkLabels } from '../../core/sidecar/read';
import { writeSidecar } from '../../core/sidecar/write';
import type { CliIO } from '../run';
import { chosenFormat, parseOptions, UsageError, wroteHelp } from '../options';
import { addRelationFindings, type CheckedSidecar } from './check-relations';
import { addReviewFindings } from './check-review';

/** The findings of one file, as printed and as `--json` gives them. */
interface FileReport {
  path: string;
  findings: Finding[];
  fixed?: { moved: number; edited: number; orphaned: number };
  /** With --fix: what re-anchoring did to each annotation it moved, edited or orphaned, and how. */
  reanchored?: Reanchored[];
}

/** One annotation `--fix` moved, edited or orphaned. */
interface Reanchored {
  id: string;
  label: string;
  /** 1-based line of its record in the sidecar. */
  line: number;
  outcome: Exclude<AnchorOutcome, 'held'>;
  /** diff: mapped through the edits since the version of the document it was verified on (from git); search: looked for. */
  method: AnchorMethod;
  /** 1 for a span the diff moved unchanged; else how well the placement agrees (0..1). */
  score: number;
}

export const CHECK_USAGE = `usage: marginalia check [--fix] [--json | --format text|json|github] [--strict] [--require-reviewed REF] [PATH...]

Checks every sidecar (*.annotations.yaml) under PATH (files or folders, default .): YAML syntax, the
format, labels and attributes against .marginalia.yaml, duplicate ids, offsets, text that no longer
matches its document, missing documents.
  --fix     re-anchor drifted annotations and rewrite their sidecars; orphans are marked. In a git
            repository the annotations are mapped through the edits since the newest version of
            the document they hold on (staged, or one of its last 50 commits); otherwise, and for
            what that cannot place, they are searched for by their text and context
  --json    print the findings as JSON (the same as --format json)
  --format  text (default): path:line:col: severity: message; json; github: GitHub Actions
            workflow commands (::error file=…,line=…,col=…::…) that annotate a pull request's lines
  --strict  fail on warnings too (suggestions not yet confirmed, status: suggested, are warnings)
  --require-reviewed REF
            fail while an annotation added, relabelled, moved or edited since the git revision REF
            (a pull request's base) carries no accepted \`review:\` record made since (see
            docs/review.md); annotations removed since REF are warnings. Not with --fix: fix
            first, commit, then check
Exit status: 0 clean, 1 problems found (or orphans left after --fix), 2 usage error.
`;

/**
 * `marginalia check`: verify sidecars, optionally re-anchor them.
 * @param args the arguments after `check`
 * @param io output streams and working folder
 */
export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['fix', 'json', 'strict', 'help'], values: ['format', 'require-reviewed'] });
  if (wroteHelp(options, CHECK_USAGE, io.stdout)) return 0;
  const format = chosenFormat(options, ['text', 'json', 'github']);
  // The review compares the records as read, before --fix moves them: the two in one run would judge stale spans.
  if (options.flags.has('fix') && options.values.has('require-reviewed')) {
    throw new UsageError('--fix and --require-reviewed cannot be combined: run `marginalia check --fix`, commit, then check --require-reviewed');
  }
  const paths = options.positional.length ? options.positional : ['.'];
  const sidecars = await findSidecars(paths, io.cwd).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${error.path ?? 'a path'}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  const fix = options.flags.has('fix');
  const reports: FileReport[] = [];
  const reader = new CorpusReader(paths, io.cwd);
  const configs = new Set<LoadedLabelConfig>();
  const checked: CheckedSidecar[] = [];
  let annotationCount = 0;
  let suggestedCount = 0;
  for (const sidecarPath of sidecars) {
    const loadedConfig = await reader.labelConfig(path.dirname(sidecarPath));
    configs.add(loadedConfig);
    const { config, path: configPath } = loadedConfig;
    const report = await checkSidecar(sidecarPath, reader, config, fix, io.files, io.git);
    annotationCount += report.annotations;
    suggestedCount += report.suggested ?? 0;
    reports.push({ ...report.report, path: path.relative(io.cwd, sidecarPath) || sidecarPath });
    // Relations name documents across the workspace folder, the one holding .marginalia.yaml, even when one file is checked.
    const relationRoot = configPath ? path.dirname(configPath) : reader.rootOf(sidecarPath).path;
    if (report.read) checked.push({ sidecarPath, root: relationRoot, config, findings: report.report.findings, ...report.read });
  }
  await addRelationFindings(checked);
  const reviewBase = options.values.get('require-reviewed')?.at(-1);
  if (reviewBase !== undefined) reports.push(...(await addReviewFindings(reviewBase, paths, io.cwd, checked, io.git)));
  for (const report of reports) report.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const loaded of configs) {
    if (loaded.path && loaded.findings.length && !reports.some((r) => r.path === path.relative(io.cwd, loaded.path!))) {
      reports.push({ path: path.relative(io.cwd, loaded.path), findings: loaded.findings });
    }
  }
  reports.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const all = reports.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.length - errors;
  const disputes = all.filter((f) => f.code === 'disputed').length;
  const summary = { sidecars: sidecars.length, annotations: annotationCount, suggested: suggestedCount, errors, warnings, disputes };
  if (format === 'json') {
    io.stdout.write(JSON.stringify({ files: reports, summary }, null, 2) + '\n');
  } else if (format === 'github') {
    io.stdout.write(githubCommands(reports, summary));
  } else {
    for (const report of reports) {
      for (const f of report.findings) io.stdout.write(`${report.path}:${f.line}:${f.column}: ${f.severity}: ${f.message}\n`);
      for (const r of report.reanchored ?? []) {
        if (r.outcome === 'orphaned') continue; // reported as an error above
        const how = r.method === 'diff' && r.score === 1 ? 'by diff' : `by ${r.method}, score ${r.score.toFixed(2)}`;
        io.stdout.write(`${report.path}:${r.line}:3: ${r.outcome}: annotation ${r.id} (${r.label}) re-anchored ${how}\n`);
      }
      if (report.fixed) {
        const { moved, edited, orphaned } = report.fixed;
        io.stdout.write(`${report.path}: fixed: ${moved} re-anchored, ${edited} with edited text, ${orphaned} orphaned\n`);
      }
    }
    io.stdout.write(
      `${summary.sidecars} sidecar${summary.sidecars === 1 ? '' : 's'}, ${summary.annotations} annotation${summary.annotations === 1 ? '' : 's'}` +
        `${suggestedCount > 0 ? ` (${suggestedCount} suggested, not yet confirmed)` : ''}: ` +
        `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${disputesLeft(disputes)}\n`,
    );
  }
  return errors > 0 || (options.flags.has('strict') && warnings > 0) ? 1 : 0;
}

/**
 * The findings as GitHub Actions workflow commands, one annotation each on the sidecar's line, what
 * --fix re-anchored as notices, and the summary as a plain line of the log.
 */
function githubCommands(reports: readonly FileReport[], summary: { sidecars: number; annotations: number; errors: number; warnings: number; disputes: number }): string {
  const lines: string[] = [];
  for (const report of reports) {
    const file = report.path.split(path.sep).join('/');
    for (const f of report.findings) lines.push(workflowCommand(f.severity, { file, line: f.line, col: f.column, title: `marginalia: ${f.code}` }, f.message));
    for (const r of report.reanchored ?? []) {
      if (r.outcome === 'orphaned') continue;
      lines.push(workflowCommand('notice', { file, line: r.line, col: 3, title: `marginalia: ${r.outcome}` }, `annotation ${r.id} (${r.label}) re-anchored by ${r.method}`));
    }
  }
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  lines.push(`marginalia check: ${plural(summary.sidecars, 'sidecar')}, ${plural(summary.annotations, 'annotation')}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}${disputesLeft(summary.disputes)}`);
  return lines.join('\n') + '\n';
}

/** The end of the summary line for disputes left by `adjudicate` (nothing when there are none). */
function disputesLeft(disputes: number): string {
  return disputes === 0 ? '' : ` (${disputes} dispute${disputes === 1 ? '' : 's'} left to settle)`;
}

/**
 * The text the annotations were verified against, from git, when some of them that are not orphaned
 * no longer hold (otherwise there is nothing to diff for, and git is not asked).
 */
async function previousTextOf(annotations: Parameters<typeof findPreviousText>[0], text: string, documentPath: string, git: Git | undefined): Promise<string | undefined> {
  const index = new OffsetIndex(text);
  if (!annotations.some((a) => a.status !== 'orphaned' && !holds(a, index))) return undefined;
  return findPreviousText(annotations, text, gitVersions(documentPath, git));
}

async function checkSidecar(
  sidecarPath: string,
  reader: CorpusReader,
  config: Parameters<typeof checkLabels>[1],
  fix: boolean,
  files: ReplaceOps | undefined,
  git: Git | undefined,
): Promise<{ report: Omit<FileReport, 'path'>; annotations: number; suggested?: number; read?: Pick<CheckedSidecar, 'sidecar' | 'source' | 'recordLines'> }> {
  const loaded = await reader.load(sidecarPath);
  const { sidecar, recordLines, writable } = loaded.read;
  const findings = [...loaded.read.findings, ...loaded.findings];
  if (!sidecar) return { report: { findings }, annotations: 0 };
  findings.push(...checkLabels(sidecar, config, recordLines), ...disputeFindings(sidecar, recordLines));
  const suggested = sidecar.annotations.filter((a) => a.status === 'suggested');
  if (suggested.length > 0)
    findings.push({
      severity: 'warning',
      code: 'unconfirmed-suggestions',
      message: `${suggested.length} annotation${suggested.length === 1 ? ' is a suggestion' : 's are suggestions'} not yet confirmed (status: suggested); accept or reject ${suggested.length === 1 ? 'it' : 'them'} in the editor`,
      line: recordLines.get(suggested[0]!.id) ?? 1,
      column: 1,
    });
  const report: Omit<FileReport, 'path'> = { findings };
  if (loaded.text !== undefined) {
    const fixing = fix && writable;
    const previousText = fixing && loaded.documentPath ? await previousTextOf(sidecar.annotations, loaded.text, loaded.documentPath, git) : undefined;
    const checked = checkAnnotations(sidecar, loaded.text, recordLines, fixing, { previousText });
    findings.push(...checked.findings);
    if (checked.fixed) {
      const written = await writeFileIfUnchanged(loaded.sidecarRealPath ?? sidecarPath, loaded.sidecarSource, writeSidecar(checked.fixed, loaded.sidecarSource), files).catch((error: unknown) => {
        if (error instanceof WriteFailedError) return error;
        throw error;
      });
      if (written instanceof WriteFailedError) {
        findings.push({ severity: 'error', code: 'write-failed', message: `${written.message}, unfixed`, line: 1, column: 1 });
      } else if (written) {
        const count = (outcome: string) => checked.outcomes.filter((o) => o.outcome === outcome).length;
        report.fixed = { moved: count('moved'), edited: count('edited'), orphaned: count('orphaned') };
        report.reanchored = checked.outcomes.flatMap(({ annotation: a, outcome, method, score }) =>
          outcome === 'held' ? [] : [{ id: a.id, label: a.label, line: recordLines.get(a.id) ?? 1, outcome, method, score }],
        );
      } else {
        findings.push({
          severity: 'error',
          code: 'changed-while-fixing',
          message: 'the sidecar changed on disk while it was checked (another writer, such as the editor, saved it); it was not fixed: run `marginalia check --fix` again',
          line: 1,
          column: 1,
        });
      }
    }
  }
  // Relations are checked on what the file holds: a fix above re-anchors spans, and ids stay.
  return { report, annotations: sidecar.annotations.length, suggested: suggested.length, read: { sidecar, source: loaded.sidecarSource, recordLines } };
}
