import type { ValueMapEntry } from '../../../shared/mapping.js';
import type { MetadataSummary } from '../../../shared/views.js';

export type OptionSet = MetadataSummary['optionSets'][number];
type Option = OptionSet['options'][number];

/** The option a `from` value names: by uid (survives package releases), else by code, else by code ignoring case. */
export function findOption(from: string, set: OptionSet | undefined): Option | undefined {
  if (!set) return undefined;
  return (
    set.options.find((o) => o.id === from) ??
    set.options.find((o) => o.code === from) ??
    set.options.find((o) => o.code.toLowerCase() === from.toLowerCase())
  );
}

/**
 * Adds a row per option not mapped yet, keyed by the option uid so the map survives releases whose codes
 * differ only in case. Existing rows are kept as they are; new rows start without a target.
 */
export function prefillFromOptionSet(entries: readonly ValueMapEntry[], set: OptionSet): ValueMapEntry[] {
  const covered = new Set(
    entries.map((e) => findOption(e.from, set)?.id).filter((id): id is string => Boolean(id)),
  );
  const added = set.options.filter((o) => !covered.has(o.id)).map((o) => ({ from: o.id, to: '' }));
  return [...entries, ...added];
}

export function updateEntry(
  entries: readonly ValueMapEntry[],
  index: number,
  patch: Partial<ValueMapEntry>,
): ValueMapEntry[] {
  return entries.map((e, i) => (i === index ? { ...e, ...patch } : e));
}

export function removeEntry(entries: readonly ValueMapEntry[], index: number): ValueMapEntry[] {
  return entries.filter((_, i) => i !== index);
}

/** `from` values that appear more than once (main refuses them; shown before saving). */
export function duplicateFroms(entries: readonly ValueMapEntry[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.from)) dup.add(e.from);
    seen.add(e.from);
  }
  return dup;
}

/** Rows still waiting for a target: an empty `to` (explicit "no Go.Data value" is `null`, which is fine). */
export function incompleteEntries(entries: readonly ValueMapEntry[]): number {
  return entries.filter((e) => e.to === '' || e.from.trim() === '').length;
}

/** How the editor explains a `from` value: the option's name and code, or that it matches no option. */
export function describeFrom(from: string, set: OptionSet | undefined): string {
  if (!from.trim()) return '';
  if (!set) return '';
  const option = findOption(from, set);
  if (!option) return `not an option of ${set.name}`;
  return option.id === from ? `${option.name} (code ${option.code})` : option.name;
}

/** The text box shows `to` as text; numbers and booleans typed by power users in JSON are kept as typed. */
export function toText(to: ValueMapEntry['to']): string {
  return to === null ? '' : String(to);
}
