import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { escapeData, escapeProperty, workflowCommand } from '../../src/core/github-commands';

test("messages escape %, CR and LF as GitHub's toolkit does, and nothing else", () => {
  assert.equal(escapeData('100% sure\r\nnext: a, b'), '100%25 sure%0D%0Anext: a, b');
  // The % goes first: an existing "%0A" in the text stays text.
  assert.equal(escapeData('%0A'), '%250A');
});

test('property values escape : and , too', () => {
  assert.equal(escapeProperty('docs/a:b,c%.yaml\n'), 'docs/a%3Ab%2Cc%25.yaml%0A');
});

test('a command names its properties in order and leaves out those without a value', () => {
  assert.equal(
    workflowCommand('error', { file: 'notes/x.txt.annotations.yaml', line: 12, col: 3, title: 'marginalia: text-mismatch' }, 'annotation a1 (claim) no longer matches\nits text'),
    '::error file=notes/x.txt.annotations.yaml,line=12,col=3,title=marginalia%3A text-mismatch::annotation a1 (claim) no longer matches%0Aits text',
  );
  assert.equal(workflowCommand('notice', { title: '' }, 'done'), '::notice::done');
});

test('a message cannot start a second command: "::" inside stays on the one line', () => {
  const line = workflowCommand('warning', { file: 'a.yaml' }, 'x\n::error::injected');
  assert.equal(line.split('\n').length, 1);
  assert.equal(line, '::warning file=a.yaml::x%0A::error::injected');
});
