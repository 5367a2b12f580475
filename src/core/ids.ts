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
export function newAnnotationId(taken: Pick<ReadonlySet<string>, 'has'>, random: () => number = Math.random): string {
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

/**
 * A random source that gives the same numbers for the same key: ids made with it do not change when
 * the same thing is done again (importing the same file into the same documents gives the same ids).
 * The key's 32-bit FNV-1a hash seeds `seededRandom`.
 * @param key what the ids stand for, such as an imported span's label and offsets
 */
export function keyedRandom(key: string): () => number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return seededRandom(hash);
}

/**
 * A small seeded pseudo-random generator (mulberry32), uniform in [0, 1): the same seed gives the
 * same numbers, so generated data and failures can be replayed.
 * @param seed any 32-bit integer
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
