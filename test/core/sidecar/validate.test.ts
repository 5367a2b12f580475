// validateSidecar turns parsed YAML into a typed sidecar: a record that cannot be taken as it is is
// left out and makes the file read-only (no rewrite may drop it); unknown keys are kept and warned about.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { positionsFromDocument } from '../../../src/core/sidecar/positions';
import { validateSidecar } from '../../../src/core/sidecar/validate';

/** Validate a sidecar given as YAML text, with positions taken from the same text. */
function validate(yaml: string) {
  return validateSidecar(parseYaml(yaml, { uniqueKeys: false }), positionsFromDocument(yaml));
}

const HEADER = 'marginalia: 1\ndocument: a.txt\nannotations:\n';
const RECORD = '  - id: aaaaaaaa\n    label: claim\n    start: 0\n    end: 5\n    text: Hello\n';

const codes = (result: ReturnType<typeof validate>) => result.findings.map((f) => f.code);

test('a well-formed sidecar is read without findings and stays writable', () => {
  const result = validate(HEADER + RECORD);
  assert.deepEqual(result.findings, []);
  assert.equal(result.writable, true);
  assert.equal(result.sidecar?.document, 'a.txt');
  assert.deepEqual(result.sidecar?.annotations, [{ id: 'aaaaaaaa', label: 'claim', start: 0, end: 5, text: 'Hello' }]);
  assert.deepEqual([...result.clean], [1]);
  assert.equal(result.recordLines.get('aaaaaaaa'), 4);
});

test('an empty file is a warning, not an error, and may be written afresh', () => {
  const result = validate('');
  assert.deepEqual(codes(result), ['empty-sidecar']);
  assert.equal(result.findings[0]!.severity, 'warning');
  assert.equal(result.writable, true);
  assert.equal(result.sidecar, undefined);
});

test('data that is not a map is an error and read-only', () => {
  const result = validate('- just\n- a list\n');
  assert.deepEqual(codes(result), ['wrong-type']);
  assert.equal(result.writable, false);
});

test('a newer format version is refused without guessing at its content', () => {
  const result = validate('marginalia: 2\ndocument: a.txt\nannotations:\n' + RECORD);
  assert.deepEqual(codes(result), ['unsupported-version']);
  assert.equal(result.writable, false);
  assert.equal(result.sidecar, undefined);
});

test('a missing version or document is an error that makes the file read-only', () => {
  assert.deepEqual(codes(validate('document: a.txt\nannotations: []\n')), ['missing-key']);
  const noDocument = validate('marginalia: 1\nannotations: []\n');
  assert.deepEqual(codes(noDocument), ['missing-key']);
  assert.equal(noDocument.writable, false);
});

test('a document path that is absolute or climbs with ".." is reported', () => {
  for (const document of ['/etc/passwd', '../a.txt', 'sub/../../a.txt', 'C:/a.txt', '\\\\server\\a.txt']) {
    const result = validate(`marginalia: 1\ndocument: '${document}'\nannotations: []\n`);
    assert.deepEqual(codes(result), ['document-path'], document);
    assert.equal(result.findings[0]!.severity, 'error');
  }
  assert.deepEqual(validate('marginalia: 1\ndocument: sub/a.txt\nannotations: []\n').findings, []);
});

test('a record with a missing or mistyped key is left out, reported at its line, and the file becomes read-only', () => {
  const result = validate(HEADER + RECORD + '  - id: bbbbbbbb\n    label: claim\n    start: "3"\n    end: 5\n    text: lo\n');
  assert.deepEqual(codes(result), ['wrong-type']);
  assert.equal(result.findings[0]!.line, 11, 'the line of the bad value');
  assert.equal(result.findings[0]!.annotationId, 'bbbbbbbb');
  assert.equal(result.writable, false);
  assert.deepEqual(result.sidecar?.annotations.map((a) => a.id), ['aaaaaaaa']);
  assert.equal(result.items.length, 2);
  assert.equal(result.items[1], undefined);
  assert.deepEqual([...result.clean], [1, 0]);
});

test('negative, fractional and reversed offsets are refused', () => {
  const at = (start: string, end: string) => validate(`${HEADER}  - id: aaaaaaaa\n    label: claim\n    start: ${start}\n    end: ${end}\n    text: x\n`);
  assert.deepEqual(codes(at('-1', '5')), ['invalid-offset']);
  assert.deepEqual(codes(at('1.5', '5')), ['wrong-type']);
  assert.deepEqual(codes(at('6', '5')), ['invalid-offset']);
  for (const result of [at('-1', '5'), at('1.5', '5'), at('6', '5')]) assert.equal(result.writable, false);
});

test('an empty span is an error but the record is kept and the file stays writable', () => {
  const result = validate(`${HEADER}  - id: aaaaaaaa\n    label: claim\n    start: 3\n    end: 3\n    text: ''\n`);
  assert.deepEqual(codes(result), ['empty-span']);
  assert.equal(result.sidecar?.annotations.length, 1);
  assert.equal(result.writable, true);
});

test('a number where text is expected suggests quoting it', () => {
  const result = validate(`${HEADER}  - id: aaaaaaaa\n    label: claim\n    start: 0\n    end: 2\n    text: 42\n`);
  assert.deepEqual(codes(result), ['wrong-type']);
  assert.match(result.findings[0]!.message, /put it in quotes \('42'\)/);
});

test('ids and labels with characters that mean something in Markdown or commands are refused', () => {
  const bad = validate(`${HEADER}  - id: "a](x)"\n    label: claim\n    start: 0\n    end: 1\n    text: H\n`);
  assert.deepEqual(codes(bad), ['invalid-id']);
  const badLabel = validate(`${HEADER}  - id: aaaaaaaa\n    label: "<b>"\n    start: 0\n    end: 1\n    text: H\n`);
  assert.deepEqual(codes(badLabel), ['invalid-label']);
});

test('a duplicate id is reported at the second record, naming the line of the first; both are kept', () => {
  const result = validate(HEADER + RECORD + RECORD);
  assert.deepEqual(codes(result), ['duplicate-id']);
  assert.match(result.findings[0]!.message, /line 4/);
  assert.equal(result.findings[0]!.line, 9);
  assert.equal(result.sidecar?.annotations.length, 2);
  // A finding about several records does not make either record unclean.
  assert.deepEqual([...result.clean], [1, 1]);
});

test('unknown keys are kept on the objects and warned about, with a guess at a misspelling', () => {
  const result = validate(HEADER + RECORD + '    lable: quote\n' + 'extra: kept\n');
  assert.deepEqual(codes(result), ['unknown-key', 'unknown-key']);
  assert.ok(result.findings.every((f) => f.severity === 'warning'));
  assert.match(result.findings.find((f) => f.message.includes('"lable"'))!.message, /did you mean "label"/);
  assert.equal((result.sidecar!.annotations[0] as unknown as Record<string, unknown>)['lable'], 'quote');
  assert.equal((result.sidecar as unknown as Record<string, unknown>)['extra'], 'kept');
  assert.equal(result.writable, true);
});

test('a key named __proto__ is kept as an own property, not as the prototype', () => {
  const result = validate(HEADER + RECORD + '    __proto__: { polluted: true }\n');
  const annotation = result.sidecar!.annotations[0] as unknown as Record<string, unknown>;
  assert.ok(Object.prototype.hasOwnProperty.call(annotation, '__proto__'));
  assert.equal((annotation as { polluted?: unknown }).polluted, undefined);
});

test('a created date not in ISO 8601 is a warning; the record is kept', () => {
  const result = validate(HEADER + RECORD + '    created: yesterday\n');
  assert.deepEqual(codes(result), ['created-format']);
  assert.equal(result.findings[0]!.severity, 'warning');
  assert.equal(result.sidecar?.annotations.length, 1);
  assert.deepEqual(validate(HEADER + RECORD + '    created: 2026-11-22T10:00:00Z\n').findings, []);
});

test('a source header that is not understood is a warning and kept as it is', () => {
  const result = validate('marginalia: 1\ndocument: a.txt\nsource:\n  url: ftp://x\nannotations: []\n');
  assert.deepEqual(codes(result), ['bad-source']);
  assert.deepEqual(result.sidecar?.source, { url: 'ftp://x' });
  const good = validate('marginalia: 1\ndocument: a.txt\nsource:\n  outlet: Le Monde\n  published: 2021-12-17\nannotations: []\n');
  assert.deepEqual(good.findings, []);
  assert.deepEqual(good.sidecar?.source, { outlet: 'Le Monde', published: '2021-12-17' });
});

test('the annotation returned is a copy: changing it does not change the parsed data', () => {
  const yaml = HEADER + RECORD + '    attributes: { value: 3 }\n';
  const data = parseYaml(yaml) as { annotations: { attributes: Record<string, unknown> }[] };
  const result = validateSidecar(data, positionsFromDocument(yaml));
  result.sidecar!.annotations[0]!.attributes!['value'] = 4;
  assert.equal(data.annotations[0]!.attributes['value'], 3);
});
