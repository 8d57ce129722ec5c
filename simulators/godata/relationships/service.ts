import { apiError, duplicateKeyError } from '../errors.js';
import type { Sim } from '../http/router.js';
import { coerce, stripReadOnly } from '../model/coerce.js';
import { markDeleted, newId, stampCreate, stampUpdate, type Author } from '../model/records.js';
import { assertValid, uniquenessError } from '../model/validation.js';
import { relationshipActive } from '../persons/classification.js';
import { afterRelationshipSaved, liveRelationshipsOf } from '../persons/effects.js';
import {
  CONTACT_OF_CONTACT_TOKEN,
  isDiscardedCase,
  isOfKind,
  TYPE_TOKEN,
  type PersonKind,
} from '../persons/kinds.js';
import type { Doc } from '../state.js';
import { asRecord, str } from '../text.js';

/**
 * Person-scoped relationships (Outbreak.helpers.validateAndNormalizePeople / createPersonRelationship /
 * updatePersonRelationship / deletePersonRelationship).
 */

type Participant = { id: string; type?: string; source?: boolean; target?: boolean };

function validationFailure(details: string): never {
  throw apiError('VALIDATION_ERROR', { model: 'relationship', details });
}

/** Only persons[0].id is read; the server decides types and direction. Missing/empty persons pass through. */
function normalizePeople(sim: Sim, routeId: string, routeType: string, data: Record<string, unknown>): void {
  if (!Array.isArray(data.persons) || data.persons.length === 0) return;
  const id = asRecord(data.persons[0])?.id;
  if (id === undefined) validationFailure('"persons[0]" must contain "id"');
  if (id === routeId) validationFailure('You cannot link a person to itself');
  const other = sim.state.persons.get(str(id));
  if (!other || other.deleted === true) throw apiError('MODEL_NOT_FOUND', { model: 'person', id });
  if (isDiscardedCase(other)) throw apiError('INVALID_RELATIONSHIP_WITH_DISCARDED_CASE', { id: other.id });
  const first: Participant = { id: other.id, type: String(other.type) };
  const second: Participant = { id: routeId, type: routeType };
  if (first.type === CONTACT_OF_CONTACT_TOKEN) [first.target, second.source] = [true, true];
  else if (second.type === CONTACT_OF_CONTACT_TOKEN) [first.source, second.target] = [true, true];
  else if (second.type === TYPE_TOKEN.event || second.type === TYPE_TOKEN.case)
    [first.target, second.source] = [true, true];
  else if (first.type === TYPE_TOKEN.contact) [first.target, second.source] = [true, true];
  else [first.source, second.target] = [true, true];
  data.persons = [first, second];
}

/** The route person must exist (live, of that kind, any outbreak); a discarded case refuses new links. */
export function requireRoutePerson(sim: Sim, kind: PersonKind, id: string): Doc {
  const person = sim.state.persons.get(id);
  if (!isOfKind(person, kind) || person.deleted === true)
    throw apiError('MODEL_NOT_FOUND', { model: kind, id });
  if (isDiscardedCase(person)) throw apiError('INVALID_RELATIONSHIP_WITH_DISCARDED_CASE', { id });
  return person;
}

export function createRelationship(
  sim: Sim,
  outbreak: Doc,
  kind: PersonKind,
  routeId: string,
  body: unknown,
  author: Author,
): Doc {
  requireRoutePerson(sim, kind, routeId);
  const input = { ...(asRecord(body) ?? {}) };
  normalizePeople(sim, routeId, TYPE_TOKEN[kind], input);
  const stripped = stripReadOnly('relationship', input, sim.config.allowCustomIDsOnCreate ? ['id'] : []);
  const { data, invalidDates } = coerce('relationship', stripped, true);
  data.outbreakId = outbreak.id;
  data.active = relationshipActive(sim, data.persons);
  const id = typeof data.id === 'string' && data.id ? data.id : newId();
  data.id = id;
  const existing = sim.state.relationships.get(id);
  const extra = existing && existing.deleted !== true ? [uniquenessError('id', id)] : [];
  assertValid({ model: 'relationship', version: sim.config.version, doc: data, invalidDates, extra });
  if (existing) throw duplicateKeyError('relationship', id);
  stampCreate(data, author);
  const doc = data as Doc;
  sim.state.relationships.put(doc);
  afterRelationshipSaved(sim, doc, [], author);
  sim.state.touch();
  return doc;
}

function involves(rel: Doc | undefined, personId: string): rel is Doc {
  return (
    rel !== undefined &&
    rel.deleted !== true &&
    Array.isArray(rel.persons) &&
    rel.persons.some((p: { id?: unknown }) => p?.id === personId)
  );
}

export function findPersonRelationship(sim: Sim, kind: PersonKind, personId: string, relId: string): Doc {
  const rel = sim.state.relationships.get(relId);
  if (!involves(rel, personId)) {
    throw apiError('MODEL_NOT_FOUND_IN_CONTEXT', {
      model: 'relationship',
      id: relId,
      contextModel: kind,
      contextId: personId,
    });
  }
  return rel;
}

export function updateRelationship(
  sim: Sim,
  kind: PersonKind,
  routeId: string,
  relId: string,
  body: unknown,
  author: Author,
): Doc {
  if (kind === 'case') requireRoutePerson(sim, kind, routeId);
  const input = { ...(asRecord(body) ?? {}) };
  normalizePeople(sim, routeId, TYPE_TOKEN[kind], input);
  const rel = findPersonRelationship(sim, kind, routeId, relId);
  const { data, invalidDates } = coerce('relationship', stripReadOnly('relationship', input), false);
  delete data.id;
  const formerIds = (rel.persons as Participant[]).map((p) => p.id);
  const next = { ...rel, ...data };
  data.active = relationshipActive(sim, next.persons);
  assertValid({
    model: 'relationship',
    version: sim.config.version,
    doc: { ...next, active: data.active },
    invalidDates,
  });
  sim.state.relationships.mutate(rel, (r) => {
    Object.assign(r, data);
    stampUpdate(r, author);
  });
  afterRelationshipSaved(sim, rel, formerIds, author);
  sim.state.touch();
  return rel;
}

/** Refuses to remove the last case/event exposure of a contact that is the target of this relationship. */
export function deleteRelationship(
  sim: Sim,
  routeId: string,
  relId: string,
  author: Author,
): { count: number } | undefined {
  const rel = sim.state.relationships.get(relId);
  if (!involves(rel, routeId)) return undefined;
  const persons = rel.persons as Participant[];
  const exposed = persons.find(
    (p) => p.target === true && (p.type === TYPE_TOKEN.contact || p.type === CONTACT_OF_CONTACT_TOKEN),
  );
  if (exposed) {
    const sources =
      exposed.type === CONTACT_OF_CONTACT_TOKEN ? [TYPE_TOKEN.contact] : [TYPE_TOKEN.case, TYPE_TOKEN.event];
    const others = liveRelationshipsOf(sim, exposed.id).filter((other) => {
      if (other.id === relId) return false;
      const [a, b] = other.persons as Participant[];
      return (
        (a?.id === exposed.id && a.target === true && sources.includes(String(b?.type))) ||
        (b?.id === exposed.id && b.target === true && sources.includes(String(a?.type)))
      );
    });
    if (others.length === 0) throw apiError('DELETE_CONTACT_LAST_RELATIONSHIP', { contactIDs: [routeId] });
  }
  markDeleted(rel, author);
  afterRelationshipSaved(sim, rel, [], author);
  sim.state.touch();
  return { count: 1 };
}
