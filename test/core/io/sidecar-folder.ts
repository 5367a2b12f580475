import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath } from '../../fixture-path';

/** The fixture sidecar the write tests replace (test/fixtures/io/). */
export const SIDECAR = 'previous.txt.annotations.yaml';

/** What the write tests write over it. */
export const NEW_CONTENT = 'marginalia: 1\ndocument: previous.txt\nannotations: []\n';

/**
 * A temporary folder holding a copy of the fixture sidecar; removed by `dispose`.
 * @param prefix the folder name's start, naming the test that made it
 * @param withSidecar whether the copy is made (false: the folder is empty)
 */
export function sidecarFolder(prefix: string, withSidecar = true): { dir: string; file: string; previous: Buffer | undefined; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, SIDECAR);
  if (withSidecar) copyFileSync(fixturePath('io', SIDECAR), file);
  const previous = withSidecar ? readFileSync(file) : undefined;
  return { dir, file, previous, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
