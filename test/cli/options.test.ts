/** Option parsing shared by every command: flags, valued options, positionals and the mistakes. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseOptions, UsageError, wroteHelp } from '../../src/cli/options';

const SPEC = { flags: ['fix', 'json'], values: ['format', 'label'] };

test('flags, `--name value`, `--name=value`, repeated values and positionals in any order', () => {
  const parsed = parseOptions(['a', '--fix', '--format', 'brat', 'b', '--label=claim', '--label', 'quote'], SPEC);
  assert.deepEqual([...parsed.flags], ['fix']);
  assert.deepEqual(Object.fromEntries(parsed.values), { format: ['brat'], label: ['claim', 'quote'] });
  assert.deepEqual(parsed.positional, ['a', 'b']);
});

test('after `--` everything is positional; `-` alone is a positional (standard input or output)', () => {
  const parsed = parseOptions(['-', '--', '--fix', '-x'], SPEC);
  assert.deepEqual(parsed.positional, ['-', '--fix', '-x']);
  assert.equal(parsed.flags.size, 0);
});

test('a value may start with a dash, and `=` inside a value is kept', () => {
  assert.deepEqual(parseOptions(['--label', '-odd-'], SPEC).values.get('label'), ['-odd-']);
  assert.deepEqual(parseOptions(['--label=a=b'], SPEC).values.get('label'), ['a=b']);
});

test('mistakes are usage errors that say what was typed, with the option meant when one is close', () => {
  const message = (args: string[]): string => {
    try {
      parseOptions(args, SPEC);
    } catch (error) {
      assert.ok(error instanceof UsageError);
      return error.message;
    }
    assert.fail(`${args.join(' ')} was accepted`);
  };
  assert.equal(message(['--frobnicate']), "unknown option '--frobnicate'");
  assert.equal(message(['--fromat', 'brat']), "unknown option '--fromat'; did you mean '--format'?");
  assert.equal(message(['--jsno']), "unknown option '--jsno'; did you mean '--json'?");
  assert.equal(message(['-f']), "unknown option '-f'");
  assert.equal(message(['--fix=yes']), 'option --fix takes no value');
  assert.equal(message(['--format']), 'option --format needs a value');
});

test('--help writes the usage and says so; without it nothing is written', () => {
  const written: string[] = [];
  const out = { write: (text: string) => written.push(text) };
  assert.equal(wroteHelp(parseOptions(['--help'], { flags: ['help'] }), 'usage\n', out), true);
  assert.equal(wroteHelp(parseOptions([], { flags: ['help'] }), 'other\n', out), false);
  assert.deepEqual(written, ['usage\n']);
});
