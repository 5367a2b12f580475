/**
 * A project's own suggesters, from `suggest:` of a label in `.marginalia.yaml`: regular expressions
 * (checked when the configuration is read, see `pattern-safety.ts`) and term lists. Each pattern
 * runs over one paragraph at a time, cut into windows of at most `MAX_PATTERN_INPUT` code units.
 */
import { MAX_PATTERN_INPUT } from './pattern-safety';
import { escapeRegExp } from './claims';

/** A span a project pattern or term matched. */
export interface ProjectMatch {
  start: number;
  end: number;
  source: 'pattern' | 'term';
}

/**
 * The matches of a label's patterns and terms.
 * @param text normalised document text
 * @param patterns regular expressions already accepted by `patternProblem`
 * @param terms words or phrases, matched as whole words in any case
 */
export function findProjectMatches(text: string, patterns: readonly string[], terms: readonly string[]): ProjectMatch[] {
  const matches: ProjectMatch[] = [];
  const compiled: { regex: RegExp; source: ProjectMatch['source'] }[] = patterns.map((p) => ({ regex: new RegExp(p, 'gu'), source: 'pattern' }));
  if (terms.length > 0) {
    const alternatives = [...terms].sort((a, b) => b.length - a.length).map((t) => escapeRegExp(t.trim()).replace(/\s+/g, '\\s+'));
    compiled.push({ regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), source: 'term' });
  }
  if (compiled.length === 0) return matches;
  for (const window of windows(text)) {
    const part = text.slice(window.start, window.end);
    for (const { regex, source } of compiled) {
      regex.lastIndex = 0;
      for (let m = regex.exec(part); m; m = regex.exec(part)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        matches.push({ start: window.start + m.index, end: window.start + m.index + m[0].length, source });
      }
    }
  }
  return matches;
}

/** The paragraphs of a text, a long one cut into pieces of at most MAX_PATTERN_INPUT, at a space where there is one. */
function* windows(text: string): Generator<{ start: number; end: number }> {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? text.length : newline;
    let end = Math.min(lineEnd, start + MAX_PATTERN_INPUT);
    if (end < lineEnd) {
      const space = text.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    if (end > start) yield { start, end };
    start = end === lineEnd ? lineEnd + 1 : end;
  }
}
