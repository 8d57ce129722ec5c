import type { GoDataPerson, PersonKind } from '../godata/index.js';
import { GoDataError } from '../godata/index.js';
import type { MappingIssue } from '../mapping/index.js';
import type { IdMapEntry, OutcomeInput } from '../store/index.js';
import { payloadHash } from './hash.js';
import { godataPersonId } from './ids.js';
import type { StageContext } from './runner.js';

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

/**
 * Errors about this one record (the stage goes on); anything else stops the stage — except that person writes
 * also take a Go.Data server fault as about the record, up to SERVER_FAULTS_IN_A_ROW in a row.
 */
export function isRecordError(error: unknown): error is GoDataError {
  return (
    error instanceof GoDataError && ['validation', 'conflict', 'not-found', 'forbidden'].includes(error.kind)
  );
}

export function failedOutcome(entity: string, dhis2Uid: string, error: GoDataError): OutcomeInput {
  return {
    entity,
    dhis2Uid,
    outcome: 'failed',
    reason: `Go.Data refused it: ${error.message}`,
    details: JSON.stringify({ code: error.code, status: error.status }),
  };
}

/**
 * Go.Data server faults (a 500 in its own envelope, retries exhausted) in a row, per run, after which the stage
 * stops: one is most likely about its record, which gets a `failed` outcome and the run goes on (else a record
 * Go.Data cannot store would stop every run at the same place); several in a row look like a server in trouble,
 * and an outage must stop the run rather than mark every record failed.
 */
export const SERVER_FAULTS_IN_A_ROW = 5;

const serverFaultsInARow = new WeakMap<StageContext, number>();

/** The outcome of a record write that threw, or the error again when it must stop the stage. */
function outcomeOfError(ctx: StageContext, entity: string, dhis2Uid: string, error: unknown): OutcomeInput {
  if (!(error instanceof GoDataError && error.serverFault)) {
    if (!isRecordError(error)) throw error;
    serverFaultsInARow.set(ctx, 0);
    return failedOutcome(entity, dhis2Uid, error);
  }
  const inARow = (serverFaultsInARow.get(ctx) ?? 0) + 1;
  serverFaultsInARow.set(ctx, inARow);
  if (inARow >= SERVER_FAULTS_IN_A_ROW) {
    throw new GoDataError({
      kind: error.kind,
      status: error.status,
      code: error.code,
      details: error.details,
      cause: error,
      message: `Go.Data failed with an internal error on ${inARow} records in a row; stopped rather than mark every record failed. The last: ${error.message}`,
    });
  }
  return {
    entity,
    dhis2Uid,
    outcome: 'failed',
    reason: `Go.Data failed on it, also when retried: ${error.message}`,
    details: JSON.stringify({ code: error.code, status: error.status, details: error.details }),
  };
}

/** A write that succeeded: the server is fine, faults are counted from zero again. */
function written(ctx: StageContext, outcome: OutcomeInput): OutcomeInput {
  serverFaultsInARow.set(ctx, 0);
  return outcome;
}

/**
 * What this run already did to the record, when its ID-map row was written by this very run: an attempt killed
 * between the Go.Data write and the flush of its page left the row but not the outcome.
 */
function writtenByThisRun(ctx: StageContext, entry: IdMapEntry): IdMapEntry['writtenBy'] {
  return entry.writtenBy?.runId === ctx.runId ? entry.writtenBy : undefined;
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
    return written(ctx, { entity: kind, dhis2Uid, outcome, godataId: id, ...(reason ? { reason } : {}) });
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
    return outcomeOfError(ctx, kind, dhis2Uid, error);
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
    return outcomeOfError(ctx, kind, dhis2Uid, error);
  }
  session.target.idMap.markDeleted(kind, dhis2Uid, ctx.runId);
  return written(ctx, deleted(entry.godataId));
}
