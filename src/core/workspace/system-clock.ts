/**
 * The real clock: `Date.now` and a repeating timer whose rounds never overlap. Every poll of the
 * editor layer runs on it (the held-write poll of the sync engine, the look into new folders), so
 * there is one way to repeat work: a slow round (a busy disk, a large sidecar) delays the next one
 * instead of running beside it.
 */
import type { ClockPort, Timer } from './ports';

/** The system clock, as the sync engine's `ClockPort`. */
export const systemClock: ClockPort = {
  now: () => Date.now(),
  every,
};

/**
 * Call `tick` every `ms` milliseconds until cancelled. When `tick` returns a promise, the next round
 * is counted from when it settles, so rounds never overlap. A round that throws or rejects does not
 * stop the timer; its error is left unhandled, to be reported as any other.
 * @param ms the pause between rounds
 * @param tick the work of one round
 */
function every(ms: number, tick: () => unknown): Timer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const schedule = (): void => {
    timer = setTimeout(() => {
      void Promise.resolve()
        .then(tick)
        .finally(() => {
          if (!cancelled) schedule();
        });
    }, ms);
  };
  schedule();
  return {
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}
