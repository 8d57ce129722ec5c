import { STAGES, type StageName, type StageState } from '../../shared/stages.js';

export type RunVerdict = 'pending' | 'finished' | 'failed' | 'cancelled';

/** The stages "Run all" should run, in the one order data must move. */
export function stagesToRun(stages: readonly StageState[], mode: 'remaining' | 'all'): StageName[] {
  return STAGES.filter((name) => {
    if (mode === 'all') return true;
    const state = stages.find((s) => s.stage === name);
    return state?.status !== 'finished';
  });
}

/** Whether main's stage list says run `runId` of `stage` is over, and how it ended. */
export function runVerdict(stages: readonly StageState[], stage: StageName, runId: number): RunVerdict {
  const state = stages.find((s) => s.stage === stage);
  const last = state?.lastRun;
  if (!state || !last || last.id < runId || state.status === 'running' || last.status === 'running')
    return 'pending';
  if (last.status === 'cancelled') return 'cancelled';
  return state.status === 'finished' && last.status === 'completed' ? 'finished' : 'failed';
}
