import type { SimContext } from '../context.js';
import type { QueryParams } from '../http/query.js';
import {
  checkOrgUnits,
  dateWindow,
  order,
  ouMode,
  serviceError,
  updatedWindow,
  valueFilters,
} from './paramsCommon.js';
import type { EnrollmentStatus, EventStatus } from './records.js';
import type { OrderSpec } from './scan.js';
import type { OrgUnitScope } from './scope.js';
import type { EnrollmentSearch, EventSearch, TeSearch } from './searchTypes.js';

/** Parameters of the deprecated tracker API (reference §5), 2.36 – 2.41. */
const ENROLLMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
const EVENT_STATUSES = ['ACTIVE', 'COMPLETED', 'VISITED', 'SCHEDULE', 'OVERDUE', 'SKIPPED'] as const;
const TE_ALIASES: Record<string, string> = {
  created: 'createdAt',
  lastUpdated: 'updatedAt',
  lastUpdatedAtClient: 'updatedAtClient',
  trackedEntityInstance: 'trackedEntity',
  enrollmentDate: 'enrolledAt',
};
const EVENT_ALIASES: Record<string, string> = {
  created: 'createdAt',
  lastUpdated: 'updatedAt',
  eventDate: 'occurredAt',
  dueDate: 'scheduledAt',
  completedDate: 'completedAt',
  trackedEntityInstance: 'trackedEntity',
};
const ENROLLMENT_ALIASES: Record<string, string> = {
  created: 'createdAt',
  lastUpdated: 'updatedAt',
  enrollmentDate: 'enrolledAt',
  incidentDate: 'occurredAt',
  completedDate: 'completedAt',
};

/** Names as stored plus the old API's aliases; unknown names dropped, or a 400 on 2.41. */
function oldOrder(
  ctx: SimContext,
  query: QueryParams,
  stored: string[],
  aliases: Record<string, string>,
  uids?: string,
): OrderSpec[] {
  const fields = { ...Object.fromEntries(stored.map((n) => [n, n])), ...aliases };
  return order(query, {
    fields,
    ...(uids ? { uids: { meaning: uids } } : {}),
    unknown: ctx.version.minor >= 41 ? 'reject' : 'drop',
  });
}

export interface OldPaging {
  skip: boolean;
  page: number;
  pageSize: number;
  totalPages: boolean;
}

/** `skipPaging=true` everywhere; `paging=false` only where the version honours it. */
export function parseOldPaging(ctx: SimContext, query: QueryParams, honoursPaging: boolean): OldPaging {
  const skip = query.bool('skipPaging') === true || (honoursPaging && query.bool('paging') === false);
  const page = query.int('page');
  const pageSize = query.int('pageSize');
  return {
    skip,
    page: page !== undefined && page > 0 ? page : 1,
    pageSize: pageSize !== undefined && pageSize > 0 ? pageSize : 50,
    totalPages: query.bool('totalPages') ?? false,
  };
}

function scope(ctx: SimContext, query: QueryParams, name: 'ou' | 'orgUnit', hasUids: boolean): OrgUnitScope {
  const orgUnits = name === 'ou' ? query.list('ou', ';') : query.all('orgUnit').slice(0, 1);
  const mode = ouMode(query, 'ouMode') ?? (orgUnits.length || name === 'ou' ? 'SELECTED' : 'ACCESSIBLE');
  if (['SELECTED', 'CHILDREN', 'DESCENDANTS'].includes(mode) && orgUnits.length === 0 && !hasUids) {
    throw serviceError(ctx, 'At least one organisation unit must be specified');
  }
  const result = { mode, orgUnits };
  checkOrgUnits(ctx, result);
  return result;
}

function program(ctx: SimContext, query: QueryParams): string | undefined {
  const uid = query.get('program');
  if (uid && !ctx.trackerMetadata.program(uid))
    throw serviceError(ctx, `Program is specified but does not exist: ${uid}`);
  return uid;
}

export function parseOldTeSearch(ctx: SimContext, query: QueryParams): TeSearch {
  const uids = query.list('trackedEntityInstance', ';');
  const prog = program(ctx, query);
  const tet = query.get('trackedEntityType');
  if (tet && !ctx.trackerMetadata.hasTet(tet))
    throw serviceError(ctx, `Tracked entity type does not exist: ${tet}`);
  if (prog && tet) throw serviceError(ctx, 'Program and tracked entity cannot be specified simultaneously');
  if (ctx.version.minor >= 37 && !prog && !tet && uids.length === 0)
    throw serviceError(ctx, 'Either Program or Tracked entity type should be specified');
  const status = query.oneOf<EnrollmentStatus>('programStatus', ENROLLMENT_STATUSES);
  const followUp = query.bool('followUp');
  if (!prog && status) throw serviceError(ctx, 'Program must be defined when program status is defined');
  if (!prog && followUp !== undefined)
    throw serviceError(ctx, 'Program must be defined when follow up status is defined');
  return {
    ...(prog ? { program: prog } : {}),
    ...(tet ? { trackedEntityType: tet } : {}),
    ...(uids.length ? { trackedEntities: uids } : {}),
    scope: scope(ctx, query, 'ou', uids.length > 0),
    updated: updatedWindow(
      ctx,
      query,
      { after: 'lastUpdatedStartDate', before: 'lastUpdatedEndDate', within: 'lastUpdatedDuration' },
      'Last updated from and/or to and last updated duration cannot be specified simultaneously',
    ),
    ...(status ? { enrollmentStatus: status } : {}),
    ...(followUp !== undefined ? { followUp } : {}),
    enrolled: dateWindow(ctx, query, 'programEnrollmentStartDate', 'programEnrollmentEndDate'),
    enrollmentOccurred: dateWindow(ctx, query, 'programIncidentStartDate', 'programIncidentEndDate'),
    filters: valueFilters(query),
    includeDeleted: query.bool('includeDeleted') ?? false,
    order: oldOrder(
      ctx,
      query,
      [
        'createdAt',
        'updatedAt',
        'createdAtClient',
        'updatedAtClient',
        'inactive',
        'trackedEntity',
        'enrolledAt',
      ],
      TE_ALIASES,
      'attribute',
    ),
  };
}

export function parseOldEnrollmentSearch(ctx: SimContext, query: QueryParams): EnrollmentSearch {
  const uids = query.list('enrollment', ';');
  const trackedEntity = query.get('trackedEntityInstance');
  const prog = program(ctx, query);
  const tet = query.get('trackedEntityType');
  const status = query.oneOf<EnrollmentStatus>('programStatus', ENROLLMENT_STATUSES);
  const followUp = query.bool('followUp');
  return {
    ...(prog ? { program: prog } : {}),
    ...(tet ? { trackedEntityType: tet } : {}),
    ...(trackedEntity ? { trackedEntity } : {}),
    ...(uids.length ? { enrollments: uids } : {}),
    scope: scope(ctx, query, 'ou', uids.length > 0 || trackedEntity !== undefined),
    ...(status ? { status } : {}),
    ...(followUp !== undefined ? { followUp } : {}),
    updated: updatedWindow(
      ctx,
      query,
      { after: 'lastUpdated', within: 'lastUpdatedDuration' },
      'Last updated and last updated duration cannot be specified simultaneously',
    ),
    enrolled: dateWindow(ctx, query, 'programStartDate', 'programEndDate'),
    includeDeleted: query.bool('includeDeleted') ?? false,
    order: oldOrder(
      ctx,
      query,
      ['createdAt', 'updatedAt', 'enrolledAt', 'occurredAt', 'completedAt'],
      ENROLLMENT_ALIASES,
    ),
  };
}

export function parseOldEventSearch(ctx: SimContext, query: QueryParams): EventSearch {
  const uids = query.list('event', ';');
  const prog = program(ctx, query);
  const stage = query.get('programStage');
  if (stage && !ctx.trackerMetadata.hasStage(stage))
    throw serviceError(ctx, `Program stage is specified but does not exist: ${stage}`);
  const trackedEntity = query.get('trackedEntityInstance');
  const status = query.oneOf<EventStatus>('status', EVENT_STATUSES);
  const enrollmentStatus = query.oneOf<EnrollmentStatus>('programStatus', ENROLLMENT_STATUSES);
  const followUp = query.bool('followUp');
  const updatedAfter = query.has('lastUpdatedStartDate') ? 'lastUpdatedStartDate' : 'lastUpdated';
  return {
    ...(prog ? { program: prog } : {}),
    ...(stage ? { programStage: stage } : {}),
    ...(trackedEntity ? { trackedEntity } : {}),
    ...(uids.length ? { events: uids } : {}),
    scope: scope(ctx, query, 'orgUnit', uids.length > 0),
    ...(status ? { status } : {}),
    ...(enrollmentStatus ? { enrollmentStatus } : {}),
    ...(followUp !== undefined ? { followUp } : {}),
    occurred: dateWindow(ctx, query, 'startDate', 'endDate'),
    scheduled: dateWindow(ctx, query, 'dueDateStart', 'dueDateEnd'),
    updated: updatedWindow(
      ctx,
      query,
      { after: updatedAfter, before: 'lastUpdatedEndDate', within: 'lastUpdatedDuration' },
      'Last updated from and/or to and last updated duration cannot be specified simultaneously',
    ),
    filters: valueFilters(query),
    includeDeleted: query.bool('includeDeleted') ?? false,
    order: oldOrder(
      ctx,
      query,
      [
        'createdAt',
        'updatedAt',
        'occurredAt',
        'scheduledAt',
        'completedAt',
        'trackedEntity',
        'status',
        'orgUnit',
        'event',
      ],
      EVENT_ALIASES,
      'data element',
    ),
  };
}
