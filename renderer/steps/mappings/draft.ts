import type {
  FieldMapping,
  MappingConfig,
  OutbreakGroup,
  RecordMappingKind,
} from '../../../shared/mapping.js';

/** Immutable edits of the mapping draft, so the editor's components stay small and the rules stay testable. */

export function updateGroup(
  config: MappingConfig,
  index: number,
  update: (g: OutbreakGroup) => OutbreakGroup,
): MappingConfig {
  return { ...config, outbreaks: config.outbreaks.map((g, i) => (i === index ? update(g) : g)) };
}

export function removeGroup(config: MappingConfig, index: number): MappingConfig {
  return { ...config, outbreaks: config.outbreaks.filter((_, i) => i !== index) };
}

/** A new group with a key not used yet and settings that pass Go.Data's required fields. */
export function newOutbreakGroup(existingKeys: readonly string[], today: string): OutbreakGroup {
  let n = existingKeys.length + 1;
  while (existingKeys.includes(`outbreak-${n}`)) n += 1;
  return {
    key: `outbreak-${n}`,
    outbreak: {
      name: `New outbreak ${n}`,
      startDate: today,
      periodOfFollowup: 14,
      frequencyOfFollowUp: 1,
      frequencyOfFollowUpPerDay: 1,
      longPeriodsBetweenCaseOnset: 0,
      noDaysAmongContacts: 0,
      noDaysInChains: 0,
      noDaysNotSeen: 0,
      noLessContacts: 0,
    },
    casePrograms: [],
    contactPrograms: [],
    eventPrograms: [],
    caseMapping: [],
    contactMapping: [],
    eventMapping: [],
    relationshipMapping: [],
  };
}

export function addGroup(config: MappingConfig, today: string): MappingConfig {
  return {
    ...config,
    outbreaks: [
      ...config.outbreaks,
      newOutbreakGroup(
        config.outbreaks.map((g) => g.key),
        today,
      ),
    ],
  };
}

/** Puts `mapping` at `index` of a group's list (index = length appends). */
export function putFieldMapping(
  config: MappingConfig,
  group: number,
  list: RecordMappingKind,
  index: number,
  mapping: FieldMapping,
): MappingConfig {
  return updateGroup(config, group, (g) => {
    const items = [...g[list]];
    items.splice(index, index < items.length ? 1 : 0, mapping);
    return { ...g, [list]: items };
  });
}

export function removeFieldMapping(
  config: MappingConfig,
  group: number,
  list: RecordMappingKind,
  index: number,
): MappingConfig {
  return updateGroup(config, group, (g) => ({ ...g, [list]: g[list].filter((_, i) => i !== index) }));
}

export function moveFieldMapping(
  config: MappingConfig,
  group: number,
  list: RecordMappingKind,
  index: number,
  by: -1 | 1,
): MappingConfig {
  return updateGroup(config, group, (g) => {
    const items = [...g[list]];
    const to = index + by;
    const item = items[index];
    if (to < 0 || to >= items.length || item === undefined) return g;
    items.splice(index, 1);
    items.splice(to, 0, item);
    return { ...g, [list]: items };
  });
}

/** Local calendar day as yyyy-MM-dd (dates in the mapping are plain days). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Sets an optional key, or removes it when `undefined`, so the saved JSON holds no empty leftovers. */
export function setOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const copy = { ...obj };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

export function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
