/**
 * Relation round trips on data from the other tools themselves (see each fixture's README): a brat
 * corpus (an excerpt of brat's example data) and doccano's relation extraction example import, keep
 * every relation, and come back out of `export` with the same relations: same types between the same
 * spans with the same labels (ids may differ).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readSidecar } from '../../../src/core/sidecar/read';
import { fixturePath } from '../../fixture-path';
import { marginalia } from '../cli-harness';
import { temporaryFolder } from '../export-harness';

const CORPUS = fixturePath('import', 'brat-examples', 'TDT');
/** The label configuration the import writes from TDT's annotation.conf. Set UPDATE=1 to rewrite it. */
const CORPUS_CONFIG_GOLDEN = fixturePath('import', 'brat-examples', 'TDT.marginalia.golden.yaml');

/** One relation told by what it links rather than by ids: `type from-span -> to-span`. */
type RelationKey = string;

/** What an `.ann` file holds, told by content rather than ids, each list sorted. */
interface AnnContent {
  /** `label start end\ttext` of each `T` line. */
  spans: string[];
  /** `name label start end = value` of each `A` line. */
  attributes: string[];
  /** `type from-span -> to-span` of each `R` line. */
  relations: RelationKey[];
  /** How many `#` lines of other types than AnnotatorNotes it holds. */
  comments: number;
}

/**
 * Read an `.ann` file straight from its lines (not through the importer): `T` lines, `A` lines on
 * them, and `R` lines with both ends resolved to their `T` line's label and offsets.
 */
function readAnn(content: string): AnnContent {
  const spans = new Map<string, string>();
  const lines = content.split('\n').map((line) => line.split('\t'));
  for (const [id, body, text] of lines) if (/^T\d+$/.test(id ?? '')) spans.set(id!, `${body}\t${text}`);
  const end = (id: string | undefined): string => {
    assert.ok(id !== undefined && spans.has(id), `${id} is a text-bound annotation of the file`);
    return spans.get(id)!.split('\t')[0]!;
  };
  const attributes: string[] = [];
  const relations: RelationKey[] = [];
  for (const [id, body] of lines) {
    if (/^A\d+$/.test(id ?? '')) {
      const [name, target, value] = body!.split(' ');
      attributes.push(`${name} ${end(target)} = ${value ?? 'true'}`);
    }
    if (/^R\d+$/.test(id ?? '')) {
      const relation = /^(\S+) Arg1:(T\d+) Arg2:(T\d+)$/.exec(body ?? '');
      assert.ok(relation, `every R line is read: ${body}`);
      relations.push(`${relation[1]} ${end(relation[2])} -> ${end(relation[3])}`);
    }
  }
  const comments = lines.filter(([id, body]) => id?.startsWith('#') && !body?.startsWith('AnnotatorNotes ')).length;
  return { spans: [...spans.values()].sort(), attributes: attributes.sort(), relations: relations.sort(), comments };
}

function countByType(keys: RelationKey[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const type = key.split(' ')[0]!;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

const DOCUMENTS = readdirSync(CORPUS).filter((name) => name.endsWith('.txt')).sort();

test('brat\'s own example corpus (TDT excerpt): one-command import keeps every R line, check is clean, export gives the same relations, spans and attributes back (only its lemma comments are lost)', async () => {
  const work = temporaryFolder('brat-examples');
  try {
    const original = new Map(DOCUMENTS.map((txt) => [txt, readAnn(readFileSync(path.join(CORPUS, txt.replace(/\.txt$/, '.ann')), 'utf8'))]));
    const allOriginal = [...original.values()].flatMap((ann) => ann.relations);
    assert.ok(allOriginal.length >= 100, `the excerpt holds a real number of relations (${allOriginal.length})`);
    for (const txt of DOCUMENTS) writeFileSync(path.join(work.dir, txt), readFileSync(path.join(CORPUS, txt), 'utf8'));

    const imported = await marginalia(['import', CORPUS, '--format', 'brat'], work.dir);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /wrote \.marginalia\.yaml from annotation\.conf/);
    assert.match(imported.stdout, /0 skipped/);
    const written = readFileSync(path.join(work.dir, '.marginalia.yaml'), 'utf8');
    if (process.env.UPDATE) writeFileSync(CORPUS_CONFIG_GOLDEN, written);
    assert.equal(written, readFileSync(CORPUS_CONFIG_GOLDEN, 'utf8'), 'the configuration written matches its golden file (UPDATE=1 rewrites it)');
    for (const txt of DOCUMENTS) {
      assert.match(imported.stdout, new RegExp(`${txt.replace('.', '\\.')}: \\d+ added, ${original.get(txt)!.relations.length} relations added, 0 already there`));
      // The `#` lines of TDT hold lemmas (`#1\tLemma T1\t...`), not brat's AnnotatorNotes: reported, not imported.
      assert.match(imported.stderr, new RegExp(`${txt.replace(/\.txt$/, '\\.ann')}: ${original.get(txt)!.comments} comment line\\(s\\) not imported \\(only AnnotatorNotes comments on spans are imported, as notes\\)`));
    }

    const importedTypes = new Map<string, number>();
    for (const txt of DOCUMENTS) {
      const { sidecar } = readSidecar(readFileSync(path.join(work.dir, `${txt}.annotations.yaml`), 'utf8'));
      assert.ok(sidecar);
      for (const annotation of sidecar.annotations) {
        for (const relation of annotation.relations ?? []) importedTypes.set(relation.type, (importedTypes.get(relation.type) ?? 0) + 1);
      }
    }
    assert.deepEqual(new Map([...importedTypes].sort(([a], [b]) => a.localeCompare(b))), countByType(allOriginal), 'every R line is a relation of its type');

    const check = await marginalia(['check'], work.dir);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout + check.stderr, /2 sidecars, 232 annotations: 0 errors, 0 warnings/, 'every label, attribute value, relation type and end fits the configuration written from annotation.conf');

    const out = path.join(work.dir, 'export');
    const exported = await marginalia(['export', '--format', 'brat', '--out', out], work.dir);
    assert.equal(exported.code, 0, exported.stderr);
    for (const txt of DOCUMENTS) {
      const again = readAnn(readFileSync(path.join(out, txt.replace(/\.txt$/, '.ann')), 'utf8'));
      assert.deepEqual(again.relations, original.get(txt)!.relations, `${txt}: the same relations between the same spans and labels`);
      assert.deepEqual(again.spans, original.get(txt)!.spans, `${txt}: the same spans, labels and texts`);
      assert.deepEqual(again.attributes, original.get(txt)!.attributes, `${txt}: the same attribute values on the same spans`);
    }
  } finally {
    work.dispose();
  }
});

/** The relations of doccano JSONL, read straight from its records: each with its ends' label and offsets. */
function relationsOfDoccano(content: string): RelationKey[] {
  interface Entity { id: number; start_offset: number; end_offset: number; label: string }
  interface Relation { from_id: number; to_id: number; type: string }
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const record = JSON.parse(line) as { entities: Entity[]; relations: Relation[] };
      const span = (id: number): string => {
        const entity = record.entities.find((e) => e.id === id);
        assert.ok(entity, `entity ${id} is in the record`);
        return `${entity.label} ${entity.start_offset} ${entity.end_offset}`;
      };
      return record.relations.map((r) => `${r.type} ${span(r.from_id)} -> ${span(r.to_id)}`);
    })
    .sort();
}

test('doccano\'s own relation extraction example: import matched by text, check is clean, export gives the same relations back', async () => {
  const fixtures = fixturePath('import', 'doccano-examples');
  const source = path.join(fixtures, 'relation_extraction.jsonl');
  const work = temporaryFolder('doccano-examples');
  try {
    const original = relationsOfDoccano(readFileSync(source, 'utf8'));
    assert.equal(original.length, 3);
    copyFileSync(path.join(fixtures, 'google.txt'), path.join(work.dir, 'google.txt'));
    copyFileSync(path.join(fixtures, 'labels.marginalia.yaml'), path.join(work.dir, '.marginalia.yaml'));

    const imported = await marginalia(['import', source, '--format', 'doccano'], work.dir);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /google\.txt: 4 added, 3 relations added, 0 already there/);

    const check = await marginalia(['check'], work.dir);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout + check.stderr, /1 sidecar, 4 annotations: 0 errors, 0 warnings/);

    const out = path.join(work.dir, 'export.jsonl');
    const exported = await marginalia(['export', '--format', 'doccano', '--out', out], work.dir);
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual(relationsOfDoccano(readFileSync(out, 'utf8')), original, 'the same relations between the same spans and labels');
  } finally {
    work.dispose();
  }
});
