import { GoDataError } from '../../godata/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { payloadHash } from '../hash.js';
import { toMirror, type LocationPlan } from '../locations/documents.js';
import { planTree } from '../locations/tree.js';
import type { StageContext } from '../runner.js';
import { isRecordError } from '../write-failures.js';
import { writtenByThisRun } from '../written-by.js';

const NOT_APPLIED = 'not applied yet: review the DHIS2 tree changes and apply them to mirror this in Go.Data';

/**
 * Locations ← the DHIS2 org-unit tree, parents before children, with stable ids (the org-unit uids).
 * The first run mirrors the whole tree. Later runs write attribute changes (coordinates, codes) directly, but
 * structural drift — units added, renamed, moved, closed or removed in DHIS2 — is reported and applied only on
 * request (`applyDrift`), because it changes what Go.Data users see.
 */
export async function locationsStage(ctx: StageContext): Promise<void> {
  const { session, recorder, signal, options } = ctx;
  const { idMap, issues, mirroredOrgUnits } = session.target;
  ctx.progress('Reading the DHIS2 org-unit tree');
  const { plans, drift } = await planTree(session, signal, (n) =>
    ctx.progress(`Reading the DHIS2 org-unit tree (${n} units)`),
  );
  const firstRun = drift.mirrored === 0;
  const retry = new Set(issues.list('locations').map((i) => i.dhis2Uid));
  recorder.read(plans.length + drift.removed.length);
  ctx.progress('Comparing with Go.Data', plans.length);

  const toWrite: Array<{ plan: LocationPlan; hash: string; existed: boolean }> = [];
  const unchanged: LocationPlan[] = [];
  for (const plan of plans) {
    const entry = idMap.get('location', plan.unit.id);
    const hash = payloadHash(plan.document);
    const reason = drift.reasons.get(plan.unit.id);
    if (entry && !entry.deleted && entry.payloadHash === hash) {
      unchanged.push(plan);
      // Written by an earlier attempt of this very run, killed before its outcomes were stored.
      const earlier = writtenByThisRun(ctx, entry)?.as;
      recorder.add({
        entity: 'location',
        dhis2Uid: plan.unit.id,
        godataId: entry.godataId,
        ...(earlier === 'created' || earlier === 'updated'
          ? { outcome: earlier, ...(plan.renamedBecause ? { reason: plan.renamedBecause } : {}) }
          : { outcome: 'unchanged' }),
      });
    } else if (firstRun || options.applyDrift || !reason || retry.has(plan.unit.id)) {
      toWrite.push({ plan, hash, existed: Boolean(entry && !entry.deleted) });
    } else {
      recorder.add({
        entity: 'location',
        dhis2Uid: plan.unit.id,
        outcome: 'skipped',
        reason: `${reason}; ${NOT_APPLIED}`,
      });
    }
  }
  // Units mirrored before this bookkeeping existed (or adopted) join the mirror as they are.
  mirroredOrgUnits.save(unchanged.filter((p) => !drift.reasons.has(p.unit.id)).map(toMirror));

  ctx.progress('Writing locations to Go.Data', plans.length);
  const result = await session.godata.locations.import(
    toWrite.map((w) => w.plan.document),
    {
      onBatch: ({ stored, total }) =>
        ctx.progress(`Writing locations to Go.Data (${stored} of ${total})`, plans.length),
    },
    signal,
  );
  const stored = new Set(result.storedIds);
  const failures = new Map(result.failed.map((f) => [f.id, f]));
  const outcomes: OutcomeInput[] = [];
  const mirror = [];
  for (const { plan, hash, existed } of toWrite) {
    const id = plan.unit.id;
    if (stored.has(id)) {
      idMap.record({
        entity: 'location',
        dhis2Uid: id,
        godataId: id,
        sourceUpdatedAt: plan.unit.lastUpdated,
        payloadHash: hash,
        writtenBy: { runId: ctx.runId, as: existed ? 'updated' : 'created' },
      });
      mirror.push(toMirror(plan));
      const why = [drift.reasons.get(id), plan.renamedBecause].filter(Boolean).join('; ');
      outcomes.push({
        entity: 'location',
        dhis2Uid: id,
        godataId: id,
        outcome: existed ? 'updated' : 'created',
        ...(why ? { reason: why } : {}),
      });
    } else {
      const failure = failures.get(id);
      outcomes.push({
        entity: 'location',
        dhis2Uid: id,
        outcome: 'failed',
        reason: failure ? describeFailure(failure.reason, plan) : 'Go.Data did not store this location',
        details: failure?.message,
      });
    }
  }
  mirroredOrgUnits.save(mirror);
  outcomes.forEach((o) => recorder.add(o));

  if (ctx.resumed) reportDeactivatedBefore(ctx, plans, drift.removed);
  if (options.applyDrift && drift.removed.length > 0)
    await deactivateRemoved(
      ctx,
      drift.removed.map((r) => r.uid),
    );
  else {
    for (const { uid } of drift.removed) {
      recorder.add({
        entity: 'location',
        dhis2Uid: uid,
        outcome: 'skipped',
        reason: `${drift.reasons.get(uid) ?? 'removed in DHIS2'}; ${NOT_APPLIED}`,
      });
    }
  }
}

/**
 * Units an earlier attempt of this very run deactivated before it was killed: gone from the mirror, so no longer
 * drift, but their outcome was not stored yet.
 */
function reportDeactivatedBefore(
  ctx: StageContext,
  plans: readonly LocationPlan[],
  removed: ReadonlyArray<{ uid: string }>,
): void {
  const seen = new Set([...plans.map((p) => p.unit.id), ...removed.map((r) => r.uid)]);
  const deactivated = ctx.session.target.idMap
    .list('location')
    .filter((e) => e.deleted && writtenByThisRun(ctx, e)?.as === 'deleted' && !seen.has(e.dhis2Uid));
  ctx.recorder.read(deactivated.length);
  for (const entry of deactivated) ctx.recorder.add(deactivatedOutcome(entry.dhis2Uid, entry.godataId));
}

function deactivatedOutcome(uid: string, godataId: string): OutcomeInput {
  return {
    entity: 'location',
    dhis2Uid: uid,
    godataId,
    outcome: 'deleted',
    reason: 'removed from the DHIS2 tree: deactivated in Go.Data',
  };
}

function describeFailure(reason: string, plan: LocationPlan): string {
  if (reason.includes('DUPLICATE_DB_NAME') || reason.includes('DUPLICATE_FILE_NAME')) {
    return `Go.Data already has another location named "${plan.document.name}" under the same parent`;
  }
  if (reason === 'PARENT_FAILED') return 'its parent location could not be written, so it was left out';
  return `Go.Data refused the location (${reason})`;
}

/**
 * Units gone from DHIS2 are deactivated in Go.Data, not deleted: cases may still point at them. A partial update
 * (PATCH), not the import: the import only overwrites a location whose `updatedAt` it is given is newer, and
 * would silently keep the stored one.
 */
async function deactivateRemoved(ctx: StageContext, uids: string[]): Promise<void> {
  const { session, recorder, signal } = ctx;
  for (const uid of uids) {
    const id = session.target.idMap.get('location', uid)?.godataId ?? uid;
    try {
      await session.godata.locations.update(id, { active: false }, signal);
    } catch (error) {
      if (error instanceof GoDataError && error.kind === 'not-found') {
        session.target.mirroredOrgUnits.remove(uid);
        recorder.add({
          entity: 'location',
          dhis2Uid: uid,
          outcome: 'skipped',
          reason: 'removed from DHIS2 and already absent from Go.Data',
        });
        continue;
      }
      if (!isRecordError(error)) throw error;
      const why =
        error.code === 'DEACTIVATE_PARENT_MODEL' ? 'locations below it are still active' : error.message;
      recorder.add({
        entity: 'location',
        dhis2Uid: uid,
        outcome: 'failed',
        reason: `could not deactivate: ${why}`,
        details: JSON.stringify({ code: error.code }),
      });
      continue;
    }
    session.target.idMap.markDeleted('location', uid, ctx.runId);
    session.target.mirroredOrgUnits.remove(uid);
    recorder.add(deactivatedOutcome(uid, id));
  }
}
