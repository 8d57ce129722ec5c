import { plainError } from '../errors.js';
import { count, find, project, type Filter, type Source } from '../filter/query.js';
import { filterArg, whereArg } from '../http/args.js';
import { authorOf, type Call, type RouteDef, type Sim } from '../http/router.js';
import { publicCopy } from '../model/records.js';
import type { Doc } from '../state.js';
import { asRecord } from '../text.js';
import { importLocations } from './import.js';
import { buildTree, createLocation, deleteLocation, updateLocation } from './service.js';

const ORDER = ['name ASC'];
const TREE_ORDER = ['name ASC', 'parentLocationId ASC', 'id ASC'];

function source(sim: Sim): Source {
  return { all: () => sim.state.locations.all(), byId: (id) => sim.state.locations.get(id) };
}

function liveLocation(sim: Sim, id: string): Doc | undefined {
  const doc = sim.state.locations.get(id);
  return doc && doc.deleted !== true ? doc : undefined;
}

/** GET /locations/hierarchical: no where → whole tree (or only roots with includeChildren false). */
function hierarchical(sim: Sim, filter: Filter): unknown {
  const where = { ...(asRecord(filter.where) ?? {}) };
  const includeChildren = where.includeChildren === undefined ? true : where.includeChildren !== false;
  delete where.includeChildren;
  const hasWhere = Object.keys(where).length > 0;
  const base: Filter = {
    ...filter,
    where: hasWhere ? where : includeChildren ? undefined : { parentLocationId: null },
  };
  const matched = find(
    source(sim),
    { ...base, order: TREE_ORDER, fields: undefined },
    { defaultOrder: TREE_ORDER },
  );
  if (!hasWhere) return buildTree(matched.map((d) => publicCopy(d)));
  const ids = new Set(matched.map((d) => String(d.id)));
  if (includeChildren) {
    const queue = [...ids];
    while (queue.length > 0) {
      for (const child of sim.state.locations.childrenOf(queue.shift() as string)) {
        if (child.deleted !== true && !ids.has(child.id)) {
          ids.add(child.id);
          queue.push(child.id);
        }
      }
    }
  }
  for (const id of [...ids]) {
    let parent = sim.state.locations.get(id)?.parentLocationId;
    while (typeof parent === 'string' && parent && !ids.has(parent) && liveLocation(sim, parent)) {
      ids.add(parent);
      parent = sim.state.locations.get(parent)?.parentLocationId;
    }
  }
  const all = find(
    source(sim),
    { where: { id: { inq: [...ids] } }, order: TREE_ORDER },
    { defaultOrder: TREE_ORDER },
  );
  return buildTree(all.map((d) => publicCopy(d)));
}

async function readUpload(call: Call): Promise<string> {
  if (!call.request.isMultipart())
    throw plainError(
      400,
      'Invalid request parameters. Details: Missing required parameter: file',
      'REQUEST_VALIDATION_ERROR',
    );
  for await (const part of call.request.parts()) {
    if (part.type === 'file' && part.fieldname === 'file') return (await part.toBuffer()).toString('utf8');
  }
  throw plainError(404, 'File not found', 'FILE_NOT_FOUND');
}

export function locationRoutes(sim: Sim): RouteDef[] {
  const list = (call: Call): unknown =>
    find(source(sim), filterArg(call), { defaultOrder: ORDER, cache: sim.cache, cacheKey: 'locations' }).map(
      (d) => publicCopy(d),
    );
  return [
    { method: 'GET', url: '/api/locations', access: { kind: 'authenticated' }, handler: list },
    { method: 'POST', url: '/api/locations/filter', access: { kind: 'authenticated' }, handler: list },
    {
      method: 'GET',
      url: '/api/locations/count',
      access: { kind: 'authenticated' },
      handler: (call) => ({ count: count(source(sim), whereArg(call)) }),
    },
    {
      method: 'GET',
      url: '/api/locations/hierarchical',
      access: { kind: 'authenticated' },
      handler: (call) => hierarchical(sim, filterArg(call)),
    },
    {
      method: 'POST',
      url: '/api/locations/import',
      access: { kind: 'permission', permission: 'location_import' },
      handler: async (call) => {
        const content = await readUpload(call);
        const author = { ...authorOf(sim, call), platform: 'IMPORT' };
        return importLocations(sim, content, author)?.map((d) => publicCopy(d));
      },
    },
    {
      method: 'GET',
      url: '/api/locations/:locationId',
      access: { kind: 'permission', permission: 'location_view' },
      handler: (call) => {
        const id = call.params.locationId ?? '';
        const doc = liveLocation(sim, id);
        if (!doc) throw plainError(404, `Unknown "location" id "${id}".`, 'MODEL_NOT_FOUND');
        return project(publicCopy(doc), filterArg(call).fields);
      },
    },
    {
      method: 'POST',
      url: '/api/locations',
      access: { kind: 'permission', permission: 'location_create' },
      handler: (call) => publicCopy(createLocation(sim, call.body, authorOf(sim, call))),
    },
    {
      method: ['PATCH', 'PUT'],
      url: '/api/locations/:locationId',
      access: { kind: 'permission', permission: 'location_modify' },
      handler: (call) => {
        const id = call.params.locationId ?? '';
        const doc = liveLocation(sim, id);
        if (!doc) throw plainError(404, `could not find a model with id ${id}`, 'MODEL_NOT_FOUND');
        return publicCopy(updateLocation(sim, doc, asRecord(call.body) ?? {}, authorOf(sim, call)));
      },
    },
    {
      method: 'DELETE',
      url: '/api/locations/:locationId',
      access: { kind: 'permission', permission: 'location_delete' },
      handler: (call) => deleteLocation(sim, call.params.locationId ?? '', authorOf(sim, call)),
    },
  ];
}
