/** Where the CLI writes and which folder relative paths start from; tests pass their own. */
export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

const USAGE = `usage: marginalia <command> [options]

commands:
  check [--fix] [--json] [PATH...]   verify every sidecar under PATH (default .)
`;

/**
 * Run the CLI with the given arguments.
 * @param argv arguments after the program name
 * @param io streams and working folder
 * @returns the process exit code: 0 clean, 1 problems, 2 usage error
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  io.stderr.write(`marginalia: unknown command '${command}'\n\n${USAGE}`);
  return 2;
}
