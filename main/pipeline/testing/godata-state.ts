import type { Doc, GoDataState } from '../../../simulators/godata/index.js';
import type { PersonKind } from '../../godata/index.js';

/** Reading the Go.Data simulator's state (`inspect()`) the way the tests need it. */
export const PERSON_TYPE: Readonly<Record<PersonKind, string>> = {
  case: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CASE',
  contact: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CONTACT',
  event: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_EVENT',
};

export const DISCARDED = 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED';

export function personsOf(
  state: GoDataState,
  kind: PersonKind,
  options: { includeDeleted?: boolean } = {},
): Doc[] {
  return state.persons.filter(
    (p) => p.type === PERSON_TYPE[kind] && (options.includeDeleted || p.deleted !== true),
  );
}

export function liveRelationships(state: GoDataState): Doc[] {
  return state.relationships.filter((r) => r.deleted !== true);
}

/** The ids of a relationship's two persons. */
export function participants(relationship: Doc): string[] {
  const persons = Array.isArray(relationship.persons)
    ? (relationship.persons as Array<{ id?: unknown }>)
    : [];
  return persons.map((p) => String(p.id));
}

/** Values that say when or in which order something was written, not what was written. */
const VOLATILE = new Set([
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'dbUpdatedAt',
  'createdOn',
  'deletedAt',
  // Numbered in creation order, which concurrent writes do not fix.
  'visualId',
  // Starts at the write time.
  'classificationHistory',
  // Holds the server-made relationship ids; the relationships themselves are compared by their pair.
  'relationshipsRepresentation',
]);

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE.has(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, v]) => [key, strip(v)]),
    );
  }
  return value;
}

/**
 * What two runs must agree on: every location, outbreak, person and relationship with its content, keyed so
 * that server-made ids (outbreaks, relationships) and write times do not matter.
 */
export function canonicalState(state: GoDataState): Record<string, unknown> {
  const outbreakName = new Map(state.outbreaks.map((o) => [o.id, String(o.name)]));
  const byId = (docs: Doc[]) =>
    Object.fromEntries([...docs].sort((a, b) => a.id.localeCompare(b.id)).map((d) => [d.id, strip(d)]));
  const persons = state.persons.map((p) => ({
    ...p,
    outbreakId: outbreakName.get(String(p.outbreakId)) ?? p.outbreakId,
  }));
  const relationships = Object.fromEntries(
    state.relationships
      .map((r) => {
        const { id: _id, ...rest } = r;
        const key = [...participants(r)].sort().join('|');
        return [
          key,
          strip({ ...rest, outbreakId: outbreakName.get(String(r.outbreakId)) ?? r.outbreakId }),
        ] as const;
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    locations: byId(state.locations),
    outbreaks: Object.fromEntries(
      state.outbreaks.map((o) => [String(o.name), strip({ ...o, id: undefined })]),
    ),
    outbreakCount: state.outbreaks.length,
    persons: byId(persons),
    relationships,
    relationshipCount: state.relationships.length,
  };
}
