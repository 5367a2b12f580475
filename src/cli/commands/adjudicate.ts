import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { adjudicate } from '../../core/agreement/adjudicate';
import { existingSidecars, overlapRefusal, writeAdjudicated } from '../../core/agreement/write-adjudication';
import { WriteFailedError } from '../../core/io/atomic-write';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { shownPath } from '../shown-path';
import { comparableDocuments, describeUnreadable, readVersions, type Version } from '../versions';

export const ADJUDICATE_USAGE = `usage: marginalia adjudicate A B [PATH...] --into DIR

Merges two annotators' versions of the same documents into DIR for a curator to settle: records both
sides agree on (same label, offsets, text, entity, attributes and note) are kept once; every other
record is kept once per side with a dispute naming its side (A or B), who said so, and the other
side's record it disagrees with (overlapping spans, the same label first). A document without
disagreement gets the header settled: true. A and B are each a folder or a git revision, as for
\`marginalia agree\`; PATH limits the documents. DIR gets each sidecar, and each document that it
does not hold yet; DIR must not be inside A or B (nor hold them), and no sidecar in DIR is
overwritten. Documents only one side annotated, or whose text differs between the sides, are not
adjudicated and are listed. \`marginalia check DIR\` then counts the disputes left. See
docs/agreement.md.
  --into DIR   the folder to write into (made if missing)
Exit status: 0 adjudicated, 1 a document could not be adjudicated or written, 2 usage error.
`;

/**
 * `marginalia adjudicate`: merge two versions, keeping disagreements as disputes.
 * @param args the arguments after `adjudicate`
 * @param io output streams and working folder
 */
export async function adjudicateCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['help'], values: ['into'] });
  if (wroteHelp(options, ADJUDICATE_USAGE, io.stdout)) return 0;
  if (options.positional.length < 2) throw new UsageError('give the two versions to adjudicate, A and B');
  const into = options.values.get('into')?.at(-1);
  if (into === undefined) throw new UsageError('give the folder to write into: --into DIR');
  const [nameA, nameB, ...limits] = options.positional as [string, string, ...string[]];
  const dir = path.resolve(io.cwd, into);
  const [a, b] = (await readVersions([nameA, nameB], limits, io.cwd, { texts: true, git: io.git })) as [Version, Version];
  const overlap = await overlapRefusal(dir, [a, b].flatMap((v, i) => (v.isRevision ? [] : [{ root: v.root, name: [nameA, nameB][i]! }])));
  if (overlap !== undefined) throw new UsageError(`--into ${overlap}`);
  const unreadable = [...a.unreadable, ...b.unreadable].map(describeUnreadable);
  for (const file of unreadable) io.stderr.write(`marginalia adjudicate: warning: ${file} cannot be read; left out\n`);
  const [documentsA, documentsB] = comparableDocuments([a, b]) as [Version['documents'], Version['documents']];
  const result = adjudicate(documentsA, documentsB, { a: nameA, b: nameB });
  const existing = existingSidecars(dir, result.adjudicated);
  if (existing.length > 0) {
    throw new UsageError(`${shownPath(io.cwd, dir)} already holds ${existing.length === 1 ? 'a sidecar' : 'sidecars'} that adjudication would overwrite: ${existing.slice(0, 5).join(', ')}${existing.length > 5 ? ', …' : ''}; choose an empty folder`);
  }
  mkdirSync(dir, { recursive: true });
  let failed = unreadable.length;
  for (const document of result.adjudicated) {
    const problem = await writeAdjudicated(dir, document, io.files).catch((error: unknown) => {
      // A failed write (a full disk) is named and the next document still written.
      if (error instanceof WriteFailedError) return error.message;
      throw error;
    });
    if (problem !== undefined) {
      io.stderr.write(`marginalia adjudicate: error: ${document.document}: ${problem}; its sidecar was not written\n`);
      failed++;
      continue;
    }
    io.stdout.write(`${document.document}: ${document.disputed === 0 ? `settled, ${document.agreed} agreed` : `${document.agreed} agreed, ${document.disputed} disputed`}\n`);
  }
  const left = (documents: readonly string[], why: string): void => {
    for (const document of documents) io.stdout.write(`${document}: not adjudicated: ${why}\n`);
  };
  left(result.onlyInA, `annotated in ${nameA} only`);
  left(result.onlyInB, `annotated in ${nameB} only`);
  left(result.textDiffers, 'its text differs between the two versions');
  left(result.textMissing, 'its text could not be read in both versions');
  failed += result.textDiffers.length + result.textMissing.length;
  const settled = result.adjudicated.filter((d) => d.disputed === 0).length;
  const disputes = result.adjudicated.reduce((n, d) => n + d.disputed, 0);
  io.stdout.write(
    `${result.adjudicated.length} document${result.adjudicated.length === 1 ? '' : 's'} adjudicated into ${shownPath(io.cwd, dir)}: ${settled} settled, ` +
      `${result.adjudicated.length - settled} with disputes (${disputes} disputed record${disputes === 1 ? '' : 's'})\n`,
  );
  return failed > 0 ? 1 : 0;
}

