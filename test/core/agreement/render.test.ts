import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { measureAgreement } from '../../../src/core/agreement/agreement';
import { renderAgreementMarkdown } from '../../../src/core/agreement/render';
import { side } from './fixture-sides';

test('the Markdown report has a row per label and overall, and lists what was left out', () => {
  const md = renderAgreementMarkdown(measureAgreement(side('a'), side('b')), 'alice', 'bob');
  assert.match(md, /^## Annotator agreement: `alice` ↔ `bob`$/m);
  assert.match(md, /^\| `claim` \| 2 \| 2 \| 0\.50 \| 0\.50 \| -0\.42 \|$/m);
  assert.match(md, /^\| `figure` \| 2 \| 2 \| 0\.50 \| 1\.00 \| 0\.68 \|$/m);
  assert.match(md, /^\| \*\*overall\*\* \| 5 \| 5 \| 0\.60 \| 0\.80 \| 0\.42 \|$/m);
  assert.match(md, /^- `figure` `unit`: 1 of 2 matched spans agree \(0\.50\)$/m);
  assert.match(md, /^- 1 document annotated in `alice` only, not compared: `only-a\.txt`$/m);
  assert.match(md, /^- 1 document whose text differs between the two sides, not compared: `edited\.txt`$/m);
  assert.match(md, /^- records orphaned: 0 in `alice`, 1 in `bob`$/m);
});
