/**
 * A label's or attribute's guideline as annotators see it where they decide: its description (the
 * definition) and its examples, from `.marginalia.yaml`. Plain text; the editor escapes it where it
 * becomes Markdown.
 */
import type { AttributeSpec, LabelSpec } from './model';

/** How many examples are shown; the rest are in `.marginalia.yaml`. */
export const MAX_EXAMPLES_SHOWN = 3;
/** How many code points of each example are shown. */
const MAX_EXAMPLE_LENGTH = 80;

/**
 * A label's description followed by its examples ("A number with its unit — e.g. “13,000 people”").
 * @param spec the label; a description that is only the id (a label defined without one) is not repeated
 */
export function labelGuideline(spec: Pick<LabelSpec, 'id' | 'description' | 'examples'>): string {
  const definition = spec.description !== spec.id ? spec.description : '';
  return joinGuideline(definition, spec.examples);
}

/**
 * An attribute's description followed by its examples.
 * @param spec the attribute
 */
export function attributeGuideline(spec: Pick<AttributeSpec, 'description' | 'examples'>): string {
  return joinGuideline(spec.description ?? '', spec.examples);
}

function joinGuideline(definition: string, examples: readonly string[] | undefined): string {
  const shown = (examples ?? []).slice(0, MAX_EXAMPLES_SHOWN).map((e) => `“${shorten(e)}”`);
  const more = (examples?.length ?? 0) > MAX_EXAMPLES_SHOWN ? ', …' : '';
  const list = shown.length ? `e.g. ${shown.join(', ')}${more}` : '';
  return [definition, list].filter(Boolean).join(' — ');
}

function shorten(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > MAX_EXAMPLE_LENGTH ? chars.slice(0, MAX_EXAMPLE_LENGTH - 1).join('') + '…' : chars.join('');
}
