import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { isAnnotationId, isLabelName } from '../../../src/core/names';
import { readSidecar } from '../../../src/core/sidecar/read';
import { SourceCache } from '../../../src/core/sidecar/source-cache';
import { formatString } from '../../../src/core/sidecar/scalar';
import { compareAnnotations, writeSidecar } from '../../../src/core/sidecar/write';
import { changedRange, recordRange } from './helpers';

const RUNS = Number(process.env["PROPERTY_RUNS"] ?? 150);
const KNOWN_KEYS = ['id', 'label', 'start', 'end', 'text', 'prefix', 'suffix', 'entity', 'attributes', 'note', 'author', 'created', 'status'];

/** Strings that have tripped YAML writers: other types' spellings, indicators, escapes, odd Unicode. */
const tricky = fc.constantFrom(
  '', ' ', 'yes', 'No', 'OFF', 'y', 'null', 'Null', '~', 'true', 'FALSE', '1', '-1', '+1', '007', '0o7', '0x1F', '0b101', '1e3', '1E-3', '.5', '5.',
  '.inf', '-.Inf', '.nan', '1:20', '190:20:30.15', '1_000', '2026-11-22', '2026-11-22T10:00:00Z', '2026-11-22 10:00:00 +1', '<<', '=',
  '- item', '-', '? q', ': c', 'a: b', 'a:b', 'end:', 'a #b', 'a#b', '#c', '&anchor', '*alias', '!tag', '!!str', '|', '>', '%YAML', '@x',
  '`x`', "it's", '"q"', "'", '"', 'trailing ', ' leading', 'tab\there', '\t', 'line\nbreak', '\n', 'crlf\r\n', 'nel\u0085', 'ls\u2028',
  'bom\uFEFF', 'nul\u0000', 'bell\u0007', 'del\u007F', 'c1\u0090', '\u00A0nbsp', '😀', '“curly” — dash …', 'lone \uD800 high', 'lone \uDC00 low',
  '\uDBFF', '\\backslash', '\\n', '---', '...', '[x]', '{x: y}', ',', 'x,', 'x]', '\uFFFE', '\uFFFF', '.', '+.', '._', '._1', '1.',
);
const text = fc.oneof(tricky, fc.string({ maxLength: 24 }), fc.string({ unit: 'binary', maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 24 }));
const nonEmpty = text.filter((s) => s.length > 0);
const trickyNumber = fc.constantFrom(-0, Number.NaN, Infinity, -Infinity, 1e21, 5e-7, Number.MAX_SAFE_INTEGER, 2 ** 70, -1.5);
const attributeValue = fc.oneof(text, fc.integer(), fc.double(), trickyNumber);
const attributes = fc.dictionary(text.filter((s) => s.length <= 24), attributeValue, { maxKeys: 4, noNullPrototype: true });
const extras = fc.dictionary(nonEmpty.filter((key) => !KNOWN_KEYS.includes(key)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2, noNullPrototype: true });

function annotationWith(id: fc.Arbitrary<string>): fc.Arbitrary<Annotation> {
  return fc
    .tuple(
      fc.record(
        {
          id,
          label: fc.oneof(fc.constantFrom('claim', 'quote', 'figure'), nonEmpty.filter(isLabelName)),
          start: fc.nat({ max: 1_000_000 }),
          length: fc.nat({ max: 1000 }),
          text,
          prefix: text,
          suffix: text,
          entity: text,
          attributes,
          note: text,
          author: text,
          created: fc.oneof(text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
          status: fc.constant('orphaned' as const),
        },
        { requiredKeys: ['id', 'label', 'start', 'length', 'text'] },
      ),
      fc.option(extras, { nil: undefined }),
    )
    .map(([{ length, ...rest }, more]) => ({ ...rest, end: rest.start + length, ...(more ?? {}) }) as Annotation);
}

function sidecarOf(annotation: fc.Arbitrary<Annotation>): fc.Arbitrary<Sidecar> {
  return fc.record({
    version: fc.constant(1),
    document: fc.oneof(fc.constant('doc.txt'), nonEmpty.filter((s) => !/^[\\/]|^[A-Za-z]:|(^|[\\/])\.\.([\\/]|$)/.test(s))),
    annotations: fc.uniqueArray(annotation, { selector: (a) => a.id, maxLength: 8 }),
  });
}

/** Ids from a small pool, so that two generated sidecars share records. */
const pooledId = fc.constantFrom('aaaaaaaa', 'bbbbbbbb', '0000cafe', '12345678', '1e100000', 'ffffffff');

function sorted(sidecar: Sidecar): Sidecar {
  return { ...sidecar, annotations: [...sidecar.annotations].sort(compareAnnotations) };
}

describe('sidecar properties', () => {
  test('write then read is the identity for arbitrary annotation sets', () => {
    fc.assert(
      fc.property(sidecarOf(annotationWith(fc.oneof(fc.stringMatching(/^[0-9a-f]{8}$/), nonEmpty.filter(isAnnotationId)))), (sidecar) => {
        const result = readSidecar(writeSidecar(sidecar));
        assert.equal(result.writable, true, JSON.stringify(result.findings));
        assert.deepEqual(result.sidecar, sorted(sidecar));
      }),
      { numRuns: RUNS },
    );
  });

  test('writing into another sidecar\'s text reads back as the new content', () => {
    const sidecar = sidecarOf(annotationWith(pooledId));
    fc.assert(
      fc.property(sidecar, sidecar, (before, after) => {
        const previous = writeSidecar(before);
        const written = writeSidecar(after, previous);
        assert.deepEqual(readSidecar(written).sidecar, sorted(after));
        assert.equal(written, writeSidecar(after), 'a canonical file stays canonical');
      }),
      { numRuns: RUNS },
    );
  });

  test('the bytes a write keeps from the text before are the UTF-8 encoding of the new text, byte for byte', () => {
    const sidecar = sidecarOf(annotationWith(pooledId));
    const encoder = new TextEncoder();
    let known = 0;
    fc.assert(
      fc.property(fc.array(sidecar, { minLength: 2, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (versions, eol, bom) => {
        const sources = new SourceCache();
        let text = (bom ? '\uFEFF' : '') + writeSidecar(versions[0]!).replace(/\n/g, eol);
        for (const version of versions.slice(1)) {
          text = writeSidecar(version, text, sources);
          const bytes = sources.bytesOf(text);
          if (eol !== '\n' || bom) assert.equal(bytes, undefined, 'a text with CRLF or a byte-order mark is encoded whole');
          if (bytes === undefined) continue;
          known++;
          assert.deepEqual(Buffer.concat(bytes), Buffer.from(encoder.encode(text)));
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok(known > RUNS / 4, `the bytes of most LF texts are known (${known} writes)`);
  });

  test('a change to one record changes only that record\'s lines', () => {
    const input = sidecarOf(annotationWith(fc.stringMatching(/^[0-9a-f]{8}$/))).filter((s) => s.annotations.length > 0);
    fc.assert(
      fc.property(input, fc.nat(), text, attributes, (sidecar, pick, note, attrs) => {
        const previous = writeSidecar(sidecar);
        const target = sidecar.annotations[pick % sidecar.annotations.length]!;
        const changed = { ...sidecar, annotations: sidecar.annotations.map((a) => (a === target ? { ...a, note, attributes: attrs } : a)) };
        const written = writeSidecar(changed, previous);
        const before = previous.split('\n');
        const after = written.split('\n');
        const range = changedRange(before, after);
        // A change to the values the record already had leaves the text as it was: nothing to place.
        if (written === previous) return;
        const [from, to] = recordRange(before, readSidecar(previous).recordLines.get(target.id)!);
        const [newFrom, newTo] = recordRange(after, readSidecar(written).recordLines.get(target.id)!);
        assert.ok(range.before[0] >= from && range.before[1] <= to, `old lines ${range.before} outside ${from}-${to}`);
        assert.ok(range.after[0] >= newFrom && range.after[1] <= newTo, `new lines ${range.after} outside ${newFrom}-${newTo}`);
      }),
      { numRuns: RUNS },
    );
  });

  test('strings that a YAML 1.1 reader takes for numbers are quoted (found by the property below)', () => {
    for (const s of ['e0', '-E5', '+e12', '.e1', '.', '._', '1_000', '0x1F', '190:20:30', '.NaN', 'Yes', '2021-12-17']) {
      assert.match(formatString(s), /^['"]/, `${s} is quoted`);
      assert.equal((parseYaml(`key: ${formatString(s)}`, { version: '1.1' }) as { key: unknown }).key, s);
    }
    for (const s of ['e', 'e0_', '_e0', '0e', 'Dec 17']) assert.equal(formatString(s), s, `${s} needs no quotes`);
  });

  test('every string is written so that YAML 1.2, YAML 1.1 and js-yaml read the same string back', () => {
    fc.assert(
      fc.property(text, (s) => {
        const line = `key: ${formatString(s)}\n`;
        assert.ok(!line.slice(0, -1).includes('\n'), 'one line');
        assert.equal((parseYaml(line) as { key: unknown }).key, s, 'yaml 1.2');
        assert.equal((parseYaml(line, { version: '1.1' }) as { key: unknown }).key, s, 'yaml 1.1');
        assert.equal((jsyaml.load(line) as { key: unknown }).key, s, 'js-yaml default schema');
      }),
      { numRuns: RUNS * 4 },
    );
  });
});
