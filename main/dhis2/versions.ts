import type { ParsedVersion } from './version.js';

/**
 * Everything that differs between the DHIS2 versions we support, as one table (see dhis2-api.md §0, §6).
 * The client reads rules from here and never tests version numbers itself. Versions newer than the last row
 * use the last row: DHIS2 keeps the new tracker API stable between minor releases.
 *
 * All versions use the new tracker API (`/api/tracker/...`): it exists from 2.36, orders by `updatedAt`
 * from 2.36 (checked in 2.36.0 core) and is the only one left from 2.42. In 2.36/2.37 `fields` only
 * toggles sub-lists (enrollments, events, relationships), which the field list we send does.
 */
export interface VersionRules {
  /** The minor line, e.g. `2.40`. */
  line: string;
  /** Personal access tokens: none before 2.37, only when enabled in dhis.conf in 2.37. */
  personalAccessTokens: 'none' | 'if-enabled' | 'yes';
  /** Where `/api/me` puts the username. */
  meUsername: 'userCredentials.username' | 'username';
  /** Query parameter names for `/api/tracker/trackedEntities`. */
  trackedEntityParams: {
    orgUnits: 'orgUnit' | 'orgUnits';
    orgUnitMode: 'ouMode' | 'orgUnitMode';
    uids: 'trackedEntity' | 'trackedEntities';
    /** Separator of uid lists in `orgUnits` and `uids`. */
    separator: ';' | ',';
    enrollmentStatus: 'programStatus' | 'enrollmentStatus';
  };
  /** Query parameter names for `/api/tracker/events`. */
  eventParams: {
    orgUnitMode: 'ouMode' | 'orgUnitMode';
    /** Explicit event uids: `event=a;b` up to 2.40, `events=a,b` from 2.41 (which refuses both at once). */
    uids: 'event' | 'events';
    separator: ';' | ',';
  };
  /** Key holding the rows of a tracker list: `instances`, or the collection name (`trackedEntities`, …). */
  listKey: 'instances' | 'collection';
  /** How a walk knows it has the last page: `pager.nextPage` absent, or a page shorter than `pageSize`. */
  lastPage: 'no-next-page' | 'short-page';
  /** `/api/tracker/relationships`: the owner parameter and whether the answer is a bare (unpaged) array. */
  relationships: { ownerParam: 'tei' | 'trackedEntity'; answer: 'bare-array' | 'list' };
  /** Relationship sides: `{"trackedEntity":"uid"}` (flat) or `{"trackedEntity":{"trackedEntity":"uid"}}`. */
  relationshipSide: 'flat' | 'nested';
  /** The event follow-up flag's key. */
  eventFollowUpKey: 'followup' | 'followUp';
  /** `order` for walks: last-updated ascending, then the uid as a tiebreak. */
  trackedEntityOrder: string;
  eventOrder: string;
}

type Row = VersionRules & { minor: number };

const OLD_TE_PARAMS = {
  orgUnits: 'orgUnit',
  orgUnitMode: 'ouMode',
  uids: 'trackedEntity',
  separator: ';',
  enrollmentStatus: 'programStatus',
} as const;
const OLD_EVENT_PARAMS = { orgUnitMode: 'ouMode', uids: 'event', separator: ';' } as const;
const NEW_EVENT_PARAMS = { orgUnitMode: 'orgUnitMode', uids: 'events', separator: ',' } as const;
const NEW_TE_PARAMS = {
  ...OLD_TE_PARAMS,
  orgUnits: 'orgUnits',
  orgUnitMode: 'orgUnitMode',
  uids: 'trackedEntities',
  separator: ',',
} as const;
// 2.36–2.40 order events by the old API's property names (the new endpoint validates `order` against the
// old Event schema: 2.36–2.38 silently drop `updatedAt`, 2.39/2.40 answer 400); 2.41+ use the new names.
// Checked in dhis2-core 2.36.0 … 2.43.0; dhis2-api.md §6.4 says otherwise for 2.40.
const OLD_ORDER = {
  trackedEntityOrder: 'updatedAt:asc,trackedEntity:asc',
  eventOrder: 'lastUpdated:asc,event:asc',
} as const;
const NEW_ORDER = {
  trackedEntityOrder: 'updatedAt:asc,trackedEntity:asc',
  eventOrder: 'updatedAt:asc,event:asc',
} as const;

const TABLE: readonly Row[] = [
  {
    minor: 36,
    line: '2.36',
    personalAccessTokens: 'none',
    meUsername: 'userCredentials.username',
    trackedEntityParams: OLD_TE_PARAMS,
    eventParams: OLD_EVENT_PARAMS,
    listKey: 'instances',
    lastPage: 'short-page',
    relationships: { ownerParam: 'tei', answer: 'bare-array' },
    relationshipSide: 'flat',
    eventFollowUpKey: 'followup',
    ...OLD_ORDER,
  },
  {
    minor: 37,
    line: '2.37',
    personalAccessTokens: 'if-enabled',
    meUsername: 'userCredentials.username',
    trackedEntityParams: OLD_TE_PARAMS,
    eventParams: OLD_EVENT_PARAMS,
    listKey: 'instances',
    lastPage: 'short-page',
    relationships: { ownerParam: 'tei', answer: 'list' },
    relationshipSide: 'flat',
    eventFollowUpKey: 'followup',
    ...OLD_ORDER,
  },
  ...[38, 39, 40].map((minor): Row => ({
    minor,
    line: `2.${minor}`,
    personalAccessTokens: 'yes',
    meUsername: 'username',
    trackedEntityParams: OLD_TE_PARAMS,
    eventParams: OLD_EVENT_PARAMS,
    listKey: 'instances',
    lastPage: 'short-page',
    relationships: { ownerParam: 'trackedEntity', answer: 'list' },
    relationshipSide: 'nested',
    eventFollowUpKey: 'followup',
    ...OLD_ORDER,
  })),
  {
    // 2.41 wraps paging in `pager` but without `nextPage` (only 2.42+ compute it): a short page ends the walk.
    minor: 41,
    line: '2.41',
    personalAccessTokens: 'yes',
    meUsername: 'username',
    trackedEntityParams: NEW_TE_PARAMS,
    eventParams: NEW_EVENT_PARAMS,
    listKey: 'collection',
    lastPage: 'short-page',
    relationships: { ownerParam: 'trackedEntity', answer: 'list' },
    relationshipSide: 'nested',
    eventFollowUpKey: 'followUp',
    ...NEW_ORDER,
  },
  ...[42, 43].map((minor): Row => ({
    minor,
    line: `2.${minor}`,
    personalAccessTokens: 'yes',
    meUsername: 'username',
    trackedEntityParams: { ...NEW_TE_PARAMS, enrollmentStatus: 'enrollmentStatus' },
    eventParams: NEW_EVENT_PARAMS,
    listKey: 'collection',
    lastPage: 'no-next-page',
    relationships: { ownerParam: 'trackedEntity', answer: 'list' },
    relationshipSide: 'nested',
    eventFollowUpKey: 'followUp',
    ...NEW_ORDER,
  })),
];

export const OLDEST_SUPPORTED = '2.36';
export const NEWEST_KNOWN = '2.43';

/** The rules for a server version; undefined when the version is older than the oldest we support. */
export function rulesFor(version: Pick<ParsedVersion, 'major' | 'minor'>): VersionRules | undefined {
  if (version.major < 2) return undefined;
  const newest = TABLE[TABLE.length - 1];
  if (version.major > 2) return newest;
  if (newest && version.minor > newest.minor) return newest;
  return TABLE.find((row) => row.minor === version.minor);
}
