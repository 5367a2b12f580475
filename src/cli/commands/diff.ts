import { diffAnnotations, renderDiffMarkdown } from '../../core/diff';
import type { CliIO } from '../run';
import { parseOptions, UsageError } from '../options';
import { readVersion, type Version } from '../versions';

export const DIFF_USAGE = `usage: marginalia diff OLD NEW [PATH...] [--json]

Compares the annotations of two versions and prints Markdown for a pull-request comment: per
document, annotations added, removed, relabelled, re-anchored, text-changed, orphaned and edited,
with their text quoted, then totals per label. OLD and NEW are each a folder or a git revision
(main, HEAD~1, a commit) of the repository holding the working folder; documents are named by
their path from the folder or the repository root. Records of an id that a document uses more than
once are never paired by id: identical ones are unchanged, the others added, removed or ambiguous,
and the ids are named in a warning. PATH limits the comparison to the sidecars of
those files and folders (relative to the working folder for revisions, to OLD and NEW for folders).
Sidecars that .marginaliaignore leaves out are not compared, unless a PATH names them.
  --json   print the comparison as JSON instead
Exit status: 0 compared, 1 a sidecar could not be read, 2 usage error.
`;

/**
 * `marginalia diff`: summarise annotation changes between two versions.
 * @param args the arguments after `diff`
 * @param io output streams and working folder
 */
export async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'] });
  if (options.flags.has('help')) {
    io.stdout.write(DIFF_USAGE);
    return 0;
  }
  if (options.positional.length < 2) throw new UsageError('give two versions: OLD and NEW');
  const [oldName, newName, ...limits] = options.positional as [string, string, ...string[]];
  const [before, after] = [await readVersion(oldName, limits, io.cwd), await readVersion(newName, limits, io.cwd)];
  const found = (v: Version): number => v.documents.length + v.unreadable.length;
  if (limits.length > 0 && found(before) + found(after) === 0) throw new UsageError(`no sidecar in ${oldName} or ${newName} under ${limits.join(', ')}`);
  for (const file of [...before.unreadable, ...after.unreadable]) io.stderr.write(`marginalia diff: warning: ${file} cannot be read; left out\n`);
  const diff = diffAnnotations(before.documents, after.documents);
  io.stdout.write(options.flags.has('json') ? JSON.stringify(diff, null, 2) + '\n' : renderDiffMarkdown(diff, oldName, newName));
  return before.unreadable.length + after.unreadable.length > 0 ? 1 : 0;
}
