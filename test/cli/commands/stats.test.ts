/**
 * `marginalia stats` on the seeds: the counts agree with the sidecars themselves, and the entities
 * the seeds link across articles are reported as shared.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Annotation } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import type { AnnotationStats } from '../../../src/core/stats';
import { marginalia } from '../cli-harness';
import { copyFolder, SETS, temporaryFolder } from '../export-harness';

function seedAnnotations(): Map<string, Annotation[]> {
  const byDocument = new Map<string, Annotation[]>();
  for (const name of readdirSync(SETS.seeds).filter((n) => n.endsWith('.annotations.yaml'))) {
    const { sidecar } = readSidecar(readFileSync(path.join(SETS.seeds, name), 'utf8'));
    assert.ok(sidecar);
    byDocument.set(sidecar.document, sidecar.annotations);
  }
  return byDocument;
}

test('stats --json counts what the sidecars hold, per label, document and author', async () => {
  const work = temporaryFolder('stats');
  try {
    copyFolder(SETS.seeds, work.dir);
    const result = await marginalia(['stats', '--json'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    const stats = JSON.parse(result.stdout) as AnnotationStats;
    const seeds = seedAnnotations();
    const all = [...seeds.values()].flat();
    assert.equal(stats.annotations, all.length);
    assert.equal(stats.documents, seeds.size);
    for (const { label, count } of stats.byLabel) assert.equal(count, all.filter((a) => a.label === label).length, label);
    assert.equal(stats.byLabel.reduce((n, c) => n + c.count, 0), all.length);
    for (const d of stats.byDocument) assert.equal(d.total, seeds.get(d.document)!.length, d.document);
    for (const { author, count } of stats.byAuthor) assert.equal(count, all.filter((a) => a.author === (author ?? undefined)).length);

    const linked = new Map<string, Set<string>>();
    for (const [document, annotations] of seeds) {
      for (const a of annotations) if (a.entity) linked.set(`${a.label} ${a.entity}`, (linked.get(`${a.label} ${a.entity}`) ?? new Set()).add(document));
    }
    const shared = [...linked].filter(([, docs]) => docs.size > 1);
    assert.ok(shared.length > 0, 'the seeds link some entity across articles');
    for (const [key, docs] of shared) {
      const found = stats.sharedEntities.find((e) => `${e.label} ${e.entity}` === key);
      assert.ok(found, `${key} is reported as shared`);
      assert.deepEqual(found.documents, [...docs].sort());
    }
  } finally {
    work.dispose();
  }
});

test('stats prints a readable summary', async () => {
  const work = temporaryFolder('stats-text');
  try {
    copyFolder(SETS.seeds, work.dir);
    const result = await marginalia(['stats'], work.dir);
    assert.equal(result.code, 0);
    const total = [...seedAnnotations().values()].flat().length;
    assert.match(result.stdout, new RegExp(`^${total} annotations in 5 documents`, 'm'));
    for (const heading of ['per label:', 'per document:', 'per author:', 'in more than one document:']) {
      assert.match(result.stdout, new RegExp(`^${heading}$`, 'm'));
    }
  } finally {
    work.dispose();
  }
});
