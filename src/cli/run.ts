import { checkCommand, CHECK_USAGE } from './commands/check';
import { mergeDriverCommand, MERGE_DRIVER_USAGE } from './commands/merge-driver';
import { diffCommand, DIFF_USAGE } from './commands/diff';
import { exportCommand, EXPORT_USAGE } from './commands/export';
import { importCommand, IMPORT_USAGE } from './commands/import';
import { statsCommand, STATS_USAGE } from './commands/stats';
import { UsageError } from './options';

/** Where the CLI writes and which folder relative paths start from; tests pass their own. */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

/** A subcommand: runs with the arguments after its name and returns the exit code. */
type Command = { run: (args: string[], io: CliIO) => Promise<number>; usage: string; summary: string };

const COMMANDS: Record<string, Command> = {
  check: { run: checkCommand, usage: CHECK_USAGE, summary: 'verify sidecars against their documents; --fix re-anchors' },
  'merge-driver': { run: mergeDriverCommand, usage: MERGE_DRIVER_USAGE, summary: 'three-way merge of a sidecar, for git' },
  export: { run: exportCommand, usage: EXPORT_USAGE, summary: 'write annotations as doccano, prodigy, brat, w3c, csv or labelstudio' },
  import: { run: importCommand, usage: IMPORT_USAGE, summary: 'merge brat, doccano, prodigy or w3c annotations into sidecars' },
  diff: { run: diffCommand, usage: DIFF_USAGE, summary: 'Markdown summary of annotation changes between two revisions or folders' },
  stats: { run: statsCommand, usage: STATS_USAGE, summary: 'counts per label, document and author; entities shared by documents' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: marginalia <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'marginalia <command> --help' for a command's options.\n`;
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
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`marginalia: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`marginalia ${name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}
