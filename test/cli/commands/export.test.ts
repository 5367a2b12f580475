/**
 * `marginalia export`: golden files for every format on the seeds and on hand-made fixtures (emoji,
 * CRLF, Markdown), and the property every consumer relies on: each exported span, sliced out of the
 * exported text by code points, is exactly the annotation's text. Set UPDATE=1 to rewrite the goldens.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Annotation } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { OffsetIndex } from '../../../src/core/text';
import { fixturePath } from '../../fixture-path';
import { marginalia, type CliResult } from '../cli-harness';
import { copyFolder, FORMATS, OUTPUT_NAMES, PYTHON_LINE_BREAKS, readExport, readTree, SETS, temporaryFolder, type Format } from '../export-harness';

const UPDATE = process.env['UPDATE'] === '1' || process.env['UPDATE'] === 'true';

/** Export a copy of an annotated set; the output's files keyed by path under the output folder. */
async function exportSet(set: string, format: Format, extra: string[] = []): Promise<{ result: CliResult; files: Map<string, string> }> {
  const work = temporaryFolder('export');
  try {
    const docs = path.join(work.dir, 'docs');
    copyFolder(set, docs);
    const out = path.join(work.dir, 'out');
    const result = await marginalia(['export', '--format', format, '--out', path.join(out, OUTPUT_NAMES[format]), ...extra], docs);
    return { result, files: readTree(out) };
  } finally {
    work.dispose();
  }
}

/** Compare an export with its golden files, or rewrite them under UPDATE=1. */
function assertGolden(files: Map<string, string>, golden: string): void {
  if (UPDATE) {
    rmSync(golden, { recursive: true, force: true });
    for (const [name, content] of files) {
      mkdirSync(path.dirname(path.join(golden, name)), { recursive: true });
      writeFileSync(path.join(golden, name), content);
    }
    return;
  }
  const expected = readTree(golden);
  assert.deepEqual([...files.keys()], [...expected.keys()], `the export writes the files of ${golden}`);
  for (const [name, content] of files) assert.equal(content, expected.get(name), `${name} matches its golden file (UPDATE=1 rewrites it)`);
}

/** The annotations of every sidecar of a set, by document path relative to the set. */
function sidecarAnnotations(set: string): Map<string, Annotation[]> {
  const byDocument = new Map<string, Annotation[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.annotations.yaml')) {
        const { sidecar } = readSidecar(readFileSync(full, 'utf8'));
        assert.ok(sidecar, `${full} reads`);
        const document = path.relative(set, path.join(dir, sidecar.document)).split(path.sep).join('/');
        byDocument.set(document, sidecar.annotations);
      }
    }
  };
  walk(set);
  return byDocument;
}

for (const [setName, set] of Object.entries(SETS)) {
  for (const format of FORMATS) {
    test(`${format} export of the ${setName} matches its golden files`, async () => {
      const { result, files } = await exportSet(set, format);
      assert.equal(result.code, 0, result.stderr);
      assertGolden(files, fixturePath('export', 'golden', setName, format));
    });

    test(`${format} export of the ${setName}: every span sliced out of the exported text by code points is its annotation's text`, async () => {
      const { files } = await exportSet(set, format);
      const expected = sidecarAnnotations(set);
      let spans = 0;
      for (const document of readExport(format, files)) {
        const source = expected.has(document.source) ? document.source : `${document.source}.txt`;
        const annotations = expected.get(source);
        assert.ok(annotations, `${document.source} is a document of the set`);
        const index = new OffsetIndex(document.text);
        for (const span of document.spans) {
          const sliced = index.slice(span.start, span.end);
          const annotation: Annotation | undefined = annotations.find((a) => a.label === span.label && a.start === span.start && a.end === span.end);
          assert.ok(annotation, `${source}: ${span.label} ${span.start}..${span.end} is an annotation of the sidecar`);
          assert.notEqual(annotation.status, 'orphaned', 'orphans are left out');
          assert.equal(sliced, annotation.text, `${source}: ${span.label} ${span.start}..${span.end}`);
          if (span.text !== undefined) {
            // brat writes a span across lines as fragments whose texts are joined by a space, as brat checks it.
            const written = format === 'brat' ? sliced.split(new RegExp(PYTHON_LINE_BREAKS, 'gu')).filter((s) => s !== '').join(' ') : sliced;
            assert.equal(span.text, written, `${source}: the span's own text field`);
          }
          spans++;
        }
      }
      const exportable = [...expected.values()].flat().filter((a) => a.status !== 'orphaned').length;
      assert.equal(spans, exportable, 'every annotation that is not orphaned is exported');
    });
  }
}

test('the fixtures hold what the slicing test must cover: astral characters, a ZWJ sequence, CRLF line ends, an orphan', () => {
  const emoji = readFileSync(path.join(SETS.fixtures, 'emoji.txt'), 'utf8');
  assert.match(emoji, /\p{Extended_Pictographic}\u200d\p{Extended_Pictographic}/u);
  assert.ok(emoji.length > [...emoji].length, 'the emoji document has astral characters');
  assert.match(readFileSync(path.join(SETS.fixtures, 'crlf.txt'), 'utf8'), /\r\n/);
  assert.ok([...sidecarAnnotations(SETS.fixtures).values()].flat().some((a) => a.status === 'orphaned'));
});

test('an empty span (start = end) is an error to check and left out of export, both saying why', async () => {
  const work = temporaryFolder('empty');
  try {
    copyFolder(SETS.fixtures, work.dir);
    const sidecarPath = path.join(work.dir, 'emoji.txt.annotations.yaml');
    const sidecar = readSidecar(readFileSync(sidecarPath, 'utf8')).sidecar!;
    const empty: Annotation = { id: 'e0000001', label: 'claim', start: 10, end: 10, text: '' };
    writeFileSync(sidecarPath, writeSidecar({ ...sidecar, annotations: [...sidecar.annotations, empty] }));
    const check = await marginalia(['check', 'emoji.txt.annotations.yaml'], work.dir);
    assert.equal(check.code, 1, check.stdout);
    assert.match(check.stdout, /emoji\.txt\.annotations\.yaml:\d+:\d+: error: the annotation covers no text \(start = end = 10\)/);
    const exported = await marginalia(['export', '--format', 'doccano'], work.dir);
    assert.equal(exported.code, 1, 'an error in a sidecar fails the export, as check fails');
    assert.match(exported.stderr, /emoji\.txt\.annotations\.yaml:\d+:\d+: the annotation covers no text/);
    assert.match(exported.stderr, /emoji\.txt: annotation e0000001 \(claim\) covers no text \(10\.\.10\); every format needs start < end/);
    assert.doesNotMatch(exported.stderr, /e0000001.*check --fix/, 'check --fix cannot change it, so export does not send the user there');
  } finally {
    work.dispose();
  }
});

test('an orphaned annotation is left out with a warning on stderr naming it', async () => {
  const { result } = await exportSet(SETS.fixtures, 'doccano');
  assert.equal(result.code, 0);
  assert.match(result.stderr, /^marginalia export: warning: crlf\.txt: annotation b2000005 \(claim\) is orphaned; left out$/m);
  assert.match(result.stderr, /^exported 17 annotations from 3 documents as doccano to /m);
});

test('JSONL goes to standard output without --out, byte for byte what --out writes', async () => {
  const work = temporaryFolder('stdout');
  try {
    copyFolder(SETS.fixtures, work.dir);
    const toStdout = await marginalia(['export', '--format', 'prodigy'], work.dir);
    const { files } = await exportSet(SETS.fixtures, 'prodigy');
    assert.equal(toStdout.stdout, files.get(OUTPUT_NAMES.prodigy));
  } finally {
    work.dispose();
  }
});

test('--label keeps only the labels named', async () => {
  const { files } = await exportSet(SETS.fixtures, 'prodigy', ['--label', 'quote', '--label', 'figure']);
  const labels = new Set(readExport('prodigy', files).flatMap((d) => d.spans.map((s) => s.label)));
  assert.deepEqual([...labels].sort(), ['figure', 'quote']);
});

test('--plain: a Markdown document is exported as its plain text with every span mapped onto it', async () => {
  const { result, files } = await exportSet(SETS.fixtures, 'prodigy', ['--plain']);
  assert.equal(result.code, 0, result.stderr);
  assertGolden(files, fixturePath('export', 'golden', 'fixtures', 'prodigy-plain'));
  const brief = readExport('prodigy', files).find((d) => d.source === 'notes/brief.md')!;
  assert.doesNotMatch(brief.text, /[*#`>]|\]\(|&amp;/, 'no markup is left');
  const index = new OffsetIndex(brief.text);
  assert.deepEqual(
    brief.spans.map((s) => [s.label, index.slice(s.start, s.end)]),
    [
      ['claim', 'Budget brief 🚀'],
      ['claim', 'the budget would grow by 3.5 percent next year'],
      ['figure', '3.5 percent'],
      ['quote', '"We will not raise taxes,\nnot this year and not next."'],
      ['figure', '12% & costs'],
      ['claim', 'grow()'],
    ],
  );
  assert.match(result.stderr, /notes\/brief\.md: annotation c3000004 \(claim\) covers only Markdown markup; left out of the plain export/);
  const plain = readExport('prodigy', files).find((d) => d.source === 'emoji.txt')!;
  const { files: plainFiles } = await exportSet(SETS.fixtures, 'prodigy');
  assert.deepEqual(plain, readExport('prodigy', plainFiles).find((d) => d.source === 'emoji.txt'), 'other documents are exported as they are');
});

test('brat --plain: the projected spans keep brat\'s line fragments', async () => {
  const { files } = await exportSet(SETS.fixtures, 'brat', ['--plain']);
  assertGolden(files, fixturePath('export', 'golden', 'fixtures', 'brat-plain'));
});

test('usage errors exit 2: no format, an unknown format, a folder format without --out', async () => {
  const work = temporaryFolder('usage');
  try {
    copyFolder(SETS.fixtures, work.dir);
    for (const [args, says] of [
      [['export'], /--format is required/],
      [['export', '--format', 'conll'], /unknown format 'conll'; use one of doccano, prodigy, brat, w3c, csv, labelstudio/],
      [['export', '--format', 'brat'], /--format brat writes a folder: give it with --out/],
    ] as const) {
      const result = await marginalia([...args], work.dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, says);
      assert.equal(result.stdout, '');
    }
  } finally {
    work.dispose();
  }
});

test('Python reads the JSONL exports and slices every span to its annotation text', { skip: spawnSync('python3', ['--version']).status !== 0 && 'no python3' }, async () => {
  for (const format of ['doccano', 'prodigy'] as const) {
    const { files } = await exportSet(SETS.fixtures, format);
    const script = [
      'import json, sys',
      'out = []',
      'for line in sys.stdin:',
      '    d = json.loads(line)',
      '    spans = d["label"] if "label" in d else [[s["start"], s["end"], s["label"]] for s in d["spans"]]',
      '    out += [[d["meta"]["source"], l, s, e, d["text"][s:e]] for s, e, l in spans]',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync('python3', ['-c', script], { input: files.get(OUTPUT_NAMES[format]), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const expected = sidecarAnnotations(SETS.fixtures);
    for (const [source, label, start, end, sliced] of JSON.parse(run.stdout) as [string, string, number, number, string][]) {
      const annotation = expected.get(source)!.find((a) => a.label === label && a.start === start && a.end === end)!;
      assert.equal(sliced, annotation.text, `Python's text[${start}:${end}] in ${source}`);
    }
  }
});
