import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SimContext } from '../context.js';
import type { JsonObject } from '../fields.js';
import { QueryParams } from '../http/query.js';
import { notFound } from '../http/webMessage.js';
import { applyFilters, applyOrder, paginate, parseFieldsOr, selectFields } from './listing.js';
import { klassOf } from './store.js';

const LIST_DEFAULT_FIELDS = 'id,displayName';
const SINGLE_DEFAULT_FIELDS = '*';

/** `/api/programs.json` and `/api/programs` are the same resource. */
function splitSuffix(name: string): { name: string; suffix: string } {
  return name.endsWith('.json') ? { name: name.slice(0, -5), suffix: '.json' } : { name, suffix: '' };
}

/** Org-unit list parameters beyond the generic ones (reference §4.4). */
function orgUnitParams(ctx: SimContext, views: JsonObject[], query: QueryParams): JsonObject[] {
  let out = views;
  const level = query.int('level');
  if (level !== undefined) out = out.filter((v) => v.level === level);
  const maxLevel = query.int('maxLevel');
  if (maxLevel !== undefined) out = out.filter((v) => Number(v.level) <= maxLevel);
  const text = query.get('query')?.toLowerCase();
  if (text)
    out = out.filter((v) =>
      [v.id, v.code, v.name].some((x) => typeof x === 'string' && x.toLowerCase().includes(text)),
    );
  if (query.bool('userOnly') || query.bool('userDataViewOnly')) {
    const roots = new Set(ctx.metadata.orgUnits.roots().map((r) => r.id));
    out = out.filter((v) => roots.has(String(v.id)));
  }
  return out;
}

export function registerMetadataRoutes(app: FastifyInstance, ctx: SimContext): void {
  const store = ctx.metadata;

  app.get('/api/programs/orgUnits', (request) => {
    const query = QueryParams.fromUrl(request.url);
    const ids = query.list('programs', ',');
    const programs = ids.length ? ids : store.list('programs').map((p) => p.id);
    const result: Record<string, string[]> = {};
    for (const id of programs) {
      const program = store.get('programs', id);
      if (!program) continue;
      const units = Array.isArray(program.organisationUnits)
        ? (program.organisationUnits as Array<{ id: string }>)
        : [];
      result[id] = units.map((u) => u.id);
    }
    return result;
  });

  app.get('/api/:collection', (request: FastifyRequest<{ Params: { collection: string } }>, reply) => {
    const { name: collection, suffix } = splitSuffix(request.params.collection);
    if (!store.has(collection)) return reply.callNotFound();
    const query = QueryParams.fromUrl(request.url);
    const fields = parseFieldsOr(query, LIST_DEFAULT_FIELDS);
    let views = store.list(collection).map((o) => store.view(collection, o));
    if (collection === 'organisationUnits') views = orgUnitParams(ctx, views, query);
    views = applyOrder(applyFilters(store, views, query), query);
    const { page, pager } = paginate(views, query, `${ctx.baseUrl}/api/${collection}${suffix}`);
    return { ...(pager ? { pager } : {}), [collection]: selectFields(store, collection, page, fields) };
  });

  app.get(
    '/api/:collection/:id',
    (request: FastifyRequest<{ Params: { collection: string; id: string } }>, reply) => {
      const collection = request.params.collection;
      const { name: id } = splitSuffix(request.params.id);
      if (!store.has(collection)) return reply.callNotFound();
      const object = store.get(collection, id);
      if (!object) throw notFound(`${klassOf(collection)} with id ${id} could not be found.`);
      const query = QueryParams.fromUrl(request.url);
      if (
        collection === 'organisationUnits' &&
        ['includeChildren', 'includeDescendants', 'includeAncestors'].some((p) => query.bool(p))
      ) {
        return relatedOrgUnits(ctx, id, query);
      }
      const fields = parseFieldsOr(query, SINGLE_DEFAULT_FIELDS);
      return selectFields(store, collection, [store.view(collection, object)], fields)[0];
    },
  );
}

/** `/api/organisationUnits/{id}?includeChildren=true` & co answer with a list, not the single object. */
function relatedOrgUnits(ctx: SimContext, id: string, query: QueryParams): Record<string, unknown> {
  const tree = ctx.metadata.orgUnits;
  let ids: string[];
  if (query.bool('includeDescendants')) {
    ids = tree
      .all()
      .filter((u) => tree.isWithin(u.id, id))
      .map((u) => u.id);
  } else if (query.bool('includeChildren')) {
    ids = [id, ...tree.children(id)];
  } else {
    ids = (tree.path(id) ?? '').split('/').filter(Boolean);
  }
  const views = ids.flatMap((u) => {
    const unit = tree.get(u);
    return unit ? [ctx.metadata.view('organisationUnits', unit)] : [];
  });
  const fields = parseFieldsOr(query, LIST_DEFAULT_FIELDS);
  return { organisationUnits: selectFields(ctx.metadata, 'organisationUnits', views, fields) };
}
