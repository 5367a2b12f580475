/**
 * Turning what an annotator types into an attribute value, by the type the label configuration
 * gives the attribute: the check the input box runs on every keystroke, and the conversion after.
 */
import type { AttributeSpec, AttributeValue } from '../core/model';

/** A plain decimal number: optional sign, digits with an optional fraction, optional exponent. */
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Why a typed value is not acceptable for an attribute, or undefined when it is. An empty value is
 * acceptable for an optional attribute (it removes the attribute).
 * @param spec the attribute as the label configuration defines it
 * @param raw what was typed
 */
export function validateAttributeInput(spec: AttributeSpec, raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return spec.required ? `${spec.name} is required` : undefined;
  switch (spec.type) {
    case 'number':
      return NUMBER.test(value) ? undefined : `${spec.name} is a number: type digits such as 1200 or 3.5 (no thousands separators or units)`;
    case 'enum':
      return spec.values?.includes(value) ? undefined : `${spec.name} is one of: ${(spec.values ?? []).join(', ')}`;
    default:
      return undefined;
  }
}

/**
 * The value to store for what was typed (call after `validateAttributeInput` accepted it).
 * @param spec the attribute
 * @param raw what was typed
 * @returns the value, or undefined to remove the attribute
 */
export function parseAttributeInput(spec: AttributeSpec, raw: string): AttributeValue | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  return spec.type === 'number' ? Number(value) : value;
}
