import { escapeRegExp } from '../text.js';

/**
 * Go.Data's visual-id masks (components/maskField.js): `9` sequence digit (one run), `0` any digit, `@` letter,
 * `&` any char, `YYYY` four digits, `*` free text, anything else literal.
 */

const VALID_MASK = /^(?:9*[^9()]*|[^9()]*9*[^9()]*|[^9()]*9*)$/;

export function maskIsValid(mask: string): boolean {
  return VALID_MASK.test(mask);
}

/** The regex source matching `template` with the sequence digits free; false when the template misfits the mask. */
function searchSource(rawMask: string, rawTemplate: string): string | false {
  let mask = escapeRegExp(rawMask);
  const template = escapeRegExp(rawTemplate);
  if (!maskIsValid(mask)) return false;
  // Same replacement order as the source (integer-like keys of its map come first).
  mask = mask
    .replace(/0/g, '\\d')
    .replace(/9/g, '(\\d)')
    .replace(/YYYY/g, '\\d{4,4}')
    .replace(/@/g, '[a-zA-Z]')
    .replace(/&/g, '.')
    .replace(/\*/g, '\\?.+');
  const left = mask.indexOf('(');
  const right = mask.lastIndexOf(')');
  let grouped: RegExp;
  try {
    grouped = new RegExp(
      `^(${mask.substring(0, left)})${mask.substring(left, right + 1)}(${mask.substring(right + 1)})$`,
    );
  } catch {
    return false;
  }
  const match = grouped.exec(template);
  if (!match) return false;
  const groups = match.length - 1;
  return `${match[1] ?? ''}${'(\\d)'.repeat(Math.max(0, groups - 2))}${match[groups] ?? ''}`;
}

const searchCache = new Map<string, RegExp | false>();

/** The regex of visual ids sharing `template`'s fixed parts; memoised (templates repeat: often the mask itself). */
export function maskSearchRegExp(mask: string, template: string): RegExp | false {
  const key = `${mask}\u0000${template}`;
  let re = searchCache.get(key);
  if (re === undefined) {
    const source = searchSource(mask, template);
    re = source === false ? false : new RegExp(`^${source}$`);
    if (searchCache.size > 10_000) searchCache.clear();
    searchCache.set(key, re);
  }
  return re;
}

export class MaskError extends Error {
  constructor(
    readonly code: 'INVALID_MASK' | 'MASK_TOO_SHORT' | 'MASK_MISS_MATCH',
    message: string,
  ) {
    super(message);
  }
}

/** Puts `value` into the sequence digits of `template` (zero-padded). */
export function resolveMask(mask: string, template: string, value: number): string {
  if (!maskIsValid(mask)) {
    throw new MaskError(
      'INVALID_MASK',
      `Invalid mask. The mask does not match the following pattern: ${String(VALID_MASK)}.`,
    );
  }
  const run = /9+/.exec(mask)?.[0].length ?? 0;
  if (value > 1 && String(value).length > run) {
    throw new MaskError(
      'MASK_TOO_SHORT',
      'Cannot resolve mask. The numeric value is too big for current mask.',
    );
  }
  let out = searchSource(mask, template);
  if (out === false)
    throw new MaskError(
      'MASK_MISS_MATCH',
      'Cannot resolve mask. Property template does not match mask pattern',
    );
  let rest = value;
  while (rest) {
    const at = out.lastIndexOf('(\\d)');
    if (at !== -1) out = `${out.substring(0, at)}${rest % 10}${out.substring(at + 4)}`;
    rest = Math.trunc(rest / 10);
  }
  return out.replace(/\(\\d\)/g, '0');
}
