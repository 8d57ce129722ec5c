import { COVID } from '../dataset/covid.js';
import { CASE_SLOTS, CONTACT_SLOTS, KIND } from './generator.js';
import { asText } from '../values.js';
import { eventValue, resolveOrder, type EventRelations, type LazyField } from './ordering.js';
import type { EventRecord } from './records.js';
import { scan, type GeneratedSource, type OrderSpec, type ScanResult } from './scan.js';
import { ScopeTest } from './scope.js';
import { narrow, type SearchEnv, type Slice } from './searchTes.js';
import { inWindow, matchesValueFilter, type EventSearch } from './searchTypes.js';

const CASE_STAGES: readonly string[] = [
  COVID.cases.clinicalStage,
  COVID.cases.labRequestStage,
  COVID.cases.labResultStage,
  COVID.cases.outcomeStage,
];

function matches(env: SearchEnv, q: EventSearch, scope: ScopeTest, e: EventRecord): boolean {
  if (e.deleted && !q.includeDeleted) return false;
  if (q.program && e.program !== q.program) return false;
  if (q.programStage && e.programStage !== q.programStage) return false;
  if (q.trackedEntity && e.trackedEntity !== q.trackedEntity) return false;
  if (q.enrollments && !q.enrollments.includes(e.enrollment)) return false;
  if (q.status && e.status !== q.status) return false;
  if (q.followUp !== undefined && e.followUp !== q.followUp) return false;
  if (
    !inWindow(e.updatedAt, q.updated) ||
    !inWindow(e.occurredAt, q.occurred) ||
    !inWindow(e.scheduledAt, q.scheduled)
  )
    return false;
  if (q.enrollmentStatus && env.store.getEnrollment(e.enrollment)?.status !== q.enrollmentStatus)
    return false;
  if (!scope.test(e.orgUnit)) return false;
  return q.filters.every((f) =>
    matchesValueFilter(e.dataValues.find((d) => d.dataElement === f.uid)?.value, f),
  );
}

/** Whether a query needs the full record of a generated event to decide. */
function needsRecord(q: EventSearch): boolean {
  const w = (x: { after?: number; before?: number }): boolean =>
    x.after !== undefined || x.before !== undefined;
  return w(q.occurred) || w(q.scheduled) || q.filters.length > 0 || q.followUp === true;
}

function sources(
  env: SearchEnv,
  q: EventSearch,
  scope: ScopeTest,
  lazy: LazyField | undefined,
): Array<GeneratedSource<EventRecord>> {
  const records = env.store.generated;
  if (!records || q.trackedEntity || q.enrollments || q.events) return [];
  const layout = records.layout;
  const store = env.store;
  const mask = scope.mask(records.facilityUids);
  const full = needsRecord(q);
  const out: Array<GeneratedSource<EventRecord>> = [];

  for (const stream of ['cases', 'contacts'] as const) {
    const cases = stream === 'cases';
    if (q.program && q.program !== (cases ? COVID.cases.program : COVID.contacts.program)) continue;
    const slots = cases ? CASE_SLOTS : CONTACT_SLOTS;
    const baseKind = cases ? KIND.caseEvent : KIND.contactEvent;
    const enrollmentKind = cases ? KIND.caseEnrollment : KIND.contactEnrollment;
    const stageOf = (slot: number): string =>
      cases ? (CASE_STAGES[slot] ?? '') : COVID.contacts.followUpStage;
    const [from, to] = narrow(layout, stream, q.updated, slots);
    out.push({
      from,
      to,
      key: (pos) => {
        const i = Math.floor(pos / slots);
        return lazy === 'updated'
          ? layout.eventUpdatedAt(stream, i, pos % slots)
          : layout.eventCreatedAt(stream, i, pos % slots);
      },
      tie: (pos) => pos,
      load: (pos) => records.stageEvent(stream, Math.floor(pos / slots), pos % slots),
      accept: (pos) => {
        const i = Math.floor(pos / slots);
        const slot = pos % slots;
        const mask0 = cases ? layout.caseSlots(i) : layout.contactSlots(i);
        if (!(mask0 & (1 << slot)) || store.isShadowed(baseKind + slot, i)) return false;
        if (q.programStage && q.programStage !== stageOf(slot)) return false;
        if (mask[records.facilityIndex(stream, i)] !== 1) return false;
        if (!inWindow(layout.eventUpdatedAt(stream, i, slot), q.updated)) return false;
        if (q.status && q.status !== (layout.eventCompleted(baseKind + slot, i) ? 'COMPLETED' : 'ACTIVE'))
          return false;
        if (q.enrollmentStatus) {
          const status = store.isShadowed(enrollmentKind, i)
            ? store.getEnrollment(layout.uid(enrollmentKind, i))?.status
            : records.enrollmentStatusOf(stream, i);
          if (status !== q.enrollmentStatus) return false;
        }
        return !full || matches(env, q, scope, records.stageEvent(stream, i, slot));
      },
    });
  }

  if (!q.program || q.program === COVID.eventProgram.program) {
    if (!q.programStage || q.programStage === COVID.eventProgram.stage) {
      const [from, to] = narrow(layout, 'events', q.updated);
      out.push({
        from,
        to,
        key: (k) => (lazy === 'updated' ? layout.programEventUpdatedAt(k) : layout.base('events', k)),
        tie: (k) => k,
        load: (k) => records.programEvent(k),
        accept: (k) => {
          if (store.isShadowed(KIND.programEvent, k) || mask[records.facilityIndex('events', k)] !== 1)
            return false;
          if (!inWindow(layout.programEventUpdatedAt(k), q.updated)) return false;
          if (q.status && q.status !== (layout.eventCompleted(KIND.programEvent, k) ? 'COMPLETED' : 'ACTIVE'))
            return false;
          if (q.enrollmentStatus && q.enrollmentStatus !== 'ACTIVE') return false;
          return !full || matches(env, q, scope, records.programEvent(k));
        },
      });
    }
  }
  return out;
}

function explicitCandidates(env: SearchEnv, q: EventSearch): EventRecord[] {
  const store = env.store;
  if (q.events) return [...new Set(q.events)].flatMap((uid) => store.getEvent(uid) ?? []);
  if (q.enrollments) return [...new Set(q.enrollments)].flatMap((uid) => store.eventsOf(uid));
  if (q.trackedEntity)
    return store.enrollmentsOf(q.trackedEntity).flatMap((e) => store.eventsOf(e.enrollment));
  return [...store.events.values()];
}

export function searchEvents(
  env: SearchEnv,
  q: EventSearch,
  slice: Slice,
  defaultOrder: OrderSpec,
): ScanResult<EventRecord> {
  const scope = new ScopeTest(q.scope, env.tree);
  const relations: EventRelations = {
    enrollment: (uid) => env.store.getEnrollment(uid),
    orgUnitName: (uid) => asText(env.tree.get(uid)?.name) || undefined,
  };
  const order = resolveOrder(q.order, defaultOrder, ['created', 'updated'], (e: EventRecord, field) =>
    eventValue(e, field, relations),
  );
  return scan({
    sources: sources(env, q, scope, order.lazy),
    explicit: explicitCandidates(env, q).filter((e) => matches(env, q, scope, e)),
    ...(order.lazyKey ? { lazyKey: order.lazyKey } : {}),
    ...(order.sortKey ? { sortKey: order.sortKey, descending: order.descending ?? [] } : {}),
    desc: order.desc,
    tieOf: (e) => env.store.tieOf(e.event),
    ...slice,
  });
}
