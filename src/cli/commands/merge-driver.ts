import { readFile } from 'node:fs/promises';
import { mergeSidecars, wholeFileConflict } from '../../core/git-merge';
import { writeFileAtomic } from '../../core/io/atomic-write';
import { decodeSidecar, encodeSidecar } from '../../core/sidecar/decode';
import { readSidecar } from '../../core/sidecar/read';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';

export const MERGE_DRIVER_USAGE = `usage: marginalia merge-driver BASE OURS THEIRS [PATH]

A git merge driver for sidecars: merges by annotation id and writes the result into OURS.
Exit status 0 when merged cleanly, 1 when conflicts were written (git then marks the file conflicted).
Set it up once per clone:
  git config merge.marginalia.name "Marginalia sidecar merge"
  git config merge.marginalia.driver "npx marginalia merge-driver %O %A %B %P"
and in .gitattributes:
  *.annotations.yaml merge=marginalia
`;

/**
 * `marginalia merge-driver %O %A %B [%P]`: three-way merge of a sidecar for git.
 * @param args base, ours and theirs file paths, and optionally the path git shows for the file
 * @param io output streams and working folder
 */
export async function mergeDriverCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['help'] });
  if (wroteHelp(options, MERGE_DRIVER_USAGE, io.stdout)) return 0;
  const [basePath, oursPath, theirsPath, shownPath] = options.positional;
  if (!basePath || !oursPath || !theirsPath || options.positional.length > 4) throw new UsageError('needs BASE, OURS and THEIRS files');
  const [baseText, oursText, theirsText] = (await Promise.all([basePath, oursPath, theirsPath].map((p) => readFile(p)))).map(decodeSidecar);
  const name = shownPath ?? oursPath;
  const [base, ours, theirs] = [baseText!, oursText!, theirsText!].map((t) => readSidecar(t));
  if (!ours!.sidecar || !theirs!.sidecar || !ours!.writable || !theirs!.writable || (baseText !== '' && !base!.sidecar)) {
    // encodeSidecar: a version that is not UTF-8 is written back byte for byte.
    writeFileAtomic(oursPath, encodeSidecar(wholeFileConflict(oursText!, theirsText!)), {}, io.files);
    io.stderr.write(`marginalia merge-driver: ${name}: a version is not a readable sidecar; both versions were kept between conflict markers\n`);
    return 1;
  }
  const merged = mergeSidecars(base!.sidecar, ours!.sidecar, oursText!, theirs!.sidecar);
  writeFileAtomic(oursPath, merged.text, {}, io.files);
  if (merged.conflicts.length === 0) return 0;
  io.stderr.write(
    `marginalia merge-driver: ${name}: ${merged.conflicts.length} annotation(s) changed differently on both sides (${merged.conflicts.map((c) => c.id).join(', ')}); ` +
      'both versions are kept between conflict markers: keep one of each and run `marginalia check`\n',
  );
  return 1;
}
