// The benchmark runner's options: one it cannot honour stops the run before any figure is timed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixture-path';

const RUN = path.join(REPO_ROOT, 'out', 'bench', 'run.js');

test('--update with --quick is refused, exit 1, before any figure is timed', () => {
  const env = { ...process.env, BENCH_ONLY: 'checkProcess' };
  const result = spawnSync(process.execPath, [RUN, '--quick', '--update'], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /--update replaces figures of the committed results, which come from full runs only/);
  assert.doesNotMatch(result.stdout, /^(met|over|NOT MET) /m);
});
