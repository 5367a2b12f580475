import type * as vscode from 'vscode';

/**
 * Base of the editor layer's long-lived objects: what a subclass registers (listeners, emitters,
 * watchers, timers as `{ dispose }`) is disposed with it, in the order registered, once.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly registered: vscode.Disposable[] = [];
  private disposed = false;

  /**
   * Dispose `disposable` with this object (at once if this object is already disposed).
   * @returns `disposable`, so a field can be initialised with it
   */
  protected _register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.registered.push(disposable);
    return disposable;
  }

  /** Dispose everything registered. A second call does nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const disposable of this.registered.splice(0)) disposable.dispose();
  }
}

/**
 * A "do it soon" timer: many calls in a row make one run of `action`, `delayMs` later. Disposing it
 * drops a pending run.
 */
export class Soon implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param action what to run
   * @param delayMs how long after the call that schedules it
   */
  constructor(
    private readonly action: () => void,
    private readonly delayMs: number,
  ) {}

  /** Run `action` soon, at the time already set if a run is pending. */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.action();
    }, this.delayMs);
  }

  /** Run `action` `delayMs` from now, putting off a pending run: it runs once the calls stop. */
  reschedule(): void {
    this.cancel();
    this.schedule();
  }

  /** Drop the pending run, if any. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}
