// A document's bytes become text only when they are UTF-8 text: a BOM is dropped, binary files and
// legacy encodings are refused with a reason, never decoded into replacement characters.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeDocument } from '../../src/core/document-bytes';

const bytes = (...values: number[]) => new Uint8Array(values);

test('UTF-8 text is decoded as it is, emoji and CRLF included', () => {
  const text = 'Café 😀\r\nline';
  assert.deepEqual(decodeDocument(new TextEncoder().encode(text)), { text });
});

test('a leading byte-order mark is dropped', () => {
  assert.deepEqual(decodeDocument(bytes(0xef, 0xbb, 0xbf, 0x61)), { text: 'a' });
});

test('an empty file is an empty text', () => {
  assert.deepEqual(decodeDocument(bytes()), { text: '' });
});

test('a NUL byte marks a binary file, refused', () => {
  const result = decodeDocument(bytes(0x61, 0x00, 0x62));
  assert.equal(result.text, undefined);
  assert.match(result.problem!, /^is binary/);
});

test('Latin-1 or UTF-16 bytes are refused, not decoded into replacement characters', () => {
  for (const input of [bytes(0x63, 0x61, 0x66, 0xe9), bytes(0xff, 0xfe, 0x61), bytes(0xed, 0xa0, 0x80)]) {
    const result = decodeDocument(input);
    assert.equal(result.text, undefined);
    assert.match(result.problem!, /not valid UTF-8/);
  }
});
