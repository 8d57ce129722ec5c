import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import { applyFields, fieldsParam, parseFields, type JsonObject } from '../fields.js';
import { QueryParams } from '../http/query.js';
import { badRequest, notFound } from '../http/webMessage.js';
import {
  parseOldEnrollmentSearch,
  parseOldEventSearch,
  parseOldPaging,
  parseOldTeSearch,
  type OldPaging,
} from './paramsOld.js';
import type { Includes } from './renderNew.js';
import { OldApiRenderer } from './renderOld.js';
import { defaultOrder } from './routesNew.js';
import type { ScanResult } from './scan.js';
import { searchEnrollments } from './searchEnrollments.js';
import { searchEvents } from './searchEvents.js';
import { searchTes, type SearchEnv } from './searchTes.js';
import { TE_MAX_LIMIT } from './pagingNew.js';

type WithUid = FastifyRequest<{ Params: { uid: string } }>;

const EVENT_DEFAULT_238 =
  'event,program,programStage,programType,status,assignedUser,orgUnit,orgUnitName,eventDate,created,lastUpdated,followup,deleted,dataValues';
const ENROLLMENT_DEFAULT =
  'enrollment,created,lastUpdated,trackedEntityType,trackedEntityInstance,program,status,orgUnit,orgUnitName,enrollmentDate,incidentDate,followup';

/** Nested lists are loaded only when the `fields` text names them (or `*`), as the deprecated controllers do. */
function toggles(text: string): Includes {
  const all = text.includes('*');
  return {
    enrollments: all || text.includes('enrollments'),
    events: all || text.includes('events'),
    relationships: all || text.includes('relationships'),
    programOwners: all || text.includes('programOwners'),
    attributes: true,
  };
}

function slice(
  ctx: SimContext,
  paging: OldPaging,
  trackedEntities: boolean,
): { offset: number; limit?: number; countTotal: boolean } {
  if (paging.skip)
    return {
      offset: 0,
      ...(trackedEntities && ctx.version.minor >= 39 ? { limit: TE_MAX_LIMIT } : {}),
      countTotal: false,
    };
  return {
    offset: (paging.page - 1) * paging.pageSize,
    limit: paging.pageSize,
    countTotal: paging.totalPages,
  };
}

function fullPager(paging: OldPaging, total: number): JsonObject {
  const pageCount = Math.ceil(total / paging.pageSize);
  return { page: Math.max(1, Math.min(paging.page, pageCount)), pageCount, total, pageSize: paging.pageSize };
}

/** Events and enrollments: a pager unless paging is skipped; slim from 2.38, unreliable zeros before. */
function listPager(ctx: SimContext, paging: OldPaging, result: ScanResult<unknown>): JsonObject | undefined {
  if (paging.skip) return undefined;
  if (paging.totalPages) return fullPager(paging, result.total ?? 0);
  if (ctx.version.minor >= 38)
    return { page: paging.page, pageSize: paging.pageSize, isLastPage: !result.hasMore };
  return { page: 1, pageCount: 0, total: 0, pageSize: paging.pageSize };
}

function pageOf<T>(paging: OldPaging, items: T[]): T[] {
  return paging.skip ? items : items.slice(0, paging.pageSize);
}

export function registerOldTrackerRoutes(app: FastifyInstance, ctx: SimContext): void {
  const render = new OldApiRenderer(ctx);
  const env: SearchEnv = { store: ctx.tracker, tree: ctx.metadata.orgUnits };
  const both = (path: string): string[] => [path, `${path}.json`];

  for (const path of both('/api/trackedEntityInstances')) {
    app.get(path, (request) => {
      const query = QueryParams.fromUrl(request.url);
      const search = parseOldTeSearch(ctx, query);
      const paging = parseOldPaging(ctx, query, ctx.version.minor === 36);
      const text = fieldsParam(query.all('fields')) ?? ':all';
      const nodes = parseFields(text);
      const result = searchTes(env, search, slice(ctx, paging, true), defaultOrder(ctx, 'te'));
      const items = pageOf(paging, result.items).map((te) =>
        applyFields(
          nodes,
          render.trackedEntityInstance(te, toggles(text), search.program, search.includeDeleted),
        ),
      );
      const pager = !paging.skip && paging.totalPages ? fullPager(paging, result.total ?? 0) : undefined;
      return { ...(pager ? { pager } : {}), trackedEntityInstances: items };
    });
  }

  app.get('/api/trackedEntityInstances/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const uid = request.params.uid.replace(/\.json$/, '');
    const te = ctx.tracker.getTe(uid);
    if (!te || te.deleted) throw notFound(`TrackedEntityInstance with id ${uid} could not be found.`);
    const text = fieldsParam(query.all('fields')) ?? ':all';
    return applyFields(
      parseFields(text),
      render.trackedEntityInstance(te, toggles(text), query.get('program'), false),
    );
  });

  for (const path of both('/api/enrollments')) {
    app.get(path, (request) => {
      const query = QueryParams.fromUrl(request.url);
      const search = parseOldEnrollmentSearch(ctx, query);
      const paging = parseOldPaging(ctx, query, true);
      const text = fieldsParam(query.all('fields')) ?? ENROLLMENT_DEFAULT;
      const result = searchEnrollments(
        env,
        search,
        slice(ctx, paging, false),
        defaultOrder(ctx, 'enrollment'),
      );
      const nodes = parseFields(text);
      const items = pageOf(paging, result.items).map((e) =>
        applyFields(nodes, render.enrollment(e, toggles(text), search.includeDeleted)),
      );
      const pager = listPager(ctx, paging, result);
      return { ...(pager ? { pager } : {}), enrollments: items };
    });
  }

  app.get('/api/enrollments/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const uid = request.params.uid.replace(/\.json$/, '');
    const enrollment = ctx.tracker.getEnrollment(uid);
    if (!enrollment || enrollment.deleted) throw notFound(`Enrollment with id ${uid} could not be found.`);
    const text = fieldsParam(query.all('fields')) ?? '*';
    return applyFields(parseFields(text), render.enrollment(enrollment, toggles(text), false));
  });

  for (const path of both('/api/events')) {
    app.get(path, (request) => {
      const query = QueryParams.fromUrl(request.url);
      const search = parseOldEventSearch(ctx, query);
      const paging = parseOldPaging(ctx, query, ctx.version.minor === 36);
      const text = fieldsParam(query.all('fields')) ?? (ctx.version.minor >= 38 ? EVENT_DEFAULT_238 : '*');
      const result = searchEvents(env, search, slice(ctx, paging, false), defaultOrder(ctx, 'event'));
      const nodes = parseFields(text);
      const includes = toggles(text);
      const items = pageOf(paging, result.items).map((e) => applyFields(nodes, render.event(e, includes)));
      const pager = listPager(ctx, paging, result);
      return { ...(pager ? { pager } : {}), events: items };
    });
  }

  app.get('/api/events/:uid', (request: WithUid) => {
    const query = QueryParams.fromUrl(request.url);
    const uid = request.params.uid.replace(/\.json$/, '');
    const event = ctx.tracker.getEvent(uid);
    if (!event || event.deleted) throw notFound(`Event with id ${uid} could not be found.`);
    const text = fieldsParam(query.all('fields')) ?? '*';
    return applyFields(parseFields(text), render.event(event, toggles(text)));
  });

  for (const path of both('/api/relationships')) {
    app.get(path, (request) => {
      const query = QueryParams.fromUrl(request.url);
      const given = (['tei', 'enrollment', 'event'] as const).filter((p) => query.has(p));
      if (given.length !== 1) throw badRequest("Missing required parameter 'tei', 'enrollment' or 'event'.");
      const kind = given[0] ?? 'tei';
      const uid = query.get(kind) ?? '';
      const store = ctx.tracker;
      const owner =
        kind === 'tei'
          ? store.getTe(uid)
          : kind === 'enrollment'
            ? store.getEnrollment(uid)
            : store.getEvent(uid);
      if (!owner || owner.deleted)
        throw notFound(`No ${kind === 'tei' ? 'trackedEntityInstance' : kind} '${uid}' found.`);
      return render.relationshipsOf(uid);
    });
  }

  app.get('/api/relationships/:uid', (request: WithUid) => {
    const uid = request.params.uid.replace(/\.json$/, '');
    const relationship = ctx.tracker.getRelationship(uid);
    if (!relationship || relationship.deleted)
      throw notFound(`Relationship with id ${uid} could not be found.`);
    return render.relationship(relationship);
  });
}
