import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import { QueryParams } from '../http/query.js';
import { badRequest, notFound } from '../http/webMessage.js';
import { newEnvelope, parseNewPaging, sliceFor } from './pagingNew.js';
import { order } from './paramsCommon.js';
import { parseEnrollmentSearch, parseEventSearch, parseTeSearch } from './paramsNew.js';
import { NewApiRenderer } from './renderNew.js';
import { scan, type OrderSpec } from './scan.js';
import { searchEnrollments } from './searchEnrollments.js';
import { searchEvents } from './searchEvents.js';
import { searchTes, type SearchEnv } from './searchTes.js';
import { trackerFields } from './trackerFields.js';

type WithUid = FastifyRequest<{ Params: { uid: string } }>;

/** Default orders: ascending internal id up to 2.41 (events: newest update first), "newest first" from 2.42. */
export function defaultOrder(ctx: SimContext, entity: 'te' | 'enrollment' | 'event'): OrderSpec {
  if (ctx.version.minor >= 42) return { field: 'createdAt', desc: true };
  return entity === 'event' ? { field: 'updatedAt', desc: true } : { field: 'createdAt', desc: false };
}

export function requestUrl(ctx: SimContext, request: FastifyRequest): string {
  return `${ctx.baseUrl}${request.url}`;
}

/** Entity names in 404 messages changed with the tracker rewrite. */
function teName(ctx: SimContext): string {
  return ctx.version.minor >= 41 ? 'TrackedEntity' : 'TrackedEntityInstance';
}

export function registerNewTrackerRoutes(app: FastifyInstance, ctx: SimContext): void {
  const render = new NewApiRenderer(ctx);
  const env: SearchEnv = { store: ctx.tracker, tree: ctx.metadata.orgUnits };

  app.get('/api/tracker/trackedEntities', (request) => {
    const query = QueryParams.fromUrl(request.url);
    const search = parseTeSearch(ctx, query);
    const paging = parseNewPaging(ctx, query, true);
    const selection = trackerFields(ctx, query, 'trackedEntity');
    const result = searchTes(env, search, sliceFor(ctx, paging, true), defaultOrder(ctx, 'te'));
    const items = result.items.slice(0, paging.paged ? paging.pageSize : undefined).map((te) =>
      render.trackedEntity(
        te,
        {
          ...(search.program ? { program: search.program } : {}),
          includeDeleted: search.includeDeleted,
          include: selection.includes,
        },
        selection.plan,
      ),
    );
    return newEnvelope(ctx, 'trackedEntities', items, paging, result, requestUrl(ctx, request));
  });

  app.get('/api/tracker/trackedEntities/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const te = ctx.tracker.getTe(request.params.uid);
    if (!te || te.deleted) throw notFound(`${teName(ctx)} with id ${request.params.uid} could not be found.`);
    const program = query.get('program');
    const selection = trackerFields(ctx, query, 'trackedEntity');
    return render.trackedEntity(
      te,
      { ...(program ? { program } : {}), includeDeleted: false, include: selection.includes },
      selection.plan,
    );
  });

  app.get('/api/tracker/enrollments', (request) => {
    const query = QueryParams.fromUrl(request.url);
    const search = parseEnrollmentSearch(ctx, query);
    const paging = parseNewPaging(ctx, query);
    const selection = trackerFields(ctx, query, 'enrollment');
    const result = searchEnrollments(env, search, sliceFor(ctx, paging), defaultOrder(ctx, 'enrollment'));
    const items = result.items
      .slice(0, paging.paged ? paging.pageSize : undefined)
      .map((e) =>
        render.enrollment(
          e,
          { includeDeleted: search.includeDeleted, include: selection.includes },
          selection.plan,
        ),
      );
    return newEnvelope(ctx, 'enrollments', items, paging, result, requestUrl(ctx, request));
  });

  app.get('/api/tracker/enrollments/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const enrollment = ctx.tracker.getEnrollment(request.params.uid);
    if (!enrollment || enrollment.deleted)
      throw notFound(`Enrollment with id ${request.params.uid} could not be found.`);
    const selection = trackerFields(ctx, query, 'enrollment');
    return render.enrollment(
      enrollment,
      { includeDeleted: false, include: selection.includes },
      selection.plan,
    );
  });

  app.get('/api/tracker/events', (request) => {
    const query = QueryParams.fromUrl(request.url);
    const search = parseEventSearch(ctx, query);
    const paging = parseNewPaging(ctx, query);
    const selection = trackerFields(ctx, query, 'event');
    const result = searchEvents(env, search, sliceFor(ctx, paging), defaultOrder(ctx, 'event'));
    const items = result.items
      .slice(0, paging.paged ? paging.pageSize : undefined)
      .map((e) =>
        render.event(
          e,
          { includeDeleted: search.includeDeleted, include: selection.includes },
          selection.plan,
        ),
      );
    return newEnvelope(ctx, 'events', items, paging, result, requestUrl(ctx, request));
  });

  app.get('/api/tracker/events/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const event = ctx.tracker.getEvent(request.params.uid);
    if (!event || event.deleted) throw notFound(`Event with id ${request.params.uid} could not be found.`);
    const selection = trackerFields(ctx, query, 'event');
    return render.event(event, { includeDeleted: false, include: selection.includes }, selection.plan);
  });

  app.get('/api/tracker/relationships', (request) => relationships(ctx, render, request));

  app.get('/api/tracker/relationships/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const relationship = ctx.tracker.getRelationship(request.params.uid);
    if (!relationship || relationship.deleted)
      throw notFound(`Relationship with id ${request.params.uid} could not be found.`);
    return render.relationship(relationship, trackerFields(ctx, query, 'relationship').plan);
  });
}

/** `/api/tracker/relationships?trackedEntity=…` (or `tei`, `enrollment`, `event`), per version. */
function relationships(ctx: SimContext, render: NewApiRenderer, request: FastifyRequest): unknown {
  const query = QueryParams.fromUrl(request.url);
  const minor = ctx.version.minor;
  const teParam =
    minor <= 37
      ? query.get('tei')
      : minor <= 41
        ? (query.get('trackedEntity') ?? query.get('tei'))
        : query.get('trackedEntity');
  const given = [
    ['trackedEntity', teParam],
    ['enrollment', query.get('enrollment')],
    ['event', query.get('event')],
  ].filter((g): g is [string, string] => g[1] !== undefined);
  if (given.length === 0)
    throw badRequest("Missing required parameter 'trackedEntity', 'enrollment' or 'event'.");
  if (given.length > 1)
    throw badRequest("Only one of parameters 'trackedEntity', 'enrollment' or 'event' is allowed.");
  const [kind, uid] = given[0] ?? ['', ''];
  const store = ctx.tracker;
  const owner =
    kind === 'trackedEntity'
      ? store.getTe(uid)
      : kind === 'enrollment'
        ? store.getEnrollment(uid)
        : store.getEvent(uid);
  if (!owner || owner.deleted) {
    const name =
      kind === 'trackedEntity'
        ? minor >= 41
          ? 'TrackedEntity'
          : 'TrackedEntityInstance'
        : kind === 'enrollment'
          ? 'Enrollment'
          : 'Event';
    throw notFound(`${name} with id ${uid} could not be found.`);
  }
  const includeDeleted = minor >= 41 && (query.bool('includeDeleted') ?? false);
  const candidates = store.relationshipsOf(uid).filter((r) => includeDeleted || !r.deleted);
  const selection = trackerFields(ctx, query, 'relationship');
  // RelationshipMapper.ORDERABLE_FIELDS has createdAtClient from 2.41.0.
  const fields: Record<string, string> =
    minor >= 41 ? { createdAt: 'createdAt', createdAtClient: 'createdAtClient' } : { createdAt: 'createdAt' };
  const requested = order(query, { fields, unknown: minor >= 41 ? 'reject' : 'drop' });
  const first = requested[0] ?? { field: 'createdAt', desc: minor >= 42 };
  const ordered = [...candidates].sort(
    (a, b) =>
      (first.desc ? -1 : 1) *
      (a.createdAt - b.createdAt || store.tieOf(a.relationship) - store.tieOf(b.relationship)),
  );
  if (minor === 36) return ordered.map((r) => render.relationship(r, selection.plan));
  const paging = parseNewPaging(ctx, query);
  const position = new Map(ordered.map((r, i) => [r.relationship, i]));
  const page = scan({
    sources: [],
    explicit: ordered,
    lazyKey: (r) => position.get(r.relationship) ?? 0,
    desc: false,
    tieOf: () => 0,
    ...sliceFor(ctx, paging),
  });
  const items = page.items
    .slice(0, paging.paged ? paging.pageSize : undefined)
    .map((r) => render.relationship(r, selection.plan));
  return newEnvelope(ctx, 'relationships', items, paging, page, requestUrl(ctx, request));
}
