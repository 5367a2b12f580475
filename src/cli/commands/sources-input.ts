import * as path from 'node:path';
import { CorpusReader, findSidecars } from '../../core/io/files';
import type { PlacedAnnotation } from '../../core/sources/placed';
import { usableDocumentSource } from '../../core/sidecar/validate';
import { OffsetIndex } from '../../core/text';
import type { CliIO } from '../run';
import { UsageError } from '../options';
import { shownPath } from '../shown-path';

/** The annotations the cross-source commands read, and whether some sidecar could not be read. */
export interface SourcesInput {
  placed: PlacedAnnotation[];
  /** Sidecars that could not be read (each warned about on stderr). */
  unreadable: number;
}

/**
 * Read every sidecar under the given paths with its document, and place each annotation of the
 * wanted labels on its document line. A sidecar that cannot be read is reported and skipped; a
 * document that cannot be read leaves its annotations' lines null, with a warning.
 * @param command the command's name, for messages
 * @param given the paths from the command line (default `.`)
 * @param labels the labels wanted
 * @param io output streams and working folder
 */
export async function readSources(command: string, given: string[], labels: ReadonlySet<string>, io: CliIO): Promise<SourcesInput> {
  const paths = given.length ? given : ['.'];
  const sidecars = await findSidecars(paths, io.cwd).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${error.path ?? 'a path'}: ${error.code === 'ENOENT' ? 'no such file or folder' : error.message}`);
  });
  const placed: PlacedAnnotation[] = [];
  let unreadable = 0;
  const reader = new CorpusReader(paths, io.cwd);
  for (const sidecarPath of sidecars) {
    const loaded = await reader.load(sidecarPath);
    const sidecar = loaded.read.sidecar;
    if (!sidecar) {
      unreadable++;
      io.stderr.write(`marginalia ${command}: warning: ${shownPath(io.cwd, sidecarPath)} cannot be read ('marginalia check' says why); left out\n`);
      continue;
    }
    const wanted = sidecar.annotations.filter((a) => labels.has(a.label));
    if (!wanted.length) continue;
    const file = shownPath(io.cwd, path.resolve(path.dirname(sidecarPath), sidecar.document));
    if (loaded.text === undefined) io.stderr.write(`marginalia ${command}: warning: ${file} cannot be read; its annotations are listed without a line\n`);
    const offsets = loaded.text === undefined ? undefined : new OffsetIndex(loaded.text);
    // The rule the exports use: a header check reports bad-source lends nothing, not even its outlet.
    const outlet = usableDocumentSource(sidecar.source)?.outlet ?? null;
    for (const annotation of wanted) {
      const onPage = offsets && annotation.status !== 'orphaned' && annotation.start <= offsets.length;
      placed.push({ annotation, file, line: onPage ? offsets.lineColumn(annotation.start).line + 1 : null, outlet });
    }
  }
  return { placed, unreadable };
}
