/**
 * `marginalia import`: export → import → export gives the same bytes for every format that carries
 * enough to rebuild the annotations; imports merge without duplicates; every span left out is
 * reported with its reason and makes the command fail; nothing is written over a sidecar that
 * cannot be parsed.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Annotation } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { fixturePath } from '../../fixture-path';
import { marginalia } from '../cli-harness';
import { copyFolder, OUTPUT_NAMES, readTree, SETS, temporaryFolder, type Format } from '../export-harness';

const IMPORTABLE = ['brat', 'doccano', 'labelstudio', 'prodigy', 'w3c'] as const satisfies readonly Format[];

/** Where an export of `format` is written under `out`, and what `import` reads. */
function outputPath(out: string, format: Format): string {
  return path.join(out, OUTPUT_NAMES[format]);
}

function sidecars(dir: string): Map<string, string> {
  return new Map([...readTree(dir)].filter(([name]) => name.endsWith('.annotations.yaml')));
}

function annotationsOf(dir: string, document: string): Annotation[] {
  const { sidecar } = readSidecar(readFileSync(path.join(dir, `${document}.annotations.yaml`), 'utf8'));
  assert.ok(sidecar);
  return sidecar.annotations;
}

/** How many times the round trip is repeated: ids made at import must not change the next export's bytes. */
const ROUND_TRIPS = 3;

for (const [setName, set] of Object.entries(SETS)) {
  for (const format of IMPORTABLE) {
    test(`${format} round trip on the ${setName}: export, import into the bare documents, export again gives the same bytes, ${ROUND_TRIPS} times over`, async () => {
      const work = temporaryFolder('roundtrip');
      try {
        const original = path.join(work.dir, 'original');
        copyFolder(set, original);
        const first = await marginalia(['export', '--format', format, '--out', outputPath(path.join(work.dir, 'export0'), format)], original);
        assert.equal(first.code, 0, first.stderr);
        const exported = readTree(path.join(work.dir, 'export0'));
        let importedSidecars: Map<string, string> | undefined;
        for (let round = 1; round <= ROUND_TRIPS; round++) {
          const bare = path.join(work.dir, `bare${round}`);
          copyFolder(set, bare, false);
          const imported = await marginalia(['import', outputPath(path.join(work.dir, `export${round - 1}`), format), '--format', format, '--into', bare], work.dir);
          assert.equal(imported.code, 0, imported.stderr);
          assert.equal(sidecars(bare).size, sidecars(original).size, 'every annotated document gets its sidecar back');
          if (importedSidecars) assert.deepEqual(sidecars(bare), importedSidecars, `round ${round}: the same import gives the same sidecars, ids included`);
          importedSidecars = sidecars(bare);
          const again = await marginalia(['export', '--format', format, '--out', outputPath(path.join(work.dir, `export${round}`), format)], bare);
          assert.equal(again.code, 0, again.stderr);
          const next = readTree(path.join(work.dir, `export${round}`));
          assert.deepEqual([...next.keys()], [...exported.keys()]);
          for (const [name, content] of exported) assert.equal(next.get(name), content, `round ${round}: ${name} is the same after the round trip`);
        }

        const again = await marginalia(['import', outputPath(path.join(work.dir, 'export0'), format), '--format', format, '--into', path.join(work.dir, 'bare1')], work.dir);
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, /imported 0 annotations into \d+ documents?; \d+ already there; 0 skipped/);
      } finally {
        work.dispose();
      }
    });
  }
}

test('w3c carries everything but relations (not exported yet): ids, notes, entities, attributes, authors and dates come back as they were', async () => {
  const work = temporaryFolder('w3c');
  try {
    const bare = path.join(work.dir, 'bare');
    copyFolder(SETS.seeds, bare, false);
    const exported = path.join(work.dir, 'export.jsonld');
    await marginalia(['export', '--format', 'w3c', '--out', exported], SETS.seeds);
    const imported = await marginalia(['import', exported, '--format', 'w3c', '--into', bare], work.dir);
    assert.equal(imported.code, 0, imported.stderr);
    for (const name of sidecars(SETS.seeds).keys()) {
      const document = name.replace(/\.annotations\.yaml$/, '');
      // Relations do not go out to W3C yet (issue 16: W3C linking is the formats' part).
      const strip = (a: Annotation): Annotation => ({ ...a, prefix: undefined, suffix: undefined, relations: undefined });
      const expected = annotationsOf(SETS.seeds, document).filter((a) => a.status !== 'orphaned');
      assert.deepEqual(annotationsOf(bare, document).map(strip), expected.map(strip), document);
    }
  } finally {
    work.dispose();
  }
});

test('importing an export back into its own documents adds nothing and leaves every sidecar byte for byte', async () => {
  const work = temporaryFolder('same');
  try {
    const docs = path.join(work.dir, 'docs');
    copyFolder(SETS.fixtures, docs);
    const before = sidecars(docs);
    for (const format of IMPORTABLE) {
      const out = outputPath(path.join(work.dir, format), format);
      await marginalia(['export', '--format', format, '--out', out], docs);
      const result = await marginalia(['import', out, '--format', format, '--into', docs], work.dir);
      assert.equal(result.code, 0, `${format}: ${result.stderr}`);
      assert.match(result.stdout, /^imported 0 annotations into 3 documents; 17 already there; 0 skipped$/m, format);
    }
    assert.deepEqual(sidecars(docs), before);
  } finally {
    work.dispose();
  }
});

test('doccano from doccano itself: no document path, matched by text; each span left out is reported and the import fails', async () => {
  const work = temporaryFolder('doccano');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const result = await marginalia(['import', fixturePath('import', 'doccano-entities.jsonl'), '--format', 'doccano'], work.dir);
    assert.equal(result.code, 1);
    const lines = result.stderr.trim().split('\n');
    assert.match(lines[0]!, /doccano-entities\.jsonl:2: error: not valid JSON/);
    assert.ok(lines.some((l) => /doccano-entities\.jsonl:1 entities\[1\]: skipped person 14\.\.21: label 'person' is not in the label configuration/.test(l)), result.stderr);
    assert.ok(lines.some((l) => /doccano-entities\.jsonl:3 entities\[1\]: skipped claim 3\.\.9999: the span 3\.\.9999 ends after the document's last code point \(190\)/.test(l)), result.stderr);
    assert.match(result.stdout, /^crlf\.txt: 1 added, 0 already there$/m);
    assert.match(result.stdout, /^emoji\.txt: 1 added, 0 already there$/m);
    assert.match(result.stdout, /^imported 2 annotations into 2 documents; 0 already there; 3 skipped$/m);
    assert.deepEqual(annotationsOf(work.dir, 'emoji.txt').map((a) => [a.label, a.text]), [['claim', 'revenue rose 12% 📈 in the quarter']]);
  } finally {
    work.dispose();
  }
});

test('brat from another project: unconfigured relation types are refused, a span with a real gap is refused, spans across a line break are kept', async () => {
  const work = temporaryFolder('brat');
  try {
    const docs = path.join(work.dir, 'docs');
    copyFolder(SETS.fixtures, docs, false);
    const result = await marginalia(['import', fixturePath('import', 'brat-foreign'), '--format', 'brat', '--into', docs], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /crlf\.ann:4 T4: skipped claim 24\.\.88: the fragments are separated by "[^"]+", not by line breaks/);
    assert.match(result.stderr, /crlf\.ann:11: error: not a brat annotation line/);
    assert.match(result.stderr, /crlf\.ann:5 R1: skipped relation Says: the type is not in the label configuration/);
    assert.deepEqual(
      annotationsOf(docs, 'crlf.txt').map((a) => [a.label, a.text, a.note]),
      [
        ['claim', 'The minister', undefined],
        ['figure', 'budget', 'A figure?\nNot really.'],
        ['quote', 'We will not raise taxes,\nnot this year', undefined],
      ],
    );
  } finally {
    work.dispose();
  }
});

test('prodigy: UTF-16 offsets are caught by the text check; a rejected task is a note, not a failure', async () => {
  const work = temporaryFolder('prodigy');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const result = await marginalia(['import', fixturePath('import', 'prodigy-mixed.jsonl'), '--format', 'prodigy'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /prodigy-mixed\.jsonl:1 spans\[1\]: skipped claim 187\.\.196: the document holds .* the import says "the board"/);
    assert.match(result.stderr, /note: \S*prodigy-mixed\.jsonl:2: the task's answer is "reject"/);
    assert.match(result.stdout, /imported 1 annotation into 1 document; 0 already there; 1 skipped/);
  } finally {
    work.dispose();
  }
});

test('w3c from another client: matched by file name, quotes found by their context, an ambiguous quote refused', async () => {
  const work = temporaryFolder('w3cq');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const result = await marginalia(['import', fixturePath('import', 'w3c-quotes.jsonld'), '--format', 'w3c'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /skipped figure: the quote "year" occurs 2 times and its prefix and suffix do not tell them apart/);
    assert.match(result.stderr, /error: the annotation has no tagging body/);
    assert.deepEqual(annotationsOf(work.dir, 'crlf.txt').map((a) => [a.label, a.text]), [['quote', 'not this year and not next.']]);
  } finally {
    work.dispose();
  }
});

test('a document that matches nothing: its spans are skipped with the reason', async () => {
  const work = temporaryFolder('nomatch');
  try {
    writeFileSync(path.join(work.dir, 'other.txt'), 'Nothing to see.\n');
    const result = await marginalia(['import', fixturePath('import', 'prodigy-mixed.jsonl'), '--format', 'prodigy'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /skipped figure 67\.\.72: no document under the target folder matches 'emoji\.txt' \(by path, file name or text\)/);
    assert.deepEqual(sidecars(work.dir), new Map());
  } finally {
    work.dispose();
  }
});

test('a sidecar that cannot be parsed is never written over; its spans are skipped', async () => {
  const work = temporaryFolder('broken');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const broken = path.join(work.dir, 'emoji.txt.annotations.yaml');
    const content = 'marginalia: 1\ndocument: emoji.txt\nannotations:\n<<<<<<< HEAD\n  - id: x\n';
    writeFileSync(broken, content);
    const result = await marginalia(['import', fixturePath('import', 'prodigy-mixed.jsonl'), '--format', 'prodigy'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /skipped figure 67\.\.72: its sidecar emoji\.txt\.annotations\.yaml cannot be rewritten safely/);
    assert.equal(readFileSync(broken, 'utf8'), content);
  } finally {
    work.dispose();
  }
});

test('duplicate ids: every record of the sidecar is kept, a taken id of the source is given a new one, and both are reported', async () => {
  const work = temporaryFolder('duplicate-ids');
  try {
    copyFolder(fixturePath('bad', 'duplicate-ids'), work.dir);
    const item = (id: string, label: string, exact: string) => ({
      id: `urn:marginalia:doc.txt:${id}`,
      type: 'Annotation',
      body: { type: 'TextualBody', purpose: 'tagging', value: label },
      target: { source: 'doc.txt', selector: { type: 'TextQuoteSelector', exact } },
    });
    // One id taken by the sidecar, one used twice by the source itself.
    const items = [item('0a1b2c3d', 'claim', 'The minister said'), item('77777777', 'claim', 'people died'), item('77777777', 'figure', '13,000 people')];
    const source = path.join(work.dir, 'source.jsonld');
    writeFileSync(source, JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items }));
    const result = await marginalia(['import', 'source.jsonld', '--format', 'w3c'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^doc\.txt: 3 added, 0 already there$/m);
    assert.match(result.stderr, /^doc\.txt\.annotations\.yaml: warning: id '0a1b2c3d' is used by more than one record; all are kept/m);
    assert.match(result.stderr, /item 1 .*: note: id '0a1b2c3d' is already used in doc\.txt\.annotations\.yaml; imported as '[0-9a-f]{8}'$/m);
    assert.match(result.stderr, /item 3 .*: note: id '77777777' is already used in doc\.txt\.annotations\.yaml; imported as '[0-9a-f]{8}'$/m);
    const annotations = annotationsOf(work.dir, 'doc.txt');
    assert.deepEqual(
      annotations.filter((a) => a.id === '0a1b2c3d').map((a) => a.label),
      ['quote', 'figure'],
      'both records of the duplicated id are kept as they were',
    );
    assert.equal(annotations.length, 5);
    assert.equal(new Set(annotations.map((a) => a.id)).size, 4, 'the imported records each have an id of their own');
  } finally {
    work.dispose();
  }
});

test('doccano relations of types the configuration does not define are each reported with their place', async () => {
  const work = temporaryFolder('relations');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const result = await marginalia(['import', fixturePath('import', 'doccano-relations.jsonl'), '--format', 'doccano'], work.dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /doccano-relations\.jsonl:1 relations\[0\]: skipped relation about: the type is not in the label configuration/);
    assert.match(result.stderr, /doccano-relations\.jsonl:1 relations\[1\]: skipped relation grows-by: the type is not in the label configuration/);
    assert.match(result.stdout, /^imported 3 annotations into 1 document; 0 already there; 2 skipped$/m);
  } finally {
    work.dispose();
  }
});

test('doccano with its own column names: --column-data and --column-label read them', async () => {
  const work = temporaryFolder('columns');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const source = fixturePath('import', 'doccano-columns.jsonl');
    const plain = await marginalia(['import', source, '--format', 'doccano'], work.dir);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /doccano-columns\.jsonl:1: error: the record has no "text" string/);
    const result = await marginalia(['import', source, '--format', 'doccano', '--column-data', 'content', '--column-label', 'spans'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(annotationsOf(work.dir, 'crlf.txt').map((a) => [a.label, a.text]), [['claim', 'The minister'], ['figure', '3.5 percent']]);
    const misused = await marginalia(['import', source, '--format', 'prodigy', '--column-data', 'content'], work.dir);
    assert.equal(misused.code, 2);
    assert.match(misused.stderr, /--column-data and --column-label are options of --format doccano/);
  } finally {
    work.dispose();
  }
});

test('brat attributes on events: noted as not imported with the events, not reported as lines naming no span', async () => {
  const work = temporaryFolder('events');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    const result = await marginalia(['import', fixturePath('import', 'brat-events'), '--format', 'brat'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /note: crlf\.ann: 2 attribute line\(s\) on events not imported \(events are not imported, so neither are their attributes\)/);
    assert.doesNotMatch(result.stderr, /names no span/);
  } finally {
    work.dispose();
  }
});

test('a label configuration that does not parse is named with its line, instead of every label being "not in the label configuration"', async () => {
  const work = temporaryFolder('badconfig');
  try {
    copyFolder(SETS.fixtures, work.dir, false);
    writeFileSync(path.join(work.dir, '.marginalia.yaml'), 'labels:\n  claim:\n    color: [red\n');
    const result = await marginalia(['import', fixturePath('import', 'prodigy-mixed.jsonl'), '--format', 'prodigy'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /skipped figure 67\.\.72: the label configuration \.marginalia\.yaml has an error at line \d+: /);
    assert.doesNotMatch(result.stderr, /is not in the label configuration/);
    assert.deepEqual(sidecars(work.dir), new Map());
  } finally {
    work.dispose();
  }
});

test('--dry-run reports and writes nothing', async () => {
  const work = temporaryFolder('dry');
  try {
    const docs = path.join(work.dir, 'docs');
    copyFolder(SETS.fixtures, docs, false);
    const exported = path.join(work.dir, 'export.jsonl');
    await marginalia(['export', '--format', 'doccano', '--out', exported], SETS.fixtures);
    const result = await marginalia(['import', exported, '--format', 'doccano', '--dry-run', '--into', docs], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^would import 17 annotations into 3 documents/m);
    assert.deepEqual(sidecars(docs), new Map());
  } finally {
    work.dispose();
  }
});

test('the source header comes back with the import: into a sidecar without one; one already there is kept; one not understood is not imported', async () => {
  const work = temporaryFolder('header');
  try {
    const original = path.join(work.dir, 'original');
    copyFolder(SETS.fixtures, original);
    const headerOf = (dir: string): unknown => readSidecar(readFileSync(path.join(dir, 'emoji.txt.annotations.yaml'), 'utf8')).sidecar?.source;
    const expected = headerOf(original);
    assert.ok(expected, 'the fixture has a header');
    const exported = path.join(work.dir, 'export.jsonl');
    assert.equal((await marginalia(['export', '--format', 'doccano', '--out', exported], original)).code, 0);

    const bare = path.join(work.dir, 'bare');
    copyFolder(SETS.fixtures, bare, false);
    assert.equal((await marginalia(['import', exported, '--format', 'doccano', '--into', bare], work.dir)).code, 0);
    assert.deepEqual(headerOf(bare), expected, 'a new sidecar gets the header');
    assert.equal(readSidecar(readFileSync(path.join(bare, 'crlf.txt.annotations.yaml'), 'utf8')).sidecar?.source, undefined, 'a document without one gets none');

    const other = path.join(work.dir, 'other.jsonl');
    writeFileSync(other, readFileSync(exported, 'utf8').replace('"outlet":"The Example Gazette, tech desk"', '"outlet":"Another Paper"'));
    const kept = await marginalia(['import', other, '--format', 'doccano', '--into', original], work.dir);
    assert.equal(kept.code, 0, kept.stderr);
    assert.match(kept.stderr, /emoji\.txt\.annotations\.yaml: note: its source header is kept; the import gives another \(\{"outlet":"Another Paper"/);
    assert.deepEqual(headerOf(original), expected);

    const unusable = path.join(work.dir, 'unusable.jsonl');
    writeFileSync(unusable, readFileSync(exported, 'utf8').replace('"url":"https://news.example.org', '"url":"ftp://news.example.org'));
    const bare2 = path.join(work.dir, 'bare2');
    copyFolder(SETS.fixtures, bare2, false);
    const refused = await marginalia(['import', unusable, '--format', 'doccano', '--into', bare2], work.dir);
    assert.equal(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /unusable\.jsonl:\d+: outlet, url, published not a usable source header \(see docs\/sources\.md\); not imported/);
    assert.equal(headerOf(bare2), undefined, 'no half-read header');
  } finally {
    work.dispose();
  }
});

test('a brat corpus imports in one command: a folder without a label configuration gets one from annotation.conf, relations included', async () => {
  const work = temporaryFolder('brat-corpus');
  try {
    const corpus = fixturePath('import', 'brat-corpus');
    writeFileSync(path.join(work.dir, 'deal.txt'), readFileSync(path.join(corpus, 'deal.txt'), 'utf8'));
    const dry = await marginalia(['import', corpus, '--format', 'brat', '--dry-run'], work.dir);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /would write \.marginalia\.yaml from annotation\.conf/);
    assert.match(dry.stdout, /deal\.txt: 4 added, 3 relations added, 0 already there/, 'the dry run checks against the configuration it would write');
    assert.deepEqual([...readTree(work.dir).keys()], ['deal.txt'], 'a dry run writes nothing');

    const result = await marginalia(['import', corpus, '--format', 'brat'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote \.marginalia\.yaml from annotation\.conf/);
    const annotations = annotationsOf(work.dir, 'deal.txt');
    const id = (text: string, start: number) => annotations.find((a) => a.text === text && a.start === start)!.id;
    assert.deepEqual(
      annotations.filter((a) => a.relations).map((a) => [a.text, a.relations]),
      [
        ['Acme', [{ type: 'Acquired', to: id('Widgets Inc.', 12) }]],
        ['Widgets Inc.', [{ type: 'Coreference', to: id('Widgets Inc.', 41) }]],
        ['$5 million', [{ type: 'Price', to: id('Widgets Inc.', 12) }]],
      ],
    );
    const check = await marginalia(['check'], work.dir);
    assert.equal(check.code, 0, `the imported relations fit the configuration written: ${check.stdout}${check.stderr}`);

    const configured = readFileSync(path.join(work.dir, '.marginalia.yaml'), 'utf8');
    const again = await marginalia(['import', corpus, '--format', 'brat'], work.dir);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /wrote/);
    assert.equal(readFileSync(path.join(work.dir, '.marginalia.yaml'), 'utf8'), configured, 'a label configuration already there is kept');
    assert.match(again.stdout, /deal\.txt: 0 added, 4 already there/, 'nothing is added twice, relations included');
  } finally {
    work.dispose();
  }
});

test('labelstudio from Label Studio itself: two annotators, an older UTF-16 region, a wrong value.text and relations that cannot be imported are each reported', async () => {
  const work = temporaryFolder('labelstudio');
  try {
    copyFolder(fixturePath('import', 'labelstudio-docs'), work.dir);
    const result = await marginalia(['import', fixturePath('import', 'labelstudio-project.json'), '--format', 'labelstudio'], work.dir);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /labelstudio-project\.json \[0\]\.annotations\[0\]\.result\[3\]: error: result "bad": value\.text is "quartet", but the task's text holds "quarter" at 53\.\.60/);
    assert.match(result.stderr, /result\[8\]: error: relation supports: region gone is not a labelled text region of this annotation/);
    assert.match(result.stderr, /result\[9\]: skipped relation said-by: it goes both ways, but the type is not symmetric/);
    assert.match(result.stdout, /^task-7\.txt: 3 added, 2 relations added, 1 already there$/m, "the second annotator's region is the first's");
    assert.match(result.stdout, /^imported 4 annotations into 2 documents; 1 already there; 3 skipped$/m);
    const article = annotationsOf(work.dir, 'task-7.txt');
    assert.deepEqual(
      article.map((a) => [a.id, a.text, a.author, a.relations ?? []]),
      [
        ['ceo', 'the CEO', 'Label Studio user 3', []],
        ['rev', 'revenue rose 12% 📈 in the quarter', 'Label Studio user 3', [{ type: 'said-by', to: 'ceo' }, { type: 'contradicts', to: 'fell' }]],
        ['fell', 'it fell', 'Label Studio user 3', []],
      ],
    );
    assert.deepEqual(annotationsOf(work.dir, 'notes.txt').map((a) => [a.label, a.text]), [['claim', 'notes']]);
  } finally {
    work.dispose();
  }
});
