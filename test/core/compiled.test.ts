import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { compiledOr } from '../../src/core/compiled';
import { fixturePath, REPO_ROOT } from '../fixture-path';

describe('functions made from source text, or their plain form', () => {
  test('the compiled function where the host allows making one', () => {
    const plain = (): string => 'plain';
    assert.equal(compiledOr(() => new Function('return "compiled"') as () => string, plain)(), 'compiled');
  });

  test("the plain function where the host refuses (an EvalError, as a Content Security Policy's)", () => {
    const plain = (): string => 'plain';
    const refused = (): never => {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not an allowed source");
    };
    assert.equal(compiledOr(refused, plain), plain);
  });

  test('a fault in the source text is not hidden behind the plain function', () => {
    assert.throws(() => compiledOr(() => new Function('return {'), () => undefined), SyntaxError);
  });

  test('sidecars read and records compare the same where making code from text is forbidden', () => {
    const run = (flags: string[]): { codeFromStrings: string; records: number } & Record<string, unknown> =>
      JSON.parse(execFileSync(process.execPath, [...flags, fixturePath('compiled', 'read-sidecars.js'), REPO_ROOT], { encoding: 'utf8', maxBuffer: 64 << 20 })) as never;
    const allowed = run([]);
    const forbidden = run(['--disallow-code-generation-from-strings']);
    assert.equal(allowed.codeFromStrings, 'allowed');
    assert.equal(forbidden.codeFromStrings, 'forbidden');
    assert.ok(allowed.records > 10, 'the fixtures hold records to compare');
    assert.deepEqual(forbidden, { ...allowed, codeFromStrings: 'forbidden' });
  });
});
