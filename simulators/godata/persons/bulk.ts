import { apiError, embeddedError, plainError } from '../errors.js';
import type { Sim } from '../http/router.js';
import type { Author } from '../model/records.js';
import { createRelationship } from '../relationships/service.js';
import type { Doc } from '../state.js';
import { asRecord, str } from '../text.js';
import { deletePerson } from './deletion.js';
import { isOfKind, personJson, TYPE_TOKEN, type PersonKind } from './kinds.js';
import { createPerson, updatePerson } from './service.js';

interface Failed {
  recordNo: number;
  error: Record<string, unknown>;
}

function requireArray(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw plainError(400, 'Value is not an array.');
  return body;
}

/**
 * POST …/cases/{id}/contacts and …/events/{id}/contacts (Outbreak.createPersonMultipleContacts): sequential;
 * a contact whose relationship fails is soft-deleted again; any failure → 422 with failed and success lists.
 */
export function createContactsWithExposure(
  sim: Sim,
  outbreak: Doc,
  sourceKind: PersonKind,
  sourceId: string,
  body: unknown,
  author: Author,
): unknown[] {
  const entries = requireArray(body);
  if (entries.length === 0) throw apiError('CONTACT_AND_RELATIONSHIP_REQUIRED');
  const bulkAuthor: Author = { ...author, platform: 'BULK' };
  const failed: Failed[] = [];
  const success: Array<Record<string, unknown>> = [];
  entries.forEach((raw, recordNo) => {
    const entry = asRecord(raw);
    const contactBody = asRecord(entry?.contact);
    const relationshipBody = asRecord(entry?.relationship);
    if (!contactBody || !relationshipBody) {
      failed.push({ recordNo, error: embeddedError(apiError('CONTACT_AND_RELATIONSHIP_REQUIRED')) });
      return;
    }
    let contact: Doc;
    let contactJson: Record<string, unknown>;
    try {
      contact = createPerson(sim, outbreak, 'contact', contactBody, bulkAuthor);
      // The answer carries the contact as created, before the relationship updated it.
      contactJson = personJson(structuredClone(contact));
    } catch (error) {
      failed.push({ recordNo, error: embeddedError(error) });
      return;
    }
    const relationship = {
      ...relationshipBody,
      persons: [{ id: contact.id, type: TYPE_TOKEN.contact, target: true }],
    };
    try {
      const rel = createRelationship(sim, outbreak, sourceKind, sourceId, relationship, bulkAuthor);
      success.push({ recordNo, contact: contactJson, relationship: { ...rel } });
    } catch (error) {
      failed.push({ recordNo, error: embeddedError(error) });
      deletePerson(sim, contact, bulkAuthor);
    }
  });
  if (failed.length > 0) throw apiError('MULTIPLE_CONTACTS_CREATION_PARTIAL_SUCCESS', { failed, success });
  return success;
}

/** PUT …/cases/bulk and …/contacts/bulk (Outbreak.modifyMultiplePersons): `[{recordNo, contact}]`. */
export function modifyMany(
  sim: Sim,
  outbreak: Doc,
  kind: PersonKind,
  body: unknown,
  author: Author,
): unknown[] {
  const entries = requireArray(body);
  const failed: Failed[] = [];
  const success: Array<Record<string, unknown>> = [];
  entries.forEach((raw, recordNo) => {
    const entry = asRecord(raw) ?? {};
    const id = entry.id;
    if (!id) {
      failed.push({ recordNo, error: embeddedError(apiError('CONTACT_ID_REQUIRED')) });
      return;
    }
    const doc = sim.state.persons.get(str(id));
    if (!isOfKind(doc, kind) || doc.deleted === true) {
      failed.push({ recordNo, error: embeddedError(apiError('MODEL_NOT_FOUND', { model: kind, id })) });
      return;
    }
    try {
      const personOutbreak = sim.state.outbreaks.get(String(doc.outbreakId)) ?? outbreak;
      success.push({
        recordNo,
        contact: personJson(updatePerson(sim, personOutbreak, kind, doc, entry, author)),
      });
    } catch (error) {
      failed.push({ recordNo, error: embeddedError(error) });
    }
  });
  if (failed.length > 0) throw apiError('MULTIPLE_CONTACTS_UPDATE_PARTIAL_SUCCESS', { failed, success });
  return success;
}
