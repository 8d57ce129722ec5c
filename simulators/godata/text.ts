/**
 * String helpers that reproduce the lodash behaviour Go.Data relies on for derived identifiers
 * (reference-data tokens use `_.snakeCase`, duplicate keys use `_.camelCase`).
 */

// lodash `words`: upper-case runs before a capitalised word, capitalised/lower words, upper runs, digit runs.
const WORD = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|\p{L}+/gu;

/** Splits like lodash `words` after `deburr` (accents dropped, apostrophes removed). */
export function words(value: string): string[] {
  const plain = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019]/g, '');
  return plain.match(WORD) ?? [];
}

/** `_.snakeCase(value).toUpperCase()`: "Not a case (discarded)" → "NOT_A_CASE_DISCARDED", "2019-nCoV" → "2019_N_CO_V". */
export function upperSnake(value: string): string {
  return words(value)
    .map((w) => w.toUpperCase())
    .join('_');
}

/** `_.camelCase(value).toLowerCase()`: the words glued together in lower case. */
export function lowerGlued(value: unknown): string {
  if (value === undefined || value === null) return '';
  return words(str(value))
    .map((w) => w.toLowerCase())
    .join('');
}

/** Go.Data's escapeRegExp (note: `-` and `/` are left alone). */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads a loose JSON-ish value as a plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** String form of a loose JSON value (objects as JSON, never "[object Object]"). */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
