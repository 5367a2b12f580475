/**
 * The annotated fixture sets of the export tests (`test/fixtures/export/`), read as the export
 * command prepares them: every sidecar of a folder with its document's normalised text.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { prepareDocument } from '../../../src/core/export/prepare';
import type { ExportDocument } from '../../../src/core/export/types';
import { readSidecar } from '../../../src/core/sidecar/read';
import { normalizeText } from '../../../src/core/text';
import { fixturePath } from '../../fixture-path';

/**
 * The prepared documents of the sidecars directly in `test/fixtures/export/<set>`, sorted by path.
 * @param set the fixture folder's name (`breaks`, `docs`)
 */
export function fixtureDocuments(set: string): ExportDocument[] {
  const folder = fixturePath('export', set);
  return readdirSync(folder)
    .filter((name) => name.endsWith('.annotations.yaml'))
    .sort()
    .map((name) => {
      const { sidecar } = readSidecar(readFileSync(path.join(folder, name), 'utf8'));
      assert.ok(sidecar, `${name} reads`);
      const text = normalizeText(readFileSync(path.join(folder, sidecar.document), 'utf8'));
      return prepareDocument(sidecar.document, text, sidecar.annotations).document;
    });
}
