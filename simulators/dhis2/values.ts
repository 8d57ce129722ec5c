/** Small value helpers shared by metadata and tracker handling. */

/** Any JSON value as text: strings as they are, objects as JSON (never "[object Object]"). */
export function asText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return value.toString();
    case 'undefined':
      return '';
    default:
      return value === null ? '' : (JSON.stringify(value) ?? '');
  }
}

/** Orders two values: numbers numerically, text (optionally case-insensitively), missing values last. */
export function compareValues(a: unknown, b: unknown, caseInsensitive = true): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = caseInsensitive ? asText(a).toLowerCase() : asText(a);
  const y = caseInsensitive ? asText(b).toLowerCase() : asText(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
