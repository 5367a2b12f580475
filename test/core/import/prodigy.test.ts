import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseProdigy } from '../../../src/core/import/prodigy';
import { fixturePath } from '../../fixture-path';

const read = (...parts: string[]): string => readFileSync(fixturePath('import', ...parts), 'utf8');

test('prodigy: accepted tasks are read with their span texts; a rejected task is ignored, not a problem', () => {
  const parsed = parseProdigy(read('prodigy-mixed.jsonl'), 'prodigy-mixed.jsonl');
  assert.equal(parsed.documents.length, 1);
  assert.deepEqual(parsed.documents[0]!.candidates, ['emoji.txt']);
  assert.deepEqual(
    parsed.documents[0]!.spans.map((s) => [s.label, s.text]),
    [
      ['figure', undefined],
      ['claim', 'the board'],
    ],
  );
  assert.equal(parsed.problems.length, 0);
  assert.equal(parsed.ignored.length, 1);
  assert.match(parsed.ignored[0]!, /^prodigy-mixed\.jsonl:2: the task's answer is "reject"; its 1 span\(s\) not imported$/);
});
