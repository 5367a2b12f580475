/**
 * Annotation ids: 8 lowercase hex digits, random so that two annotators working on the same document
 * on two branches almost never pick the same one, and checked against the ids already in use.
 */

const ID_SPACE = 0x1_0000_0000;
/** After this many random draws that all collide, walk the id space instead (a broken `random`). */
const MAX_RANDOM_TRIES = 64;

/**
 * A new annotation id that is not in `taken`.
 * @param taken the ids already used in the sidecar (and any others to avoid)
 * @param random source of numbers in [0, 1), `Math.random` by default; inject one in tests
 * @returns 8 lowercase hex digits
 */
export function newAnnotationId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  let n = 0;
  for (let i = 0; i < MAX_RANDOM_TRIES; i++) {
    n = toIdNumber(random());
    const id = formatId(n);
    if (!taken.has(id)) return id;
  }
  // A random source stuck on taken values must not hang the caller: step forward from the last draw.
  for (let step = 1; step < ID_SPACE; step++) {
    const id = formatId((n + step) % ID_SPACE);
    if (!taken.has(id)) return id;
  }
  throw new Error('every annotation id is taken');
}

/** Map a number in [0, 1) onto 0..2^32-1, tolerating values outside the range (a faulty `random`). */
function toIdNumber(r: number): number {
  const scaled = Math.floor((Number.isFinite(r) ? r : 0) * ID_SPACE);
  return ((scaled % ID_SPACE) + ID_SPACE) % ID_SPACE;
}

function formatId(n: number): string {
  return n.toString(16).padStart(8, '0');
}
