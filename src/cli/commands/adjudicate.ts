import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { adjudicate, type AdjudicatedDocument } from '../../core/agreement/adjudicate';
import { WriteFailedError, writeFileAtomic, type AtomicWriteOps } from '../../core/io/atomic-write';
import { describeRefusal, isWithin, readInside, resolveInside } from '../../core/io/inside';
import { FORMAT_VERSION } from '../../core/model';
import { sidecarPathFor } from '../../core/paths';
import { writeSidecar } from '../../core/sidecar/write';
import { normalizeText } from '../../core/text';
import { decodeDocument } from '../../core/document-bytes';
import type { CliIO } from '../run';
import { parseOptions, UsageError, wroteHelp } from '../options';
import { shownPath } from '../shown-path';
import { readVersion, type Version } from '../versions';

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
  const a = await readVersion(nameA, limits, io.cwd, { texts: true });
  const b = await readVersion(nameB, limits, io.cwd, { texts: true });
  await refuseOverlap(dir, [a, b], [nameA, nameB]);
  const unreadable = [...a.unreadable, ...b.unreadable];
  for (const file of unreadable) io.stderr.write(`marginalia adjudicate: warning: ${file} cannot be read; left out\n`);
  const result = adjudicate(a.documents, b.documents, { a: nameA, b: nameB });
  const existing = result.adjudicated.map((d) => sidecarPathFor(d.document)).filter((sidecar) => existsSync(path.join(dir, ...sidecar.split('/'))));
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

/** Refuse a DIR inside a folder read (its sidecars would be overwritten, or read back next time) or holding one. */
async function refuseOverlap(dir: string, versions: readonly Version[], names: readonly string[]): Promise<void> {
  const realDir = await fs.realpath(dir).catch(() => dir);
  for (const [i, version] of versions.entries()) {
    if (version.isRevision) continue;
    const root = await fs.realpath(version.root).catch(() => version.root);
    if (isWithin(root, realDir) || isWithin(realDir, root)) {
      throw new UsageError(`--into ${dir} overlaps the folder ${names[i]} that is read: write into a folder outside both versions`);
    }
  }
}

/**
 * Write one document's sidecar into DIR, and the document when DIR does not hold it yet; every file
 * must land inside DIR, through links included.
 * @param files the file operations writes go through (tests pass failing ones)
 * @returns why it could not be written, or undefined
 */
async function writeAdjudicated(dir: string, document: AdjudicatedDocument, files: AtomicWriteOps | undefined): Promise<string | undefined> {
  const documentPath = path.join(dir, ...document.document.split('/'));
  const sidecarPath = path.join(dir, ...sidecarPathFor(document.document).split('/'));
  // The nearest folder that exists must lie inside DIR before any folder is made below it: a link
  // in DIR to elsewhere would have the folders made there.
  let existing = path.dirname(documentPath);
  while (!existsSync(existing) && isWithin(dir, path.dirname(existing)) && existing !== dir) existing = path.dirname(existing);
  const folder = await resolveInside(existing, dir);
  if (folder.refusal) return `its folder ${existing} ${describeRefusal(folder.refusal)}`;
  mkdirSync(path.dirname(documentPath), { recursive: true });
  const present = await readInside(documentPath, dir);
  if (present.refusal?.kind === 'missing') writeFileAtomic(documentPath, document.text, {}, files);
  else if (present.refusal) return `${documentPath} ${describeRefusal(present.refusal)}`;
  else {
    const decoded = decodeDocument(present.bytes);
    if (decoded.text === undefined || normalizeText(decoded.text) !== document.text) return `${documentPath} is already there with another text, which the annotations do not fit`;
  }
  const sidecar = { version: FORMAT_VERSION, document: path.posix.basename(document.document), settled: document.disputed === 0, annotations: document.annotations };
  // A sidecar that appeared since the check above is not replaced.
  const written = writeFileAtomic(sidecarPath, writeSidecar(sidecar), { mayReplace: () => !existsSync(sidecarPath) }, files);
  return written === undefined ? `${sidecarPath} appeared while it was written` : undefined;
}
