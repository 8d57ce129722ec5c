import type { ValueMapEntry } from '../../shared/mapping.js';
import type { OptionSet } from '../dhis2/model.js';

/**
 * Value maps must survive the COVID-19 package releases whose option codes differ only in case or format
 * (`Male`/`MALE`, `Not performed`/`NOT_PERFORMED`) while the option uids stay the same.
 */

/** `Not performed`, `NOT_PERFORMED`, `not-performed` → `NOT_PERFORMED`. */
export function normaliseCode(code: string): string {
  return code
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The option a DHIS2 value (an option code) stands for: exact code first, then the normalised code. */
export function findOption(optionSet: OptionSet, code: string): OptionSet['options'][number] | undefined {
  const exact = optionSet.options.find((o) => o.code === code);
  if (exact) return exact;
  const wanted = normaliseCode(code);
  return optionSet.options.find((o) => normaliseCode(o.code) === wanted);
}

export type ValueMapMatch = { matched: true; to: ValueMapEntry['to'] } | { matched: false };

/**
 * Order: the value's option uid (through the live option set), the exact value, then the normalised value.
 * Entries keyed by uid therefore win over entries keyed by a code of another release.
 */
export function matchValueMap(
  value: string | number | boolean,
  entries: readonly ValueMapEntry[],
  optionSet: OptionSet | undefined,
): ValueMapMatch {
  const text = String(value);
  const option = optionSet ? findOption(optionSet, text) : undefined;
  const byUid = option ? entries.find((e) => e.from === option.id) : undefined;
  const byCode = byUid ?? entries.find((e) => e.from === text);
  const wanted = normaliseCode(text);
  const entry = byCode ?? (wanted === '' ? undefined : entries.find((e) => normaliseCode(e.from) === wanted));
  return entry ? { matched: true, to: entry.to } : { matched: false };
}

/** For checking a mapping against metadata: is `from` an option uid or (any release's spelling of) a code? */
export function optionExists(optionSet: OptionSet, from: string): boolean {
  return optionSet.options.some((o) => o.id === from) || findOption(optionSet, from) !== undefined;
}
