import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath } from '../fixture-path';
import { marginalia } from './cli-harness';

/** Each folder of test/fixtures/bad/: the file the finding must name, and what its message must say. */
const CASES: Record<string, { file: string; says: RegExp }> = {
  'malformed-yaml': { file: 'doc.txt.annotations.yaml', says: /yaml|flow|syntax|missing|unexpected/i },
  'conflict-markers': { file: 'doc.txt.annotations.yaml', says: /conflict/i },
  'wrong-types': { file: 'doc.txt.annotations.yaml', says: /start|attributes/ },
  'bad-offsets': { file: 'doc.txt.annotations.yaml', says: /start|end|offset/ },
  'duplicate-ids': { file: 'doc.txt.annotations.yaml', says: /is also used by the record at line \d+/ },
  'unknown-label-attribute': { file: 'doc.txt.annotations.yaml', says: /rumour/ },
  'alias-bomb': { file: 'doc.txt.annotations.yaml', says: /alias/i },
  'missing-document': { file: 'gone.txt.annotations.yaml', says: /gone\.txt' does not exist/ },
  'escaping-document': { file: 'doc.txt.annotations.yaml', says: /must name a file in the sidecar's own folder/ },
  'absolute-document': { file: 'doc.txt.annotations.yaml', says: /must name a file in the sidecar's own folder/ },
  'binary-document': { file: 'doc.txt.annotations.yaml', says: /binary/ },
  'latin1-document': { file: 'doc.txt.annotations.yaml', says: /not valid UTF-8/ },
  'latin1-sidecar': { file: 'doc.txt.annotations.yaml', says: /^doc\.txt\.annotations\.yaml:9:14: error: the sidecar is not valid UTF-8 \(byte 0xE9\)/ },
  'invalid-config': { file: '.marginalia.yaml', says: /person|type/ },
};

/** Every file under a folder with its bytes, to prove nothing was modified. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) files.set(path.relative(dir, full), readFileSync(full).toString('base64'));
    }
  };
  walk(dir);
  return files;
}

async function assertRejected(workspace: string, file: string, says: RegExp): Promise<void> {
  const before = snapshot(workspace);
  for (const args of [['check', '.'], ['check', '--fix', '.']]) {
    const result = await marginalia(args, workspace);
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 1, `${args.join(' ')} exits 1:\n${output}`);
    const lines = result.stdout.split('\n').filter((l) => l.startsWith(`${file}:`));
    assert.ok(lines.some((l) => /^[^:]+:\d+:\d+: error: /.test(l) && says.test(l)), `a finding on ${file} saying ${says}:\n${output}`);
    assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
  }
  assert.deepEqual(snapshot(workspace), before, 'no file was modified');
}

for (const [name, { file, says }] of Object.entries(CASES)) {
  test(`bad input: ${name} is reported on ${file}, exit 1, nothing modified`, async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bad-'));
    try {
      const workspace = path.join(root, name);
      cpSync(fixturePath('bad', name), workspace, { recursive: true });
      await assertRejected(workspace, file, says);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test('bad input with CR or CRLF line ends: every finding at the line and column it has with LF', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bad-'));
  try {
    for (const [name, { file }] of Object.entries(CASES)) {
      const workspace = path.join(root, name);
      cpSync(fixturePath('bad', name), workspace, { recursive: true });
      const lf = readFileSync(path.join(workspace, file));
      const expected = (await marginalia(['check', '.'], workspace)).stdout;
      assert.match(expected, new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+:\\d+: error: `, 'm'), `${name}: findings to compare`);
      for (const [eol, bytes] of [['CR', [0x0d]], ['CRLF', [0x0d, 0x0a]]] as const) {
        const converted = Buffer.concat([...lf].map((byte) => Buffer.from(byte === 0x0a ? bytes : [byte])));
        writeFileSync(path.join(workspace, file), converted);
        assert.equal((await marginalia(['check', '.'], workspace)).stdout, expected, `${name} with ${eol} line ends`);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('bad input: a sidecar of tens of megabytes is refused by size, not parsed', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bad-'));
  try {
    const workspace = path.join(root, 'huge');
    mkdirSync(workspace);
    writeFileSync(path.join(workspace, 'doc.txt'), 'Some text.\n');
    const record = (i: number) => `  - id: ${i.toString(16).padStart(8, '0')}\n    label: claim\n    start: 0\n    end: 4\n    text: Some\n    note: ${'x'.repeat(200)}\n`;
    const parts = ['marginalia: 1\ndocument: doc.txt\nannotations:\n'];
    for (let i = 0; i < 120_000; i++) parts.push(record(i));
    writeFileSync(path.join(workspace, 'doc.txt.annotations.yaml'), parts.join(''));
    assert.ok(statSync(path.join(workspace, 'doc.txt.annotations.yaml')).size > 20e6, 'tens of MB');
    await assertRejected(workspace, 'doc.txt.annotations.yaml', /size|large|limit|MB|MiB/i);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('bad input: a sidecar or a document that links outside the workspace is not followed', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bad-'));
  try {
    const outside = path.join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.txt'), 'The secret text.\n');
    writeFileSync(
      path.join(outside, 'secret.txt.annotations.yaml'),
      'marginalia: 1\ndocument: secret.txt\nannotations:\n  - id: 0a1b2c3d\n    label: claim\n    start: 0\n    end: 3\n    text: The\n',
    );
    const linkedSidecar = path.join(root, 'linked-sidecar');
    mkdirSync(linkedSidecar);
    writeFileSync(path.join(linkedSidecar, 'secret.txt'), 'The local text.\n');
    symlinkSync(path.join(outside, 'secret.txt.annotations.yaml'), path.join(linkedSidecar, 'secret.txt.annotations.yaml'));
    await assertRejected(linkedSidecar, 'secret.txt.annotations.yaml', /link to .*outside the workspace/);

    const linkedDocument = path.join(root, 'linked-document');
    mkdirSync(linkedDocument);
    cpSync(path.join(outside, 'secret.txt.annotations.yaml'), path.join(linkedDocument, 'secret.txt.annotations.yaml'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(linkedDocument, 'secret.txt'));
    await assertRejected(linkedDocument, 'secret.txt.annotations.yaml', /link to .*outside the workspace/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('bad input in one sidecar does not stop the others being checked', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-bad-'));
  try {
    for (const name of ['malformed-yaml', 'duplicate-ids']) cpSync(fixturePath('bad', name), path.join(root, name), { recursive: true });
    const result = await marginalia(['check', '.'], root);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^malformed-yaml\/doc\.txt\.annotations\.yaml:\d+:\d+: error: /m);
    assert.match(result.stdout, /^duplicate-ids\/doc\.txt\.annotations\.yaml:\d+:\d+: error: .*is also used/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
