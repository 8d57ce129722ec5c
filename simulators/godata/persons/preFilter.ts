import { matches, type Where } from '../filter/where.js';
import type { Sim } from '../http/router.js';
import { asRecord } from '../text.js';
import { TYPE_TOKEN } from './kinds.js';

/**
 * Go.Data's preFilterForOutbreak on the case/contact/event list routes: `where.relationship`, `where.case`,
 * `where.labResult`, `where.followUp` query related collections and become an id restriction;
 * `where.noRelationships` keeps people without relationships.
 */
export function preFilterPersons(sim: Sim, outbreakId: string, where: Where | undefined): Where | undefined {
  if (!where) return where;
  const rest: Where = { ...where };
  const extra: Where[] = [];
  if (rest.noRelationships !== undefined) {
    if (rest.noRelationships === true || rest.noRelationships === 'true')
      extra.push({ hasRelationships: { neq: true } });
    delete rest.noRelationships;
  }
  const relationshipWhere = asRecord(rest.relationship);
  if (relationshipWhere) {
    delete rest.relationship;
    const ids = new Set<string>();
    for (const rel of sim.state.relationships.inOutbreak(outbreakId)) {
      if (rel.deleted === true || !matches(rel, relationshipWhere)) continue;
      for (const p of Array.isArray(rel.persons) ? rel.persons : [])
        ids.add(String((p as { id?: unknown }).id));
    }
    extra.push({ id: { inq: [...ids] } });
  }
  const caseWhere = asRecord(rest.case);
  if (caseWhere) {
    delete rest.case;
    const ids = new Set<string>();
    for (const person of sim.state.persons.inOutbreak(outbreakId)) {
      if (person.deleted === true || person.type !== TYPE_TOKEN.case || !matches(person, caseWhere)) continue;
      for (const rel of sim.state.relationships.ofPerson(person.id)) {
        if (rel.deleted === true) continue;
        for (const p of Array.isArray(rel.persons) ? rel.persons : [])
          ids.add(String((p as { id?: unknown }).id));
      }
    }
    extra.push({ id: { inq: [...ids] } });
  }
  // No lab results or follow-ups are stored here, so such a pre-filter matches nobody.
  for (const key of ['labResult', 'followUp']) {
    if (rest[key] !== undefined) {
      delete rest[key];
      extra.push({ id: { inq: [] } });
    }
  }
  return extra.length === 0 ? rest : { and: [rest, ...extra] };
}
