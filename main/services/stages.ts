import { AppError } from '../../shared/result.js';
import {
  STAGE_LABELS,
  STAGE_PREREQUISITES,
  STAGES,
  type StageName,
  type StageState,
} from '../../shared/stages.js';
import type { DriftReport } from '../../shared/views.js';
import { planTree } from '../pipeline/locations/tree.js';
import type { RunOptions } from '../pipeline/runner.js';
import { assertPrerequisites, isCancellation } from '../pipeline/runner.js';
import type { SyncSession } from '../pipeline/session.js';
import { openSyncSession, runStageNamed } from '../pipeline/sync.js';
import type { TargetStore } from '../store/index.js';
import type { ConnectionsService } from './connections.js';
import type { AppContext } from './context.js';
import type { MappingService } from './mapping.js';

/**
 * Stage state for the wizard and stage runs for the app. State is derived from the runs stored in SQLite; the
 * renderer only shows it. One stage runs at a time: Go.Data keeps one session per user, so two runs with two
 * logins would end each other's sessions.
 */
export class StagesService {
  private active?: { stage: StageName; controller: AbortController; done: Promise<void> };
  private stopping = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly connections: ConnectionsService,
    private readonly mapping: MappingService,
  ) {}

  private target(): TargetStore | undefined {
    const dhis2 = this.ctx.store.connections.get('dhis2');
    const godata = this.ctx.store.connections.get('godata');
    return dhis2 && godata ? this.ctx.store.forTarget(dhis2.url, godata.url) : undefined;
  }

  async list(): Promise<{ ready: { connections: boolean; mapping: boolean }; stages: StageState[] }> {
    const ready = { connections: await this.connections.ready(), mapping: this.mapping.configured() };
    const target = this.target();
    const stages = STAGES.map((stage): StageState => {
      const lastRun = target?.runs.latest(stage);
      const openIssues = target?.issues.count(stage) ?? 0;
      const base = { stage, openIssues, ...(lastRun ? { lastRun } : {}) };
      if (this.active?.stage === stage) return { ...base, status: 'running' };
      const locked = this.lockedReason(stage, ready, target);
      if (locked) return { ...base, status: 'locked', lockedReason: locked };
      if (!lastRun || lastRun.status === 'cancelled') return { ...base, status: 'ready' };
      return { ...base, status: lastRun.status === 'completed' ? 'finished' : 'failed' };
    });
    return { ready, stages };
  }

  private lockedReason(
    stage: StageName,
    ready: { connections: boolean; mapping: boolean },
    target?: TargetStore,
  ): string | undefined {
    if (!ready.connections) return 'Connect and test both servers first.';
    if (!ready.mapping) return 'Review and save the mapping first.';
    const missing = STAGE_PREREQUISITES[stage].find((p) => target?.runs.latest(p)?.status !== 'completed');
    return missing ? `${STAGE_LABELS[missing]} must finish first.` : undefined;
  }

  async run(stage: StageName, options: RunOptions): Promise<{ runId: number }> {
    if (this.stopping) throw new AppError('busy', 'The app is closing.');
    if (this.active)
      throw new AppError(
        'busy',
        `${STAGE_LABELS[this.active.stage]} is running; wait for it or cancel it first.`,
      );
    // The slot is claimed before the first await, so two quick clicks cannot both start a run, and a cancel
    // sent while the run is starting up still reaches it.
    const controller = new AbortController();
    let settle!: () => void;
    const claim = { stage, controller, done: new Promise<void>((resolve) => (settle = resolve)) };
    this.active = claim;
    const release = () => {
      if (this.active === claim) this.active = undefined;
      settle();
      this.ctx.emit('stagesChanged', { stage });
    };

    let session: SyncSession;
    try {
      const ready = { connections: await this.connections.ready(), mapping: this.mapping.configured() };
      const locked = this.lockedReason(stage, ready, this.target());
      if (locked) throw new AppError('stage-locked', locked);
      session = await this.openSession();
      assertPrerequisites(session, stage);
      // Cancelled (or the app closing) while starting up: no run is opened at all.
      if (controller.signal.aborted) throw new AppError('cancelled', `${STAGE_LABELS[stage]} was cancelled.`);
    } catch (error) {
      release();
      throw error;
    }

    let resolveStart!: (runId: number) => void;
    let rejectStart!: (error: unknown) => void;
    const started = new Promise<number>((resolve, reject) => {
      resolveStart = resolve;
      rejectStart = reject;
    });
    void runStageNamed(session, stage, options, {
      signal: controller.signal,
      onStart: (runId) => {
        resolveStart(runId);
        this.ctx.emit('stagesChanged', { stage });
      },
      onProgress: (progress) => this.ctx.emit('stageProgress', progress),
    })
      .catch((error: unknown) => {
        rejectStart(error);
        if (!isCancellation(error, controller.signal)) this.ctx.log.error(`${stage} failed`, { error });
      })
      .finally(release);
    return { runId: await started };
  }

  cancel(stage: StageName): { cancelled: boolean } {
    if (this.active?.stage !== stage) return { cancelled: false };
    this.active.controller.abort();
    return { cancelled: true };
  }

  /**
   * App shutdown: refuses new runs, cancels the running one and waits until it has recorded where it stopped —
   * at most `limitMs`, so a hung request cannot keep the app from quitting (the run then resumes next time).
   */
  async stop(limitMs = 10_000): Promise<void> {
    this.stopping = true;
    this.active?.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
    await Promise.race([this.idle(), limit]).finally(() => clearTimeout(timer));
  }

  /** Waits for the running stage, if any (tests, app shutdown). */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  async drift(signal?: AbortSignal): Promise<DriftReport> {
    const session = await this.openSession();
    const { drift } = await planTree(session, signal ?? new AbortController().signal);
    const { reasons: _reasons, ...report } = drift;
    return report;
  }

  private async openSession(): Promise<SyncSession> {
    const dhis2 = this.connections.require('dhis2');
    const godata = this.connections.require('godata');
    return openSyncSession({
      store: this.ctx.store,
      vault: this.ctx.vault,
      env: this.ctx.env,
      log: this.ctx.log,
      mapping: this.mapping.current().config,
      endpoints: { dhis2, godata },
    });
  }
}
