import type { TrackedEntity } from '../../dhis2/index.js';
import type { ContactItemResult, GoDataPerson } from '../../godata/index.js';
import {
  caseLinksOfContact,
  hasErrors,
  mapContact,
  validateForGoData,
  type MappingContext,
  type OutbreakGroup,
} from '../../mapping/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { payloadHash } from '../hash.js';
import { godataPersonId } from '../ids.js';
import { deletePerson, issuesOutcome, writePerson } from '../person-writer.js';
import type { StageContext } from '../runner.js';
import { enrollmentIn, walkTrackerPrograms } from '../tracker-walk.js';
import { mappedTopLevelFields, usesOrgUnitGeometry } from '../walk.js';
import { outcomeOfWriteError, recordFailure, serverAnswered, serverFaultReason } from '../write-failures.js';
import {
  discardedCaseOutcome,
  discardedCasesOf,
  ensureLink,
  isDiscardedCaseRefusal,
  isKnownLink,
  recordLink,
  relationshipFields,
  type LinkedCase,
  type LinkWrite,
} from './contact-links.js';

interface GroupContext {
  mapping: MappingContext;
  fields: Set<string>;
}

/**
 * Contacts ← tracked entities of the groups' contact programs, each created in its case's outbreak and linked to
 * its case (Go.Data relationship carrying the mapped exposure fields). A contact whose case is not in Go.Data
 * yet is deferred with that reason; deferred contacts are read again on every run until they can be linked.
 */
export async function contactsStage(ctx: StageContext): Promise<void> {
  const { session, signal } = ctx;
  const rules = await session.godataRules(signal);
  const groups = new Map<string, GroupContext>();
  for (const group of session.mapping.outbreaks.filter((g) => g.contactPrograms.length > 0)) {
    const needsGeometry =
      usesOrgUnitGeometry(group.contactMapping) || usesOrgUnitGeometry(group.relationshipMapping);
    groups.set(group.key, {
      mapping: await session.mappingContext(needsGeometry, signal),
      fields: mappedTopLevelFields(group.contactMapping),
    });
  }

  const discardedCases = discardedCasesOf(ctx);

  const syncContact = async (
    te: TrackedEntity,
    program: string,
    group: OutbreakGroup,
  ): Promise<OutcomeInput> => {
    const uid = te.trackedEntity;
    const g = groups.get(group.key);
    const enrollment = enrollmentIn(te, program);
    if (!g || !enrollment)
      return {
        entity: 'contact',
        dhis2Uid: uid,
        outcome: 'skipped',
        reason: `not enrolled in program ${program}`,
      };
    if (te.deleted || enrollment.deleted) return deletePerson(ctx, 'contact', uid);

    const links = caseLinksOfContact(te, group.contactRelationshipType ?? '');
    if (links.length === 0) {
      return {
        entity: 'contact',
        dhis2Uid: uid,
        outcome: 'deferred',
        reason: 'no relationship to a case in DHIS2 yet',
      };
    }
    const linked: LinkedCase[] = [];
    const waiting: string[] = [];
    for (const link of links) {
      const entry = session.target.idMap.get('case', link.caseTrackedEntity);
      if (entry && !entry.deleted && entry.outbreakId) linked.push({ link, case: entry });
      else waiting.push(link.caseTrackedEntity);
    }
    const first = linked[0];
    if (!first) {
      return {
        entity: 'contact',
        dhis2Uid: uid,
        outcome: 'deferred',
        reason: `its case ${waiting.join(', ')} is not in Go.Data yet`,
      };
    }
    const outbreakId = first.case.outbreakId ?? '';
    const { document, issues, sources } = mapContact(te, enrollment, group, g.mapping);
    const existing = session.target.idMap.get('contact', uid);
    const contactId = existing?.godataId ?? godataPersonId('contact', uid);
    issues.push(...validateForGoData('contact', { ...document, id: contactId }, { version: rules, sources }));
    const exposures = linked
      .filter((l) => l.case.outbreakId === outbreakId)
      .map((l) => ({ linked: l, ...relationshipFields(te, enrollment, l, group, g.mapping, rules) }));
    const badExposure = exposures.find((e) => e.invalid);
    if (hasErrors(issues) || badExposure)
      return issuesOutcome('contact', uid, [...issues, ...(badExposure?.issues ?? [])]);

    const refused = await discardedCases(outbreakId);
    const blocked = exposures.filter(
      (e) => refused.has(e.linked.case.godataId) && !isKnownLink(ctx, e.linked),
    );
    const open = exposures.filter((e) => !blocked.includes(e));
    const inGoData = existing && !existing.deleted && existing.outbreakId === outbreakId;
    const firstBlocked = blocked[0];
    if (!inGoData && open.length === 0 && firstBlocked) return discardedCaseOutcome(uid, firstBlocked.linked);

    let outcome: OutcomeInput;
    let linkedNow = 0;
    if (!inGoData) {
      const created = await createWithFirstExposure(
        ctx,
        uid,
        outbreakId,
        contactId,
        document,
        open[0]!,
        te.updatedAt,
      );
      if (created.outcome !== 'created' && created.outcome !== 'updated') return created;
      outcome = created;
      linkedNow = 1;
    } else {
      outcome = await writePerson(ctx, {
        kind: 'contact',
        dhis2Uid: uid,
        outbreakId,
        document,
        mappedFields: g.fields,
        sourceUpdatedAt: te.updatedAt,
      });
      if (outcome.outcome === 'failed') return outcome;
    }
    for (const exposure of open.slice(linkedNow)) {
      const write = await linkTo(ctx, outbreakId, contactId, exposure.linked, exposure.fields);
      if (write.result === 'discarded')
        return { ...discardedCaseOutcome(uid, exposure.linked), godataId: contactId };
      if (write.result === 'failed') {
        return {
          ...outcome,
          outcome: 'failed',
          reason: `the link to case ${exposure.linked.link.caseTrackedEntity} failed: ${write.message}`,
          ...(write.details ? { details: write.details } : {}),
        };
      }
      if (write.result !== 'unchanged' && outcome.outcome === 'unchanged')
        outcome = { ...outcome, outcome: 'updated', reason: 'its link to a case changed' };
    }
    if (firstBlocked) return { ...discardedCaseOutcome(uid, firstBlocked.linked), godataId: contactId };
    if (waiting.length > 0) {
      return {
        ...outcome,
        outcome: 'deferred',
        reason: `linked to its case in Go.Data; case ${waiting.join(', ')} is not in Go.Data yet`,
      };
    }
    return outcome;
  };

  await walkTrackerPrograms(ctx, 'contact', syncContact);
}

/**
 * One more exposure of a contact (its relationship to another case, or changed exposure fields). A Go.Data server
 * fault fails the contact like any record write (counted towards the faults in a row that stop the stage).
 */
async function linkTo(
  ctx: StageContext,
  outbreakId: string,
  contactId: string,
  linked: LinkedCase,
  fields: Record<string, unknown>,
): Promise<LinkWrite & { details?: string }> {
  let write: LinkWrite;
  try {
    write = await ensureLink(ctx, outbreakId, contactId, linked, fields);
  } catch (error) {
    const fault = recordFailure(ctx, error);
    return {
      result: 'failed',
      message: fault.serverFault ? serverFaultReason(fault) : fault.message,
      details: JSON.stringify({ code: fault.code, status: fault.status, details: fault.details }),
    };
  }
  if (write.result !== 'unchanged') serverAnswered(ctx);
  return write;
}

/** A new contact goes in together with its exposure to the first case (Go.Data's bulk contact route). */
async function createWithFirstExposure(
  ctx: StageContext,
  uid: string,
  outbreakId: string,
  contactId: string,
  document: Partial<GoDataPerson>,
  exposure: { linked: LinkedCase; fields: Record<string, unknown> },
  sourceUpdatedAt: string | undefined,
): Promise<OutcomeInput> {
  const { session, signal } = ctx;
  const source = { kind: 'case' as const, id: exposure.linked.case.godataId };
  let results: ContactItemResult[];
  try {
    results = await session.godata.contacts.createWithExposures(
      outbreakId,
      source,
      [{ contact: { ...document, id: contactId }, relationship: exposure.fields }],
      signal,
    );
  } catch (error) {
    return outcomeOfWriteError(ctx, 'contact', uid, error);
  }
  const [result] = results;
  if (!result) throw new Error('Go.Data answered the contact creation without a result');
  if (!result.ok) {
    if (!isDiscardedCaseRefusal(result.error)) return outcomeOfWriteError(ctx, 'contact', uid, result.error);
    serverAnswered(ctx);
    return discardedCaseOutcome(uid, exposure.linked);
  }
  serverAnswered(ctx);
  const outcome = result.outcome === 'created' ? 'created' : 'updated';
  const known = session.target.idMap.get('contact', uid);
  session.target.idMap.record({
    entity: 'contact',
    dhis2Uid: uid,
    godataId: contactId,
    outbreakId,
    sourceUpdatedAt,
    payloadHash: payloadHash({ outbreakId, document }),
    writtenBy: { runId: ctx.runId, as: outcome },
  });
  recordLink(ctx, exposure.linked, outbreakId, contactId, result.relationship.id ?? '', exposure.fields);
  const reason =
    result.outcome === 'restored'
      ? 'restored: it had been deleted in Go.Data'
      : result.outcome === 'updated' && !known
        ? 'already in Go.Data under its id (an earlier write whose answer was lost)'
        : undefined;
  return { entity: 'contact', dhis2Uid: uid, outcome, godataId: contactId, ...(reason ? { reason } : {}) };
}
