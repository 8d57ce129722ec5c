import type { EnrollmentRecord, EventRecord, TrackedEntityRecord } from './records.js';
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
  sortKey?: (record: R) => unknown[];
  descending?: boolean[];
}

export function resolveOrder<R>(
  order: OrderSpec[],
  fallback: OrderSpec,
  lazyAllowed: readonly LazyField[],
  valueOf: (record: R, field: string) => unknown,
): ResolvedOrder<R> {
  const specs = order.length ? order : [fallback];
  const first = specs[0] ?? fallback;
  const lazy = LAZY[first.field];
  if (specs.length === 1 && lazy && lazyAllowed.includes(lazy)) {
    return { lazy, lazyKey: (r) => Number(valueOf(r, first.field) ?? 0), desc: first.desc };
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

export function eventValue(event: EventRecord, field: string): unknown {
  if (field === 'createdAtClient') return event.createdAtClient ?? event.createdAt;
  if (field === 'updatedAtClient') return event.updatedAtClient ?? event.updatedAt;
  const direct = (event as unknown as Record<string, unknown>)[field];
  return direct !== undefined ? direct : event.dataValues.find((d) => d.dataElement === field)?.value;
}
