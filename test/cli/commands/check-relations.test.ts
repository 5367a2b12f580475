// `marginalia check` and relations: every relation that does not stand is an error at its own line,
// in text and in --json; targets are found across the workspace folder, even when one file is checked.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixturePath } from '../../fixture-path';
import { marginalia } from '../cli-harness';

const RELATIONS = fixturePath('relations');

test('relations that stand, within and across documents, give no finding, whether the folder or one file is checked', async () => {
  const folder = await marginalia(['check', 'good'], RELATIONS);
  assert.equal(folder.stdout, '2 sidecars, 6 annotations: 0 errors, 0 warnings\n');
  assert.equal(folder.code, 0);
  const one = await marginalia(['check', 'good/2021/a.txt'], RELATIONS);
  assert.equal(one.stdout, '1 sidecar, 4 annotations: 0 errors, 0 warnings\n', 'the targets in 2022/b.txt are read, not reported missing');
});

test('a missing target, an unknown type, a label the type does not allow, a path outside: each an error at path:line:col of the relation', async () => {
  const result = await marginalia(['check', 'broken'], RELATIONS);
  assert.equal(result.code, 1);
  const lines = result.stdout.trim().split('\n');
  assert.deepEqual(
    lines.slice(0, -1).map((line) => line.split(': ').slice(0, 2).join(': ')),
    [
      'broken/a.txt.annotations.yaml:15:9: error',
      'broken/a.txt.annotations.yaml:17:9: error',
      'broken/a.txt.annotations.yaml:19:9: error',
      'broken/a.txt.annotations.yaml:21:9: error',
      'broken/a.txt.annotations.yaml:24:9: error',
      'broken/a.txt.annotations.yaml:33:9: error',
    ],
  );
  assert.match(lines[0]!, /relation 1 of annotation q1 \(said-by → s9\): a\.txt has no annotation s9/);
  assert.match(lines[1]!, /the target is a claim, but said-by allows speaker at that end/);
  assert.match(lines[2]!, /relation type "quoted-in" is not configured; use one of said-by, supports, contradicts, same-as/);
  assert.match(lines[3]!, /there is no sidecar for missing\.txt/);
  assert.match(lines[4]!, /stays inside the workspace, got "\.\.\/outside\.txt"/);
  assert.match(lines[5]!, /the target is a speaker, but supports allows claim/);
  assert.equal(lines.at(-1), '1 sidecar, 4 annotations: 6 errors, 0 warnings');

  const json = JSON.parse((await marginalia(['check', '--json', 'broken'], RELATIONS)).stdout) as { files: { findings: { code: string; line: number; column: number; annotationId: string }[] }[] };
  assert.deepEqual(
    json.files[0]!.findings.map((f) => [f.code, f.line, f.column, f.annotationId]),
    [
      ['relation-target-missing', 15, 9, 'q1'],
      ['relation-label', 17, 9, 'q1'],
      ['relation-type', 19, 9, 'q1'],
      ['relation-target-missing', 21, 9, 'q1'],
      ['relation-document', 24, 9, 'q1'],
      ['relation-label', 33, 9, 'f1'],
    ],
  );
});
