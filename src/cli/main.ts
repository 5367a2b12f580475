import { run } from './run';

run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const io = error as NodeJS.ErrnoException;
    if (io && typeof io.code === 'string' && typeof io.path === 'string') {
      // A file the command had to read or write: say which, and that nothing was half-written.
      process.stderr.write(`marginalia: ${io.path}: ${io.message}; files already on disk were left as they were\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`marginalia: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
