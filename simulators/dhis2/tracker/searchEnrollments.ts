import { COVID } from '../dataset/covid.js';
import { KIND } from './generator.js';
import { enrollmentValue, resolveOrder, type LazyField } from './ordering.js';
import type { EnrollmentRecord } from './records.js';
import { scan, type GeneratedSource, type OrderSpec, type ScanResult } from './scan.js';
import { ScopeTest } from './scope.js';
import { narrow, type SearchEnv, type Slice } from './searchTes.js';
import { inWindow, type EnrollmentSearch } from './searchTypes.js';

function matches(q: EnrollmentSearch, scope: ScopeTest, e: EnrollmentRecord): boolean {
  if (e.deleted && !q.includeDeleted) return false;
  if (q.program && e.program !== q.program) return false;
  if (q.trackedEntityType && e.trackedEntityType !== q.trackedEntityType) return false;
  if (q.trackedEntity && e.trackedEntity !== q.trackedEntity) return false;
  if (q.status && e.status !== q.status) return false;
  if (q.followUp !== undefined && e.followUp !== q.followUp) return false;
  if (!inWindow(e.updatedAt, q.updated) || !inWindow(e.enrolledAt, q.enrolled)) return false;
  return scope.test(e.orgUnit);
}

function sources(
  env: SearchEnv,
  q: EnrollmentSearch,
  scope: ScopeTest,
  lazy: LazyField | undefined,
): Array<GeneratedSource<EnrollmentRecord>> {
  const records = env.store.generated;
  if (!records || q.enrollments || q.trackedEntity) return [];
  const layout = records.layout;
  const mask = scope.mask(records.facilityUids);
  const streams = (['cases', 'contacts'] as const).filter(
    (s) =>
      (!q.program || q.program === (s === 'cases' ? COVID.cases.program : COVID.contacts.program)) &&
      (!q.trackedEntityType || q.trackedEntityType === COVID.personType),
  );
  return streams.map((stream) => {
    const kind = stream === 'cases' ? KIND.caseEnrollment : KIND.contactEnrollment;
    const [from, to] = narrow(layout, stream, q.updated);
    const enrolledBounded = q.enrolled.after !== undefined || q.enrolled.before !== undefined;
    const key = (pos: number): number =>
      lazy === 'updated'
        ? layout.enrollmentUpdatedAt(stream, pos)
        : lazy === 'enrolled'
          ? records.enrolledAtOf(stream, pos)
          : layout.base(stream, pos);
    return {
      from,
      to,
      key,
      tie: (pos) => pos,
      load: (pos) => records.enrollment(stream, pos),
      accept: (pos) =>
        !env.store.isShadowed(kind, pos) &&
        mask[records.facilityIndex(stream, pos)] === 1 &&
        inWindow(layout.enrollmentUpdatedAt(stream, pos), q.updated) &&
        (q.status === undefined || records.enrollmentStatusOf(stream, pos) === q.status) &&
        (q.followUp === undefined || layout.followUp(stream, pos) === q.followUp) &&
        (!enrolledBounded || inWindow(records.enrolledAtOf(stream, pos), q.enrolled)),
    };
  });
}

function explicitCandidates(env: SearchEnv, q: EnrollmentSearch): EnrollmentRecord[] {
  const store = env.store;
  if (q.enrollments) return [...new Set(q.enrollments)].flatMap((uid) => store.getEnrollment(uid) ?? []);
  if (q.trackedEntity) return store.enrollmentsOf(q.trackedEntity);
  return [...store.enrollments.values()];
}

export function searchEnrollments(
  env: SearchEnv,
  q: EnrollmentSearch,
  slice: Slice,
  defaultOrder: OrderSpec,
): ScanResult<EnrollmentRecord> {
  const scope = new ScopeTest(q.scope, env.tree);
  const order = resolveOrder(q.order, defaultOrder, ['created', 'updated', 'enrolled'], enrollmentValue);
  return scan({
    sources: sources(env, q, scope, order.lazy),
    explicit: explicitCandidates(env, q).filter((e) => matches(q, scope, e)),
    ...(order.lazyKey ? { lazyKey: order.lazyKey } : {}),
    ...(order.sortKey ? { sortKey: order.sortKey, descending: order.descending ?? [] } : {}),
    desc: order.desc,
    tieOf: (e) => env.store.tieOf(e.enrollment),
    ...slice,
  });
}
