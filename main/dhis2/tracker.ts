import { Dhis2Error } from './errors.js';
import { isRecord, record, records } from './json.js';
import type { Event, Relationship, TrackedEntity, Uid } from './model.js';
import { walkByUpdatedAt, type FetchedPage, type WalkProgress } from './paging.js';
import type { Dhis2Session } from './session.js';
import { instantToServerTime, type ServerZone } from './time.js';
import { toEvent, toRelationship, toTrackedEntity, type NormaliseContext } from './tracker-normalise.js';
import type { Dhis2Transport, QueryParams } from './transport.js';
import type { VersionRules } from './versions.js';

/** Tracker reads over the new API (dhis2-api.md §6), as async iterables of pages. */
export interface TrackerContext {
  transport: Dhis2Transport;
  session: Dhis2Session;
}

export type OrgUnitMode = 'SELECTED' | 'CHILDREN' | 'DESCENDANTS' | 'ACCESSIBLE' | 'CAPTURE' | 'ALL';

interface WalkOptions {
  /** ISO instant (any offset): only rows updated at or after it (the filter is inclusive). */
  updatedAfter?: string;
  /**
   * Also soft-deleted rows (marked `deleted: true`). On 2.41–2.43 soft-deleted relationships then come mixed
   * into a tracked entity's `relationships` with no mark (DHIS2 adds a `deleted` key only in 2.44): use
   * `relationships(uid)`, which leaves them out, where live relationships matter.
   */
  includeDeleted?: boolean;
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: WalkProgress) => void;
}

export interface TrackedEntityQuery extends WalkOptions {
  program: Uid;
  /** Default: every org unit the account can search (ACCESSIBLE). */
  orgUnits?: Uid[];
  /** Default: DESCENDANTS with `orgUnits`, ACCESSIBLE without. */
  ouMode?: OrgUnitMode;
  /** `yyyy-MM-dd` or an ISO instant. */
  enrolledAfter?: string;
  enrolledBefore?: string;
  enrollmentStatus?: 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
  /** Read only these tracked entities. */
  trackedEntities?: Uid[];
}

export interface EventQuery extends WalkOptions {
  program: Uid;
  orgUnit?: Uid;
  /** Default: DESCENDANTS with `orgUnit`, all accessible units without. */
  ouMode?: OrgUnitMode;
  occurredAfter?: string;
  occurredBefore?: string;
  /** False when reading events of a tracker program: keeps their enrollment and owner. Default true. */
  eventProgram?: boolean;
  /**
   * Read only these events (the other filters still apply), a few dozen uids per request so URLs stay short.
   * An empty list reads nothing.
   */
  events?: Uid[];
}

const EVENT_FIELDS = (followUpKey: string) =>
  'event,program,programStage,enrollment,trackedEntity,orgUnit,status,occurredAt,scheduledAt,completedAt,' +
  `createdAt,updatedAt,deleted,geometry,${followUpKey},dataValues[dataElement,value]`;
const SIDE_FIELDS = 'trackedEntity[trackedEntity],enrollment[enrollment],event[event]';
const RELATIONSHIP_FIELDS = `relationship,relationshipType,bidirectional,createdAt,updatedAt,from[${SIDE_FIELDS}],to[${SIDE_FIELDS}]`;
// Also switches the sub-lists on in 2.36/2.37, where `fields` only toggles enrollments/events/relationships.
const TRACKED_ENTITY_FIELDS = (followUpKey: string) =>
  'trackedEntity,trackedEntityType,orgUnit,createdAt,updatedAt,inactive,deleted,geometry,' +
  'attributes[attribute,value,valueType],' +
  'enrollments[enrollment,program,trackedEntity,orgUnit,status,enrolledAt,occurredAt,completedAt,createdAt,' +
  `updatedAt,deleted,followUp,geometry,events[${EVENT_FIELDS(followUpKey)}]],` +
  `relationships[${RELATIONSHIP_FIELDS}]`;

const DEFAULT_TE_PAGE_SIZE = 200;
const DEFAULT_EVENT_PAGE_SIZE = 500;
/** Uids per request when reading by uid: 50 uids of 11 characters keep the URL well under 1 kB of them. */
const UIDS_PER_REQUEST = 50;

export function walkTrackedEntities(
  context: TrackerContext,
  query: TrackedEntityQuery,
): AsyncGenerator<TrackedEntity[], WalkProgress> {
  const { rules, zone } = context.session;
  const names = rules.trackedEntityParams;
  const pageSize = query.pageSize ?? DEFAULT_TE_PAGE_SIZE;
  const orgUnits = query.orgUnits?.length ? query.orgUnits : undefined;
  const params: QueryParams = {
    program: query.program,
    [names.orgUnits]: orgUnits?.join(names.separator),
    [names.orgUnitMode]: query.ouMode ?? (orgUnits ? 'DESCENDANTS' : 'ACCESSIBLE'),
    [names.uids]: query.trackedEntities?.length ? query.trackedEntities.join(names.separator) : undefined,
    [names.enrollmentStatus]: query.enrollmentStatus,
    enrollmentEnrolledAfter: bound(query.enrolledAfter, zone),
    enrollmentEnrolledBefore: bound(query.enrolledBefore, zone),
    includeDeleted: query.includeDeleted ? true : undefined,
    order: rules.trackedEntityOrder,
    fields: TRACKED_ENTITY_FIELDS(rules.eventFollowUpKey),
  };
  const normaliseContext: NormaliseContext = { zone, rules };
  return walkByUpdatedAt({
    fetch: (page, updatedAfter) =>
      fetchPage(
        context,
        '/api/tracker/trackedEntities',
        'trackedEntities',
        { ...params, updatedAfter, page, pageSize },
        query.signal,
      ),
    normalise: (raw) => toTrackedEntity(raw, normaliseContext, query.program),
    uid: (te) => te.trackedEntity,
    updatedAt: (te) => te.updatedAt,
    zone,
    updatedAfter: query.updatedAfter,
    onProgress: query.onProgress,
  });
}

export function walkEvents(
  context: TrackerContext,
  query: EventQuery,
): AsyncGenerator<Event[], WalkProgress> {
  const { events } = query;
  if (events === undefined) return walkEventsWhere(context, query, {});
  const names = context.session.rules.eventParams;
  const quiet = { ...query, onProgress: undefined };
  return walkInTurn(
    chunk([...new Set(events)], UIDS_PER_REQUEST).map(
      (uids) => () => walkEventsWhere(context, quiet, { [names.uids]: uids.join(names.separator) }),
    ),
    query.onProgress,
  );
}

function walkEventsWhere(
  context: TrackerContext,
  query: EventQuery,
  extra: QueryParams,
): AsyncGenerator<Event[], WalkProgress> {
  const { rules, zone } = context.session;
  const pageSize = query.pageSize ?? DEFAULT_EVENT_PAGE_SIZE;
  const params: QueryParams = {
    ...extra,
    program: query.program,
    orgUnit: query.orgUnit,
    [rules.eventParams.orgUnitMode]: query.ouMode ?? (query.orgUnit ? 'DESCENDANTS' : undefined),
    occurredAfter: bound(query.occurredAfter, zone),
    occurredBefore: bound(query.occurredBefore, zone),
    includeDeleted: query.includeDeleted ? true : undefined,
    order: rules.eventOrder,
    fields: EVENT_FIELDS(rules.eventFollowUpKey),
  };
  const normaliseContext: NormaliseContext = { zone, rules };
  const withoutRegistration = query.eventProgram ?? true;
  return walkByUpdatedAt({
    fetch: (page, updatedAfter) =>
      fetchPage(
        context,
        '/api/tracker/events',
        'events',
        { ...params, updatedAfter, page, pageSize },
        query.signal,
      ),
    normalise: (raw) => toEvent(raw, normaliseContext, { withoutRegistration }),
    uid: (event) => event.event,
    updatedAt: (event) => event.updatedAt,
    zone,
    updatedAfter: query.updatedAfter,
    onProgress: query.onProgress,
  });
}

/**
 * Several walks one after the other, as one: their rows in turn, their counts added up, reported after each.
 */
async function* walkInTurn<T>(
  walks: Array<() => AsyncGenerator<T[], WalkProgress>>,
  onProgress: ((progress: WalkProgress) => void) | undefined,
): AsyncGenerator<T[], WalkProgress> {
  const total: WalkProgress = { pages: 0, read: 0, duplicates: 0 };
  for (const start of walks) {
    const walk = start();
    for (let next = await walk.next(); ; next = await walk.next()) {
      if (next.done) {
        const done = next.value;
        total.pages += done.pages;
        total.read += done.read;
        total.duplicates += done.duplicates;
        const highest = done.highestUpdatedAt;
        if (highest && (!total.highestUpdatedAt || Date.parse(highest) > Date.parse(total.highestUpdatedAt)))
          total.highestUpdatedAt = highest;
        onProgress?.({ ...total });
        break;
      }
      yield next.value;
    }
  }
  return total;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** All relationships of one tracked entity (both directions). */
export async function readRelationships(
  context: TrackerContext,
  trackedEntity: Uid,
  signal?: AbortSignal,
): Promise<Relationship[]> {
  const { rules, zone } = context.session;
  const normaliseContext: NormaliseContext = { zone, rules };
  const pageSize = 200;
  const byUid = new Map<Uid, Relationship>();
  for (let page = 1; ; page++) {
    const params = {
      [rules.relationships.ownerParam]: trackedEntity,
      fields: RELATIONSHIP_FIELDS,
      page,
      pageSize,
    };
    const { rows, last } = await fetchPage(
      context,
      '/api/tracker/relationships',
      'relationships',
      params,
      signal,
    );
    for (const raw of rows) {
      const relationship = toRelationship(raw, normaliseContext);
      if (relationship) byUid.set(relationship.relationship, relationship);
    }
    if (last || rows.length === 0) return [...byUid.values()];
  }
}

/** One page of a tracker list, unwrapped per version: the list key, and whether it is the last page. */
async function fetchPage(
  context: TrackerContext,
  path: string,
  collection: 'trackedEntities' | 'events' | 'relationships',
  params: QueryParams,
  signal: AbortSignal | undefined,
): Promise<FetchedPage> {
  const { rules } = context.session;
  const body = await context.transport.getJson(path, params, signal);
  // 2.36 answers relationships with a bare, unpaged array: it is the whole list.
  if (collection === 'relationships' && rules.relationships.answer === 'bare-array') {
    if (!Array.isArray(body)) throw unexpectedEnvelope(rules, path, 'a bare array');
    return { rows: records(body), last: true };
  }
  const key = rules.listKey === 'instances' ? 'instances' : collection;
  const rows = isRecord(body) ? body[key] : undefined;
  if (!Array.isArray(rows)) throw unexpectedEnvelope(rules, path, `a "${key}" list`);
  const pageSize = Number(params.pageSize);
  const last =
    rules.lastPage === 'no-next-page'
      ? typeof record(record(body).pager).nextPage !== 'string'
      : rows.length < pageSize;
  return { rows: records(rows), last };
}

function unexpectedEnvelope(rules: VersionRules, path: string, expected: string): Dhis2Error {
  return new Dhis2Error({
    kind: 'not-dhis2',
    message: `DHIS2 ${rules.line} answered ${path} without ${expected}, which DHIS2 ${rules.line} always sends.`,
  });
}

/** A date bound: `yyyy-MM-dd` passes through (DHIS2 reads it as a date), an instant goes to server time. */
function bound(value: string | undefined, zone: ServerZone): string | undefined {
  if (value === undefined || /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return instantToServerTime(value, zone);
}
