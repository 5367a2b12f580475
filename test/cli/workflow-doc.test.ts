/**
 * The workflow in docs/github-actions.md is copied as it is by users: it must be valid YAML, and every
 * `npx marginalia` command in it must exist with the options it uses.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { REPO_ROOT } from '../fixture-path';
import { marginalia } from './cli-harness';

const DOC = readFileSync(path.join(REPO_ROOT, 'docs', 'github-actions.md'), 'utf8');
const WORKFLOW = /```yaml\n([\s\S]*?)```/.exec(DOC)![1]!;

test('the workflow is YAML with checkout of the whole history and Node 20', () => {
  const workflow = jsyaml.load(WORKFLOW) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown>; run?: string }[] }> };
  const steps = Object.values(workflow.jobs)[0]!.steps;
  assert.equal(steps.find((s) => s.uses === 'actions/checkout@v4')?.with?.['fetch-depth'], 0);
  assert.equal(steps.find((s) => s.uses === 'actions/setup-node@v4')?.with?.['node-version'], 20);
});

test('every marginalia command in the workflow exists and takes the options given', async () => {
  const commands = [...WORKFLOW.matchAll(/npx marginalia ([a-z-]+)([^\n>|]*)/g)];
  assert.deepEqual(
    commands.map((c) => c[1]),
    ['check', 'diff'],
  );
  for (const [, name, rest] of commands) {
    const help = await marginalia([name!, '--help'], REPO_ROOT);
    assert.equal(help.code, 0, `${name}: ${help.stderr}`);
    for (const option of rest!.match(/--[a-z-]+/g) ?? []) assert.ok(help.stdout.includes(option), `${name} ${option}`);
  }
  // The option the comment suggests adding to diff.
  assert.match((await marginalia(['diff', '--help'], REPO_ROOT)).stdout, /--agree B/);
});
