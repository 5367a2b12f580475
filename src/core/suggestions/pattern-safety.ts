/**
 * Project patterns are regular expressions written in `.marginalia.yaml` and run over every document.
 * JavaScript's engine backtracks and cannot be interrupted, so a pattern such as `(a+)+$` can hang the
 * editor on one long line. Two rules keep that from happening (see docs/suggestions.md):
 * - up front, a pattern is refused when a group repeated without bound (`*`, `+`, `{n,}`) holds a
 *   quantifier or an alternation (`(a+)+`, `(a|ab)*`), when it uses a back-reference, or when it is
 *   longer than {@link MAX_PATTERN_LENGTH};
 * - at run time, a pattern sees one paragraph at a time, and a paragraph longer than
 *   {@link MAX_PATTERN_INPUT} is cut into windows of that size, which bounds what any accepted pattern
 *   can cost per call.
 */

/** Longest pattern accepted, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 500;
/** Most text one pattern is run over in one call, in UTF-16 code units. */
export const MAX_PATTERN_INPUT = 4_000;

/**
 * Why a project pattern is refused, or undefined when it is accepted.
 * @param source the pattern as written in `.marginalia.yaml`
 */
export function patternProblem(source: string): string | undefined {
  if (source.length === 0) return 'the pattern is empty';
  if (source.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(source, 'u');
  } catch (error) {
    return `it is not a valid regular expression (${(error as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'back-references (\\1, \\k<name>) are not allowed: they can take exponential time';
  if (new RegExp(`^(?:${source})$`, 'u').test('')) return 'it matches the empty text';
  return nestedQuantifier(source);
}

/** What a group holds, as far as backtracking goes. */
interface GroupScan {
  quantified: boolean;
  alternation: boolean;
}

function nestedQuantifier(source: string): string | undefined {
  const stack: GroupScan[] = [{ quantified: false, alternation: false }];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      // A group's own syntax ((?:, (?=, (?<name>) is not a quantifier.
      const prefix = /^\?(?:[:=!]|<[=!]|<[\p{L}\p{N}_$]+>)/u.exec(source.slice(i + 1));
      if (prefix) i += prefix[0].length;
    }
    else if (c === '|') stack[stack.length - 1]!.alternation = true;
    else if (c === ')') {
      const group = stack.pop()!;
      const repeat = quantifierAt(source, i + 1);
      const inner = group.quantified || group.alternation;
      if (repeat?.unbounded && inner)
        return `a group repeated without bound holds ${group.quantified ? 'a quantifier' : 'an alternation'} (near "${source.slice(Math.max(0, i - 20), i + 1 + repeat.length)}"), which can take exponential time; repeat a group of fixed text, or bound the count ({0,5})`;
      const parent = stack[stack.length - 1]!;
      parent.quantified ||= group.quantified || repeat?.variable === true;
      // An alternation inside a bounded group still multiplies paths for an enclosing repeat.
      parent.alternation ||= group.alternation;
      if (repeat) i += repeat.length;
    } else {
      const repeat = quantifierAt(source, i);
      if (repeat) {
        if (repeat.variable) stack[stack.length - 1]!.quantified = true;
        i += repeat.length - 1;
      }
    }
  }
  return undefined;
}

/**
 * The quantifier starting at `at` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy), if any;
 * `variable` when it allows more than one count (`{3}` does not: it adds no choice to backtrack over).
 */
function quantifierAt(source: string, at: number): { length: number; unbounded: boolean; variable: boolean } | undefined {
  const m = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(at, at + 24));
  if (!m) return undefined;
  const unbounded = m[0][0] === '*' || m[0][0] === '+' || (m[2] !== undefined && m[3] === '');
  const variable = m[1] === undefined || (m[2] !== undefined && m[3] !== m[1]);
  return { length: m[0].length, unbounded, variable };
}
