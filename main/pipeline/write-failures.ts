import { GoDataError } from '../godata/index.js';
import type { OutcomeInput } from '../store/index.js';
import type { StageContext } from './runner.js';

/**
 * How a Go.Data write of one record that failed becomes that record's outcome, or stops the stage. Errors about
 * the record (the stage goes on) are refusals, and Go.Data server faults up to SERVER_FAULTS_IN_A_ROW in a row;
 * anything else (server down, login refused, cancelled) stops the stage.
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

/**
 * Counts a failed write against the run and returns its error when it is about the record; throws it (or, at
 * the limit of server faults in a row, an error that says so) when it must stop the stage.
 */
export function recordFailure(ctx: StageContext, error: unknown): GoDataError {
  if (!(error instanceof GoDataError && error.serverFault)) {
    if (!isRecordError(error)) throw error;
    serverAnswered(ctx);
    return error;
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
  return error;
}

/** A write Go.Data answered properly (stored, or refused for a reason it gave): faults count from zero again. */
export function serverAnswered(ctx: StageContext): void {
  serverFaultsInARow.set(ctx, 0);
}

/**
 * How a server fault reads in an outcome. Faults of a whole request come from the HTTP layer, which retried
 * them; those inside a bulk answer (no method of their own) were not retried.
 */
export function serverFaultReason(error: GoDataError): string {
  return `Go.Data failed on it${error.method ? ', also when retried' : ''}: ${error.message}`;
}

/** The outcome of a record write that threw, or the error again when it must stop the stage. */
export function outcomeOfWriteError(
  ctx: StageContext,
  entity: string,
  dhis2Uid: string,
  error: unknown,
): OutcomeInput {
  const failure = recordFailure(ctx, error);
  if (!failure.serverFault) return failedOutcome(entity, dhis2Uid, failure);
  return {
    entity,
    dhis2Uid,
    outcome: 'failed',
    reason: serverFaultReason(failure),
    details: JSON.stringify({ code: failure.code, status: failure.status, details: failure.details }),
  };
}
