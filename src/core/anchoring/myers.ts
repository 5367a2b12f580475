/**
 * Myers' O(ND) difference algorithm over two sequences given only by a comparison of their elements,
 * so that lines and words can be compared without being copied into arrays first.
 */

/** A run of the second sequence that replaced a run of the first: `a[aStart, aEnd)` → `b[bStart, bEnd)`. */
export interface Change {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * The shortest edit script between two sequences, as maximal runs of changes (adjacent deletions and
 * insertions merged), in order. Gives up beyond `maxEdits` deletions plus insertions: the work and
 * memory grow with their square.
 * @param n length of the first sequence
 * @param m length of the second sequence
 * @param equal whether element i of the first equals element j of the second
 * @param maxEdits the most deletions plus insertions looked for
 * @returns the changes, or undefined when more than `maxEdits` edits would be needed
 */
export function myersDiff(n: number, m: number, equal: (i: number, j: number) => boolean, maxEdits: number): Change[] | undefined {
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2)); // diagonals -d-1..d+1 as they were before step d
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && equal(x, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m, d);
    }
  }
  return undefined;
}

/** Walk the recorded furthest points back from (n, m) and collect the changes. */
function backtrack(trace: readonly Int32Array[], n: number, m: number, edits: number): Change[] {
  const changes: Change[] = [];
  let x = n;
  let y = m;
  for (let d = edits; d > 0; d--) {
    const v = trace[d]!; // index i holds diagonal i - d - 1
    const k = x - y;
    const down = k === -d || (k !== d && v[k - 1 + d + 1]! < v[k + 1 + d + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[prevK + d + 1]!;
    const prevY = prevX - prevK;
    // The snake from the edit's end to (x, y) is equal; the edit itself is one element.
    const editX = down ? prevX : prevX + 1;
    const editY = down ? prevY + 1 : prevY;
    const last = changes[changes.length - 1];
    if (last && last.aStart === editX && last.bStart === editY) {
      last.aStart = prevX;
      last.bStart = prevY;
    } else {
      changes.push({ aStart: prevX, aEnd: editX, bStart: prevY, bEnd: editY });
    }
    x = prevX;
    y = prevY;
  }
  return changes.reverse();
}
