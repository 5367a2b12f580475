import { measureAgreement } from '../../core/agreement/agreement';
import { renderAgreementMarkdown } from '../../core/agreement/render';
import { diffAnnotations, renderDiffMarkdown, type NotCompared } from '../../core/diff';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { comparableDocuments, describeUnreadable, readVersions, type Version } from '../versions';

export const DIFF_USAGE = `usage: marginalia diff OLD NEW [PATH...] [--json] [--agree B]

Compares the annotations of two versions and prints Markdown for a pull-request comment: per
document, annotations added, removed, relabelled, re-anchored, text-changed, orphaned and edited,
with their text quoted and a few words of the document around them, then totals per label. OLD
and NEW are each a folder or a git revision (main, HEAD~1, a commit) of the repository holding the
working folder; documents are named by their path from the folder or the repository root. Records of an id that a document uses more than
once are never paired by id: identical ones are unchanged, the others added, removed or ambiguous,
and the ids are named in a warning. PATH limits the comparison to the sidecars of
those files and folders (relative to the working folder for revisions, to OLD and NEW for folders).
Sidecars that .marginaliaignore leaves out are not compared, unless a PATH names them.
  --json      print the comparison as JSON instead
  --agree B   append the agreement between NEW and B (another annotator's branch or folder), as
              \`marginalia agree NEW B\` prints it: one comment for the pull request
Exit status: 0 compared, 1 a sidecar could not be read, 2 usage error.
`;

/**
 * `marginalia diff`: summarise annotation changes between two versions.
 * @param args the arguments after `diff`
 * @param io output streams and working folder
 */
export async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'], values: ['agree'] });
  if (wroteHelp(options, DIFF_USAGE, io.stdout)) return 0;
  if (options.positional.length < 2) throw new UsageError('give two versions: OLD and NEW');
  const [oldName, newName, ...limits] = options.positional as [string, string, ...string[]];
  const json = options.flags.has('json');
  const agreeWith = options.values.get('agree')?.at(-1);
  if (json && agreeWith !== undefined) throw new UsageError('--agree adds to the Markdown comment; for JSON run `marginalia agree NEW B --json`');
  // The Markdown quotes words around each change from the documents; JSON has no use for them.
  const texts = { texts: !json, git: io.git };
  const [before, after, other] = (await readVersions(agreeWith === undefined ? [oldName, newName] : [oldName, newName, agreeWith], limits, io.cwd, texts)) as [Version, Version, Version?];
  const found = (v: Version): number => v.documents.length + v.unreadable.length;
  if (limits.length > 0 && found(before) + found(after) === 0) throw new UsageError(`no sidecar in ${oldName} or ${newName} under ${limits.join(', ')}`);
  const unreadable = [...before.unreadable, ...after.unreadable, ...(other?.unreadable ?? [])];
  for (const file of unreadable) io.stderr.write(`marginalia diff: warning: ${describeUnreadable(file)} cannot be read; left out\n`);
  // A sidecar unreadable on one side says nothing of what changed: compared as empty, its records would all read as added or removed.
  const notCompared: NotCompared[] = [
    ...before.unreadable.map((u) => ({ sidecar: u.sidecar, version: oldName })),
    ...after.unreadable.map((u) => ({ sidecar: u.sidecar, version: newName })),
  ];
  const [old, current] = comparableDocuments([before, after]) as [Version['documents'], Version['documents']];
  const diff = diffAnnotations(old, current);
  if (json) io.stdout.write(JSON.stringify({ ...diff, unreadable: notCompared }, null, 2) + '\n');
  else {
    io.stdout.write(renderDiffMarkdown(diff, oldName, newName, { before: old, after: current }, notCompared));
    if (other) {
      // As `agree NEW B` measures it: a sidecar either side cannot read is left out of both.
      const [mine, theirs] = comparableDocuments([after, other]) as [Version['documents'], Version['documents']];
      io.stdout.write('\n' + renderAgreementMarkdown(measureAgreement(mine, theirs), newName, agreeWith!));
    }
  }
  return unreadable.length > 0 ? 1 : 0;
}
