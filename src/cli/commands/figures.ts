import { findFigureGroups } from '../../core/figures/conflicts';
import { FIGURE_LABEL, readFigures } from '../../core/figures/figures';
import { renderFigures, renderGroups } from '../../core/sources/render';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { readSources } from './sources-input';

export const FIGURES_USAGE = `usage: marginalia figures [PATH...] [--json] [--label NAME]

Lists the figures of every sidecar under PATH (files or folders, default .), each read into a value,
a unit and the interval its words allow ("more than 13,000 people": above 13,000). See docs/sources.md.
  --json         print {"figures":[{file, line, id, text, value, low, high, unit, entity, ...}]}
  --label NAME   the label of figures (default: figure)
Exit status: 0 listed, 1 a sidecar could not be read, 2 usage error.
`;

export const CONFLICTS_USAGE = `usage: marginalia conflicts [PATH...] [--json] [--strict] [--label NAME]

Groups the figures of every sidecar under PATH (files or folders, default .) that count the same
thing (one entity, or one subject attribute, and one unit) and says which groups hold figures that
cannot all be true, with each figure's document, line and outlet. See docs/sources.md.
  --json         print {"groups":[{key, unit, conflict, figures:[...]}]}
  --strict       exit 1 when a group is in conflict (for CI)
  --label NAME   the label of figures (default: figure)
Exit status: 0 done, 1 a sidecar could not be read (or, with --strict, a conflict), 2 usage error.
`;

/**
 * `marginalia figures`: list figures read.
 * @param args the arguments after `figures`
 * @param io output streams and working folder
 */
export async function figuresCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'], values: ['label'] });
  if (wroteHelp(options, FIGURES_USAGE, io.stdout)) return 0;
  const label = singleLabel(options.values.get('label'));
  const { placed, unreadable } = await readSources('figures', options.positional, new Set([label]), io);
  const figures = readFigures(placed, label);
  io.stdout.write(options.flags.has('json') ? JSON.stringify({ figures }, null, 2) + '\n' : renderFigures(figures));
  return unreadable > 0 ? 1 : 0;
}

/**
 * `marginalia conflicts`: figures of one quantity that disagree.
 * @param args the arguments after `conflicts`
 * @param io output streams and working folder
 */
export async function conflictsCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'strict', 'help'], values: ['label'] });
  if (wroteHelp(options, CONFLICTS_USAGE, io.stdout)) return 0;
  const label = singleLabel(options.values.get('label'));
  const { placed, unreadable } = await readSources('conflicts', options.positional, new Set([label]), io);
  const figures = readFigures(placed, label);
  const groups = findFigureGroups(figures);
  io.stdout.write(options.flags.has('json') ? JSON.stringify({ groups }, null, 2) + '\n' : renderGroups(groups));
  // A figure whose number could not be read takes part in no group: with --strict, a conflict it would
  // show must not pass unseen, so each is named.
  for (const f of figures.filter((f) => f.value === null)) {
    io.stderr.write(`marginalia conflicts: warning: ${f.file}${f.line === null ? '' : `:${f.line}`}: figure ${f.id} ${JSON.stringify(f.text)} has no number that could be read; it is not compared (set its value attribute)\n`);
  }
  if (unreadable > 0) return 1;
  return options.flags.has('strict') && groups.some((g) => g.conflict) ? 1 : 0;
}

function singleLabel(given: string[] | undefined): string {
  if (given && given.length > 1) throw new UsageError('--label may be given once');
  return given?.[0] ?? FIGURE_LABEL;
}
