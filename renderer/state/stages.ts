import { create } from 'zustand';
import type { ResponseOf } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import type { StageName, StageProgress, StageState } from '../../shared/stages.js';
import { api } from '../api.js';
import { latestOnly } from './latest.js';
import { failed, idle, loaded, loading, valueOf, type Loadable } from './loadable.js';
import { applyProgress, type ProgressByStage } from './progress.js';

export type StagesList = ResponseOf<'stages.list'>;

interface StagesStore {
  /** Main's answer to `stages.list`: the only source of what is locked, ready, running, finished or failed. */
  list: Loadable<StagesList>;
  /** Live progress events, newest run per stage. */
  progress: ProgressByStage;
  refresh: () => Promise<void>;
  receiveProgress: (progress: StageProgress) => void;
}

const ticket = latestOnly();

export const useStages = create<StagesStore>()((set) => ({
  list: idle(),
  progress: {},
  async refresh() {
    const mine = ticket.begin();
    set((s) => ({ list: loading(s.list) }));
    const result = await api().stages.list({});
    if (!ticket.isCurrent(mine)) return;
    set((s) => ({ list: result.ok ? loaded(result.value) : failed(s.list, result.error) }));
  },
  receiveProgress(progress) {
    set((s) => ({ progress: applyProgress(s.progress, progress) }));
  },
}));

/** Subscribes to main's pushes for the life of the app shell; returns the unsubscribe. */
export function connectStageEvents(): () => void {
  const offProgress = api().events.stageProgress((p) => useStages.getState().receiveProgress(p));
  const offChanged = api().events.stagesChanged(() => void useStages.getState().refresh());
  return () => {
    offProgress();
    offChanged();
  };
}

export function useStageState(stage: StageName): StageState | undefined {
  return useStages((s) => valueOf(s.list)?.stages.find((x) => x.stage === stage));
}

/** Starts a stage; main refuses locked or busy stages with a readable error. */
export async function runStage(
  stage: StageName,
  options: { fullResync?: boolean; applyDrift?: boolean } = {},
): Promise<Result<{ runId: number }>> {
  const result = await api().stages.run({ stage, ...options });
  void useStages.getState().refresh();
  return result;
}

export async function cancelStage(stage: StageName): Promise<Result<{ cancelled: boolean }>> {
  const result = await api().stages.cancel({ stage });
  void useStages.getState().refresh();
  return result;
}
