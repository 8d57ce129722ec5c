import type { GoDataPerson, PersonKind } from './model.js';
import { answerLost, pauseBeforeRepeat, personPath, personsPath, type GoDataContext } from './context.js';
import { GoDataError, isRecord } from './errors.js';
import { asArray, filterParams } from './filter.js';

/**
 * Person writes without queueing or the active-outbreak gate: the building blocks the public person and contact
 * APIs run inside their per-outbreak queue. Callers must hold both.
 */
export type PersonWriteOutcome = 'created' | 'updated' | 'restored';

export interface PersonWriteResult {
  record: GoDataPerson;
  outcome: PersonWriteOutcome;
}

/**
 * A person by id; soft-deleted ones only with `includeDeleted` (they come back with `deleted: true`). The by-id
 * route (a LoopBack relation findById) takes no filter and never shows deleted records, so that case goes
 * through the list route with a top-level `deleted: true`.
 */
export async function fetchPerson(
  ctx: GoDataContext,
  kind: PersonKind,
  outbreakId: string,
  id: string,
  includeDeleted: boolean,
  signal?: AbortSignal,
): Promise<GoDataPerson | undefined> {
  if (includeDeleted) {
    const path = personsPath(outbreakId, kind);
    const params = filterParams({ where: { id }, deleted: true, limit: 1 });
    return asArray<GoDataPerson>(await ctx.session.call({ method: 'GET', path, params, signal }), path)[0];
  }
  try {
    return await ctx.session.call<GoDataPerson>({
      method: 'GET',
      path: personPath(outbreakId, { kind, id }),
      signal,
    });
  } catch (error) {
    if (error instanceof GoDataError && error.kind === 'not-found') return undefined;
    throw error;
  }
}

export function putPerson(
  ctx: GoDataContext,
  kind: PersonKind,
  outbreakId: string,
  id: string,
  changes: Partial<GoDataPerson>,
  signal?: AbortSignal,
): Promise<GoDataPerson> {
  // The id is the route's; a different one in the body is undefined behaviour on the server (§9.2).
  const { id: _ignored, ...body } = changes;
  return ctx.session.call<GoDataPerson>({
    method: 'PUT',
    path: personPath(outbreakId, { kind, id }),
    body,
    signal,
  });
}

/** Restores a soft-deleted person; a repeat after a lost answer finds it live and returns it. */
export async function restorePerson(
  ctx: GoDataContext,
  kind: PersonKind,
  outbreakId: string,
  id: string,
  signal?: AbortSignal,
): Promise<GoDataPerson> {
  try {
    return await ctx.session.call<GoDataPerson>({
      method: 'POST',
      path: `${personPath(outbreakId, { kind, id })}/restore`,
      idempotent: true,
      signal,
    });
  } catch (error) {
    if (!(error instanceof GoDataError) || error.kind !== 'not-found') throw error;
    const live = await fetchPerson(ctx, kind, outbreakId, id, false, signal);
    if (!live) throw error;
    return live;
  }
}

/**
 * Creates a person with its client-chosen id, safely under lost answers and earlier runs:
 * - the answer was lost (reset, timeout, 5xx): look the id up; stored → created; not stored → create again;
 * - the id is taken by a live person of this kind in this outbreak → update it with the new data;
 * - the id is taken by a soft-deleted one (a deleted record blocks re-creation) → restore it, then update.
 * Anything else (the id used by another kind or outbreak, invalid data) is thrown.
 */
export async function createPersonOnce(
  ctx: GoDataContext,
  kind: PersonKind,
  outbreakId: string,
  person: GoDataPerson,
  signal?: AbortSignal,
): Promise<PersonWriteResult> {
  let mayBeStored = false;
  for (let attempt = 0; ; attempt++) {
    let failure: GoDataError;
    try {
      const record = await ctx.session.call<GoDataPerson>({
        method: 'POST',
        path: personsPath(outbreakId, kind),
        body: person,
        signal,
      });
      return { record, outcome: 'created' };
    } catch (error) {
      if (!answerLost(error) && !isDuplicateId(error)) throw error;
      failure = error as GoDataError;
    }
    mayBeStored ||= answerLost(failure);
    const existing = await fetchPerson(ctx, kind, outbreakId, person.id, true, signal);
    if (existing && existing.deleted !== true) {
      if (mayBeStored) return { record: existing, outcome: 'created' };
      return {
        record: await putPerson(ctx, kind, outbreakId, person.id, person, signal),
        outcome: 'updated',
      };
    }
    if (existing) {
      await restorePerson(ctx, kind, outbreakId, person.id, signal);
      return {
        record: await putPerson(ctx, kind, outbreakId, person.id, person, signal),
        outcome: 'restored',
      };
    }
    if (isDuplicateId(failure)) throw idHeldElsewhere(kind, person.id, failure);
    if (!(await pauseBeforeRepeat(failure, attempt, ctx.retryPolicy, signal))) throw failure;
  }
}

/** The id belongs to a person of another kind, or of another outbreak: a real conflict, whatever the status. */
function idHeldElsewhere(kind: PersonKind, id: string, failure: GoDataError): GoDataError {
  return new GoDataError({
    kind: 'conflict',
    status: failure.status,
    code: failure.code,
    name: failure.errorName,
    details: failure.details,
    method: failure.method,
    url: failure.url,
    cause: failure,
    message: `Go.Data already holds id ${id} for a person that is not a ${kind} of this outbreak (${failure.message})`,
  });
}

/**
 * "This id is already taken", in the three ways Go.Data can say it (§9.2): LoopBack's uniqueness validation
 * (422, `details.codes.id`), a mapped duplicate key (409 MODEL_CONFLICT), or an unmapped duplicate key
 * (500 INTERNAL_ERROR with `details.error.code` 11000).
 */
export function isDuplicateId(error: unknown): boolean {
  if (!(error instanceof GoDataError)) return false;
  if (error.validationCodes?.id?.includes('uniqueness')) return true;
  if (error.code === 'MODEL_CONFLICT') return true;
  const inner = isRecord(error.details) ? error.details.error : undefined;
  return isRecord(inner) && (inner.code === 11000 || inner.code === '11000');
}
