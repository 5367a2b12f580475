/**
 * Functions made from source text with `new Function`, where reading each field of a fixed table by
 * its name (`x.id`) is several times faster than by a key taken from a list (`x[key]`). A host may
 * forbid making code from text: a web worker extension host under a Content Security Policy without
 * `'unsafe-eval'` (VS Code's own allows it today), Node with `--disallow-code-generation-from-strings`.
 * There the plain function, with the same results, is used instead. Pure.
 */

/**
 * The compiled function when the host allows making one, else the plain one.
 * @param compile makes the function from source text
 * @param plain the same function written as a loop over the table
 * @throws any error of `compile` but the host's refusal (an `EvalError`): a fault in the source text is not hidden
 */
export function compiledOr<F>(compile: () => F, plain: F): F {
  try {
    return compile();
  } catch (error) {
    if (error instanceof EvalError) return plain;
    throw error;
  }
}
