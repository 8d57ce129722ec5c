import { ADMIN, type EnrollmentRecord, type EventRecord, type TrackedEntityRecord } from './records.js';
import type { OrderSpec } from './scan.js';

/** Order keys every generated stream can serve lazily, because they grow with the record index. */
export type LazyField = 'created' | 'updated' | 'enrolled';

const LAZY: Record<string, LazyField> = {
  createdAt: 'created',
  createdAtClient: 'created',
  updatedAt: 'updated',
  updatedAtClient: 'updated',
  enrolledAt: 'enrolled',
};

export interface ResolvedOrder<R> {
  lazy?: LazyField;
  lazyKey?: (record: R) => number;
  desc: boolean;
  /** With lazyKey: the remaining order fields, compared only when lazy keys tie; without: every field. */
  sortKey?: (record: R) => unknown[];
  descending?: boolean[];
}

/**
 * Generated sources can serve an order lazily when its first field grows with the record index. Created and
 * updated stamps grow strictly within a source, so later fields (`updatedAt:asc,trackedEntity:asc`, the
 * engine's walk order) only decide between records of different sources and are compared on ties alone;
 * enrolledAt repeats within a day, so it is lazy only on its own.
 */
export function resolveOrder<R>(
  order: OrderSpec[],
  fallback: OrderSpec,
  lazyAllowed: readonly LazyField[],
  valueOf: (record: R, field: string) => unknown,
): ResolvedOrder<R> {
  const specs = order.length ? order : [fallback];
  const first = specs[0] ?? fallback;
  const rest = specs.slice(1);
  const lazy = LAZY[first.field];
  if (lazy && lazyAllowed.includes(lazy) && (rest.length === 0 || lazy !== 'enrolled')) {
    return {
      lazy,
      lazyKey: (r) => Number(valueOf(r, first.field) ?? 0),
      desc: first.desc,
      ...(rest.length
        ? { sortKey: (r: R) => rest.map((s) => valueOf(r, s.field)), descending: rest.map((s) => s.desc) }
        : {}),
    };
  }
  return {
    desc: first.desc,
    sortKey: (r) => specs.map((s) => valueOf(r, s.field)),
    descending: specs.map((s) => s.desc),
  };
}

export function teValue(te: TrackedEntityRecord, field: string): unknown {
  switch (field) {
    case 'createdAtClient':
      return te.createdAtClient ?? te.createdAt;
    case 'updatedAtClient':
      return te.updatedAtClient ?? te.updatedAt;
    default: {
      const direct = (te as unknown as Record<string, unknown>)[field];
      return direct !== undefined ? direct : te.attributes.find((a) => a.attribute === field)?.value;
    }
  }
}

export function enrollmentValue(enrollment: EnrollmentRecord, field: string): unknown {
  if (field === 'createdAtClient') return enrollment.createdAtClient ?? enrollment.createdAt;
  if (field === 'updatedAtClient') return enrollment.updatedAtClient ?? enrollment.updatedAt;
  return (enrollment as unknown as Record<string, unknown>)[field];
}

/** What sorting an event by its enrollment or org unit needs to look up. */
export interface EventRelations {
  enrollment(uid: string): EnrollmentRecord | undefined;
  orgUnitName(uid: string): string | undefined;
}

/**
 * An event's value for a sort field (see eventOrder.ts): a record field, `enrollment.*` (the core sorts
 * enrolledAt, enrollmentStatus and followUp by the enrollment's columns), the org-unit name, a user, or a data value.
 */
export function eventValue(event: EventRecord, field: string, relations: EventRelations): unknown {
  switch (field) {
    case 'createdAtClient':
      return event.createdAtClient ?? event.createdAt;
    case 'updatedAtClient':
      return event.updatedAtClient ?? event.updatedAt;
    case 'enrollment.status':
      return relations.enrollment(event.enrollment)?.status;
    case 'enrollment.enrolledAt':
      return relations.enrollment(event.enrollment)?.enrolledAt;
    case 'enrollment.occurredAt':
      return relations.enrollment(event.enrollment)?.occurredAt;
    case 'enrollment.followUp':
      return relations.enrollment(event.enrollment)?.followUp;
    case 'orgUnitName':
      return relations.orgUnitName(event.orgUnit);
    case 'createdBy':
    case 'updatedBy':
      return ADMIN.username;
    case 'assignedUser':
    case 'assignedUserDisplayName':
      return undefined;
    default: {
      const direct = (event as unknown as Record<string, unknown>)[field];
      return direct !== undefined ? direct : event.dataValues.find((d) => d.dataElement === field)?.value;
    }
  }
}
