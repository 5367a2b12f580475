// Files that are not what a sidecar or a document should be: links out of the workspace, named pipes,
// devices, folders. Every command reads through one rule (core/io/inside.ts): the real path must lie
// inside the workspace, and the file must be a regular file. The CLI runs as a separate process with a
// timeout, so that a regression that blocks on a pipe fails here instead of hanging the suite.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { marginaliaProcess } from './cli-harness';

const TEXT = 'The local text.\n';

/** A sidecar naming `document` with one claim on "The". */
function sidecarFor(document: string): string {
  return `marginalia: 1\ndocument: ${document}\nannotations:\n  - id: 0a1b2c3d\n    label: claim\n    start: 0\n    end: 3\n    text: The\n`;
}

/** A temporary root with a workspace folder `ws` in it (and room for files outside it); removed by `dispose`. */
function workspace(): { root: string; ws: string; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-special-'));
  const ws = path.join(root, 'ws');
  mkdirSync(ws);
  return { root, ws, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('export does not read a document through a link out of the workspace (/etc/passwd)', { skip: !existsSync('/etc/passwd') && 'no /etc/passwd' }, () => {
  const { ws, dispose } = workspace();
  try {
    symlinkSync('/etc/passwd', path.join(ws, 'link.txt'));
    writeFileSync(path.join(ws, 'link.txt.annotations.yaml'), sidecarFor('link.txt'));
    const result = marginaliaProcess(['export', '.', '--format', 'doccano'], ws);
    assert.equal(result.code, 1, 'a document that cannot be read is a failure');
    assert.doesNotMatch(result.stdout, /root:/, 'nothing of /etc/passwd reaches the export');
    assert.match(result.stderr, /link\.txt\.annotations\.yaml:\d+:1: the annotated document 'link\.txt' is a link to \/etc\/passwd, outside the workspace/);
  } finally {
    dispose();
  }
});

test('export of a document that links to /dev/zero ends at once, refused', { skip: !existsSync('/dev/zero') && 'no /dev/zero' }, () => {
  const { ws, dispose } = workspace();
  try {
    symlinkSync('/dev/zero', path.join(ws, 'zero.txt'));
    writeFileSync(path.join(ws, 'zero.txt.annotations.yaml'), sidecarFor('zero.txt'));
    const result = marginaliaProcess(['export', '.', '--format', 'doccano'], ws);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /'zero\.txt' is a link to \/dev\/zero, outside the workspace/);
  } finally {
    dispose();
  }
});

test('a document named by a link inside the workspace is read (the rule is the real path, not the link)', () => {
  const { ws, dispose } = workspace();
  try {
    mkdirSync(path.join(ws, 'texts'));
    writeFileSync(path.join(ws, 'texts', 'real.txt'), TEXT);
    symlinkSync(path.join(ws, 'texts', 'real.txt'), path.join(ws, 'doc.txt'));
    writeFileSync(path.join(ws, 'doc.txt.annotations.yaml'), sidecarFor('doc.txt'));
    const result = marginaliaProcess(['export', '.', '--format', 'doccano'], ws);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout.trim()).text, TEXT);
  } finally {
    dispose();
  }
});

for (const fix of [false, true]) {
  test(`check${fix ? ' --fix' : ''} refuses a document that is a named pipe, and ends`, { skip: !hasMkfifo && 'no mkfifo' }, () => {
    const { ws, dispose } = workspace();
    try {
      mkfifo(path.join(ws, 'fifo'));
      writeFileSync(path.join(ws, 'fifo.annotations.yaml'), sidecarFor('fifo'));
      writeFileSync(path.join(ws, 'doc.txt'), TEXT);
      writeFileSync(path.join(ws, 'doc.txt.annotations.yaml'), sidecarFor('doc.txt'));
      const result = marginaliaProcess(['check', ...(fix ? ['--fix'] : []), '.'], ws);
      assert.equal(result.code, 1, `exit 1, not killed after the timeout: ${result.stderr}`);
      assert.match(result.stdout, /^fifo\.annotations\.yaml:2:1: error: the annotated document 'fifo' is a named pipe \(FIFO\), not a regular file/m);
      assert.match(result.stdout, /2 sidecars, 2 annotations: 1 error/, 'the other sidecar is still checked');
    } finally {
      dispose();
    }
  });
}

test('check refuses a sidecar that is a named pipe, or a link to one, and ends', { skip: !hasMkfifo && 'no mkfifo' }, () => {
  const { ws, dispose } = workspace();
  try {
    writeFileSync(path.join(ws, 'a.txt'), TEXT);
    mkfifo(path.join(ws, 'a.txt.annotations.yaml'));
    writeFileSync(path.join(ws, 'b.txt'), TEXT);
    mkfifo(path.join(ws, 'pipe'));
    symlinkSync(path.join(ws, 'pipe'), path.join(ws, 'b.txt.annotations.yaml'));
    const result = marginaliaProcess(['check', '.'], ws);
    assert.equal(result.code, 1, `exit 1, not killed after the timeout: ${result.stderr}`);
    assert.match(result.stdout, /^a\.txt\.annotations\.yaml:1:1: error: this sidecar is a named pipe \(FIFO\), not a regular file/m, 'found in the folder, not skipped silently');
    assert.match(result.stdout, /^b\.txt\.annotations\.yaml:1:1: error: this sidecar is a named pipe \(FIFO\), not a regular file/m);
    const named = marginaliaProcess(['check', 'a.txt.annotations.yaml'], ws);
    assert.equal(named.code, 1);
    assert.match(named.stdout, /this sidecar is a named pipe/);
  } finally {
    dispose();
  }
});

test('stats and diff leave out a sidecar that is a named pipe, saying so, and end', { skip: !hasMkfifo && 'no mkfifo' }, () => {
  const { ws, dispose } = workspace();
  try {
    writeFileSync(path.join(ws, 'a.txt'), TEXT);
    mkfifo(path.join(ws, 'a.txt.annotations.yaml'));
    const stats = marginaliaProcess(['stats', '.'], ws);
    assert.equal(stats.code, 1);
    assert.match(stats.stderr, /a\.txt\.annotations\.yaml is a named pipe/);
    const diff = marginaliaProcess(['diff', '.', '.'], ws);
    assert.equal(diff.code, 1);
    assert.match(diff.stderr, /a\.txt\.annotations\.yaml \(it is a named pipe/);
  } finally {
    dispose();
  }
});

test('a document: that is a folder is reported as a folder, not as missing', () => {
  const { ws, dispose } = workspace();
  try {
    mkdirSync(path.join(ws, 'chapter'));
    writeFileSync(path.join(ws, 'chapter.annotations.yaml'), sidecarFor('chapter'));
    const result = marginaliaProcess(['check', '.'], ws);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /error: the annotated document 'chapter' is a folder, not a file/);
    assert.doesNotMatch(result.stdout, /does not exist/);
  } finally {
    dispose();
  }
});

test('import refuses a source that is a named pipe, and ends', { skip: !hasMkfifo && 'no mkfifo' }, () => {
  const { ws, dispose } = workspace();
  try {
    mkfifo(path.join(ws, 'in.jsonl'));
    const result = marginaliaProcess(['import', 'in.jsonl', '--format', 'doccano'], ws);
    assert.equal(result.code, 2, `a usage error, not killed after the timeout: ${result.stderr}`);
    assert.match(result.stderr, /cannot read in\.jsonl: it is a named pipe \(FIFO\), not a regular file/);
  } finally {
    dispose();
  }
});

test('import does not match a W3C source through a link out of --into', () => {
  const { root, ws, dispose } = workspace();
  try {
    writeFileSync(path.join(root, 'secret.txt'), 'The secret text.\n');
    mkdirSync(path.join(ws, 'notes'));
    symlinkSync(path.join(root, 'secret.txt'), path.join(ws, 'notes', 'secret.txt'));
    const w3c = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [
        {
          id: 'https://example.org/anno/1',
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
          target: { source: 'notes/secret.txt', selector: { type: 'TextQuoteSelector', exact: 'secret' } },
        },
      ],
    };
    writeFileSync(path.join(root, 'in.jsonld'), JSON.stringify(w3c));
    const result = marginaliaProcess(['import', path.join(root, 'in.jsonld'), '--format', 'w3c', '--into', '.'], ws);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /skipped claim/);
    assert.equal(existsSync(path.join(ws, 'notes', 'secret.txt.annotations.yaml')), false, 'no sidecar made for a file outside the workspace');
    assert.equal(readFileSync(path.join(root, 'secret.txt'), 'utf8'), 'The secret text.\n');
  } finally {
    dispose();
  }
});
