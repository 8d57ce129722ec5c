import { COVID } from '../dataset/covid.js';
import type { OrgUnitTree } from '../metadata/orgUnitTree.js';
import { KIND, type GeneratorLayout } from './generator.js';
import { resolveOrder, teValue, type LazyField } from './ordering.js';
import type { TrackedEntityRecord } from './records.js';
import { scan, type GeneratedSource, type OrderSpec, type ScanResult } from './scan.js';
import { ScopeTest } from './scope.js';
import { inWindow, matchesValueFilter, type TeSearch, type Window } from './searchTypes.js';
import { eventMatches, generatedEnrollmentMatches, type TeEventFilter } from './teEventFilter.js';
import type { TrackerStore } from './store.js';

export interface SearchEnv {
  store: TrackerStore;
  tree: OrgUnitTree;
}

export interface Slice {
  offset: number;
  /** undefined = everything. */
  limit?: number;
  countTotal: boolean;
}

/** Where a time-window scan over a generated stream can start and stop (records lie within 10 s of base). */
export function narrow(
  layout: GeneratorLayout,
  stream: 'cases' | 'contacts' | 'events',
  window: Window,
  perRecord = 1,
): [number, number] {
  const n = layout.count(stream);
  const from =
    window.after === undefined ? 0 : Math.max(0, layout.lastIndexAtOrBefore(stream, window.after - 10_000));
  const to = window.before === undefined ? n : layout.lastIndexAtOrBefore(stream, window.before) + 1;
  return [from * perRecord, Math.max(from, to) * perRecord];
}

function teMatches(env: SearchEnv, q: TeSearch, scope: ScopeTest, te: TrackedEntityRecord): boolean {
  if (te.deleted && !q.includeDeleted) return false;
  if (q.trackedEntityType && te.trackedEntityType !== q.trackedEntityType) return false;
  if (!inWindow(te.updatedAt, q.updated)) return false;
  let orgUnit = te.orgUnit;
  if (q.program) {
    const enrollments = env.store
      .enrollmentsOf(te.trackedEntity)
      .filter((e) => e.program === q.program && (!e.deleted || q.includeDeleted));
    const matching = enrollments.filter(
      (e) =>
        (q.enrollmentStatus === undefined || e.status === q.enrollmentStatus) &&
        (q.followUp === undefined || e.followUp === q.followUp) &&
        inWindow(e.enrolledAt, q.enrolled) &&
        inWindow(e.occurredAt, q.enrollmentOccurred) &&
        (!q.eventFilter || hasMatchingEvent(env, q.eventFilter, e.enrollment, q.includeDeleted)),
    );
    if (matching.length === 0) return false;
    // With a program, DHIS2 searches by the owner org unit of that program.
    orgUnit =
      te.programOwners.find((o) => o.program === q.program)?.orgUnit ?? matching[0]?.orgUnit ?? te.orgUnit;
  }
  if (!scope.test(orgUnit)) return false;
  return q.filters.every((f) =>
    matchesValueFilter(te.attributes.find((a) => a.attribute === f.uid)?.value, f),
  );
}

function hasMatchingEvent(
  env: SearchEnv,
  filter: TeEventFilter,
  enrollment: string,
  includeDeleted: boolean,
): boolean {
  return env.store.eventsOf(enrollment).some((event) => eventMatches(filter, event, includeDeleted));
}

function generatedSources(
  env: SearchEnv,
  q: TeSearch,
  scope: ScopeTest,
  lazy: LazyField | undefined,
): Array<GeneratedSource<TrackedEntityRecord>> {
  const records = env.store.generated;
  if (!records || q.trackedEntities) return [];
  const layout = records.layout;
  const mask = scope.mask(records.facilityUids);
  const streams = (['cases', 'contacts'] as const).filter((stream) => {
    const program = stream === 'cases' ? COVID.cases.program : COVID.contacts.program;
    if (q.program) return q.program === program;
    return !q.trackedEntityType || q.trackedEntityType === COVID.personType;
  });
  return streams.map((stream) => {
    const kind = stream === 'cases' ? KIND.caseTe : KIND.contactTe;
    const dirty = env.store.dirtyTes(stream);
    const [from, to] = narrow(layout, stream, q.updated);
    const needsEnrollment =
      q.program !== undefined && (q.enrollmentStatus !== undefined || q.followUp !== undefined);
    const bounded = (w: Window): boolean => w.after !== undefined || w.before !== undefined;
    const enrollmentDates = q.program !== undefined && (bounded(q.enrolled) || bounded(q.enrollmentOccurred));
    return {
      from,
      to,
      key: (pos) => (lazy === 'updated' ? layout.teUpdatedAt(stream, pos) : layout.base(stream, pos)),
      tie: (pos) => pos,
      load: (pos) => records.trackedEntity(stream, pos),
      accept: (pos) => {
        if (dirty.has(pos) || env.store.isShadowed(kind, pos)) return false;
        if (mask[records.facilityIndex(stream, pos)] !== 1) return false;
        if (!inWindow(layout.teUpdatedAt(stream, pos), q.updated)) return false;
        if (needsEnrollment) {
          if (
            q.enrollmentStatus !== undefined &&
            records.enrollmentStatusOf(stream, pos) !== q.enrollmentStatus
          )
            return false;
          if (q.followUp !== undefined && layout.followUp(stream, pos) !== q.followUp) return false;
        }
        if (
          enrollmentDates &&
          !(
            inWindow(records.enrolledAtOf(stream, pos), q.enrolled) &&
            inWindow(records.enrolledAtOf(stream, pos), q.enrollmentOccurred)
          )
        )
          return false;
        if (q.eventFilter && !generatedEnrollmentMatches(q.eventFilter, records, stream, pos)) return false;
        if (q.filters.length === 0) return true;
        const te = records.trackedEntity(stream, pos);
        return q.filters.every((f) =>
          matchesValueFilter(te.attributes.find((a) => a.attribute === f.uid)?.value, f),
        );
      },
    };
  });
}

function explicitCandidates(env: SearchEnv, q: TeSearch): TrackedEntityRecord[] {
  const store = env.store;
  if (q.trackedEntities) return [...new Set(q.trackedEntities)].flatMap((uid) => store.getTe(uid) ?? []);
  const out = [...store.tes.values()];
  for (const stream of ['cases', 'contacts'] as const) {
    for (const index of store.dirtyTes(stream)) {
      const uid = store.generated?.layout.uid(stream === 'cases' ? KIND.caseTe : KIND.contactTe, index);
      const te = uid && !store.tes.has(uid) ? store.getTe(uid) : undefined;
      if (te) out.push(te);
    }
  }
  return out;
}

export function searchTes(
  env: SearchEnv,
  q: TeSearch,
  slice: Slice,
  defaultOrder: OrderSpec,
): ScanResult<TrackedEntityRecord> {
  const scope = new ScopeTest(q.scope, env.tree);
  const order = resolveOrder(q.order, defaultOrder, ['created', 'updated'], teValue);
  const explicit = explicitCandidates(env, q).filter((te) => teMatches(env, q, scope, te));
  return scan({
    sources: generatedSources(env, q, scope, order.lazy),
    explicit,
    ...(order.lazyKey ? { lazyKey: order.lazyKey } : {}),
    ...(order.sortKey ? { sortKey: order.sortKey, descending: order.descending ?? [] } : {}),
    desc: order.desc,
    tieOf: (te) => env.store.tieOf(te.trackedEntity),
    ...slice,
  });
}
