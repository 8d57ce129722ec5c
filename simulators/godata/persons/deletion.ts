import { apiError } from '../errors.js';
import type { Sim } from '../http/router.js';
import { markDeleted, markRestored, type Author } from '../model/records.js';
import type { Doc } from '../state.js';
import { afterRelationshipSaved, liveRelationshipsOf } from './effects.js';
import { ARCHIVED_ID, isOfKind, TYPE_TOKEN, type PersonKind } from './kinds.js';

/**
 * Soft delete and restore of persons with Go.Data's cascades: relationships (marked `deletedByParent`), contacts
 * left without any other case/event exposure, and the visualId archived as an ARCHIVED_ID document.
 */

type Participant = { id?: unknown; type?: unknown };

const people = (rel: Doc): Participant[] =>
  Array.isArray(rel.persons) ? (rel.persons as Participant[]) : [];

/** Case/Event.getIsolatedContacts: live contacts whose only case/event exposure is `sourceId`. */
function isolatedContacts(sim: Sim, sourceId: string): Doc[] {
  const exposureTypes = [TYPE_TOKEN.case, TYPE_TOKEN.event];
  const out: Doc[] = [];
  for (const rel of liveRelationshipsOf(sim, sourceId)) {
    const contactRef = people(rel).find((p) => p.type === TYPE_TOKEN.contact && p.id !== sourceId);
    const contact = contactRef ? sim.state.persons.get(String(contactRef.id)) : undefined;
    if (!contact || contact.deleted === true || !isOfKind(contact, 'contact') || out.includes(contact))
      continue;
    const otherExposure = liveRelationshipsOf(sim, contact.id).some((other) =>
      people(other).some(
        (p) => p.id !== contact.id && p.id !== sourceId && exposureTypes.includes(String(p.type)),
      ),
    );
    if (!otherExposure) out.push(contact);
  }
  return out;
}

export function deletePerson(sim: Sim, doc: Doc, author: Author, deletedByParent?: string): void {
  const isolated =
    doc.type === TYPE_TOKEN.case || doc.type === TYPE_TOKEN.event ? isolatedContacts(sim, doc.id) : [];
  const previousVisualId = doc.visualId;
  sim.state.persons.mutate(doc, (d) => {
    if (typeof d.visualId === 'string' && d.visualId) {
      const documents: unknown[] = Array.isArray(d.documents) ? d.documents : [];
      d.documents = [...documents, { type: ARCHIVED_ID, number: d.visualId }];
      d.visualId = null;
    }
    markDeleted(d, author, deletedByParent);
  });
  sim.state.visualIds.change(String(doc.outbreakId), doc.id, previousVisualId, null);
  for (const rel of liveRelationshipsOf(sim, doc.id)) {
    if (rel.deletedByParent) continue;
    markDeleted(rel, author, doc.id);
    afterRelationshipSaved(sim, rel, [], author);
  }
  for (const contact of isolated) if (contact.deleted !== true) deletePerson(sim, contact, author, doc.id);
  sim.state.touch();
}

function restoreOne(sim: Sim, doc: Doc, author: Author): void {
  sim.state.persons.mutate(doc, (d) => markRestored(d, author));
  for (const rel of sim.state.relationships.ofPerson(doc.id)) {
    if (rel.deleted !== true || rel.deletedByParent !== doc.id) continue;
    markRestored(rel, author);
    rel.deletedByParent = null;
    afterRelationshipSaved(sim, rel, [], author);
  }
}

/** POST …/{kind}/{id}/restore: only a soft-deleted record of that kind; children deleted with it come back. */
export function restorePerson(sim: Sim, kind: PersonKind, id: string, author: Author): Doc {
  const doc = sim.state.persons.get(id);
  if (!isOfKind(doc, kind) || doc.deleted !== true) throw apiError('MODEL_NOT_FOUND', { model: kind, id });
  restoreOne(sim, doc, author);
  if (kind === 'case' || kind === 'event') {
    for (const contact of sim.state.persons.inOutbreak(String(doc.outbreakId))) {
      if (contact.deleted !== true || contact.deletedByParent !== id || !isOfKind(contact, 'contact'))
        continue;
      contact.deletedByParent = null;
      restoreOne(sim, contact, author);
    }
  }
  sim.state.touch();
  return doc;
}
