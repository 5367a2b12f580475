import { measureAgreement, type SideDocument } from '../../core/agreement/agreement';
import { renderAgreementMarkdown } from '../../core/agreement/render';
import type { CliIO } from '../run';
import { chosenFormat, parseOptions, UsageError, wroteHelp } from '../options';
import { comparableDocuments, describeUnreadable, readVersion, readVersions, type Version } from '../versions';

export const AGREE_USAGE = `usage: marginalia agree A B [PATH...] [--json | --format markdown|json]
       marginalia agree --author X --author Y [PATH...] [--json | --format markdown|json]

Measures how well two annotators agree: per label and overall, exact F1 (same start and end),
overlap F1 (overlapping spans paired one to one, the largest overlap first), Cohen's kappa over the
code points of the documents ("inside a span of this label" on each side; overall, the mean over
labels), and for spans paired by overlap, the share of equal values per attribute. A and B are each
a folder or a git revision (an annotator's branch) of the repository holding the working folder;
with --author, the records of two authors in the working folder are compared instead. A document
is compared when both sides annotated it and its text is the same on both; the others, orphaned
records and records no longer on their text are left out and listed. PATH limits the comparison
to those files and folders. See docs/agreement.md.
  --author NAME     an author to compare (give it twice)
  --json            print the figures as JSON (the same as --format json)
  --format F        markdown (default), for a pull-request comment, or json
Exit status: 0 compared, 1 a sidecar could not be read, 2 usage error.
`;

/**
 * `marginalia agree`: agreement between two annotators.
 * @param args the arguments after `agree`
 * @param io output streams and working folder
 */
export async function agreeCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'], values: ['author', 'format'] });
  if (wroteHelp(options, AGREE_USAGE, io.stdout)) return 0;
  const format = chosenFormat(options, ['markdown', 'json']);
  const authors = options.values.get('author') ?? [];
  let sides: { a: SideDocument[]; b: SideDocument[]; nameA: string; nameB: string; unreadable: string[] };
  if (authors.length > 0) {
    if (authors.length !== 2) throw new UsageError('give --author twice: the two authors to compare');
    const [x, y] = authors as [string, string];
    const tree = await readVersion('.', options.positional, io.cwd, { texts: true, git: io.git });
    sides = { a: byAuthor(tree, x), b: byAuthor(tree, y), nameA: x, nameB: y, unreadable: tree.unreadable.map(describeUnreadable) };
    // A misspelt author would otherwise measure against nothing and exit 0.
    const absent = [x, y].filter((_, i) => (i === 0 ? sides.a : sides.b).length === 0);
    if (absent.length > 0) throw new UsageError(`no annotation by ${absent.map((a) => `'${a}'`).join(' or ')} in the sidecars read (authors are matched exactly)`);
  } else {
    if (options.positional.length < 2) throw new UsageError('give two versions to compare, A and B, or two authors with --author X --author Y');
    const [nameA, nameB, ...limits] = options.positional as [string, string, ...string[]];
    const [a, b] = (await readVersions([nameA, nameB], limits, io.cwd, { texts: true, git: io.git })) as [Version, Version];
    if (limits.length > 0 && a.documents.length + b.documents.length + a.unreadable.length + b.unreadable.length === 0) {
      throw new UsageError(`no sidecar in ${nameA} or ${nameB} under ${limits.join(', ')}`);
    }
    const [documentsA, documentsB] = comparableDocuments([a, b]) as [Version['documents'], Version['documents']];
    sides = { a: documentsA, b: documentsB, nameA, nameB, unreadable: [...a.unreadable, ...b.unreadable].map(describeUnreadable) };
  }
  for (const file of sides.unreadable) io.stderr.write(`marginalia agree: warning: ${file} cannot be read; left out\n`);
  const report = measureAgreement(sides.a, sides.b);
  io.stdout.write(format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderAgreementMarkdown(report, sides.nameA, sides.nameB));
  return sides.unreadable.length > 0 ? 1 : 0;
}

/** The documents one author annotated in a tree, with that author's records only. */
function byAuthor(tree: Version, author: string): SideDocument[] {
  return tree.documents.flatMap((d) => {
    const annotations = d.annotations.filter((a) => a.author === author);
    return annotations.length === 0 ? [] : [{ document: d.document, annotations, text: d.text }];
  });
}
