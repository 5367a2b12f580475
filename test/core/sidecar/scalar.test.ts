// formatString writes a string on one line so that every YAML reader (YAML 1.2 core, YAML 1.1 as
// PyYAML reads it, js-yaml) reads back the same string: plain when that is safe, else single quotes,
// double quotes only for what must be escaped. formatNumber writes a number that reads back the same.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as jsyaml from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import { formatNumber, formatString } from '../../../src/core/sidecar/scalar';

/** The value of `k` as each reader reads `k: <scalar>`. */
function readBack(scalar: string): unknown[] {
  const line = `k: ${scalar}\n`;
  return [
    (parseYaml(line) as { k: unknown }).k,
    (parseYaml(line, { version: '1.1' }) as { k: unknown }).k,
    (jsyaml.load(line) as { k: unknown }).k,
  ];
}

function assertRoundTrip(s: string): void {
  const scalar = formatString(s);
  assert.doesNotMatch(scalar, /[\n\r]/, `${JSON.stringify(s)} stays on one line`);
  for (const value of readBack(scalar)) assert.equal(value, s, `${JSON.stringify(s)} written as ${scalar}`);
}

test('ordinary prose, emoji and typographic characters are written plain, as they are', () => {
  for (const s of ['Hello world', 'naïve café', 'a 👩‍👩‍👧 family', '“quoted” — dash', 'ratio 3:2', 'end.']) {
    assert.equal(formatString(s), s);
    assertRoundTrip(s);
  }
});

test('strings some reader would take for another type are quoted', () => {
  for (const s of ['yes', 'No', 'on', 'null', '~', 'true', '123', '0x1F', '1_000', '1.5', '.5', '1e5', '.inf', '.NaN', '190:20:30', '2026-11-22', '<<', '=']) {
    assert.equal(formatString(s), `'${s}'`, s);
    assertRoundTrip(s);
  }
});

test('strings that start with an indicator, hold ": " or " #", or end in space are single-quoted', () => {
  for (const s of ['- item', '#tag', '&anchor', '*alias', '!tag', '[list', '{map', '"q', "'q", '%x', '@x', '`x', '|', '>', 'a: b', 'a #b', 'trailing ', ' leading', 'colon:']) {
    assert.match(formatString(s), /^'.*'$/, s);
    assertRoundTrip(s);
  }
  assert.equal(formatString("it's"), "it's", 'an apostrophe inside is harmless');
  assert.equal(formatString("'tis"), "'''tis'", 'a leading quote is doubled inside single quotes');
});

test('the empty string is quoted, not written as nothing (which reads as null)', () => {
  assert.equal(formatString(''), "''");
  assertRoundTrip('');
});

test('line breaks, tabs and control characters are escaped in double quotes, CRLF included', () => {
  assert.equal(formatString('a\nb'), '"a\\nb"');
  assert.equal(formatString('a\r\nb'), '"a\\r\\nb"');
  assert.equal(formatString('a\tb'), '"a\\tb"');
  assert.equal(formatString('\u0001'), '"\\x01"');
  assert.equal(formatString('a\u2028b'), '"a\\Lb"');
  assert.equal(formatString('say "hi"\n'), '"say \\"hi\\"\\n"');
  for (const s of ['a\nb', 'a\r\nb', 'a\tb', '\u0001\u007F\u0085', 'a\u2028b\u2029', '\uFEFFbom', 'back\\slash\n']) assertRoundTrip(s);
});

test('a lone surrogate is escaped, a surrogate pair (emoji) is not', () => {
  assert.equal(formatString('\uD83D'), '"\\uD83D"');
  assert.equal(formatString('x\uDE00'), '"x\\uDE00"');
  assert.equal(formatString('😀'), '😀');
});

test('the same string always gets the same bytes', () => {
  for (const s of ['yes', 'a\nb', 'plain']) assert.equal(formatString(s), formatString(s));
});

test('numbers read back as the same number, negative zero and non-finite values included', () => {
  assert.equal(formatNumber(42), '42');
  assert.equal(formatNumber(-0), '-0.0');
  assert.equal(formatNumber(NaN), '.nan');
  assert.equal(formatNumber(Infinity), '.inf');
  assert.equal(formatNumber(-Infinity), '-.inf');
  for (const n of [0, -0, 1.5, -7, 1e21, 5e-7, Infinity, -Infinity, NaN]) {
    for (const value of readBack(formatNumber(n))) assert.ok(Object.is(value, n), `${n} written as ${formatNumber(n)} read back as ${String(value)}`);
  }
});
