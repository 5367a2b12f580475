import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { SourceCache } from '../../../src/core/sidecar/source-cache';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { changedRange, recordRange, sidecarFixture } from './helpers';

function read(source: string): Sidecar {
  const result = readSidecar(source);
  assert.equal(result.writable, true);
  return result.sidecar!;
}

function find(sidecar: Sidecar, id: string): Annotation {
  const annotation = sidecar.annotations.find((a) => a.id === id);
  assert.ok(annotation, id);
  return annotation;
}

const NEW_RECORD: Annotation = { id: 'b00b1e55', label: 'claim', start: 950, end: 960, text: 'new claim!' };

describe('writeSidecar into the previous text', () => {
  test('unchanged content gives back the previous bytes, whatever their layout', () => {
    for (const name of ['commented', 'block-scalars', 'compact', 'unknown-keys']) {
      const source = sidecarFixture('read', `${name}.annotations.yaml`);
      assert.equal(writeSidecar(read(source), source), source, name);
    }
    const golden = sidecarFixture('golden', 'expected.annotations.yaml');
    assert.equal(writeSidecar(read(golden), golden), golden);
  });

  test('a change to one record changes only that record\'s lines', () => {
    const source = sidecarFixture('golden', 'expected.annotations.yaml');
    const before = source.split('\n');
    for (const id of ['a0b1c2d2', '12345678', '5f2c9e1a']) {
      const sidecar = read(source);
      find(sidecar, id).note = 'edited';
      find(sidecar, id).attributes = { speaker: 'Maria Zakharova' };
      const after = writeSidecar(sidecar, source).split('\n');
      const changed = changedRange(before, after);
      const [from, to] = recordRange(before, readSidecar(source).recordLines.get(id)!);
      assert.ok(changed.before[0] >= from && changed.before[1] <= to, `${id}: old lines ${changed.before} outside ${from}-${to}`);
      const [newFrom, newTo] = recordRange(after, readSidecar(after.join('\n')).recordLines.get(id)!);
      assert.ok(changed.after[0] >= newFrom && changed.after[1] <= newTo, `${id}: new lines ${changed.after} outside ${newFrom}-${newTo}`);
      assert.deepEqual(readSidecar(after.join('\n')).sidecar, sidecar);
    }
  });

  test('only the changed keys\' lines change within a record', () => {
    const source = sidecarFixture('golden', 'expected.annotations.yaml');
    const sidecar = read(source);
    find(sidecar, '5f2c9e1a').end = 1216;
    const before = source.split('\n');
    const after = writeSidecar(sidecar, source).split('\n');
    assert.deepEqual(
      before.filter((line, i) => after[i] !== line),
      ['    end: 1215'],
    );
    assert.deepEqual(
      after.filter((line, i) => before[i] !== line),
      ['    end: 1216'],
    );
  });

  test('hand-written comments survive a rewrite: at the top, above a record, inside one, at the end of a line', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml');
    const sidecar = read(source);
    find(sidecar, 'e5f2f67d').end = 948;
    find(sidecar, 'e5f2f67d').text = 'as early as!';
    find(sidecar, '5c1dfb4c').label = 'quote';
    sidecar.annotations.push(NEW_RECORD);
    sidecar.annotations = sidecar.annotations.filter((a) => a.id !== 'a5de154d');
    const written = writeSidecar(sidecar, source);
    const comments = source.split('\n').filter((line) => line.includes('#'));
    for (const comment of comments.map((line) => line.slice(line.indexOf('#')))) assert.ok(written.includes(comment), comment);
    assert.ok(written.includes('    label: quote  # checked against the wire copy\n'), 'the end-of-line comment follows its changed value');
    assert.deepEqual(readSidecar(written).sidecar, { ...sidecar, annotations: [...sidecar.annotations].sort((a, b) => a.start - b.start) });
  });

  test('a removed record takes its lines (and the comment above it) with it, and nothing else', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml');
    const lines = source.split('\n');
    const sidecar = read(source);
    sidecar.annotations = sidecar.annotations.filter((a) => a.id !== 'e5f2f67d');
    const written = writeSidecar(sidecar, source);
    // Its lines run from the blank line that separates it from the record above to its last line.
    const start = lines.indexOf('  # Ryabkov, first half of the quote.') - 1;
    const end = lines.indexOf('  - id: a5de154d');
    assert.equal(lines[start], '');
    assert.equal(written, [...lines.slice(0, start), ...lines.slice(end)].join('\n'));
  });

  test('a new record is written in canonical form at its sorted place, the rest untouched', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml');
    const sidecar = read(source);
    sidecar.annotations.push(NEW_RECORD);
    const written = writeSidecar(sidecar, source);
    const lines = source.split('\n');
    const at = lines.indexOf('  - id: a5de154d');
    const block = ['  - id: b00b1e55', '    label: claim', '    start: 950', '    end: 960', '    text: new claim!'];
    assert.equal(written, [...lines.slice(0, at), ...block, ...lines.slice(at)].join('\n'));
  });

  test('new records follow the file\'s own indentation', () => {
    const source = sidecarFixture('read', 'compact.annotations.yaml');
    const sidecar = read(source);
    sidecar.annotations.push({ ...NEW_RECORD, start: 40, end: 50 });
    const written = writeSidecar(sidecar, source);
    assert.ok(written.endsWith('- id: b00b1e55\n  label: claim\n  start: 40\n  end: 50\n  text: new claim!\n'));
    assert.ok(written.startsWith(source));
  });

  test('CRLF files stay CRLF, and unchanged lines keep their bytes', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml').replace(/\n/g, '\r\n');
    const sidecar = read(source);
    find(sidecar, 'a5de154d').note = 'checked';
    const written = writeSidecar(sidecar, source);
    assert.doesNotMatch(written.replace(/\r\n/g, ''), /\n/);
    const before = source.split('\r\n');
    const after = written.split('\r\n');
    assert.deepEqual(
      after.filter((line) => !before.includes(line)),
      ['    note: checked'],
    );
  });

  test('a document renamed changes the document line only', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml');
    const sidecar = read(source);
    sidecar.document = 'renamed.txt';
    const written = writeSidecar(sidecar, source);
    assert.equal(written, source.replace('document: doc.txt', 'document: renamed.txt'));
  });

  test('a file in a layout the splice does not follow is written canonically, keeping its opening comment', () => {
    const source = sidecarFixture('read', 'flow.annotations.yaml');
    const sidecar = read(source);
    const written = writeSidecar(sidecar, source);
    assert.ok(written.startsWith('# Written by another tool, in flow style.\nmarginalia: 1\n'));
    assert.equal(written, '# Written by another tool, in flow style.\n' + writeSidecar(sidecar));
  });

  test('removing every record leaves an empty list and the comments', () => {
    const source = sidecarFixture('read', 'commented.annotations.yaml');
    const sidecar = read(source);
    sidecar.annotations = [];
    const written = writeSidecar(sidecar, source);
    assert.ok(written.includes('annotations: []\n'));
    assert.deepEqual(readSidecar(written).sidecar?.annotations, []);
    assert.ok(written.includes('# End of the list: new annotations go above this line.'));
  });

  test('records are re-sorted when their offsets change, keeping their bytes', () => {
    const source = sidecarFixture('golden', 'expected.annotations.yaml');
    const sidecar = read(source);
    const moved = find(sidecar, 'a0b1c2d2');
    moved.start = 2000;
    moved.end = 2010;
    const written = writeSidecar(sidecar, source);
    assert.deepEqual(
      readSidecar(written).sidecar!.annotations.map((a) => a.id),
      ['a0b1c2d3', '12345678', '00c0ffee', '5f2c9e1a', 'a0b1c2d2'],
    );
    assert.equal(written, writeSidecar(sidecar), 'a file in canonical form stays canonical');
  });

  test('successive writes, each into the text the last one wrote, give the canonical text', () => {
    let text = writeSidecar(read(sidecarFixture('golden', 'expected.annotations.yaml')));
    const sidecar = read(text);
    for (let i = 0; i < 5; i++) {
      sidecar.annotations[i % sidecar.annotations.length]!.end += 1;
      text = writeSidecar(sidecar, text);
      assert.equal(text, writeSidecar(sidecar));
    }
  });

  test('a block whose bounds the line scan misjudges is caught on reading back, and the content stays right', () => {
    // The blank line after a `|+` block scalar is part of its value, but a line scan gives it to the next record.
    const source = sidecarFixture('splice', 'keep-chomping.annotations.yaml');
    const sidecar = read(source);
    assert.equal(find(sidecar, 'aaaaaaaa').note, 'A note that keeps its trailing blank line.\n\n');
    sidecar.annotations = sidecar.annotations.filter((a) => a.id !== 'bbbbbbbb');
    assert.deepEqual(readSidecar(writeSidecar(sidecar, source)).sidecar, sidecar);
  });

  test('extra top-level keys of the previous text are kept when the sidecar written does not mention them', () => {
    const sources = [
      sidecarFixture('read', 'unknown-keys.annotations.yaml'),
      sidecarFixture('read', 'flow.annotations.yaml').replace('document: doc.txt,', 'document: doc.txt, reviewer: lea,'),
    ];
    for (const source of sources) {
      const { version, document, annotations } = read(source);
      const written = writeSidecar({ version, document, annotations }, source);
      assert.equal((readSidecar(written).sidecar as unknown as Record<string, unknown>)['reviewer'], 'lea', source);
    }
  });
});

describe('writeSidecar at a caller\'s revision', () => {
  const source = sidecarFixture('read', 'commented.annotations.yaml');

  /** A sidecar written once at a revision with a cache: its records are the objects written. */
  function writtenOnce(revision: object): { sidecar: Sidecar; text: string; sources: SourceCache } {
    const sources = new SourceCache();
    const sidecar = read(source);
    const annotations = sidecar.annotations.map((a) => ({ ...a }));
    const text = writeSidecar({ ...sidecar, annotations: [...annotations, NEW_RECORD] }, source, sources, revision);
    return { sidecar: { ...sidecar, annotations: [...annotations, NEW_RECORD] }, text, sources };
  }

  test('at the same revision, a record that is the object written then is not read again', () => {
    const revision = {};
    const { sidecar, text, sources } = writtenOnce(revision);
    // Changed in place, against the caller's promise: the writer keeps its block without looking.
    const first = sidecar.annotations[0]!;
    first.label = 'changed-in-place';
    const again = writeSidecar(sidecar, text, sources, revision);
    assert.equal(again, text);
  });

  test('at a new revision, every record is compared', () => {
    const { sidecar, text, sources } = writtenOnce({});
    sidecar.annotations[0]!.label = 'changed-in-place';
    const again = writeSidecar(sidecar, text, sources, {});
    assert.equal(find(read(again), sidecar.annotations[0]!.id).label, 'changed-in-place');
    assert.equal(again, writeSidecar(sidecar, text));
  });

  test('without a revision, every record is compared', () => {
    const { sidecar, text, sources } = writtenOnce({});
    sidecar.annotations[0]!.label = 'changed-in-place';
    assert.equal(writeSidecar(sidecar, text, sources), writeSidecar(sidecar, text));
  });

  test('at the same revision, a new object is compared', () => {
    const revision = {};
    const { sidecar, text, sources } = writtenOnce(revision);
    const annotations = sidecar.annotations.map((a, i) => (i === 0 ? { ...a, label: 'replaced' } : a));
    const again = writeSidecar({ ...sidecar, annotations }, text, sources, revision);
    assert.equal(again, writeSidecar({ ...sidecar, annotations }, text));
    assert.equal(find(read(again), annotations[0]!.id).label, 'replaced');
  });
});
