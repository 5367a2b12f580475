import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OffsetIndex, codePointLength, normalizeText, oneLine, quoteForMessage } from '../../src/core/text';

test('normalizeText drops a leading BOM and reads CRLF and lone CR as LF', () => {
  assert.equal(normalizeText('\uFEFFa\r\nb\rc\n'), 'a\nb\nc\n');
  assert.equal(normalizeText('x\uFEFF'), 'x\uFEFF', 'only a leading BOM is dropped');
});

test('codePointLength counts an emoji as one', () => {
  assert.equal(codePointLength('a😀b'), 3);
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('\uD800'), 1, 'a lone surrogate counts as one code point');
});

test('OffsetIndex converts both ways around astral characters', () => {
  const text = 'a😀b🎉c';
  const index = new OffsetIndex(text);
  assert.equal(index.length, 5);
  const cps = [...text];
  for (let cp = 0; cp <= cps.length; cp++) {
    const utf16 = cps.slice(0, cp).join('').length;
    assert.equal(index.toUtf16(cp), utf16, `toUtf16(${cp})`);
    assert.equal(index.toCodePoint(utf16), cp, `toCodePoint(${utf16})`);
  }
  assert.equal(index.slice(1, 4), '😀b🎉');
  assert.equal(index.toCodePoint(2), 1, 'an offset inside a surrogate pair rounds down');
});

test('OffsetIndex gives zero-based line and code-point column', () => {
  const index = new OffsetIndex('😀x\nab😀c\n');
  assert.deepEqual(index.lineColumn(0), { line: 0, column: 0 });
  assert.deepEqual(index.lineColumn(2), { line: 0, column: 2 });
  assert.deepEqual(index.lineColumn(3), { line: 1, column: 0 });
  assert.deepEqual(index.lineColumn(6), { line: 1, column: 3 });
});

test('quoteForMessage quotes a text as JSON and cuts it to a number of code points, the ellipsis counted', () => {
  assert.equal(quoteForMessage('as early as', 60), '"as early as"');
  assert.equal(quoteForMessage('line\nbreak "quoted"', 60), '"line\\nbreak \\"quoted\\""');
  assert.equal(quoteForMessage('😀😀😀😀😀', 3), '"😀😀…"');
  assert.equal(quoteForMessage('abc', 3), '"abc"');
});

test('oneLine puts a text on one line and cuts it to a number of code points, the ellipsis counted', () => {
  assert.equal(oneLine('said\n  by   Smith'), 'said by Smith');
  assert.equal(oneLine('abcdef', 6), 'abcdef');
  assert.equal(oneLine('abcdefg', 6), 'abcde…');
  assert.equal(oneLine('😀😀😀😀', 3), '😀😀…', 'code points, not UTF-16 units');
  assert.equal([...oneLine('x'.repeat(100))].length, 60, '60 by default');
});
