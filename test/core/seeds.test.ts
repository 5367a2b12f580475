/**
 * The sample annotations shipped with the five seed articles (`seeds/*.annotations.yaml`) are data
 * other parts test against, so they are held to the format's own rules here: they read cleanly, every
 * span sits exactly on its text, the writer reproduces them byte for byte, and they show what the
 * format is for (all three labels, a figure nested in a claim, the same quote linked across articles,
 * quotes related to their speakers, figures to their claims, and contradicting figures across articles).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { LABEL_CONFIG_FILE, parseLabelConfig } from '../../src/core/config';
import { normalizeForGrouping } from '../../src/core/grouping';
import type { Annotation, Sidecar } from '../../src/core/model';
import { sidecarPathFor } from '../../src/core/paths';
import { relationsOf } from '../../src/core/relations/resolve';
import { relationTypes } from '../../src/core/relations/types';
import { checkLabels, readSidecar } from '../../src/core/sidecar/read';
import { compareAnnotations, writeSidecar } from '../../src/core/sidecar/write';
import { OffsetIndex, codePointLength, normalizeText } from '../../src/core/text';
import { REPO_ROOT } from '../fixture-path';

const SEEDS = path.join(REPO_ROOT, 'seeds');
const CONTEXT_LIMIT = 32;

interface Seed {
  /** The article's file name. */
  name: string;
  /** The sidecar's bytes as shipped. */
  source: string;
  sidecar: Sidecar;
  recordLines: Map<string, number>;
  index: OffsetIndex;
}

/** Every seed article with its sidecar, read once; a seed without a sidecar fails here. */
const seeds: Seed[] = readdirSync(SEEDS)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => {
    const source = readFileSync(sidecarPathFor(path.join(SEEDS, name)), 'utf8');
    const read = readSidecar(source);
    assert.ok(read.sidecar, `${name}: the sidecar should read: ${JSON.stringify(read.findings)}`);
    const index = new OffsetIndex(normalizeText(readFileSync(path.join(SEEDS, name), 'utf8')));
    return { name, source, sidecar: read.sidecar, recordLines: read.recordLines, index };
  });

const everyAnnotation: { seed: Seed; annotation: Annotation }[] = seeds.flatMap((seed) =>
  seed.sidecar.annotations.map((annotation) => ({ seed, annotation })),
);

/** Entity id -> the names of the seed articles holding an annotation of it. */
function filesByEntity(label?: string): Map<string, Set<string>> {
  const files = new Map<string, Set<string>>();
  for (const { seed, annotation } of everyAnnotation) {
    if (annotation.entity === undefined || (label !== undefined && annotation.label !== label)) continue;
    const set = files.get(annotation.entity) ?? new Set<string>();
    set.add(seed.name);
    files.set(annotation.entity, set);
  }
  return files;
}

test('all five seed articles have a sidecar naming them', () => {
  assert.equal(seeds.length, 5);
  for (const seed of seeds) assert.equal(seed.sidecar.document, seed.name);
});

test('every seed sidecar reads without findings and may be written back', () => {
  for (const seed of seeds) {
    const read = readSidecar(seed.source);
    assert.deepEqual(read.findings, [], seed.name);
    assert.equal(read.writable, true, seed.name);
  }
});

test('the seeds folder label configuration is valid and every annotation keeps to it', () => {
  const { config, findings } = parseLabelConfig(readFileSync(path.join(SEEDS, LABEL_CONFIG_FILE), 'utf8'));
  assert.deepEqual(findings, []);
  assert.deepEqual(
    config.labels.map((l) => l.id),
    ['claim', 'quote', 'figure', 'speaker'],
  );
  for (const seed of seeds) assert.deepEqual(checkLabels(seed.sidecar, config, seed.recordLines), [], seed.name);
});

test('every annotation text is exactly the document between its code-point offsets', () => {
  for (const { seed, annotation: a } of everyAnnotation) {
    assert.ok(0 <= a.start && a.start < a.end && a.end <= seed.index.length, `${seed.name} ${a.id}: offsets in range`);
    assert.equal(seed.index.slice(a.start, a.end), a.text, `${seed.name} ${a.id}`);
    assert.equal(codePointLength(a.text), a.end - a.start, `${seed.name} ${a.id}: length in code points`);
  }
});

test('prefix and suffix are the document just before and after the span, at most 32 code points', () => {
  for (const { seed, annotation: a } of everyAnnotation) {
    const prefix = a.prefix ?? '';
    const suffix = a.suffix ?? '';
    assert.ok(codePointLength(prefix) <= CONTEXT_LIMIT && codePointLength(suffix) <= CONTEXT_LIMIT, `${seed.name} ${a.id}`);
    assert.equal(seed.index.slice(a.start - codePointLength(prefix), a.start), prefix, `${seed.name} ${a.id}: prefix`);
    assert.equal(seed.index.slice(a.end, a.end + codePointLength(suffix)), suffix, `${seed.name} ${a.id}: suffix`);
    // Full context wherever the document has it, so re-anchoring gets all the help it can.
    assert.equal(codePointLength(prefix), Math.min(CONTEXT_LIMIT, a.start), `${seed.name} ${a.id}: prefix length`);
    assert.equal(codePointLength(suffix), Math.min(CONTEXT_LIMIT, seed.index.length - a.end), `${seed.name} ${a.id}: suffix length`);
  }
});

test('ids are 8 hex digits, unique across all seeds, and records are sorted by (start, end, id)', () => {
  const ids = everyAnnotation.map(({ annotation }) => annotation.id);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}$/);
  assert.equal(new Set(ids).size, ids.length);
  for (const seed of seeds) {
    const sorted = [...seed.sidecar.annotations].sort(compareAnnotations);
    assert.deepEqual(
      seed.sidecar.annotations.map((a) => a.id),
      sorted.map((a) => a.id),
      seed.name,
    );
  }
});

test('the writer reproduces every seed sidecar byte for byte', () => {
  for (const seed of seeds) assert.equal(writeSidecar(seed.sidecar), seed.source, seed.name);
});

test('the seeds hold at least 30 annotations with all three labels, and the speakers of quotes', () => {
  assert.ok(everyAnnotation.length >= 30, `${everyAnnotation.length} annotations`);
  const labels = new Set(everyAnnotation.map(({ annotation }) => annotation.label));
  assert.deepEqual([...labels].sort(), ['claim', 'figure', 'quote', 'speaker']);
});

/** The relations of all the seeds, resolved with the seeds' relation types. */
function seedRelations() {
  const { config } = parseLabelConfig(readFileSync(path.join(SEEDS, LABEL_CONFIG_FILE), 'utf8'));
  return relationsOf(
    seeds.map((seed) => ({ path: seed.name, annotations: seed.sidecar.annotations })),
    relationTypes(config),
  );
}

test('every relation of the seeds stands: its target is there, its type configured, its ends of allowed labels', () => {
  const graph = seedRelations();
  assert.ok(graph.all.length >= 35, `${graph.all.length} relations`);
  assert.deepEqual(graph.all.filter((r) => r.problems.length > 0), []);
});

/**
 * A speaker span is words the article prints once: a phrase printed twice ("US President Joe Biden" in
 * 002) is one re-anchoring cannot tell from its copy once the text around it changes (docs/anchoring.md),
 * so a quote whose speaker is named only that way, or not at all, is left without `said-by`.
 */
test('every quote whose speaker the article names once is said by a speaker span of its own article, which names them', () => {
  const graph = seedRelations();
  let said = 0;
  for (const { seed, annotation: quote } of everyAnnotation.filter(({ annotation }) => annotation.label === 'quote')) {
    const saidBy = graph.linksOf(seed.name, quote.id).filter((l) => l.relation.relation.type === 'said-by');
    const name = String(quote.attributes?.['speaker']);
    const text = seed.index.slice(0, seed.index.length);
    if (saidBy.length === 0) {
      assert.ok(name.endsWith('(unnamed)') || text.split(name).length > 2, `${seed.name} ${quote.id}: ${name} is named once, and should be related`);
      continue;
    }
    said++;
    assert.equal(saidBy.length, 1, `${seed.name} ${quote.id}`);
    const speaker = saidBy[0]!.other;
    assert.equal(speaker.document, seed.name, `${seed.name} ${quote.id}: in the same article`);
    const words = speaker.annotation!.text;
    assert.ok(name.includes(words.split(' ').at(-1)!) || words.startsWith('The draft document'), `${seed.name} ${quote.id}: "${words}" names ${name}`);
  }
  assert.ok(said >= 20, `${said} quotes related to their speakers`);
});

test('figures support the claims they sit in, and the death tolls that cannot all be true contradict each other across articles', () => {
  const graph = seedRelations();
  const supports = graph.all.filter((r) => r.relation.type === 'supports');
  assert.ok(supports.length >= 2, `${supports.length} figures supporting claims`);
  for (const r of supports) {
    const [figure, claim] = [r.from.annotation, r.to.annotation!];
    assert.ok(claim.start <= figure.start && figure.end <= claim.end, `${r.from.document} ${figure.id} inside ${claim.id}`);
  }
  const tolls = graph.all.filter((r) => r.relation.type === 'contradicts' && r.from.annotation.entity === 'donbas-death-toll');
  assert.ok(tolls.length >= 2, `${tolls.length} contradicting death tolls`);
  for (const r of tolls) {
    assert.notEqual(r.to.document, r.from.document, 'across articles');
    assert.equal(r.to.annotation!.entity, 'donbas-death-toll');
    assert.notEqual(r.relation.document, undefined);
  }
});

test('every quote names its speaker and every figure its value, unit and subject', () => {
  for (const { seed, annotation: a } of everyAnnotation) {
    if (a.label === 'quote') assert.equal(typeof a.attributes?.['speaker'], 'string', `${seed.name} ${a.id}`);
    if (a.label === 'figure') {
      assert.equal(typeof a.attributes?.['value'], 'number', `${seed.name} ${a.id}`);
      assert.equal(typeof a.attributes?.['unit'], 'string', `${seed.name} ${a.id}`);
      assert.equal(typeof a.attributes?.['subject'], 'string', `${seed.name} ${a.id}`);
    }
  }
});

test('a figure sits inside a claim (nested spans)', () => {
  const nested = seeds.flatMap((seed) =>
    seed.sidecar.annotations
      .filter((f) => f.label === 'figure')
      .filter((f) => seed.sidecar.annotations.some((c) => c.label === 'claim' && c.start <= f.start && f.end <= c.end)),
  );
  assert.ok(nested.length >= 1);
});

test('entities link quotes across articles, and the linked quotes differ only in typography', () => {
  const crossFile = [...filesByEntity('quote')].filter(([, files]) => files.size >= 2).map(([entity]) => entity);
  assert.ok(crossFile.length >= 2, `quote entities across files: ${crossFile.join(', ')}`);
  let typographyDiffers = false;
  for (const entity of crossFile) {
    const texts = everyAnnotation.filter(({ annotation }) => annotation.entity === entity).map(({ annotation }) => annotation.text);
    assert.equal(new Set(texts.map(normalizeForGrouping)).size, 1, `${entity}: ${JSON.stringify(texts)}`);
    if (new Set(texts).size > 1) typographyDiffers = true;
  }
  assert.ok(typographyDiffers, 'at least one linked quote is printed differently in two articles');
});

test('linked figures keep the outlets’ disagreement: one subject, several values, a note on each', () => {
  const figureEntities = [...filesByEntity('figure')].filter(([, files]) => files.size >= 2).map(([entity]) => entity);
  assert.ok(figureEntities.length >= 2, figureEntities.join(', '));
  for (const entity of figureEntities) {
    const figures = everyAnnotation.map(({ annotation }) => annotation).filter((a) => a.entity === entity);
    assert.equal(new Set(figures.map((a) => a.attributes?.['subject'])).size, 1, `${entity}: one subject`);
    assert.equal(new Set(figures.map((a) => a.attributes?.['unit'])).size, 1, `${entity}: one unit`);
    const values = new Set(figures.map((a) => a.attributes?.['value']));
    if (values.size > 1) for (const a of figures) assert.ok(a.note, `${entity} ${a.id}: a disagreement is explained in a note`);
  }
  const disputed = figureEntities.filter(
    (entity) => new Set(everyAnnotation.filter(({ annotation }) => annotation.entity === entity).map(({ annotation }) => annotation.attributes?.['value'])).size > 1,
  );
  assert.ok(disputed.length >= 2, `figures the outlets disagree on: ${disputed.join(', ')}`);
});

test('an entity never links annotations of different labels', () => {
  const labels = new Map<string, Set<string>>();
  for (const { annotation: a } of everyAnnotation) {
    if (a.entity === undefined) continue;
    labels.set(a.entity, (labels.get(a.entity) ?? new Set()).add(a.label));
  }
  for (const [entity, set] of labels) assert.equal(set.size, 1, `${entity}: ${[...set].join(', ')}`);
});
