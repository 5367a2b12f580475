import { WriteFailedError } from '../core/io/atomic-write';
import type { ReplaceOps } from '../core/io/files';
import { Git } from '../core/io/git';
import { version } from '../../package.json';
import { UsageError } from './options';
import { closestName } from './suggest';

/** Where the CLI writes and which folder relative paths start from; tests pass their own. */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  /** The file operations writes go through (default: node's); tests pass failing ones (a full disk). */
  files?: ReplaceOps;
  /** The git that commands run (default: `git` on the PATH), one per run; tests pass a wrapper. */
  git?: Git;
}

/** A command's code: its function and its usage text. */
type CommandModule = { run: (args: string[], io: CliIO) => Promise<number>; usage: string };

/**
 * A subcommand. Its module is loaded only when it runs: each command needs different libraries
 * (YAML parsers, Markdown, exporters), and a CLI process pays for every module it evaluates.
 */
type Command = { load: () => Promise<CommandModule>; summary: string };

const COMMANDS: Record<string, Command> = {
  check: { load: () => import('./commands/check.js').then((m) => ({ run: m.checkCommand, usage: m.CHECK_USAGE })), summary: 'verify sidecars against their documents; --fix re-anchors' },
  'merge-driver': { load: () => import('./commands/merge-driver.js').then((m) => ({ run: m.mergeDriverCommand, usage: m.MERGE_DRIVER_USAGE })), summary: 'three-way merge of a sidecar, for git' },
  export: { load: () => import('./commands/export.js').then((m) => ({ run: m.exportCommand, usage: m.EXPORT_USAGE })), summary: 'write annotations as doccano, prodigy, brat, w3c, csv or labelstudio' },
  import: { load: () => import('./commands/import.js').then((m) => ({ run: m.importCommand, usage: m.IMPORT_USAGE })), summary: 'merge brat, doccano, labelstudio, prodigy or w3c annotations into sidecars' },
  diff: { load: () => import('./commands/diff.js').then((m) => ({ run: m.diffCommand, usage: m.DIFF_USAGE })), summary: 'Markdown summary of annotation changes between two revisions or folders' },
  agree: { load: () => import('./commands/agree.js').then((m) => ({ run: m.agreeCommand, usage: m.AGREE_USAGE })), summary: 'agreement between two annotators: F1, overlap F1, kappa per label' },
  adjudicate: { load: () => import('./commands/adjudicate.js').then((m) => ({ run: m.adjudicateCommand, usage: m.ADJUDICATE_USAGE })), summary: 'merge two annotators\' versions, keeping disagreements as disputes to settle' },
  figures: { load: () => import('./commands/figures.js').then((m) => ({ run: m.figuresCommand, usage: m.FIGURES_USAGE })), summary: 'figures read into value, unit and interval' },
  conflicts: { load: () => import('./commands/figures.js').then((m) => ({ run: m.conflictsCommand, usage: m.CONFLICTS_USAGE })), summary: 'figures of one quantity that sources disagree on; --strict fails on any' },
  quotes: { load: () => import('./commands/quotes.js').then((m) => ({ run: m.quotesCommand, usage: m.QUOTES_USAGE })), summary: 'the same quotation printed in several documents, and its speakers' },
  suggest: { load: () => import('./commands/suggest.js').then((m) => ({ run: m.suggestCommand, usage: m.SUGGEST_USAGE })), summary: 'suggest quotes, figures and claims for documents; --apply adds them as suggested' },
  stats: { load: () => import('./commands/stats.js').then((m) => ({ run: m.statsCommand, usage: m.STATS_USAGE })), summary: 'counts per label, document and author; entities shared by documents' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: marginalia <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'marginalia <command> --help' for a command's options, 'marginalia --version' for the version.\n`;
}

/**
 * Run the CLI with the given arguments.
 * @param argv arguments after the program name
 * @param io streams and working folder
 * @returns the process exit code: 0 clean, 1 problems, 2 usage error
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const suggestion = closestName(name, Object.keys(COMMANDS));
    io.stderr.write(`marginalia: unknown command '${name}'${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`}\n\n${usage()}`);
    return 2;
  }
  const loaded = await command.load();
  try {
    // One git for the whole run: which repository holds a folder is asked once.
    return await loaded.run(args, { ...io, git: io.git ?? new Git() });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`marginalia ${name}: ${error.message}\n\n${loaded.usage}`);
      return 2;
    }
    if (error instanceof WriteFailedError) {
      io.stderr.write(`marginalia ${name}: error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
