// The parser for Marginalia's own form of YAML: on every text it accepts it reads what js-yaml (core
// schema) and the `yaml` package read; every text the writer makes is accepted; anything it is not sure
// of it refuses, and the reader then parses with js-yaml.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { splitLines } from '../../../src/core/sidecar/analyze';
import { loadCanonical } from '../../../src/core/sidecar/canonical-load';
import { scanLayout } from '../../../src/core/sidecar/layout';
import { formatString } from '../../../src/core/sidecar/scalar';
import { writeSidecar } from '../../../src/core/sidecar/write';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const REPO = path.resolve(__dirname, '..', '..', '..', '..');

/** The text as the reader hands it over: without a byte-order mark, with its lines. */
function load(source: string): Record<string, unknown> | undefined {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = splitLines(text);
  const read = loadCanonical(text, lines);
  // The reader takes each record's line from the parser, and scans the layout only for findings and writes: the lines must agree.
  if (read?.recordLines) assert.deepEqual(read.recordLines, scanLayout(lines)?.annotations?.records.map((r) => r.line), `record lines of ${JSON.stringify(source)}`);
  return read?.data;
}

/** What the general parsers read, or undefined when either refuses the text. */
function general(source: string): { jsYaml: unknown; yaml: unknown } | undefined {
  try {
    return { jsYaml: jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA }), yaml: parseYaml(source) };
  } catch {
    return undefined;
  }
}

/** Accepted means: both general parsers read the text, and read the same data. */
function assertSameIfAccepted(source: string): boolean {
  const fast = load(source);
  if (fast === undefined) return false;
  const reference = general(source);
  assert.ok(reference, `accepted a text the general parsers refuse: ${JSON.stringify(source)}`);
  assert.deepEqual(fast, reference.jsYaml, JSON.stringify(source));
  assert.deepEqual(fast, reference.yaml, JSON.stringify(source));
  return true;
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Strings that have tripped YAML readers and writers. */
const tricky = fc.constantFrom(
  '', ' ', 'yes', 'No', 'y', 'null', '~', 'true', 'FALSE', '1', '-1', '-0', '+1', '007', '0o7', '0x1F', '1e3', '.5', '5.', '0.50', '-0.0',
  '.inf', '.nan', '1:20', '1_000', '2026-11-22', '2026-11-22T10:00:00Z', '<<', '=', '- item', '-', '? q', ': c', 'a: b', 'a:b', 'end:',
  'a #b', 'a#b', '#c', '&anchor', '*alias', '!tag', '|', '>', '%YAML', '@x', '`x`', "it's", '"q"', "'", '"', 'trailing ', ' leading',
  'tab\there', 'line\nbreak', 'crlf\r\n', 'cr\ronly', 'nel\u0085', 'ls\u2028', 'bom\uFEFF', 'nul\u0000', 'del\u007F', '\u00A0nbsp', '😀',
  '“curly” — dash …', 'lone \uD800 high', '\\backslash', '\\n', '---', '...', '[x]', '{x: y}', '[]', '{}', ',', 'x]', '\uFFFE', '__proto__',
);
const text = fc.oneof(tricky, fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
/** Keys the writer writes plain (it quotes `e0` or `yes`, which the parser leaves to js-yaml). */
const simpleKey = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/).filter((key) => formatString(key) === key);
/** Numbers the writer writes in their plainest form (the parser leaves exponents, -0, infinities and NaN to js-yaml). */
const plainNumber = fc.oneof(fc.integer(), fc.double().filter((n) => !Object.is(n, -0) && /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/.test(String(n))));
const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e21, 5e-7, 2 ** 70));

function sidecarWith(number: fc.Arbitrary<number>): fc.Arbitrary<Sidecar> {
  const attributeValue = fc.oneof(text, number, fc.boolean());
  const annotation: fc.Arbitrary<Annotation> = fc
  .record(
    {
      id: fc.stringMatching(/^[0-9a-f]{8}$/),
      label: fc.constantFrom('claim', 'quote', 'figure'),
      start: fc.nat({ max: 1_000_000 }),
      text,
      prefix: text,
      suffix: text,
      attributes: fc.dictionary(simpleKey, attributeValue, { maxKeys: 3, noNullPrototype: true }),
      note: text,
      created: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      status: fc.constant('orphaned' as const),
    },
    { requiredKeys: ['id', 'label', 'start', 'text'] },
  )
  .map((a) => ({ ...a, end: a.start + a.text.length }) as Annotation);
  return fc.record({
  version: fc.constant(1),
  document: fc.oneof(fc.constant('doc.txt'), text.filter((s) => s.length > 0)),
  source: fc.option(fc.dictionary(simpleKey, attributeValue, { maxKeys: 3, noNullPrototype: true }), { nil: undefined }),
  annotations: fc.uniqueArray(annotation, { selector: (a) => a.id, maxLength: 6 }),
  }) as fc.Arbitrary<Sidecar>;
}

/** One edit to a text: characters and lines that change what YAML reads, inserted, removed or moved. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), what: fc.constantFrom(' ', '  ', '\t', '#', ' #', ':', ': ', "'", '"', '\\', '-', '- ', '\n', '\r', '\r\n', '\n  ', '[', '{', '&a ', '*a', '!t ', '|', '\uFEFF', '\u0085', '\u00A0', '\n\u00A0\n', '\n \u3000#\n', '0', 'x') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat() }),
);

function mutate(source: string, edits: { kind: string; at: number; what?: string; length?: number }[]): string {
  let out = source;
  for (const edit of edits) {
    const at = edit.at % (out.length + 1);
    if (edit.kind === 'insert') out = out.slice(0, at) + edit.what + out.slice(at);
    else if (edit.kind === 'delete') out = out.slice(0, at) + out.slice(at + edit.length!);
    else {
      const lines = out.split('\n');
      const i = edit.at % lines.length;
      if (edit.kind === 'duplicate-line') lines.splice(i, 0, lines[i]!);
      else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      out = lines.join('\n');
    }
  }
  return out;
}

describe('canonical-load', () => {
  test('on every fixture it accepts it reads what js-yaml and the yaml package read, and it accepts every seed', () => {
    const files = [...yamlFiles(path.join(REPO, 'test', 'fixtures')), ...yamlFiles(path.join(REPO, 'seeds'))];
    const accepted = files.filter((file) => assertSameIfAccepted(readFileSync(file, 'utf8')));
    for (const seed of yamlFiles(path.join(REPO, 'seeds')).filter((file) => file.endsWith('.annotations.yaml'))) assert.ok(accepted.includes(seed), seed);
  });

  test('it accepts every sidecar the writer makes with plain numbers, and reads what the general parsers read', () => {
    fc.assert(
      fc.property(sidecarWith(plainNumber), (content) => {
        const written = writeSidecar(content);
        assert.equal(assertSameIfAccepted(written), true, `refused the writer's own text: ${JSON.stringify(written)}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('on a mangled sidecar it reads what the general parsers read, or refuses it', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(sidecarWith(anyNumber), fc.array(mutation, { minLength: 1, maxLength: 3 }), (content, edits) => {
        if (assertSameIfAccepted(mutate(writeSidecar(content), edits))) accepted++;
        else refused++;
      }),
      { numRuns: RUNS * 10 },
    );
    // Both outcomes happen: the edits neither all break the form nor all keep it.
    assert.ok(accepted > 0 && refused > 0, `accepted ${accepted}, refused ${refused}`);
  });

  test('it refuses what it does not read itself: the general parser reads it, or reports it', () => {
    const refused = [
      'marginalia: 1\ndocument: a.txt\nannotations:\n  - id: x\n    text: two\n      lines\n',
      'marginalia: 1\ndocument: a.txt # where\nannotations: []\n',
      'marginalia: 1\ndocument: a.txt\ndocument: b.txt\nannotations: []\n',
      'marginalia: 1\ndocument: &d a.txt\nannotations: []\n',
      'marginalia: 1\ndocument: "a\\\n  b"\nannotations: []\n',
      'marginalia: 1\ndocument: |\n  a.txt\nannotations: []\n',
      'marginalia: 1\ndocument: a.txt\nannotations: [{id: x}]\n',
      'marginalia: 1\ndocument: a.txt\nannotations:\n- id: x\n',
      'marginalia: 1\ndocument: a.txt\nannotations:\n  -\n    id: x\n',
      'marginalia: 1\ndocument: a.txt\r# hidden: 1\nannotations: []\n',
      'marginalia: 0x1\ndocument: a.txt\nannotations: []\n',
      'marginalia: -0\ndocument: a.txt\nannotations: []\n',
      'marginalia: 1\ndocument:\nannotations: []\n',
      '__proto__: 1\ndocument: a.txt\n',
      // White space other than spaces is content to YAML, not a blank line's or a comment's indentation.
      'marginalia: 1\n\u00A0\ndocument: a.txt\n',
      'marginalia: 1\n  \u3000# x\ndocument: a.txt\n',
      '---\nmarginalia: 1\n',
      '',
    ];
    for (const source of refused) assert.equal(load(source), undefined, JSON.stringify(source));
  });
});
