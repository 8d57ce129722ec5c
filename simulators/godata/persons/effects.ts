import type { Sim } from '../http/router.js';
import { stampUpdate, type Author } from '../model/records.js';
import type { Doc } from '../state.js';
import { str } from '../text.js';
import { CONTACT_OF_CONTACT_TOKEN, TYPE_TOKEN, UNDER_FOLLOW_UP } from './kinds.js';

/**
 * Derived person fields Go.Data keeps in step with relationships (relationship "after save", person
 * updateDateOfLastContactIfNeeded, Contact/Case.determineFollowUpDates). Dates are UTC (server timezone).
 */

const DAY = 86_400_000;

export function startOfDay(iso: unknown, nowIso: string): number {
  const time = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  const base = Number.isNaN(time) ? Date.parse(nowIso) : time;
  return base - (((base % DAY) + DAY) % DAY);
}

const toIso = (time: number): string => new Date(time).toISOString();

type Participant = { id?: unknown; type?: unknown; source?: unknown; target?: unknown };

function participants(rel: Doc): Participant[] {
  return Array.isArray(rel.persons) ? (rel.persons as Participant[]) : [];
}

export function liveRelationshipsOf(sim: Sim, personId: string): Doc[] {
  return sim.state.relationships.ofPerson(personId).filter((r) => r.deleted !== true);
}

/** The newest active exposure (order `contactDate DESC`, missing dates last). */
function newestExposure(sim: Sim, person: Doc): Doc | undefined {
  const types =
    person.type === CONTACT_OF_CONTACT_TOKEN ? [TYPE_TOKEN.contact] : [TYPE_TOKEN.case, TYPE_TOKEN.event];
  let best: Doc | undefined;
  let bestTime = Number.NEGATIVE_INFINITY;
  for (const rel of liveRelationshipsOf(sim, person.id)) {
    if (rel.active !== true || !participants(rel).some((p) => types.includes(String(p.type)))) continue;
    const time = typeof rel.contactDate === 'string' ? Date.parse(rel.contactDate) : Number.NEGATIVE_INFINITY;
    if (best === undefined || time > bestTime) {
      best = rel;
      bestTime = time;
    }
  }
  return best;
}

function update(sim: Sim, person: Doc, author: Author, change: (doc: Doc) => void): void {
  sim.state.persons.mutate(person, (doc) => {
    change(doc);
    stampUpdate(doc, author);
  });
}

/** hasRelationships, relationshipsRepresentation, numberOfContacts (as source), numberOfExposures (as target). */
export function refreshRelationshipFields(sim: Sim, person: Doc, author: Author): void {
  const representation = liveRelationshipsOf(sim, person.id).map((rel) => {
    const people = participants(rel);
    const self = people.find((p) => p.id === person.id) ?? {};
    const other = people.find((p) => p !== self) ?? {};
    return {
      id: rel.id,
      active: rel.active,
      otherParticipantType: other.type,
      otherParticipantId: other.id,
      target: self.target,
      source: self.source,
    };
  });
  update(sim, person, author, (doc) => {
    doc.hasRelationships = representation.length > 0;
    doc.relationshipsRepresentation = representation;
    doc.numberOfContacts = representation.filter((r) => r.source === true).length;
    doc.numberOfExposures = representation.filter((r) => r.target === true).length;
  });
}

/** updateDateOfLastContactIfNeeded (runs after every update of an existing person). */
export function refreshDateOfLastContact(sim: Sim, person: Doc, author: Author): void {
  const contactDate = newestExposure(sim, person)?.contactDate;
  const next = typeof contactDate === 'string' ? contactDate : null;
  const current = typeof person.dateOfLastContact === 'string' ? person.dateOfLastContact : null;
  if (
    (current === null) !== (next === null) ||
    (current !== null && next !== null && Date.parse(current) !== Date.parse(next))
  ) {
    update(sim, person, author, (doc) => {
      doc.dateOfLastContact = next;
    });
  }
}

function sameTime(a: unknown, b: unknown): boolean {
  if (!a || !b) return !a && !b;
  return Date.parse(str(a)) === Date.parse(str(b));
}

/** Contact.determineFollowUpDates: window from the newest active exposure; replaces `followUp` when it moved. */
export function refreshContactFollowUp(
  sim: Sim,
  contact: Doc,
  outbreak: Doc | undefined,
  author: Author,
): void {
  const previous = (contact.followUp ?? undefined) as Record<string, unknown> | undefined;
  const next: Record<string, unknown> = { status: previous?.status || UNDER_FOLLOW_UP };
  if (previous?.originalStartDate) next.originalStartDate = previous.originalStartDate;
  let changed = false;
  const exposure = newestExposure(sim, contact);
  if (exposure) {
    const sameDay = outbreak?.generateFollowUpsDateOfLastContact === true;
    const start = startOfDay(exposure.contactDate, author.now) + (sameDay ? 0 : DAY);
    next.startDate = toIso(start);
    if (!next.originalStartDate) {
      changed = true;
      next.originalStartDate = toIso(start);
    }
    const period = Number(outbreak?.periodOfFollowup);
    next.endDate = toIso(Number.isNaN(period) ? start : start + (period - 1) * DAY);
    if (sameDay) next.generateFollowUpsDateOfLastContact = true;
  }
  if (!previous || !sameTime(previous.startDate, next.startDate) || !sameTime(previous.endDate, next.endDate))
    changed = true;
  if (!previous?.status) changed = true;
  if (!changed) return;
  update(sim, contact, author, (doc) => {
    doc.followUp = next;
    doc.active = next.startDate !== undefined;
  });
}

/** Case.determineFollowUpDates (case follow-up, from dateOfOnset and periodOfFollowupCases). */
export function refreshCaseFollowUp(sim: Sim, caseDoc: Doc, outbreak: Doc | undefined, author: Author): void {
  const previous = (caseDoc.followUp ?? undefined) as Record<string, unknown> | undefined;
  const next: Record<string, unknown> = { status: previous?.status || UNDER_FOLLOW_UP };
  if (previous?.originalStartDate) next.originalStartDate = previous.originalStartDate;
  const onset = caseDoc.dateOfOnset;
  let changed = !onset;
  if (onset) {
    const sameDay = outbreak?.generateFollowUpsDateOfOnset === true;
    const start = startOfDay(onset, author.now) + (sameDay ? 0 : DAY);
    next.startDate = toIso(start);
    if (!next.originalStartDate) {
      changed = true;
      next.originalStartDate = toIso(start);
    }
    const period = Number(outbreak?.periodOfFollowupCases);
    next.endDate = toIso(Number.isNaN(period) ? start : start + (period - 1) * DAY);
    if (sameDay) next.generateFollowUpsDateOfOnset = true;
    if (
      !previous ||
      !sameTime(previous.startDate, next.startDate) ||
      !sameTime(previous.endDate, next.endDate)
    )
      changed = true;
  }
  if (!changed && previous?.status) return;
  update(sim, caseDoc, author, (doc) => {
    doc.followUp = next;
    doc.active = !onset || next.startDate !== undefined;
  });
}

/** Relationship "after save": both (and former) participants, then the contact's follow-up window. */
export function afterRelationshipSaved(
  sim: Sim,
  rel: Doc,
  formerIds: readonly string[],
  author: Author,
): void {
  const ids = new Set([...participants(rel).map((p) => String(p.id)), ...formerIds]);
  for (const id of ids) {
    const person = sim.state.persons.get(id);
    if (!person) continue;
    refreshRelationshipFields(sim, person, author);
    refreshDateOfLastContact(sim, person, author);
  }
  const contactId = participants(rel).find((p) => p.type === TYPE_TOKEN.contact)?.id;
  const contact = typeof contactId === 'string' ? sim.state.persons.get(contactId) : undefined;
  if (contact) {
    refreshContactFollowUp(sim, contact, sim.state.outbreaks.get(String(contact.outbreakId)), author);
    refreshDateOfLastContact(sim, contact, author);
  }
}
