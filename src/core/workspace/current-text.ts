/**
 * What the document-sync engine reads: a sidecar's text, and a document's current text (the open
 * buffer, else the file), normalised the way offsets count, or why there is none.
 */
import { decodeDocument } from '../document-bytes';
import { LINK_PROBLEM } from '../document-findings';
import { decodeSidecar } from '../sidecar/decode';
import { normalizeText } from '../text';
import type { EditorPort, FileStamp, FileSystemPort } from './ports';

/** A document's text, or why there is none. */
export interface DocumentText {
  /** The normalised text, when there is one. */
  text: string | undefined;
  /** 'missing', or why the file is not text (phrased to follow its name); undefined when all is well. */
  problem: string | undefined;
}

/**
 * A sidecar's text (see `decodeSidecar`: bytes that are not UTF-8 are kept, for the reader to refuse).
 * @param files the file system
 * @param sidecar the sidecar
 * @returns its text, or undefined when it does not exist or cannot be read
 */
export async function readSidecarText<L>(files: FileSystemPort<L>, sidecar: L): Promise<string | undefined> {
  const read = await files.read(sidecar);
  return read.bytes && decodeSidecar(read.bytes);
}

/**
 * A document's current text: the open buffer, else the file. A buffer whose file was deleted still
 * has its text, and the problem that the file is missing. A link is never followed.
 * @param ports the file system and the editor
 * @param document the document
 */
export async function currentText<L>(ports: { files: FileSystemPort<L>; editor: EditorPort<L> }, document: L): Promise<DocumentText> {
  const stamp = await ports.files.stat(document);
  if (stamp?.link) return { text: undefined, problem: LINK_PROBLEM };
  const open = ports.editor.openDocument(document);
  if (open) return { text: normalizeText(open.getText()), problem: stamp ? undefined : 'missing' };
  return documentOnDisk(ports.files, document, stamp);
}

/**
 * A document's text as read from disk.
 * @param files the file system
 * @param document the document
 * @param stamp its stamp when just taken (else it is taken here, to refuse a link)
 */
export async function documentOnDisk<L>(files: FileSystemPort<L>, document: L, stamp?: FileStamp): Promise<DocumentText> {
  if ((stamp ?? (await files.stat(document)))?.link) return { text: undefined, problem: LINK_PROBLEM };
  const read = await files.read(document);
  if (read.bytes === undefined) return { text: undefined, problem: read.problem };
  const decoded = decodeDocument(read.bytes);
  return decoded.problem !== undefined ? { text: undefined, problem: decoded.problem } : { text: normalizeText(decoded.text), problem: undefined };
}
