/**
 * The iteration order of a java.util.HashSet<String> built by adding `items` in order: DHIS2 joins such sets into
 * error messages ("Order by property `x` is not supported. Supported are `…`"), so the simulator words them the
 * same way. HashMap buckets are walked by index (hash spread as in HashMap.hash, table doubled from 16 whenever
 * it is more than 3/4 full); within a bucket entries keep insertion order, which resizing preserves.
 */
export function javaHashSetOrder(items: readonly string[]): string[] {
  const unique = [...new Set(items)];
  let capacity = 16;
  while (unique.length > capacity * 0.75) capacity *= 2;
  const buckets = new Map<number, string[]>();
  for (const item of unique) {
    const index = bucketHash(item) & (capacity - 1);
    const bucket = buckets.get(index);
    if (bucket) bucket.push(item);
    else buckets.set(index, [item]);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((index) => buckets.get(index) ?? []);
}

/** String.hashCode spread as HashMap.hash does: h ^ (h >>> 16). */
function bucketHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h ^ (h >>> 16);
}
