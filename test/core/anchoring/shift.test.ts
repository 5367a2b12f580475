import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { placementShift } from '../../../src/core/anchoring/shift';
import { orphaned } from '../../../src/core/anchoring/orphaned';
import { reanchor } from '../../../src/core/anchoring/reanchor';
import { OffsetIndex } from '../../../src/core/text';
import { annotate } from './annotate';

test('a placement shift is how far the start moved, in code points; an orphan did not move', () => {
  const before = 'Intro.\nRussia on Friday unveiled proposals.\n';
  const after = `😀 ${before.replace('Intro.', 'The intro.')}`;
  const annotations = [annotate(before, 'unveiled proposals'), annotate(before, 'Intro', { id: 'b' })];
  const results = reanchor(annotations, new OffsetIndex(after));
  assert.equal(placementShift(annotations, results, 0), 2 + 4);
  assert.equal(placementShift(annotations, [orphaned(annotations[0]!, 0, 'search')], 0), 0);
});
