import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so two equal documents always hash the same. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** Hash of the last payload sent: a re-run sends nothing when the mapped document did not change. */
export function payloadHash(document: unknown): string {
  return createHash('sha256').update(stableStringify(document)).digest('base64url').slice(0, 32);
}
