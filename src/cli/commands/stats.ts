import * as path from 'node:path';
import { CorpusReader, findSidecars, loadLabelConfig } from '../../core/io/files';
import { describeRefusal } from '../../core/io/inside';
import { computeStats, renderStats, type StatsDocument } from '../../core/stats';
import { readSidecar } from '../../core/sidecar/read';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { shownPath } from '../shown-path';

export const STATS_USAGE = `usage: marginalia stats [PATH...] [--json]

Counts the annotations of every sidecar under PATH (files or folders, default .): per label, per
document, per author, and the entities (same label and entity, or the same text) found in more than
one document.
  --json   print the counts as JSON
Exit status: 0 counted, 1 a sidecar could not be read, 2 usage error.
`;

/**
 * `marginalia stats`: count annotations.
 * @param args the arguments after `stats`
 * @param io output streams and working folder
 */
export async function statsCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'] });
  if (wroteHelp(options, STATS_USAGE, io.stdout)) return 0;
  const given = options.positional.length ? options.positional : ['.'];
  const sidecars = await findSidecars(given, io.cwd).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${error.path ?? 'a path'}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  const documents: StatsDocument[] = [];
  let unreadable = 0;
  const reader = new CorpusReader(given, io.cwd);
  for (const sidecarPath of sidecars) {
    const shown = shownPath(io.cwd, sidecarPath);
    const source = await reader.readText(sidecarPath);
    if (source.refusal) {
      unreadable++;
      io.stderr.write(`marginalia stats: warning: ${shown} ${describeRefusal(source.refusal)}; not counted\n`);
      continue;
    }
    const { sidecar } = readSidecar(source.text);
    if (!sidecar) {
      unreadable++;
      io.stderr.write(`marginalia stats: warning: ${shown} cannot be read ('marginalia check' says why); not counted\n`);
      continue;
    }
    documents.push({ document: shownPath(io.cwd, path.resolve(path.dirname(sidecarPath), sidecar.document)), annotations: sidecar.annotations });
  }
  const { config } = await loadLabelConfig(io.cwd);
  const stats = computeStats(
    documents,
    config.labels.map((l) => l.id),
  );
  io.stdout.write(options.flags.has('json') ? JSON.stringify(stats, null, 2) + '\n' : renderStats(stats));
  return unreadable > 0 ? 1 : 0;
}
