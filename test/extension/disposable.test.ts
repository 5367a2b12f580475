// The Disposable base of the editor layer: what a subclass registers is disposed with it, in order, once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Disposable, Soon } from '../../src/extension/disposable';

/** A subclass that registers what it is given, to test the base. */
class Owner extends Disposable {
  own<T extends vscode.Disposable>(disposable: T): T {
    return this._register(disposable);
  }
}

suite('Disposable base', () => {
  test('disposes what was registered, in the order registered, and only once', () => {
    const order: string[] = [];
    const owner = new Owner();
    const emitter = owner.own(new vscode.EventEmitter<number>());
    let heard = 0;
    owner.own(emitter.event(() => heard++));
    owner.own({ dispose: () => order.push('first') });
    owner.own({ dispose: () => order.push('second') });
    emitter.fire(1);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['first', 'second']);
    emitter.fire(2);
    assert.equal(heard, 1, 'the listener was disposed with its owner');
  });

  test('something registered after disposal is disposed at once', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = 0;
    const returned = owner.own({ dispose: () => disposed++ });
    assert.equal(disposed, 1);
    assert.equal(typeof returned.dispose, 'function', 'it is still returned, so a field can be set from it');
  });
});

/** Resolves once a `Soon` of `delayMs` made now has run: timers of equal delay run in the order set. */
function after(delayMs: number): Promise<void> {
  return new Promise((resolve) => new Soon(resolve, delayMs).schedule());
}

suite('Soon', () => {
  test('many schedules in a row make one run', async () => {
    let runs = 0;
    const soon = new Soon(() => runs++, 1);
    soon.schedule();
    soon.schedule();
    soon.schedule();
    await after(1);
    assert.equal(runs, 1);
    soon.schedule();
    await after(1);
    assert.equal(runs, 2, 'a schedule after the run makes another');
  });

  test('reschedule puts off the pending run; cancel and dispose drop it', async () => {
    let runs = 0;
    const soon = new Soon(() => runs++, 1);
    soon.schedule();
    const first = after(1);
    soon.reschedule();
    await first;
    assert.equal(runs, 0, 'the run was put off');
    await after(1);
    assert.equal(runs, 1);
    soon.schedule();
    soon.cancel();
    soon.reschedule();
    soon.dispose();
    await after(1);
    assert.equal(runs, 1, 'neither the cancelled nor the disposed run happened');
  });
});
