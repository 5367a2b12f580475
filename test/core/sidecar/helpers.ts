import * as fs from 'node:fs';
import { fixturePath } from '../../fixture-path';

/**
 * The text of a fixture under test/fixtures/sidecar/.
 * @param parts path segments below test/fixtures/sidecar/
 */
export function sidecarFixture(...parts: string[]): string {
  return fs.readFileSync(fixturePath('sidecar', ...parts), 'utf8');
}

/**
 * The lines that differ between two texts once their common first and last lines are set aside:
 * `[from, to)` in each (0-based).
 * @param before the old lines
 * @param after the new lines
 */
export function changedRange(before: readonly string[], after: readonly string[]): { before: [number, number]; after: [number, number] } {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { before: [head, before.length - tail], after: [head, after.length - tail] };
}

/**
 * The 0-based line range `[first, end)` of the record whose dash is on 1-based `line`: up to the next
 * line that is not blank and not indented past the dash (the next record, a comment above it, or a
 * top-level key), without the blank lines before it.
 * @param lines the file's lines
 * @param line 1-based line of the record's dash
 */
export function recordRange(lines: readonly string[], line: number): [number, number] {
  const dash = lines[line - 1]!.indexOf('-');
  let end = line;
  while (end < lines.length) {
    const text = lines[end]!;
    if (text.trim() !== '' && text.length - text.trimStart().length <= dash) break;
    end++;
  }
  while (end > line && lines[end - 1]!.trim() === '') end--;
  return [line - 1, end];
}
