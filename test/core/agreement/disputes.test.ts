import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { disputeFindings } from '../../../src/core/agreement/disputes';
import type { Annotation } from '../../../src/core/model';

const TEXT = 'The mayor said taxes will fall. Critics said 40% of homes pay more.';

function span(id: string, label: string, phrase: string, extra: Partial<Annotation> = {}): Annotation {
  const start = TEXT.indexOf(phrase);
  return { id, label, start, end: start + phrase.length, text: phrase, ...extra };
}

test('check warns once per dispute left, and when a sidecar marked settled still holds some', () => {
  const disputed = span('a1', 'claim', 'taxes will fall', { dispute: { side: 'A', by: 'alice', pair: 'b1' } });
  const findings = disputeFindings({ version: 1, document: 'd.txt', settled: true, annotations: [disputed, span('a2', 'claim', 'The mayor')] }, new Map([['a1', 5]]));
  assert.deepEqual(
    findings.map((f) => [f.severity, f.code, f.line]),
    [
      ['warning', 'disputed', 5],
      ['warning', 'settled-with-disputes', 1],
    ],
  );
  assert.match(findings[0]!.message, /^annotation a1 \(claim\) is disputed: side A \(alice\) marked it, the other side's version is b1;/);
});
