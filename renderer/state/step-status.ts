import type { StageProgress, StageState } from '../../shared/stages.js';
import type { StepInfo } from '../steps/catalog.js';
import { liveProgress, progressPercent, type ProgressByStage } from './progress.js';
import type { StagesList } from './stages.js';

/** What the navigation shows for a step; derived only from main's stage list and live progress. */
export type StepStatus =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'locked'; reason: string }
  | { kind: 'todo' }
  | { kind: 'done' }
  | { kind: 'unsaved' }
  | { kind: 'ready' }
  | { kind: 'stopped' }
  | { kind: 'running'; phase?: string; percent?: number }
  | { kind: 'finished'; openIssues: number }
  | { kind: 'failed'; reason?: string };

export function stepStatusOfStage(state: StageState, progress: StageProgress | undefined): StepStatus {
  switch (state.status) {
    case 'locked':
      return { kind: 'locked', reason: state.lockedReason ?? 'Finish the previous step first.' };
    case 'ready':
      // Main shows a cancelled stage as ready again; its next run resumes where it stopped.
      return wasStopped(state) ? { kind: 'stopped' } : { kind: 'ready' };
    case 'running': {
      const live = liveProgress(state, progress);
      const percent = live && progressPercent(live);
      return {
        kind: 'running',
        ...(live ? { phase: live.phase } : {}),
        ...(percent !== undefined ? { percent } : {}),
      };
    }
    case 'finished':
      return { kind: 'finished', openIssues: state.openIssues };
    case 'failed':
      return { kind: 'failed', ...(state.lastRun?.error ? { reason: state.lastRun.error } : {}) };
  }
}

/** The last run was cancelled before it finished: running again resumes it from its checkpoint. */
export function wasStopped(state: StageState | undefined): boolean {
  return state?.status === 'ready' && state.lastRun?.status === 'cancelled';
}

/** Running again continues the last run from its checkpoint (cancelled, failed or cut off by a crash). */
export function resumesLastRun(state: StageState | undefined): boolean {
  return wasStopped(state) || state?.status === 'failed';
}

/** Several stages in one step (cases and events): the most pressing state wins. */
function combine(statuses: StepStatus[]): StepStatus {
  const first = <K extends StepStatus['kind']>(kind: K) =>
    statuses.find((s): s is Extract<StepStatus, { kind: K }> => s.kind === kind);
  const running = first('running');
  if (running) return running;
  const failedOne = first('failed');
  if (failedOne) return failedOne;
  const stopped = first('stopped');
  if (stopped) return stopped;
  if (statuses.every((s) => s.kind === 'finished')) {
    const openIssues = statuses.reduce((n, s) => n + (s.kind === 'finished' ? s.openIssues : 0), 0);
    return { kind: 'finished', openIssues };
  }
  if (statuses.every((s) => s.kind === 'locked')) return statuses[0] ?? { kind: 'unknown' };
  return { kind: 'ready' };
}

/** What only the renderer knows: edits to the mapping that are not saved yet. */
export interface LocalState {
  mappingDirty?: boolean;
}

export function stepStatus(
  step: StepInfo,
  list: StagesList | undefined,
  progress: ProgressByStage,
  local: LocalState = {},
): StepStatus {
  if (step.id === 'start' || step.id === 'history') return { kind: 'none' };
  if (!list) return { kind: 'unknown' };
  if (step.id === 'connect') return list.ready.connections ? { kind: 'done' } : { kind: 'todo' };
  if (step.id === 'mappings') {
    if (local.mappingDirty) return { kind: 'unsaved' };
    return list.ready.mapping ? { kind: 'done' } : { kind: 'todo' };
  }
  const statuses = step.stages.map((name) => {
    const state = list.stages.find((s) => s.stage === name);
    return state ? stepStatusOfStage(state, progress[name]) : ({ kind: 'unknown' } as const);
  });
  return statuses.length === 1 ? (statuses[0] ?? { kind: 'unknown' }) : combine(statuses);
}

/** Words for a status, so no state is told by colour alone. */
export function statusText(status: StepStatus, options: { compact?: boolean } = {}): string {
  switch (status.kind) {
    case 'unknown':
    case 'none':
      return '';
    case 'locked':
      return 'Locked';
    case 'todo':
      return 'To do';
    case 'done':
      return 'Done';
    case 'unsaved':
      return 'Unsaved changes';
    case 'ready':
      return 'Ready';
    case 'stopped':
      return options.compact ? 'Stopped' : 'Stopped — run again to resume';
    case 'running':
      return status.percent !== undefined ? `Running ${status.percent}%` : 'Running';
    case 'finished':
      return status.openIssues > 0 && !options.compact
        ? `Finished, ${openIssuesText(status.openIssues)}`
        : 'Finished';
    case 'failed':
      return options.compact ? 'Failed' : 'Failed — run again to resume';
  }
}

export function openIssuesText(count: number): string {
  return `${count} open issue${count === 1 ? '' : 's'}`;
}

/** The line under a step in the navigation: its summary, or what its state asks of the user. */
export function stepDescription(step: StepInfo, status: StepStatus): string {
  switch (status.kind) {
    case 'locked':
      return `Locked: ${status.reason}`;
    case 'running':
      return status.phase ?? step.summary;
    case 'finished':
      return status.openIssues > 0 ? `${step.summary}. ${openIssuesText(status.openIssues)}.` : step.summary;
    case 'stopped':
      return 'Stopped before it finished: run again to resume.';
    case 'failed':
      return 'Did not finish (see its run): run again to resume where it stopped.';
    case 'unsaved':
      return 'Changes not saved yet: runs use the saved mapping.';
    default:
      return step.summary;
  }
}
