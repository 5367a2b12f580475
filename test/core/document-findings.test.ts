// The findings about a sidecar's document, worded once for the CLI and the editor, each pointing at
// the sidecar's `document:` line.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentKeyLine, documentMissing, documentOutsideFolder, documentUnreadable, LINK_PROBLEM } from '../../src/core/document-findings';

test('the document key line is found at the start of a line, LF or CRLF, and is 1 when there is none', () => {
  assert.equal(documentKeyLine('marginalia: 1\ndocument: a.txt\n'), 2);
  assert.equal(documentKeyLine('marginalia: 1\r\n\r\ndocument : a.txt\r\n'), 3);
  assert.equal(documentKeyLine('document: a.txt'), 1);
  assert.equal(documentKeyLine('marginalia: 1\nannotations: []\n'), 1);
  // A record's own key of that name is indented, not the sidecar's.
  assert.equal(documentKeyLine('marginalia: 1\nannotations:\n  - document: x\ndocument: a.txt\n'), 4);
});

test('a missing document is an error at the key line, naming the key', () => {
  const finding = documentMissing('a.txt', 2);
  assert.deepEqual({ ...finding, message: undefined }, { severity: 'error', code: 'document-missing', message: undefined, line: 2, column: 1 });
  assert.match(finding.message, /'a\.txt' does not exist/);
});

test('an unreadable document says why, the link problem included', () => {
  const finding = documentUnreadable('a.txt', LINK_PROBLEM, 3);
  assert.equal(finding.code, 'document-unreadable');
  assert.equal(finding.line, 3);
  assert.equal(finding.message, `the annotated document 'a.txt' ${LINK_PROBLEM}`);
});

test('a key outside the folder names the file the sidecar should point at', () => {
  const finding = documentOutsideFolder('../secret.txt', 'docs/report.md.annotations.yaml', 2);
  assert.equal(finding.code, 'document-outside-folder');
  assert.match(finding.message, /'\.\.\/secret\.txt'/);
  assert.match(finding.message, /such as 'report\.md'/);
});
