import type { Sim } from '../http/router.js';
import { stampUpdate, type Author } from '../model/records.js';
import type { Doc } from '../state.js';
import { afterRelationshipSaved, liveRelationshipsOf } from './effects.js';
import { isDiscardedCase, TYPE_TOKEN } from './kinds.js';

/** Relationship "before save": inactive as soon as one participating (live) case is discarded. */
export function relationshipActive(sim: Sim, persons: unknown): boolean {
  if (!Array.isArray(persons)) return true;
  return !persons.some((p: { id?: unknown; type?: unknown }) => {
    if (p?.type !== TYPE_TOKEN.case) return false;
    const person = sim.state.persons.get(String(p.id));
    return person !== undefined && person.deleted !== true && isDiscardedCase(person);
  });
}

/** A case switched to/from discarded: its case–contact relationships are re-saved (active flag, follow-ups). */
export function onClassificationToggled(sim: Sim, caseDoc: Doc, author: Author): void {
  for (const rel of liveRelationshipsOf(sim, caseDoc.id)) {
    const types = Array.isArray(rel.persons) ? rel.persons.map((p: { type?: unknown }) => p?.type) : [];
    if (!types.includes(TYPE_TOKEN.case) || !types.includes(TYPE_TOKEN.contact)) continue;
    sim.state.relationships.mutate(rel, (r) => {
      r.active = relationshipActive(sim, r.persons);
      stampUpdate(r, author);
    });
    afterRelationshipSaved(sim, rel, [], author);
  }
}
