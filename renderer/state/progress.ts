import type { StageName, StageProgress, StageState } from '../../shared/stages.js';

export type ProgressByStage = Partial<Record<StageName, StageProgress>>;

/** Keeps the newest run's progress per stage; a late event from an older run never overwrites a newer one. */
export function applyProgress(current: ProgressByStage, progress: StageProgress): ProgressByStage {
  const known = current[progress.stage];
  if (known && known.runId > progress.runId) return current;
  return { ...current, [progress.stage]: progress };
}

/**
 * The progress worth showing for a stage: the running run's, or a run that started after the last list answer
 * (the list has not caught up yet). A finished run is shown by its summary instead.
 */
export function liveProgress(
  state: StageState | undefined,
  progress: StageProgress | undefined,
): StageProgress | undefined {
  if (!progress) return undefined;
  const lastRunId = state?.lastRun?.id ?? -1;
  if (state?.status === 'running') return progress.runId >= lastRunId ? progress : undefined;
  return !progress.done && progress.runId > lastRunId ? progress : undefined;
}

/** "1,204 of 3,000" style fraction, when the source told the total. */
export function progressPercent(progress: StageProgress): number | undefined {
  if (!progress.total || progress.total <= 0) return undefined;
  return Math.min(100, Math.round((progress.counts.read / progress.total) * 100));
}
