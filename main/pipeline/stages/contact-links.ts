import type { Enrollment, TrackedEntity } from '../../dhis2/index.js';
import { hasErrors, mapContactRelationship, validateForGoData, type CaseLink, type GoDataRules, type MappingContext, type OutbreakGroup } from '../../mapping/index.js';
import type { IdMapEntry } from '../../store/index.js';
import { payloadHash } from '../hash.js';
import { isRecordError } from '../person-writer.js';
import type { StageContext } from '../runner.js';

/** A contact's DHIS2 link to a case whose Go.Data case exists. */
export interface LinkedCase {
  link: CaseLink;
  case: IdMapEntry;
}

export interface LinkWrite {
  /** What happened to the relationship, for the contact's outcome. */
  result: 'created' | 'updated' | 'unchanged' | 'failed';
  message?: string;
}

export function relationshipFields(
  contact: TrackedEntity,
  enrollment: Enrollment,
  linked: LinkedCase,
  group: OutbreakGroup,
  mapping: MappingContext,
  rules: GoDataRules,
) {
  const { document, issues, sources } = mapContactRelationship(contact, enrollment, linked.link.relationship, group, mapping);
  issues.push(...validateForGoData('relationship', document, { version: rules, sources }));
  return { fields: document, issues, invalid: hasErrors(issues) };
}

/**
 * Makes sure the Go.Data relationship for one DHIS2 link exists and carries the mapped exposure fields. Known
 * relationships (ID map) are updated only when their fields changed; unknown ones are looked up by their pair
 * before a create, since Go.Data does not stop duplicates.
 */
export async function ensureLink(
  ctx: StageContext,
  outbreakId: string,
  contactId: string,
  linked: LinkedCase,
  fields: Record<string, unknown>,
): Promise<LinkWrite> {
  const { session, signal } = ctx;
  const key = linked.link.relationship.relationship;
  const hash = payloadHash({ outbreakId, contactId, caseId: linked.case.godataId, fields });
  const entry = session.target.idMap.get('relationship', key);
  if (entry && !entry.deleted && entry.payloadHash === hash) return { result: 'unchanged' };
  try {
    const written = await session.godata.relationships.ensure(outbreakId, { kind: 'contact', id: contactId }, linked.case.godataId, fields, signal);
    session.target.idMap.record({
      entity: 'relationship',
      dhis2Uid: key,
      godataId: written.relationship.id ?? '',
      outbreakId,
      sourceUpdatedAt: linked.link.relationship.updatedAt,
      payloadHash: hash,
    });
    return { result: entry && !entry.deleted ? 'updated' : written.outcome };
  } catch (error) {
    if (isRecordError(error)) return { result: 'failed', message: error.message };
    throw error;
  }
}

export function recordLink(ctx: StageContext, linked: LinkedCase, outbreakId: string, contactId: string, relationshipId: string, fields: Record<string, unknown>): void {
  ctx.session.target.idMap.record({
    entity: 'relationship',
    dhis2Uid: linked.link.relationship.relationship,
    godataId: relationshipId,
    outbreakId,
    sourceUpdatedAt: linked.link.relationship.updatedAt,
    payloadHash: payloadHash({ outbreakId, contactId, caseId: linked.case.godataId, fields }),
  });
}
