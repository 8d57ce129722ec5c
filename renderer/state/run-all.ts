import { create } from 'zustand';
import type { AppErrorShape } from '../../shared/result.js';
import { STAGE_LABELS, type StageName } from '../../shared/stages.js';
import { valueOf } from './loadable.js';
import { runVerdict, stagesToRun, type RunVerdict } from './run-plan.js';
import { cancelStage, runStage, useStages } from './stages.js';

export type RunAllStatus =
  | { status: 'idle' }
  | { status: 'running'; stage: StageName; index: number; of: number }
  | { status: 'stopped'; stage: StageName; reason: string; error?: AppErrorShape }
  | { status: 'done'; ran: number };

interface RunAllStore {
  state: RunAllStatus;
  start: (mode: 'remaining' | 'all') => Promise<void>;
  stop: () => Promise<void>;
}

/** Safety net in case a push is missed: ask main again every few seconds while waiting for a run. */
const POLL_MS = 4000;

function waitForRun(stage: StageName, runId: number): Promise<Exclude<RunVerdict, 'pending'>> {
  return new Promise((resolve) => {
    let askedAfterDone = false;
    const check = (): boolean => {
      const { list, progress } = useStages.getState();
      const p = progress[stage];
      if (!askedAfterDone && p && p.runId === runId && p.done) {
        askedAfterDone = true;
        void useStages.getState().refresh();
      }
      const verdict = runVerdict(valueOf(list)?.stages ?? [], stage, runId);
      if (verdict === 'pending') return false;
      unsubscribe();
      clearInterval(poll);
      resolve(verdict);
      return true;
    };
    const unsubscribe = useStages.subscribe((s, prev) => {
      if (s.list !== prev.list) check();
      else if (s.progress[stage] !== prev.progress[stage] && s.progress[stage]?.done) check();
    });
    const poll = setInterval(() => void useStages.getState().refresh(), POLL_MS);
    check();
  });
}

/**
 * "Run all remaining stages": only calls the per-stage channels, in order, and stops at the first stage that
 * is locked, fails or is cancelled. Main still decides every lock.
 */
export const useRunAll = create<RunAllStore>()((set, get) => ({
  state: { status: 'idle' },
  async start(mode) {
    if (get().state.status === 'running') return;
    await useStages.getState().refresh();
    const plan = stagesToRun(valueOf(useStages.getState().list)?.stages ?? [], mode);
    for (const [index, stage] of plan.entries()) {
      set({ state: { status: 'running', stage, index, of: plan.length } });
      const result = await runStage(stage, {});
      if (!result.ok) {
        set({ state: { status: 'stopped', stage, reason: result.error.message, error: result.error } });
        return;
      }
      const verdict = await waitForRun(stage, result.value.runId);
      if (verdict !== 'finished') {
        const label = STAGE_LABELS[stage];
        const reason =
          verdict === 'cancelled' ? `${label} was cancelled.` : `${label} did not finish; see its step.`;
        set({ state: { status: 'stopped', stage, reason } });
        return;
      }
    }
    set({ state: { status: 'done', ran: plan.length } });
  },
  async stop() {
    const current = get().state;
    if (current.status === 'running') await cancelStage(current.stage);
  },
}));
