import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SideDocument } from '../../../src/core/agreement/agreement';
import { readSidecar } from '../../../src/core/sidecar/read';
import { normalizeText } from '../../../src/core/text';
import { fixturePath } from '../../fixture-path';

/** One side's folder of fixtures, as the CLI would read it. */
export function side(name: string): SideDocument[] {
  const folder = fixturePath('agreement', name);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.annotations.yaml'))
    .map((file) => {
      const { sidecar } = readSidecar(readFileSync(path.join(folder, file), 'utf8'));
      assert.ok(sidecar, file);
      return { document: sidecar.document, annotations: sidecar.annotations, text: normalizeText(readFileSync(path.join(folder, sidecar.document), 'utf8')) };
    });
}
