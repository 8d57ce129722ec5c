/** Small, fast, seedable PRNG (mulberry32): same seed, same sequence, on every machine. */
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

/** Start value of the integer hash below. */
export const HASH_START = 0x9e3779b9;

/** One step of the integer hash (a murmur3 finaliser round): fold `value` into `hash`. */
export function mix32(hash: number, value: number): number {
  let h = Math.imul(hash ^ (value >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Stateless 32-bit hash of a few integers: lets a generator derive any record's values straight from
 * (seed, index) without walking a sequence, so record 199 999 costs as much as record 0. Hot loops can fold
 * with `mix32` directly and skip the argument array.
 */
export function hashInts(...values: number[]): number {
  let h = HASH_START;
  for (const value of values) h = mix32(h, value);
  return h;
}

/** A fresh PRNG for one record: same (seed, keys), same values, independent of every other record. */
export function rngFor(seed: number, ...keys: number[]): Rng {
  return createRng(hashInts(seed, ...keys));
}
