import type { SimContext } from '../context.js';
import type { QueryParams } from '../http/query.js';
import { badRequest } from '../http/webMessage.js';
import { eventOrder } from './eventOrder.js';
import { parseTeEventFilter } from './teEventFilter.js';
import {
  checkOrgUnits,
  dateWindow,
  onlyOne,
  order,
  ouMode,
  serviceError,
  updatedWindow,
  valueFilters,
} from './paramsCommon.js';
import type { EnrollmentStatus, EventStatus } from './records.js';
import type { OrgUnitScope, OuMode } from './scope.js';
import type { EnrollmentSearch, EventSearch, TeSearch } from './searchTypes.js';

/**
 * Parameters of `/api/tracker/...` per version (reference §6.3–6.5). A parameter the version does not know is
 * never read — which is how "orgUnit on 2.42 widens the search to everything accessible" happens.
 */
const ENROLLMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
const EVENT_STATUSES = ['ACTIVE', 'COMPLETED', 'VISITED', 'SCHEDULE', 'OVERDUE', 'SKIPPED'] as const;
const NEEDS_UNIT: readonly OuMode[] = ['SELECTED', 'CHILDREN', 'DESCENDANTS'];
const OLD_NAMES = { created: 'createdAt', lastUpdated: 'updatedAt' };
const same = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, n]));

export const TE_ORDER = same([
  'createdAt',
  'createdAtClient',
  'enrolledAt',
  'inactive',
  'trackedEntity',
  'updatedAt',
  'updatedAtClient',
]);
export const ENROLLMENT_ORDER = same([
  'completedAt',
  'createdAt',
  'createdAtClient',
  'enrolledAt',
  'updatedAt',
  'updatedAtClient',
]);

/** TrackedEntityOperationParamsMapper.mapOrderParam (2.41+): a uid in `order` must be an attribute. */
function teOrderProblem(ctx: SimContext, uid: string): string | undefined {
  if (ctx.metadata.get('trackedEntityAttributes', uid)) return undefined;
  return `Cannot order by '${uid}' as its not a tracked entity attribute. Tracked entities can be ordered by fields and tracked entity attributes.`;
}

/** Org units and mode, by the names and rules of the version; events take one `orgUnit`, the others several. */
function scope(ctx: SimContext, query: QueryParams, multi: boolean, hasUids: boolean): OrgUnitScope {
  const minor = ctx.version.minor;
  const single = !multi;
  let orgUnits: string[];
  let mode: OuMode | undefined;
  if (minor <= 40) {
    orgUnits = single ? query.all('orgUnit').slice(0, 1) : query.list('orgUnit', ';');
    mode = ouMode(query, 'ouMode');
  } else {
    if (multi && minor === 41) onlyOne(query, 'orgUnit', 'orgUnits');
    if (minor === 41) onlyOne(query, 'ouMode', 'orgUnitMode', false);
    if (single) orgUnits = query.all('orgUnit').slice(0, 1);
    else
      orgUnits = query.has('orgUnits')
        ? query.list('orgUnits', ',')
        : minor === 41
          ? query.list('orgUnit', ';')
          : [];
    mode = ouMode(query, 'orgUnitMode') ?? (minor === 41 ? ouMode(query, 'ouMode') : undefined);
  }
  const result = {
    mode: mode ?? (orgUnits.length ? 'SELECTED' : minor >= 41 || single ? 'ACCESSIBLE' : 'SELECTED'),
    orgUnits,
  };
  if (minor >= 41) {
    if (mode && !NEEDS_UNIT.includes(mode) && orgUnits.length) {
      throw badRequest(
        `orgUnitMode ${mode} cannot be used with orgUnits. Please remove the orgUnit parameter and try again.`,
      );
    }
    if (NEEDS_UNIT.includes(result.mode) && orgUnits.length === 0 && !hasUids) {
      throw badRequest(
        `At least one org unit is required for orgUnitMode: ${result.mode}. Please add one org unit or use a different orgUnitMode.`,
      );
    }
  } else if (NEEDS_UNIT.includes(result.mode) && orgUnits.length === 0 && !hasUids) {
    throw serviceError(
      ctx,
      single
        ? `Org unit is required for ouMode: ${result.mode}`
        : 'At least one organisation unit must be specified',
    );
  }
  checkOrgUnits(ctx, result);
  return result;
}

function program(ctx: SimContext, query: QueryParams, mandatory: boolean): string | undefined {
  const uid = query.get('program');
  if (!uid && mandatory) throw badRequest('Program is mandatory');
  if (uid && !ctx.trackerMetadata.program(uid))
    throw serviceError(ctx, `Program is specified but does not exist: ${uid}`);
  return uid;
}

function trackedEntityType(ctx: SimContext, query: QueryParams): string | undefined {
  const uid = query.get('trackedEntityType');
  if (uid && !ctx.trackerMetadata.hasTet(uid))
    throw serviceError(ctx, `Tracked entity type is specified but does not exist: ${uid}`);
  return uid;
}

/** A uid list under its old (`;`) and new (`,`) names as the version knows them. */
function uidList(
  ctx: SimContext,
  query: QueryParams,
  oldName: string,
  newName: string,
  newSince: number,
): string[] | undefined {
  const minor = ctx.version.minor;
  if (minor === newSince) onlyOne(query, oldName, newName);
  const list =
    minor < newSince
      ? query.list(oldName, ';')
      : query.has(newName)
        ? query.list(newName, ',')
        : minor === newSince
          ? query.list(oldName, ';')
          : [];
  return list.length ? list : undefined;
}

function enrollmentStatus(
  ctx: SimContext,
  query: QueryParams,
  newName: string,
): EnrollmentStatus | undefined {
  if (ctx.version.minor >= 42)
    return query.oneOf(newName, ENROLLMENT_STATUSES) ?? query.oneOf('programStatus', ENROLLMENT_STATUSES);
  return query.oneOf('programStatus', ENROLLMENT_STATUSES);
}

export function parseTeSearch(ctx: SimContext, query: QueryParams): TeSearch {
  const minor = ctx.version.minor;
  if (minor >= 41) {
    for (const removed of ['query', 'attribute', 'includeAllAttributes']) {
      if (query.has(removed))
        throw badRequest(`Parameter \`${removed}\` was removed in v41. Use \`filter\` instead.`);
    }
  }
  const trackedEntities = uidList(ctx, query, 'trackedEntity', 'trackedEntities', 41);
  const prog = program(ctx, query, false);
  const tet = trackedEntityType(ctx, query);
  const v42 = minor >= 42;
  if (prog && tet)
    throw serviceError(
      ctx,
      v42
        ? '`program` and `trackedEntityType` cannot be specified simultaneously'
        : 'Program and tracked entity cannot be specified simultaneously',
    );
  if (minor >= 37 && !prog && !tet && !trackedEntities) {
    throw serviceError(
      ctx,
      v42
        ? 'Either `program`, `trackedEntityType` or `trackedEntities` should be specified'
        : 'Either Program or Tracked entity type should be specified',
    );
  }
  const status = enrollmentStatus(ctx, query, 'enrollmentStatus');
  const followUp = query.bool('followUp');
  const enrolled = dateWindow(ctx, query, 'enrollmentEnrolledAfter', 'enrollmentEnrolledBefore');
  const occurred = dateWindow(ctx, query, 'enrollmentOccurredAfter', 'enrollmentOccurredBefore');
  if (!prog) {
    const needing: Array<[boolean, string, string]> = [
      [
        status !== undefined,
        'Program must be defined when program status is defined',
        '`program` must be defined when `enrollmentStatus` is defined',
      ],
      [
        followUp !== undefined,
        'Program must be defined when follow up status is defined',
        '`program` must be defined when `followUp` is defined',
      ],
      [
        enrolled.after !== undefined,
        'Program must be defined when program enrollment start date is specified',
        '`program` must be defined when `enrollmentEnrolledAfter` is specified',
      ],
      [
        enrolled.before !== undefined,
        'Program must be defined when program enrollment end date is specified',
        '`program` must be defined when `enrollmentEnrolledBefore` is specified',
      ],
    ];
    const hit = needing.find(([given]) => given);
    if (hit) throw serviceError(ctx, v42 ? hit[2] : hit[1]);
  }
  const eventFilter = parseTeEventFilter(ctx, query, prog);
  return {
    ...(prog ? { program: prog } : {}),
    ...(tet ? { trackedEntityType: tet } : {}),
    ...(trackedEntities ? { trackedEntities } : {}),
    scope: scope(ctx, query, true, trackedEntities !== undefined),
    updated: updatedWindow(
      ctx,
      query,
      { after: 'updatedAfter', before: 'updatedBefore', within: 'updatedWithin' },
      v42
        ? '`updatedAfter` or `updatedBefore` and `updatedWithin` cannot be specified simultaneously'
        : 'Last updated from and/or to and last updated duration cannot be specified simultaneously',
    ),
    ...(status ? { enrollmentStatus: status } : {}),
    ...(followUp !== undefined ? { followUp } : {}),
    enrolled,
    enrollmentOccurred: occurred,
    ...(eventFilter ? { eventFilter } : {}),
    filters: valueFilters(query),
    includeDeleted: query.bool('includeDeleted') ?? false,
    order:
      minor <= 40
        ? order(query, {
            fields: { ...TE_ORDER, ...OLD_NAMES, trackedEntityInstance: 'trackedEntity' },
            uids: { meaning: 'attribute' },
            unknown: 'drop',
          })
        : order(query, {
            fields: TE_ORDER,
            uids: { meaning: 'attribute', problem: (uid) => teOrderProblem(ctx, uid) },
            unknown: 'reject',
          }),
  };
}

export function parseEnrollmentSearch(ctx: SimContext, query: QueryParams): EnrollmentSearch {
  const minor = ctx.version.minor;
  const enrollments = uidList(ctx, query, 'enrollment', 'enrollments', 41);
  const prog = program(ctx, query, minor >= 43);
  const tet = minor >= 43 ? undefined : trackedEntityType(ctx, query);
  if (prog && tet)
    throw serviceError(
      ctx,
      minor >= 42
        ? '`program` and `trackedEntityType` cannot be specified simultaneously'
        : 'Program and tracked entity cannot be specified simultaneously',
    );
  const trackedEntity = query.get('trackedEntity');
  const status = enrollmentStatus(ctx, query, 'status');
  const followUp = query.bool('followUp');
  if (!prog && status)
    throw serviceError(
      ctx,
      minor >= 42
        ? '`program` must be defined when `status` is defined'
        : 'Program must be defined when program status is defined',
    );
  return {
    ...(prog ? { program: prog } : {}),
    ...(tet ? { trackedEntityType: tet } : {}),
    ...(trackedEntity ? { trackedEntity } : {}),
    ...(enrollments ? { enrollments } : {}),
    scope: scope(ctx, query, true, enrollments !== undefined || trackedEntity !== undefined),
    ...(status ? { status } : {}),
    ...(followUp !== undefined ? { followUp } : {}),
    updated: updatedWindow(
      ctx,
      query,
      { after: 'updatedAfter', within: 'updatedWithin' },
      minor >= 42
        ? '`updatedAfter` and `updatedWithin` cannot be specified simultaneously'
        : 'Last updated from and/or to and last updated duration cannot be specified simultaneously',
    ),
    enrolled: dateWindow(ctx, query, 'enrolledAfter', 'enrolledBefore'),
    includeDeleted: query.bool('includeDeleted') ?? false,
    order:
      minor <= 40
        ? order(query, { fields: { ...ENROLLMENT_ORDER, ...OLD_NAMES }, unknown: 'drop' })
        : order(query, { fields: ENROLLMENT_ORDER, unknown: 'reject' }),
  };
}

export function parseEventSearch(ctx: SimContext, query: QueryParams): EventSearch {
  const minor = ctx.version.minor;
  const prog = program(ctx, query, minor >= 43);
  const stage = query.get('programStage');
  if (stage && !ctx.trackerMetadata.hasStage(stage))
    throw serviceError(ctx, `Program stage is specified but does not exist: ${stage}`);
  const events = uidList(ctx, query, 'event', 'events', 41);
  const enrollments = minor >= 38 ? query.list('enrollments', ',') : [];
  const trackedEntity = query.get('trackedEntity');
  const status: EventStatus | undefined = query.oneOf('status', EVENT_STATUSES);
  const enrollmentStat = enrollmentStatus(ctx, query, 'enrollmentStatus');
  const followUp = query.bool('followUp');
  return {
    ...(prog ? { program: prog } : {}),
    ...(stage ? { programStage: stage } : {}),
    ...(trackedEntity ? { trackedEntity } : {}),
    ...(enrollments.length ? { enrollments } : {}),
    ...(events ? { events } : {}),
    scope: scope(ctx, query, false, events !== undefined),
    ...(status ? { status } : {}),
    ...(enrollmentStat ? { enrollmentStatus: enrollmentStat } : {}),
    ...(followUp !== undefined ? { followUp } : {}),
    occurred: dateWindow(ctx, query, 'occurredAfter', 'occurredBefore'),
    scheduled: dateWindow(ctx, query, 'scheduledAfter', 'scheduledBefore'),
    updated: updatedWindow(
      ctx,
      query,
      { after: 'updatedAfter', before: 'updatedBefore', within: 'updatedWithin' },
      'Last updated from and/or to and last updated duration cannot be specified simultaneously',
    ),
    filters: valueFilters(query),
    includeDeleted: query.bool('includeDeleted') ?? false,
    order: eventOrder(ctx, query, prog),
  };
}
