import { clusterQuotes, QUOTE_LABEL } from '../../core/quotes/clusters';
import { renderClusters } from '../../core/sources/render';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { readSources } from './sources-input';

export const QUOTES_USAGE = `usage: marginalia quotes [PATH...] [--json] [--label NAME]

Finds the quotations printed more than once among the sidecars under PATH (files or folders, default
.): prints that are the same words once quote and dash styles, case, spacing, ellipses and bracketed
insertions are set aside, or one a cut of the other; and says when their speakers differ.
See docs/sources.md.
  --json         print {"clusters":[{key, speakers_agree, entity, members:[{file, line, id, text, speaker, entity, outlet}]}]}
  --label NAME   the label of quotes (default: quote)
Exit status: 0 done, 1 a sidecar could not be read, 2 usage error.
`;

/**
 * `marginalia quotes`: one quotation, many prints.
 * @param args the arguments after `quotes`
 * @param io output streams and working folder
 */
export async function quotesCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'], values: ['label'] });
  if (wroteHelp(options, QUOTES_USAGE, io.stdout)) return 0;
  const labels = options.values.get('label');
  if (labels && labels.length > 1) throw new UsageError('--label may be given once');
  const label = labels?.[0] ?? QUOTE_LABEL;
  const { placed, unreadable } = await readSources('quotes', options.positional, new Set([label]), io);
  const clusters = clusterQuotes(placed, label);
  io.stdout.write(options.flags.has('json') ? JSON.stringify({ clusters }, null, 2) + '\n' : renderClusters(clusters));
  return unreadable > 0 ? 1 : 0;
}
