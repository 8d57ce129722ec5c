import { apiError } from '../errors.js';
import { count, find, project, type Source } from '../filter/query.js';
import type { Where } from '../filter/where.js';
import { filterArg, whereArg } from '../http/args.js';
import { authorOf, type Call, type RouteDef, type Sim } from '../http/router.js';
import { publicCopy } from '../model/records.js';
import { isOfKind, type PersonKind } from '../persons/kinds.js';
import type { Doc } from '../state.js';
import { asRecord } from '../text.js';
import {
  createRelationship,
  deleteRelationship,
  findPersonRelationship,
  updateRelationship,
} from './service.js';

const ORDER: string[] = [];

function outbreakSource(sim: Sim, outbreakId: string): Source {
  return {
    all: () => sim.state.relationships.inOutbreak(outbreakId),
    byId: (id) => sim.state.relationships.get(id),
    byField: { 'persons.id': (value) => sim.state.relationships.ofPerson(value) },
    scope: (doc) => doc.outbreakId === outbreakId,
  };
}

function personSource(sim: Sim, personId: string): Source {
  return {
    all: () => sim.state.relationships.ofPerson(personId),
    byId: (id) => sim.state.relationships.get(id),
  };
}

const withPerson = (personId: string, where: Where | undefined): Where =>
  where ? { and: [{ 'persons.id': personId }, where] } : { 'persons.id': personId };

/** getPersonRelationship attaches the users behind createdBy/updatedBy. */
function withUsers(sim: Sim, rel: Record<string, unknown>): Record<string, unknown> {
  const user = (id: unknown): Record<string, unknown> | undefined => {
    const record = typeof id === 'string' ? sim.state.users.get(id) : undefined;
    return record
      ? { id: record.id, firstName: record.firstName, lastName: record.lastName, email: record.email }
      : undefined;
  };
  return { ...rel, createdByUser: user(rel.createdBy), updatedByUser: user(rel.updatedBy) };
}

function requirePerson(sim: Sim, kind: PersonKind, id: string): Doc {
  const person = sim.state.persons.get(id);
  if (!isOfKind(person, kind) || person.deleted === true)
    throw apiError('MODEL_NOT_FOUND', { model: kind, id });
  return person;
}

export function personRelationshipRoutes(sim: Sim, kind: PersonKind, segment: string): RouteDef[] {
  const base = `/api/outbreaks/:outbreakId/${segment}/:personId/relationships`;
  const perm = (action: string): RouteDef['access'] => ({
    kind: 'permission',
    permission: `relationship_${action}`,
  });
  const personId = (call: Call): string => call.params.personId ?? '';
  return [
    {
      method: 'POST',
      url: base,
      access: perm('create'),
      handler: (call) =>
        publicCopy(
          createRelationship(sim, call.outbreak(), kind, personId(call), call.body, authorOf(sim, call)),
        ),
    },
    {
      method: 'GET',
      url: base,
      access: perm('list'),
      handler: (call) => {
        call.outbreak();
        const filter = filterArg(call);
        const where = withPerson(personId(call), asRecord(filter.where));
        return find(personSource(sim, personId(call)), { ...filter, where }, { defaultOrder: ORDER }).map(
          (d) => publicCopy(d),
        );
      },
    },
    {
      method: 'GET',
      url: `${base}/count`,
      access: perm('list'),
      handler: (call) => {
        call.outbreak();
        requirePerson(sim, kind, personId(call));
        return {
          count: count(personSource(sim, personId(call)), withPerson(personId(call), whereArg(call))),
        };
      },
    },
    {
      method: 'GET',
      url: `${base}/:relationshipId`,
      access: perm('view'),
      handler: (call) => {
        call.outbreak();
        const rel = findPersonRelationship(sim, kind, personId(call), call.params.relationshipId ?? '');
        return project(withUsers(sim, publicCopy(rel)), filterArg(call).fields);
      },
    },
    {
      method: 'PUT',
      url: `${base}/:relationshipId`,
      access: perm('modify'),
      handler: (call) => {
        call.outbreak();
        const rel = updateRelationship(
          sim,
          kind,
          personId(call),
          call.params.relationshipId ?? '',
          call.body,
          authorOf(sim, call),
        );
        return publicCopy(rel);
      },
    },
    {
      method: 'DELETE',
      url: `${base}/:relationshipId`,
      access: perm('delete'),
      handler: (call) => {
        call.outbreak();
        return deleteRelationship(sim, personId(call), call.params.relationshipId ?? '', authorOf(sim, call));
      },
    },
  ];
}

export function outbreakRelationshipRoutes(sim: Sim): RouteDef[] {
  const access: RouteDef['access'] = { kind: 'permission', permission: 'relationship_list' };
  return [
    {
      method: 'GET',
      url: '/api/outbreaks/:outbreakId/relationships',
      access,
      handler: (call) => {
        const outbreak = call.outbreak();
        const filter = filterArg(call);
        const where = asRecord(filter.where);
        return find(
          outbreakSource(sim, outbreak.id),
          { ...filter, where: where ? { and: [where, { outbreakId: outbreak.id }] } : undefined },
          {
            defaultOrder: ORDER,
            cache: sim.cache,
            cacheKey: `relationships:${outbreak.id}`,
          },
        ).map((d) => publicCopy(d));
      },
    },
    {
      method: 'GET',
      url: '/api/outbreaks/:outbreakId/relationships/count',
      access,
      handler: (call) => ({ count: count(outbreakSource(sim, call.outbreak().id), whereArg(call)) }),
    },
  ];
}
