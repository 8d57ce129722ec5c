import type { Enrollment, TrackedEntity } from '../../dhis2/index.js';
import {
  hasErrors,
  mapContactRelationship,
  validateForGoData,
  type CaseLink,
  type GoDataRules,
  type MappingContext,
  type OutbreakGroup,
} from '../../mapping/index.js';
import { GoDataError } from '../../godata/index.js';
import type { IdMapEntry, OutcomeInput } from '../../store/index.js';
import { payloadHash } from '../hash.js';
import { isRecordError } from '../write-failures.js';
import type { StageContext } from '../runner.js';

/** A contact's DHIS2 link to a case whose Go.Data case exists. */
export interface LinkedCase {
  link: CaseLink;
  case: IdMapEntry;
}

export interface LinkWrite {
  /** What happened to the relationship, for the contact's outcome. */
  result: 'created' | 'updated' | 'unchanged' | 'failed' | 'discarded';
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
  const { document, issues, sources } = mapContactRelationship(
    contact,
    enrollment,
    linked.link.relationship,
    group,
    mapping,
  );
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
    const written = await session.godata.relationships.ensure(
      outbreakId,
      { kind: 'contact', id: contactId },
      linked.case.godataId,
      fields,
      signal,
    );
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
    if (isDiscardedCaseRefusal(error)) return { result: 'discarded' };
    if (isRecordError(error)) return { result: 'failed', message: error.message };
    throw error;
  }
}

const DISCARDED = 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED';

/**
 * Go.Data ids of the outbreak's cases classified "not a case (discarded)", read once per run (one query). A
 * contact is not sent with a new exposure to one of them: Go.Data would create the contact, refuse the exposure,
 * roll the contact back into its bin — and a retry would restore and delete it again on every run.
 */
export function discardedCasesOf(ctx: StageContext): (outbreakId: string) => Promise<ReadonlySet<string>> {
  const cache = new Map<string, Promise<ReadonlySet<string>>>();
  return (outbreakId) => {
    let ids = cache.get(outbreakId);
    if (!ids) {
      ids = (async () => {
        const found = new Set<string>();
        const filter = { where: { classification: DISCARDED }, fields: ['id'] };
        for await (const page of ctx.session.godata.persons.pages(
          'case',
          outbreakId,
          filter,
          undefined,
          ctx.signal,
        )) {
          for (const person of page) if (person.id) found.add(person.id);
        }
        return found;
      })();
      ids.catch(() => cache.delete(outbreakId));
      cache.set(outbreakId, ids);
    }
    return ids;
  };
}

/** Whether the bridge already made this exposure in Go.Data (kept even when its case is discarded since). */
export function isKnownLink(ctx: StageContext, linked: LinkedCase): boolean {
  const entry = ctx.session.target.idMap.get('relationship', linked.link.relationship.relationship);
  return entry !== undefined && !entry.deleted;
}

/** Go.Data refuses new exposures to a case classified "not a case (discarded)" (godata-api.md §8.6). */
export function isDiscardedCaseRefusal(error: unknown): boolean {
  return error instanceof GoDataError && error.code === 'INVALID_RELATIONSHIP_WITH_DISCARDED_CASE';
}

/**
 * Not a failure of the contact's data: its case is discarded in Go.Data. The contact waits (and is retried each
 * run) until the case is reclassified in DHIS2.
 */
export function discardedCaseOutcome(uid: string, linked: LinkedCase): OutcomeInput {
  return {
    entity: 'contact',
    dhis2Uid: uid,
    outcome: 'deferred',
    reason: `its case ${linked.link.caseTrackedEntity} is classified "not a case (discarded)" in Go.Data, which refuses exposures to discarded cases; it is linked once the case is reclassified`,
  };
}

export function recordLink(
  ctx: StageContext,
  linked: LinkedCase,
  outbreakId: string,
  contactId: string,
  relationshipId: string,
  fields: Record<string, unknown>,
): void {
  ctx.session.target.idMap.record({
    entity: 'relationship',
    dhis2Uid: linked.link.relationship.relationship,
    godataId: relationshipId,
    outbreakId,
    sourceUpdatedAt: linked.link.relationship.updatedAt,
    payloadHash: payloadHash({ outbreakId, contactId, caseId: linked.case.godataId, fields }),
  });
}
