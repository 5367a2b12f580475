// The tests in the real editor wait on what they wait for: an event, a state polled by `waitFor`, a
// prompt seen by `watchPrompts`, a screenshot's own condition. A fixed sleep would pass on a fast
// machine and fail on a slow one, or hide a change that came late; none may come back.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './fixture-path';

const HOST_TESTS = path.join(REPO_ROOT, 'test', 'extension');

/** The two places that poll, each towards a condition with a deadline: `waitFor` and the screenshot request. */
const POLLERS = ['editor-helpers.ts', 'screenshot.ts'];

/** A timer started in test code: `setTimeout(`, `sleep(`, `setInterval(`, `delay(`. */
const TIMER = /\b(setTimeout|setInterval|sleep|delay)\s*\(/;

test('no host test waits a fixed time: timers appear only in the two polling helpers', () => {
  const offenders = readdirSync(HOST_TESTS, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !POLLERS.includes(file))
    .flatMap((file) =>
      readFileSync(path.join(HOST_TESTS, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (TIMER.test(line) && !line.trimStart().startsWith('//') ? [`test/extension/${file}:${i + 1}: ${line.trim()}`] : [])),
    );
  assert.deepEqual(offenders, []);
});

test('the polling helpers exist, so the exception above names real files', () => {
  const files = readdirSync(HOST_TESTS);
  for (const poller of POLLERS) assert.ok(files.includes(poller), poller);
});
