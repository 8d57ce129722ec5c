import { expect } from 'vitest';
import { OUTCOMES, type OutcomeCounts, type StageName } from '../../../shared/stages.js';
import type { TargetStore } from '../../store/index.js';
import type { StageRun } from './bench.js';

/** Assertions about runs, shared by the test files. */
export function outcomeSum(counts: OutcomeCounts): number {
  return OUTCOMES.reduce((n, o) => n + counts[o], 0);
}

/** read = created + updated + unchanged + skipped + failed + deferred + deleted, and one stored outcome per record. */
export function expectReconciled(target: TargetStore, runs: StageRun[]): void {
  for (const { stage, run } of runs) {
    expect(run.status, `${stage} run ${run.id}`).toBe('completed');
    expect(run.counts.read, `${stage} run ${run.id}: read vs outcomes`).toBe(outcomeSum(run.counts));
    const stored = target.runs.outcomes(run.id, { limit: 1_000_000 });
    expect(stored.length, `${stage} run ${run.id}: stored outcomes`).toBe(run.counts.read);
    expect(
      new Set(stored.map((o) => `${o.entity}:${o.dhis2Uid}`)).size,
      `${stage} run ${run.id}: one outcome per record`,
    ).toBe(stored.length);
  }
}

export function countsOf(runs: StageRun[], stage: StageName): OutcomeCounts {
  const found = runs.find((r) => r.stage === stage);
  if (!found) throw new Error(`no ${stage} run`);
  return found.run.counts;
}

/** Outcomes of a run by record uid. */
export function outcomesByUid(
  target: TargetStore,
  runId: number,
): Map<string, { outcome: string; reason?: string; entity: string }> {
  return new Map(target.runs.outcomes(runId, { limit: 1_000_000 }).map((o) => [o.dhis2Uid, o]));
}
