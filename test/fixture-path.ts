import * as path from 'node:path';

/** The repository root, found from the compiled test's place under `out/test/`. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Absolute path of a file under `test/fixtures/` in the source tree (fixtures are not copied to `out/`).
 * @param parts path segments below `test/fixtures/`
 */
export function fixturePath(...parts: string[]): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', ...parts);
}
