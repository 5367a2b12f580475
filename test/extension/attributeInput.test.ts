// What an annotator types into an attribute's input box: checked on every keystroke by the attribute's
// type, and converted after.
import * as assert from 'node:assert/strict';
import type { AttributeSpec } from '../../src/core/model';
import { parseAttributeInput, validateAttributeInput } from '../../src/extension/attributeInput';

suite('Attribute input', () => {
  test('an attribute typed as a number rejects "abc"; enum and required attributes are checked too', () => {
    const value: AttributeSpec = { name: 'value', type: 'number', required: false };
    assert.match(validateAttributeInput(value, 'abc') ?? '', /value is a number/);
    assert.match(validateAttributeInput(value, '100,000') ?? '', /no thousands separators/);
    assert.equal(validateAttributeInput(value, '100000'), undefined);
    assert.equal(validateAttributeInput(value, '-3.5'), undefined);
    assert.equal(validateAttributeInput(value, ''), undefined, 'an optional attribute may be emptied');
    assert.equal(parseAttributeInput(value, ' 2.5e3 '), 2500);
    assert.equal(parseAttributeInput(value, ''), undefined);
    const speaker: AttributeSpec = { name: 'speaker', type: 'text', required: true };
    assert.match(validateAttributeInput(speaker, '  ') ?? '', /speaker is required/);
    const qualifier: AttributeSpec = { name: 'qualifier', type: 'enum', required: false, values: ['exact', 'approximate'] };
    assert.match(validateAttributeInput(qualifier, 'roughly') ?? '', /one of: exact, approximate/);
    assert.equal(validateAttributeInput(qualifier, 'exact'), undefined);
  });
});
