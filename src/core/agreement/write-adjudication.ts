/**
 * Writing an adjudication into a folder, for `marginalia adjudicate --into DIR` and the editor's
 * "Adjudicate Two Versions…": each sidecar beside its document, the document written too when the
 * folder does not hold it yet, every file inside the folder through links included and written
 * atomically. What must be refused before anything is written is here too.
 */
import { existsSync, mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeDocument } from '../document-bytes';
import { writeFileAtomic, type AtomicWriteOps } from '../io/atomic-write';
import { describeRefusal, isWithin, readInside, resolveInside } from '../io/inside';
import { FORMAT_VERSION } from '../model';
import { sidecarPathFor } from '../paths';
import { writeSidecar } from '../sidecar/write';
import { normalizeText } from '../text';
import type { AdjudicatedDocument } from './adjudicate';

/** A folder read as one side, named as the user gave it. */
export interface SideFolder {
  /** The folder (a git revision has none: it cannot overlap). */
  root: string;
  /** How the user named the side. */
  name: string;
}

/**
 * Why DIR must not be written into: it lies inside a folder read, or holds one (its output would
 * overwrite or mix with the input).
 * @param dir the folder to write into
 * @param folders the folders read
 * @returns the reason, or undefined when DIR may be written into
 */
export async function overlapRefusal(dir: string, folders: readonly SideFolder[]): Promise<string | undefined> {
  const realDir = await realPathAhead(dir);
  for (const folder of folders) {
    const root = await realPathAhead(folder.root);
    if (isWithin(root, realDir) || isWithin(realDir, root)) return `${dir} overlaps the folder ${folder.name} that is read: write into a folder outside both versions`;
  }
  return undefined;
}

/**
 * A path with links resolved, one not made yet too: the real path of the nearest folder above it that
 * exists, then the rest as given (a folder to write into is often made by the write).
 * @param file an absolute path
 */
async function realPathAhead(file: string): Promise<string> {
  const rest: string[] = [];
  for (let at = file; ; at = path.dirname(at)) {
    const real = await fs.realpath(at).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest);
    if (path.dirname(at) === at) return file;
    rest.unshift(path.basename(at));
  }
}

/**
 * The sidecars an adjudication would write that DIR already holds, relative to DIR.
 * @param dir the folder to write into
 * @param documents the documents adjudicated
 */
export function existingSidecars(dir: string, documents: readonly AdjudicatedDocument[]): string[] {
  return documents.map((d) => sidecarPathFor(d.document)).filter((sidecar) => existsSync(path.join(dir, ...sidecar.split('/'))));
}

/**
 * Write one document's sidecar into DIR, and the document when DIR does not hold it yet; every file
 * must land inside DIR, through links included.
 * @param dir the folder to write into
 * @param document the document adjudicated
 * @param files the file operations writes go through (tests pass failing ones)
 * @param replace whether a sidecar already there is replaced (the user said so); otherwise it is not
 * @returns why it could not be written, or undefined
 */
export async function writeAdjudicated(dir: string, document: AdjudicatedDocument, files: AtomicWriteOps | undefined, replace = false): Promise<string | undefined> {
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
  if (replace && existsSync(sidecarPath)) {
    const sidecar = await resolveInside(sidecarPath, dir);
    if (sidecar.refusal) return `${sidecarPath} ${describeRefusal(sidecar.refusal)}`;
  }
  const sidecar = { version: FORMAT_VERSION, document: path.posix.basename(document.document), settled: document.disputed === 0, annotations: document.annotations };
  // Unless asked to replace, a sidecar that appeared since the check above is not replaced.
  const written = writeFileAtomic(sidecarPath, writeSidecar(sidecar), { mayReplace: () => replace || !existsSync(sidecarPath) }, files);
  return written === undefined ? `${sidecarPath} appeared while it was written` : undefined;
}
