import type { SimContext } from '../context.js';
import { javaHashSetOrder } from '../javaHashSet.js';
import type { QueryParams } from '../http/query.js';
import { HttpProblem } from '../http/webMessage.js';
import { looksLikeUid, order, orderParts, type OrderRules } from './paramsCommon.js';
import type { OrderSpec } from './scan.js';

/**
 * `order` on /api/tracker/events, per version, as dhis2-core reads it. Up to 2.40 the new endpoint still runs
 * on the old event service, so order names are the old Event's property names:
 * - 2.36–2.38 (RequestToSearchParamsMapper → QueryUtils.filteredBySchema): names that are not simple properties
 *   of org.hisp.dhis.dxf2.events.event.Event are dropped silently — `updatedAt` included.
 * - 2.39/2.40 (TrackerEventCriteriaMapper.validateOrderParams): a name that is neither a uid nor such a property
 *   (or enrolledAt/occurredAt) is rejected: IllegalQueryException (409) in 2.39, BadRequestException (400) in 2.40.
 * - In both, JdbcEventStore sorts only by the names of its column map (QUERY_PARAM_COL_MAP) and data element
 *   uids (first, before the other names); valid names outside the map sort nothing.
 * - 2.41+ (EventRequestParamsMapper, EventMapper.ORDERABLE_FIELDS): the new names or uids, anything else 400.
 * Values are the fields an event sorts by (see eventSortValue): record fields or `enrollment.*` ones.
 */
const OLD_EVENT_PROPERTIES = [
  'href',
  'event',
  'enrollmentStatus',
  'status',
  'program',
  'programType',
  'programStage',
  'enrollment',
  'orgUnit',
  'orgUnitName',
  'trackedEntityInstance',
  'eventDate',
  'dueDate',
  'storedBy',
  'followup',
  'created',
  'lastUpdated',
  'createdAtClient',
  'lastUpdatedAtClient',
  'attributeOptionCombo',
  'attributeCategoryOptions',
  'completedBy',
  'completedDate',
  'deleted',
  'assignedUser',
  'assignedUserUsername',
  'assignedUserDisplayName',
];
const ASSIGNED_USER_NAMES = ['assignedUserFirstName', 'assignedUserSurname'];
const NON_EVENT_SORTABLE = ['enrolledAt', 'occurredAt'];

/** QUERY_PARAM_COL_MAP of JdbcEventStore 2.36–2.38 (…ByUserInfo columns are never valid order names). */
const OLD_COLUMNS: Readonly<Record<string, string>> = {
  event: 'event',
  program: 'program',
  programStage: 'programStage',
  enrollment: 'enrollment',
  enrollmentStatus: 'enrollment.status',
  orgUnit: 'orgUnit',
  orgUnitName: 'orgUnitName',
  trackedEntityInstance: 'trackedEntity',
  eventDate: 'occurredAt',
  followup: 'enrollment.followUp',
  status: 'status',
  dueDate: 'scheduledAt',
  storedBy: 'storedBy',
  created: 'createdAt',
  lastUpdated: 'updatedAt',
  completedBy: 'completedBy',
  attributeOptionCombo: 'attributeOptionCombo',
  completedDate: 'completedAt',
  deleted: 'deleted',
  assignedUser: 'assignedUser',
  assignedUserDisplayName: 'assignedUserDisplayName',
};

/** 2.39 maps occurredAt onto the enrollment's incident date (pi_incidentdate); 2.40 onto the event's date. */
function oldColumns(minor: number): Readonly<Record<string, string>> {
  if (minor <= 38) return OLD_COLUMNS;
  return {
    ...OLD_COLUMNS,
    enrolledAt: 'enrollment.enrolledAt',
    occurredAt: minor === 39 ? 'enrollment.occurredAt' : 'occurredAt',
  };
}

const NEW_FIELDS: Readonly<Record<string, string>> = {
  assignedUser: 'assignedUser',
  assignedUserDisplayName: 'assignedUserDisplayName',
  attributeOptionCombo: 'attributeOptionCombo',
  completedAt: 'completedAt',
  completedBy: 'completedBy',
  createdAt: 'createdAt',
  createdAtClient: 'createdAtClient',
  createdBy: 'createdBy',
  deleted: 'deleted',
  enrolledAt: 'enrollment.enrolledAt',
  enrollment: 'enrollment',
  enrollmentStatus: 'enrollment.status',
  event: 'event',
  followUp: 'enrollment.followUp',
  occurredAt: 'occurredAt',
  orgUnit: 'orgUnit',
  program: 'program',
  programStage: 'programStage',
  scheduledAt: 'scheduledAt',
  status: 'status',
  storedBy: 'storedBy',
  trackedEntity: 'trackedEntity',
  updatedAt: 'updatedAt',
  updatedAtClient: 'updatedAtClient',
  updatedBy: 'updatedBy',
};

/** The order names /api/tracker/events accepts in 2.41+ (2.41 still takes the deprecated `followup`). */
export function newEventOrderFields(minor: number): Readonly<Record<string, string>> {
  return minor === 41 ? { ...NEW_FIELDS, followup: 'enrollment.followUp' } : NEW_FIELDS;
}

function rejectUnsupported(ctx: SimContext, names: string[]): void {
  const minor = ctx.version.minor;
  const allowed = [...OLD_EVENT_PROPERTIES, ...(minor >= 40 ? ASSIGNED_USER_NAMES : [])];
  const known = new Set([...allowed, ...NON_EVENT_SORTABLE]);
  const unsupported = names.filter((name) => !looksLikeUid(name) && !known.has(name));
  if (unsupported.length === 0) return;
  const message = `Order by property \`${javaHashSetOrder(unsupported).join(', ')}\` is not supported. Supported are \`${javaHashSetOrder([...allowed, ...NON_EVENT_SORTABLE]).join(', ')}\``;
  throw new HttpProblem(minor === 39 ? 409 : 400, message);
}

/**
 * EventOperationParamsMapper.mapOrderParam (2.41+): a uid must be a data element or an attribute; 2.43 serves
 * event programs from its own SingleEventOperationParamsMapper, which takes data elements only.
 */
function uidRules(ctx: SimContext, program: string | undefined): NonNullable<OrderRules['uids']> {
  const has = (collection: string, uid: string): boolean => ctx.metadata.get(collection, uid) !== undefined;
  if (
    ctx.version.minor >= 43 &&
    program &&
    ctx.trackerMetadata.programType(program) === 'WITHOUT_REGISTRATION'
  ) {
    return {
      meaning: 'data element',
      problem: (uid) =>
        has('dataElements', uid)
          ? undefined
          : `Cannot order by '${uid}' as it's not a data element. Program events can be ordered by event fields and data elements.`,
    };
  }
  return {
    meaning: 'data element and attribute',
    problem: (uid) =>
      has('dataElements', uid) || has('trackedEntityAttributes', uid)
        ? undefined
        : `Cannot order by '${uid}' as its neither a data element nor a tracked entity attribute. Events can be ordered by event fields, data elements and tracked entity attributes.`,
  };
}

export function eventOrder(ctx: SimContext, query: QueryParams, program: string | undefined): OrderSpec[] {
  const minor = ctx.version.minor;
  if (minor >= 41)
    return order(query, {
      fields: newEventOrderFields(minor),
      uids: uidRules(ctx, program),
      unknown: 'reject',
    });
  const parts = orderParts(query);
  if (minor >= 39)
    rejectUnsupported(
      ctx,
      parts.map((p) => p.name),
    );
  const columns = oldColumns(minor);
  const dataElements: OrderSpec[] = [];
  const properties: OrderSpec[] = [];
  for (const part of parts) {
    const column = Object.hasOwn(columns, part.name) ? columns[part.name] : undefined;
    if (column !== undefined) properties.push({ field: column, desc: part.desc });
    else if (looksLikeUid(part.name)) dataElements.push({ field: part.name, desc: part.desc });
  }
  return [...dataElements, ...properties];
}
