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
