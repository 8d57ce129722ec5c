import type { GoDataPerson, PersonKind } from '../godata/index.js';
import { GoDataError } from '../godata/index.js';
import type { MappingIssue } from '../mapping/index.js';
import type { OutcomeInput } from '../store/index.js';
import { payloadHash } from './hash.js';
import { godataPersonId } from './ids.js';
import type { StageContext } from './runner.js';
import { outcomeOfWriteError, serverAnswered } from './write-failures.js';
import { writtenByThisRun } from './written-by.js';

/**
 * Writes one mapped case, contact or event to Go.Data, idempotently: unchanged documents are not sent, changed
 * ones are updated, new ones created with their deterministic id (a lost answer is looked up, not repeated).
 * Every call returns the record's outcome; only errors that stop the whole stage (server down, login refused,
 * cancelled) are thrown.
 */
export interface PersonWrite {
  kind: PersonKind;
  dhis2Uid: string;
  outbreakId: string;
  document: Partial<GoDataPerson>;
  /** Top-level fields the mapping can fill: sent as null when empty now, so a cleared DHIS2 value clears Go.Data. */
  mappedFields: ReadonlySet<string>;
  sourceUpdatedAt?: string;
}

export function issuesOutcome(entity: string, dhis2Uid: string, issues: MappingIssue[]): OutcomeInput {
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  const summary = first ? `${first.field}: ${first.message}` : 'the mapped record is not valid for Go.Data';
  return {
    entity,
    dhis2Uid,
    outcome: 'failed',
    reason: errors.length > 1 ? `${summary} (and ${errors.length - 1} more)` : summary,
    details: JSON.stringify(errors),
  };
}

export function withClearedFields(
  document: Partial<GoDataPerson>,
  mappedFields: ReadonlySet<string>,
): Partial<GoDataPerson> {
  const full: Record<string, unknown> = { ...document };
  for (const field of mappedFields) if (full[field] === undefined) full[field] = null;
  return full;
}

export async function writePerson(ctx: StageContext, write: PersonWrite): Promise<OutcomeInput> {
  const { session, signal } = ctx;
  const { idMap } = session.target;
  const { kind, dhis2Uid, outbreakId } = write;
  const entry = idMap.get(kind, dhis2Uid);
  const id = entry?.godataId ?? godataPersonId(kind, dhis2Uid);
  const hash = payloadHash({ outbreakId, document: write.document });
  if (entry && !entry.deleted && entry.outbreakId === outbreakId && entry.payloadHash === hash) {
    const earlier = writtenByThisRun(ctx, entry)?.as;
    const outcome = earlier === 'created' || earlier === 'updated' ? earlier : 'unchanged';
    return { entity: kind, dhis2Uid, outcome, godataId: id };
  }
  const record = (outcome: 'created' | 'updated', reason?: string): OutcomeInput => {
    idMap.record({
      entity: kind,
      dhis2Uid,
      godataId: id,
      outbreakId,
      sourceUpdatedAt: write.sourceUpdatedAt,
      payloadHash: hash,
      writtenBy: { runId: ctx.runId, as: outcome },
    });
    serverAnswered(ctx);
    return { entity: kind, dhis2Uid, outcome, godataId: id, ...(reason ? { reason } : {}) };
  };
  try {
    if (entry && !entry.deleted && entry.outbreakId === outbreakId) {
      try {
        await session.godata.persons.update(
          kind,
          outbreakId,
          id,
          withClearedFields(write.document, write.mappedFields),
          signal,
        );
        return record('updated');
      } catch (error) {
        if (!(error instanceof GoDataError && error.kind === 'not-found')) throw error;
        // Deleted in Go.Data by someone: create it again below (restored if only soft-deleted).
      }
    }
    const result = await session.godata.persons.create(kind, outbreakId, { ...write.document, id }, signal);
    if (result.outcome === 'created')
      return record(
        'created',
        entry && !entry.deleted ? 'it was missing in Go.Data and was created again' : undefined,
      );
    if (result.outcome === 'restored') return record('updated', 'restored: it had been deleted in Go.Data');
    // Not in the ID map yet already in Go.Data under its id: a create whose answer never came back (a crash or a
    // lost connection) — updated, not duplicated.
    return record(
      'updated',
      entry ? undefined : 'already in Go.Data under its id (an earlier write whose answer was lost)',
    );
  } catch (error) {
    return outcomeOfWriteError(ctx, kind, dhis2Uid, error);
  }
}

/** A record deleted in DHIS2: soft-deleted in Go.Data when the mapping says deletions propagate. */
export async function deletePerson(
  ctx: StageContext,
  kind: PersonKind,
  dhis2Uid: string,
): Promise<OutcomeInput> {
  const { session, signal } = ctx;
  const entry = session.target.idMap.get(kind, dhis2Uid);
  const deleted = (godataId: string): OutcomeInput => ({
    entity: kind,
    dhis2Uid,
    outcome: 'deleted',
    godataId,
    reason: 'deleted in DHIS2',
  });
  // Deleted by an earlier attempt of this very run, killed before the outcome was flushed.
  if (entry?.deleted && writtenByThisRun(ctx, entry)?.as === 'deleted') return deleted(entry.godataId);
  if (!entry || entry.deleted || !entry.outbreakId) {
    return { entity: kind, dhis2Uid, outcome: 'skipped', reason: 'deleted in DHIS2 and not in Go.Data' };
  }
  if (session.mapping.deletions !== 'propagate') {
    return {
      entity: kind,
      dhis2Uid,
      outcome: 'skipped',
      reason: 'deleted in DHIS2; deletions are not propagated (mapping setting)',
    };
  }
  try {
    await session.godata.persons.delete(kind, entry.outbreakId, entry.godataId, signal);
  } catch (error) {
    return outcomeOfWriteError(ctx, kind, dhis2Uid, error);
  }
  session.target.idMap.markDeleted(kind, dhis2Uid, ctx.runId);
  serverAnswered(ctx);
  return deleted(entry.godataId);
}
