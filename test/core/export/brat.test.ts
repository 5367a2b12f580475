import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BRAT_CONFIG_FILE, bratExporter, bratStems } from '../../../src/core/export/brat';
import type { ExportDocument } from '../../../src/core/export/types';
import type { LabelConfig } from '../../../src/core/model';
import { PYTHON_LINE_BREAKS } from '../../cli/export-harness';
import { fixtureDocuments } from './fixture-documents';

const filesOf = (documents: ExportDocument[], labels: LabelConfig = { labels: [] }): Map<string, string> => {
  const output = bratExporter.write(documents, labels);
  assert.equal(output.content, undefined, 'brat writes a folder');
  return new Map(output.files.map((f) => [f.path, f.content]));
};

/** What brat's parser accepts whole on a line of an .ann file: a T, A, AnnotatorNotes or R line. */
const BRAT_LINE = /^(?:T\d+\t\S+ \d+ \d+(?:;\d+ \d+)*\t.*|A\d+\t\S+ T\d+ \S+|#\d+\tAnnotatorNotes T\d+\t.*|R\d+\t\S+ Arg1:T\d+ Arg2:T\d+)$/u;

test('a .txt and an .ann per document, and annotation.conf; a span across lines is one fragment per line', () => {
  const files = filesOf([
    {
      source: 'doc.txt',
      text: 'First line\nsecond 🚀 line.',
      annotations: [
        { id: 'a', label: 'claim', start: 6, end: 17, text: 'line\nsecond', note: 'two\nlines', attributes: { speaker: 'the CEO' } },
        { id: 'b', label: 'figure', start: 18, end: 19, text: '🚀' },
      ],
    },
  ]);
  assert.deepEqual([...files.keys()], ['doc.txt', 'doc.ann', BRAT_CONFIG_FILE]);
  assert.equal(files.get('doc.txt'), 'First line\nsecond 🚀 line.');
  assert.equal(
    files.get('doc.ann'),
    'T1\tclaim 6 10;11 17\tline second\nA1\tspeaker T1 the%20CEO\n#1\tAnnotatorNotes T1\ttwo\\nlines\nT2\tfigure 18 19\t🚀\n',
  );
});

test('annotation.conf declares the configured labels, then labels found only in the export, and every attribute value', () => {
  const labels: LabelConfig = { labels: [{ id: 'claim', description: '', attributes: [{ name: 'stance', type: 'enum', required: false, values: ['for', 'against'] }] }] };
  const files = filesOf([{ source: 'a.txt', text: 'One two.', annotations: [{ id: 'a', label: 'claim', start: 0, end: 3, text: 'One', attributes: { stance: 'neutral' } }, { id: 'b', label: 'extra', start: 4, end: 7, text: 'two' }] }], labels);
  const conf = files.get(BRAT_CONFIG_FILE)!;
  assert.match(conf, /\[entities\]\nclaim\nextra\n/);
  assert.match(conf, /\[attributes\]\nstance\tArg:claim, Value:for\|against\|neutral\n$/);
});

test('a document\'s .txt extension is dropped from its pair\'s names unless two documents would then share one', () => {
  assert.deepEqual(bratStems(['a.txt', 'b.md']), ['a', 'b.md']);
  assert.deepEqual(bratStems(['a.txt', 'a']), ['a.txt', 'a']);
});

test('every span, note and attribute holding a line break Python splits at is kept, as brat\'s own parser reads them', () => {
  const files = filesOf(fixtureDocuments('breaks'));
  const ann = files.get('separators.ann')!;
  const lines = ann.split('\n').slice(0, -1);
  for (const line of lines) assert.match(line, BRAT_LINE, 'brat reads the line whole');
  assert.equal(ann.split(PYTHON_LINE_BREAKS).length, lines.length + 1, 'brat splits the file at no other break');
  assert.equal(lines.filter((l) => l.startsWith('T')).length, 5, 'no span is dropped');
  assert.match(ann, /^#1\tAnnotatorNotes T1\ta note\\u2028with\\u2029every\\u0085kind\\u000Bof\\u000Cbreak\\u001C\\u001D\\u001E\\r\\nend$/m);
  assert.match(ann, /^A1\tspeaker T1 the%C2%85CEO%1Cand%E2%80%A8board$/m);
  // brat's projectconfig splits annotation.conf lines at Python's \s and falls back to a minimal
  // configuration when a value holds one.
  const conf = files.get(BRAT_CONFIG_FILE)!;
  const attributes = conf.slice(conf.indexOf('[attributes]\n') + '[attributes]\n'.length).split('\n').filter((l) => l !== '');
  assert.deepEqual(attributes, ['speaker\tArg:quote, Value:the%C2%85CEO%1Cand%E2%80%A8board']);
});

test('a span of line breaks only cannot be held by brat: left out with a warning', () => {
  const output = bratExporter.write([{ source: 'a.txt', text: 'a\n\nb', annotations: [{ id: 'n', label: 'claim', start: 1, end: 3, text: '\n\n' }] }], { labels: [] });
  assert.equal(output.files.find((f) => f.path === 'a.ann')!.content, '');
  assert.deepEqual(output.warnings, ['a.txt: annotation n (claim) spans only line breaks, which brat cannot hold; left out']);
});

test('relations are R lines between the spans\' T ids, their types declared in [relations] with the labels of each end', () => {
  const warnings: string[] = [];
  const labels: LabelConfig = {
    labels: [],
    relations: [
      { id: 'said-by', description: '', from: ['quote'], to: ['speaker'], symmetric: false },
      { id: 'contradicts', description: '', from: ['claim', 'figure'], to: ['claim', 'figure'], symmetric: true },
      { id: 'mentions', description: '', symmetric: false },
    ],
  };
  const output = bratExporter.write(
    [
      {
        source: 'a.txt',
        text: 'Smith said "We will win."',
        annotations: [
          { id: 's1', label: 'speaker', start: 0, end: 5, text: 'Smith' },
          { id: 'q1', label: 'quote', start: 11, end: 25, text: '"We will win."', relations: [{ type: 'said-by', to: 's1' }, { type: 'same-as', to: 'x', document: 'b.txt' }] },
        ],
      },
    ],
    labels,
  );
  warnings.push(...(output.warnings ?? []));
  const files = new Map(output.files.map((f) => [f.path, f.content]));
  assert.equal(files.get('a.ann'), 'T1\tspeaker 0 5\tSmith\nT2\tquote 11 25\t"We will win."\nR1\tsaid-by Arg1:T2 Arg2:T1\n');
  assert.match(
    files.get(BRAT_CONFIG_FILE)!,
    /\[relations\]\nsaid-by\tArg1:quote, Arg2:speaker\ncontradicts\tArg1:claim\|figure, Arg2:claim\|figure, <REL-TYPE>:symmetric\nmentions\tArg1:<ENTITY>, Arg2:<ENTITY>\nsame-as\tArg1:<ENTITY>, Arg2:<ENTITY>\n/,
  );
  assert.deepEqual(warnings, ['a.txt: relation same-as from q1 to b.txt#x links to another document, which brat cannot hold; left out']);
});
