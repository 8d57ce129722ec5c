import { plainError } from '../errors.js';
import { count, find, project, type Source } from '../filter/query.js';
import { filterArg, whereArg } from '../http/args.js';
import { authorOf, type Call, type RouteDef, type Sim } from '../http/router.js';
import { publicCopy } from '../model/records.js';
import type { Doc } from '../state.js';
import { createOutbreak, deleteOutbreak, restoreOutbreak, updateOutbreak } from './service.js';

/** Outbreaks the caller may list: all, or its `outbreakIds` when that list is non-empty. */
function visibleOutbreaks(sim: Sim, call: Call): Source {
  const allowed = call.user?.outbreakIds ?? [];
  return {
    all: () => sim.state.outbreaks.all(),
    byId: (id) => sim.state.outbreaks.get(id),
    scope: allowed.length > 0 ? (doc) => allowed.includes(doc.id) : undefined,
  };
}

/** Loaded through LoopBack's findById: deleted rows are invisible. */
function liveOutbreak(sim: Sim, id: string): Doc | undefined {
  const doc = sim.state.outbreaks.get(id);
  return doc && doc.deleted !== true ? doc : undefined;
}

export function outbreakRoutes(sim: Sim): RouteDef[] {
  const list = (call: Call): unknown =>
    find(visibleOutbreaks(sim, call), filterArg(call), { defaultOrder: ['name ASC'] }).map((d) =>
      publicCopy(d),
    );
  return [
    { method: 'GET', url: '/api/outbreaks', access: { kind: 'authenticated' }, handler: list },
    { method: 'POST', url: '/api/outbreaks/filter', access: { kind: 'authenticated' }, handler: list },
    {
      method: 'GET',
      url: '/api/outbreaks/count',
      access: { kind: 'authenticated' },
      handler: (call) => ({ count: count(visibleOutbreaks(sim, call), whereArg(call)) }),
    },
    {
      method: 'GET',
      url: '/api/outbreaks/:outbreakId',
      access: { kind: 'permission', permission: 'outbreak_view' },
      handler: (call) => {
        const id = call.params.outbreakId ?? '';
        const doc = liveOutbreak(sim, id);
        if (!doc) throw plainError(404, `Unknown "outbreak" id "${id}".`, 'MODEL_NOT_FOUND');
        return project(publicCopy(doc), filterArg(call).fields);
      },
    },
    {
      method: 'POST',
      url: '/api/outbreaks',
      access: { kind: 'permission', permission: 'outbreak_create' },
      handler: (call) => publicCopy(createOutbreak(sim, call.body, authorOf(sim, call))),
    },
    {
      method: ['PATCH', 'PUT'],
      url: '/api/outbreaks/:outbreakId',
      access: { kind: 'permission', permission: 'outbreak_modify' },
      handler: (call) => publicCopy(updateOutbreak(sim, call.outbreak(), call.body, authorOf(sim, call))),
    },
    {
      method: 'DELETE',
      url: '/api/outbreaks/:outbreakId',
      access: { kind: 'permission', permission: 'outbreak_delete' },
      handler: (call) => deleteOutbreak(sim, call.params.outbreakId ?? '', authorOf(sim, call)),
    },
    {
      method: 'POST',
      url: '/api/outbreaks/:outbreakId/restore',
      access: { kind: 'permission', permission: 'outbreak_restore' },
      handler: (call) => publicCopy(restoreOutbreak(sim, call.params.outbreakId ?? '', authorOf(sim, call))),
    },
  ];
}
