import { plainError } from '../errors.js';
import { find, limitOf, project, select, skipOf, type Filter, type Source } from '../filter/query.js';
import { filterArg, whereArg } from '../http/args.js';
import { authorOf, type Call, type RouteDef, type Sim } from '../http/router.js';
import type { Doc } from '../state.js';
import { asRecord } from '../text.js';
import { createContactsWithExposure, modifyMany } from './bulk.js';
import { deletePerson, restorePerson } from './deletion.js';
import { isOfKind, personJson, TYPE_TOKEN, type PersonKind } from './kinds.js';
import { preFilterPersons } from './preFilter.js';
import { createPerson, updatePerson } from './service.js';

const PERSON_ORDER = ['name ASC', 'lastName ASC', 'firstName ASC'];

export function personSource(sim: Sim, outbreakId: string, kind?: PersonKind): Source {
  const type = kind ? TYPE_TOKEN[kind] : undefined;
  return {
    all: () => sim.state.persons.inOutbreak(outbreakId),
    byId: (id) => sim.state.persons.get(id),
    byField: {
      'documents.number': (value) => sim.state.persons.withDocumentNumber(value),
      visualId: (value) => sim.state.persons.withVisualId(value),
    },
    scope: (doc) => doc.outbreakId === outbreakId && (type === undefined || doc.type === type),
  };
}

/** The outbreak relation's findById (`__findById__cases`…): 404 without a code when absent, deleted or elsewhere. */
export function personInOutbreak(sim: Sim, outbreak: Doc, kind: PersonKind, id: string): Doc {
  const doc = sim.state.persons.get(id);
  if (!isOfKind(doc, kind) || doc.deleted === true || doc.outbreakId !== outbreak.id) {
    throw plainError(404, `No instance with id ${id} found for ${kind}`);
  }
  return doc;
}

function prepared(sim: Sim, outbreakId: string, filter: Filter): Filter {
  return { ...filter, where: preFilterPersons(sim, outbreakId, asRecord(filter.where)) };
}

/** rawCountDocuments: `{count}`, plus `hasMore` only when a limit (or flags.applyHasMoreLimit) applied. */
function filteredCount(sim: Sim, source: Source, filter: Filter): { count: number; hasMore?: boolean } {
  const { includeDeletedRecords, ...where } = asRecord(filter.where) ?? {};
  const includeDeleted = includeDeletedRecords === true || filter.deleted === true;
  const matched = select(source, where, includeDeleted).length;
  const flags = asRecord(filter.flags);
  const limit = limitOf(filter.limit) ?? (flags?.applyHasMoreLimit ? sim.config.countLimit : undefined);
  const available = Math.max(0, matched - skipOf(filter));
  if (limit === undefined) return { count: available };
  const count = Math.min(available, limit);
  return { count, hasMore: count >= limit };
}

export function personRoutes(sim: Sim, kind: PersonKind, segment: string): RouteDef[] {
  const base = `/api/outbreaks/:outbreakId/${segment}`;
  const perm = (action: string): RouteDef['access'] => ({
    kind: 'permission',
    permission: `${kind}_${action}`,
  });
  const list = (call: Call): unknown => {
    const outbreak = call.outbreak();
    return find(personSource(sim, outbreak.id, kind), prepared(sim, outbreak.id, filterArg(call)), {
      defaultOrder: PERSON_ORDER,
      cache: sim.cache,
      cacheKey: `${kind}:${outbreak.id}`,
    }).map(personJson);
  };
  const counted = (call: Call): unknown => {
    const outbreak = call.outbreak();
    return filteredCount(
      sim,
      personSource(sim, outbreak.id, kind),
      prepared(sim, outbreak.id, filterArg(call)),
    );
  };
  const routes: RouteDef[] = [
    { method: 'GET', url: base, access: perm('list'), handler: list },
    { method: 'POST', url: `${base}/filter`, access: perm('list'), handler: list },
    {
      method: kind === 'event' ? 'GET' : ['GET', 'POST'],
      url: `${base}/filtered-count`,
      access: perm('list'),
      handler: counted,
    },
    {
      method: 'POST',
      url: base,
      access: perm('create'),
      handler: (call) => personJson(createPerson(sim, call.outbreak(), kind, call.body, authorOf(sim, call))),
    },
    {
      method: 'POST',
      url: `${base}/generate-visual-id`,
      access: perm('generate_visual_id'),
      handler: (call) => {
        const outbreak = call.outbreak();
        const body = asRecord(call.body) ?? {};
        const mask = body.visualIdMask ?? call.query.visualIdMask;
        const personId = body.personId ?? call.query.personId;
        return (
          sim.state.visualIds.resolve(
            outbreak,
            TYPE_TOKEN[kind],
            mask,
            typeof personId === 'string' ? personId : null,
          ) ?? null
        );
      },
    },
    {
      method: 'GET',
      url: `${base}/:personId`,
      access: perm('view'),
      handler: (call) =>
        personJson(
          project(
            personInOutbreak(sim, call.outbreak(), kind, call.params.personId ?? ''),
            filterArg(call).fields,
          ),
        ),
    },
    {
      method: 'PUT',
      url: `${base}/:personId`,
      access: perm('modify'),
      handler: (call) => {
        const outbreak = call.outbreak();
        const doc = personInOutbreak(sim, outbreak, kind, call.params.personId ?? '');
        return personJson(updatePerson(sim, outbreak, kind, doc, call.body, authorOf(sim, call)));
      },
    },
    {
      method: 'DELETE',
      url: `${base}/:personId`,
      access: perm('delete'),
      handler: (call) => {
        deletePerson(
          sim,
          personInOutbreak(sim, call.outbreak(), kind, call.params.personId ?? ''),
          authorOf(sim, call),
        );
        return undefined;
      },
    },
    {
      method: 'POST',
      url: `${base}/:personId/restore`,
      access: perm('restore'),
      handler: (call) => {
        call.outbreak();
        return personJson(restorePerson(sim, kind, call.params.personId ?? '', authorOf(sim, call)));
      },
    },
  ];
  if (kind === 'case') {
    routes.push({
      method: 'GET',
      url: `${base}/count`,
      access: perm('list'),
      handler: (call) => {
        const outbreak = call.outbreak();
        const { includeDeletedRecords, ...where } = whereArg(call) ?? {};
        const source = personSource(sim, outbreak.id, kind);
        return {
          count: select(source, where, includeDeletedRecords === true || includeDeletedRecords === 'true')
            .length,
        };
      },
    });
  }
  if (kind === 'case' || kind === 'contact') {
    routes.push({
      method: 'PUT',
      url: `${base}/bulk`,
      access: perm('bulk_modify'),
      handler: (call) => modifyMany(sim, call.outbreak(), kind, call.body, authorOf(sim, call)),
    });
  }
  if (kind === 'case' || kind === 'event') {
    routes.push({
      method: 'POST',
      url: `${base}/:personId/contacts`,
      access: perm('create_bulk_contact'),
      handler: (call) =>
        createContactsWithExposure(
          sim,
          call.outbreak(),
          kind,
          call.params.personId ?? '',
          call.body,
          authorOf(sim, call),
        ),
    });
  }
  return routes;
}

/** GET /outbreaks/{id}/people: every person type, `type` visible. */
export function peopleRoute(sim: Sim): RouteDef {
  return {
    method: 'GET',
    url: '/api/outbreaks/:outbreakId/people',
    access: { kind: 'permission', permission: 'case_list' },
    handler: (call) => {
      const outbreak = call.outbreak();
      return find(personSource(sim, outbreak.id), filterArg(call), { defaultOrder: PERSON_ORDER }).map(
        (d) => ({ ...d }),
      );
    },
  };
}
