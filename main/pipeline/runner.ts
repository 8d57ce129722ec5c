import { AppError } from '../../shared/result.js';
import {
  OUTCOMES,
  STAGE_LABELS,
  STAGE_PREREQUISITES,
  type OutcomeCounts,
  type StageName,
  type StageProgress,
} from '../../shared/stages.js';
import { RUN_OWNER, type RunsRepo } from '../store/index.js';
import { OutcomeRecorder } from './recorder.js';
import type { SyncSession } from './session.js';

export interface RunOptions {
  /** Locations: mirror the DHIS2 tree changes found since the last run. */
  applyDrift?: boolean;
  /** Forget watermarks and read everything again (unchanged records are still not re-sent). */
  fullResync?: boolean;
}

/** What a stage module gets: the session, where to put outcomes, cancellation, progress and checkpoints. */
export interface StageContext {
  session: SyncSession;
  stage: StageName;
  runId: number;
  options: RunOptions;
  recorder: OutcomeRecorder;
  signal: AbortSignal;
  /** True when this run continues an earlier, unfinished attempt. */
  resumed: boolean;
  progress(phase: string, total?: number): void;
  checkpoint<T>(scope: string): T | undefined;
  /** Saves a resume point; outcomes recorded so far are flushed first, so the checkpoint never runs ahead. */
  saveCheckpoint(scope: string, cursor: unknown): void;
}

export type StageModule = (ctx: StageContext) => Promise<void>;

export interface RunHooks {
  signal?: AbortSignal;
  onProgress?: (progress: StageProgress) => void;
  /** Minimum time between two progress events (the final one is always sent). */
  progressIntervalMs?: number;
  /** Called once the run row exists (so a UI can show it before the first record). */
  onStart?: (runId: number) => void;
  /** How often the run tells other processes it is alive (default a minute; tests shorten it). */
  heartbeatMs?: number;
}

export function isCancellation(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return error instanceof Error && 'kind' in error && (error as { kind?: unknown }).kind === 'cancelled';
}

/** Throws `stage-locked` unless every prerequisite stage's last run completed. Order is enforced here, not in the UI. */
export function assertPrerequisites(session: SyncSession, stage: StageName): void {
  for (const previous of STAGE_PREREQUISITES[stage]) {
    const last = session.target.runs.latest(previous);
    if (last?.status !== 'completed') {
      throw new AppError(
        'stage-locked',
        `${STAGE_LABELS[stage]} can run only after ${STAGE_LABELS[previous]} has finished` +
          (last
            ? ` (its last run ${last.status === 'running' ? 'is still running' : `was ${last.status}`}).`
            : ' (it has not run yet).'),
      );
    }
  }
}

/**
 * Throws `busy` while any stage of this DHIS2 → Go.Data pair runs in a live process, this one or another (the app
 * and the CLI share the database): Go.Data keeps one session per user, so two runs would end each other's
 * sessions, and two runs of one stage could write the same relationships twice. Orphaned runs do not count.
 */
function assertIdle(session: SyncSession, stage: StageName): void {
  const running = session.target.runs.live()[0];
  if (!running) return;
  const where = running.owner === RUN_OWNER ? 'here' : `by another process (${running.owner})`;
  throw new AppError(
    'busy',
    `${STAGE_LABELS[running.stage]} is already running for this DHIS2 and Go.Data pair (run ${running.id}, started ${where}). ` +
      `${STAGE_LABELS[stage]} can start once it has finished or been cancelled: Go.Data allows one session per user.`,
  );
}

/**
 * Runs one stage: checks its prerequisites, resumes an unfinished run of the stage from its checkpoints (or starts
 * a new one), lets the stage module do the work, and closes the run as completed, cancelled or failed. The run
 * counts as completed only when the module finished and every record read got an outcome.
 */
export async function runStage(
  session: SyncSession,
  stage: StageName,
  module: StageModule,
  options: RunOptions = {},
  hooks: RunHooks = {},
): Promise<number> {
  const { runs, progress: progressRepo } = session.target;
  // One write-locked transaction from the checks to the run row: the app and the CLI (separate processes, one
  // database) cannot both find the pair idle and both start.
  const { runId, previous } = session.target.immediateTransaction(() => {
    assertIdle(session, stage);
    assertPrerequisites(session, stage);
    if (options.fullResync) {
      progressRepo.clearWatermarks(stage);
      progressRepo.clearCheckpoints(stage);
    }
    const unfinished = progressRepo.checkpointRunId(stage);
    const last = unfinished !== undefined ? runs.get(unfinished) : undefined;
    if (last && last.status !== 'completed') {
      runs.reopen(last.id);
      return { runId: last.id, previous: last };
    }
    progressRepo.clearCheckpoints(stage);
    const started = runs.start(stage, options);
    // Marks the run resumable from its first moment: a crash before the first page still resumes this run.
    progressRepo.setCheckpoint(stage, '*', started, {});
    return { runId: started, previous: undefined };
  });
  const resumed = previous !== undefined;
  hooks.onStart?.(runId);

  // A resumed run counts on from the records that already have their outcome (a killed run never stored `read`).
  const recorder = previous
    ? new OutcomeRecorder(session.target, stage, runId, {
        ...previous.counts,
        read: outcomeTotal(previous.counts),
      })
    : new OutcomeRecorder(session.target, stage, runId);
  const controller = new AbortController();
  const signal = hooks.signal ? AbortSignal.any([hooks.signal, controller.signal]) : controller.signal;
  const interval = hooks.progressIntervalMs ?? 250;
  let lastSent = 0;
  let phase = 'Starting';
  let total: number | undefined;
  const emit = (done: boolean) => {
    // The last event carries the run's stored counts, so the screen ends on what the run report says.
    const counts = done ? (runs.get(runId)?.counts ?? recorder.counts) : recorder.counts;
    hooks.onProgress?.({ runId, stage, phase, counts, total, done });
  };

  const ctx: StageContext = {
    session,
    stage,
    runId,
    options,
    recorder,
    signal,
    resumed,
    progress(nextPhase, nextTotal) {
      phase = nextPhase;
      if (nextTotal !== undefined) total = nextTotal;
      const now = Date.now();
      if (now - lastSent >= interval) {
        lastSent = now;
        emit(false);
      }
    },
    checkpoint: <T>(scope: string) =>
      resumed ? progressRepo.checkpoint<T>(stage, scope)?.cursor : undefined,
    saveCheckpoint(scope, cursor) {
      recorder.flush();
      progressRepo.setCheckpoint(stage, scope, runId, cursor);
      runs.heartbeat(runId);
    },
  };

  // Another computer sharing the data folder judges this run alive by its heartbeat; a single long page or the
  // one big locations import must not look like silence.
  const heartbeat = setInterval(() => {
    try {
      runs.heartbeat(runId);
    } catch (error) {
      session.log.warn('run heartbeat not written', { error });
    }
  }, hooks.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  try {
    emit(false);
    await module(ctx);
    recorder.flush();
    const gap = recorder.reconcile();
    if (gap) throw new Error(gap);
    runs.finish(runId, 'completed', distinctOutcomes(runs, runId));
    progressRepo.clearCheckpoints(stage);
    phase = 'Finished';
  } catch (error) {
    recorder.flush();
    const cancelled = isCancellation(error, signal);
    runs.finish(
      runId,
      cancelled ? 'cancelled' : 'failed',
      distinctOutcomes(runs, runId),
      cancelled ? 'Cancelled' : describe(error),
    );
    // Keep the run resumable: a checkpoint (even an empty one) marks it as the run to continue.
    if (progressRepo.checkpointRunId(stage) === undefined) progressRepo.setCheckpoint(stage, '*', runId, {});
    phase = cancelled ? 'Cancelled' : 'Failed';
    emit(true);
    if (!cancelled) session.log.error(`${stage} run ${runId} failed`, { error });
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
  emit(true);
  return runId;
}

const HEARTBEAT_MS = 60_000;

/**
 * What a finished run stores as `read`: the records that got an outcome, each once. A resume re-reads the page it
 * stopped in, and a run that stops part-way has read records it never handled; neither is counted, so read = sum
 * of the outcomes holds for every run, whatever its status.
 */
function distinctOutcomes(runs: RunsRepo, runId: number): number {
  return outcomeTotal(runs.counts(runId, 0));
}

function outcomeTotal(counts: OutcomeCounts): number {
  return OUTCOMES.reduce((n, o) => n + counts[o], 0);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
