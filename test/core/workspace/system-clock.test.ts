import { afterEach, beforeEach, mock, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { systemClock } from '../../../src/core/workspace/system-clock';

// The timers are Node's, driven by hand: `mock.timers.tick` runs what falls due, `settle` lets the
// promises it started run (setImmediate is not mocked).
beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'setInterval'] }));
afterEach(() => mock.timers.reset());
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Advance the mocked time by `ms`, then let the rounds it started run. */
async function advance(ms: number): Promise<void> {
  mock.timers.tick(ms);
  await settle();
}

test('now is the time of the system', () => {
  const before = Date.now();
  const now = systemClock.now();
  assert.ok(now >= before && now <= Date.now(), `${now} is not between ${before} and the time after`);
});

test('a round runs every period, not before', async () => {
  let rounds = 0;
  const timer = systemClock.every(1000, () => rounds++);
  await advance(999);
  assert.equal(rounds, 0);
  await advance(1);
  assert.equal(rounds, 1);
  await advance(1000);
  await advance(1000);
  assert.equal(rounds, 3);
  timer.cancel();
});

test('a round that is still working delays the next: rounds never overlap', async () => {
  const started: Array<() => void> = [];
  const timer = systemClock.every(1000, () => new Promise<void>((done) => started.push(done)));
  await advance(1000);
  assert.equal(started.length, 1);
  await advance(5000);
  assert.equal(started.length, 1, 'no round starts while the first one works');
  started[0]();
  await settle();
  await advance(999);
  assert.equal(started.length, 1, 'the period counts from the end of the last round');
  await advance(1);
  assert.equal(started.length, 2);
  timer.cancel();
});

test('a cancelled timer runs no more rounds, even when cancelled during one', async () => {
  let rounds = 0;
  const idle = systemClock.every(1000, () => rounds++);
  idle.cancel();
  await advance(5000);
  assert.equal(rounds, 0);

  let finish: () => void = () => assert.fail('no round started');
  const busy = systemClock.every(1000, () => {
    rounds++;
    return new Promise<void>((done) => (finish = done));
  });
  await advance(1000);
  busy.cancel();
  finish();
  await settle();
  await advance(5000);
  assert.equal(rounds, 1);
});
