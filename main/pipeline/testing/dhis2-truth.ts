import type { Dhis2Simulator } from '../../../simulators/dhis2/index.js';

/**
 * What the DHIS2 simulator holds, read straight from its store (not through the engine or the mapping), so the
 * tests check the engine against an independent source of truth.
 */
export interface Dhis2Truth {
  cases: string[];
  contacts: string[];
  events: string[];
  /** Contact tracked entity → the case tracked entity its relationship names, whichever side it was entered on. */
  caseOfContact: Map<string, string>;
  /** How many relationships were entered contact → case (the other direction is case → contact). */
  enteredFromContact: number;
}

export function dhis2Truth(sim: Dhis2Simulator): Dhis2Truth {
  const generated = sim.data.generated;
  if (!generated) throw new Error('the DHIS2 simulator has no generated dataset');
  const live = <T extends { deleted: boolean }>(record: T | undefined): record is T =>
    record !== undefined && !record.deleted;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const cases = range(generated.cases)
    .map((i) => generated.caseUid(i))
    .filter((uid) => live(sim.data.trackedEntity(uid)));
  const contacts = range(generated.contacts)
    .map((j) => generated.contactUid(j))
    .filter((uid) => live(sim.data.trackedEntity(uid)));
  const events = range(generated.events)
    .map((k) => generated.eventUid(k))
    .filter((uid) => live(sim.data.event(uid)));
  const caseOfContact = new Map<string, string>();
  let enteredFromContact = 0;
  for (const j of range(generated.contacts)) {
    const relationship = sim.data.relationship(generated.relationshipUid(j));
    if (!relationship || relationship.deleted) continue;
    const contact = generated.contactUid(j);
    const from = 'trackedEntity' in relationship.from ? relationship.from.trackedEntity : undefined;
    const to = 'trackedEntity' in relationship.to ? relationship.to.trackedEntity : undefined;
    const other = from === contact ? to : from;
    if (from === contact) enteredFromContact++;
    if (other) caseOfContact.set(contact, other);
  }
  return { cases, contacts, events, caseOfContact, enteredFromContact };
}
