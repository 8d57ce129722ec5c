import os from 'node:os';
import {
  emptyCounts,
  type OutcomeCounts,
  type Outcome,
  type RunStatus,
  type RunSummary,
  type StageName,
} from '../../../shared/stages.js';
import type { Db } from '../database.js';

interface RunRaw {
  id: number;
  stage: StageName;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  options: string;
  error: string | null;
  read: number;
  owner: string | null;
  heartbeat_at: string | null;
}

/** A run still `running` whose owner is alive. */
export interface LiveRun {
  id: number;
  stage: StageName;
  /** `host:pid` of the process running it. */
  owner: string;
}

const INTERRUPT_SQL =
  "UPDATE runs SET status = 'interrupted', finished_at = ?, error = 'The app stopped while this run was in progress' WHERE id = ?";

export interface OutcomeInput {
  entity: string;
  dhis2Uid: string;
  outcome: Outcome;
  godataId?: string;
  reason?: string;
  details?: string;
}

/** Runs and per-record outcomes of one sync target. */
export function runsRepo(db: Db, targetId: number) {
  const insertRun = db.prepare(
    "INSERT INTO runs (target_id, stage, status, started_at, options, owner, heartbeat_at) VALUES (?, ?, 'running', ?, ?, ?, ?)",
  );
  const beat = db.prepare('UPDATE runs SET heartbeat_at = ? WHERE id = ?');
  const getRun = db.prepare<[number, number], RunRaw>('SELECT * FROM runs WHERE target_id = ? AND id = ?');
  const latestRun = db.prepare<[number, string], RunRaw>(
    'SELECT * FROM runs WHERE target_id = ? AND stage = ? ORDER BY id DESC LIMIT 1',
  );
  const listRuns = db.prepare<[number, number], RunRaw>(
    'SELECT * FROM runs WHERE target_id = ? ORDER BY id DESC LIMIT ?',
  );
  const finishRun = db.prepare(
    'UPDATE runs SET status = ?, finished_at = ?, error = ?, read = ? WHERE id = ?',
  );
  const reopenRun = db.prepare(
    "UPDATE runs SET status = 'running', finished_at = NULL, error = NULL, owner = ?, heartbeat_at = ? WHERE id = ?",
  );
  const setRead = db.prepare('UPDATE runs SET read = ? WHERE id = ?');
  const runningRuns = db.prepare<[number], RunRaw>(
    "SELECT * FROM runs WHERE target_id = ? AND status = 'running' ORDER BY id",
  );
  const interruptRun = db.prepare(INTERRUPT_SQL);
  const outcomeOf = db.prepare<[number, string, string], { outcome: Outcome }>(
    'SELECT outcome FROM outcomes WHERE run_id = ? AND entity = ? AND dhis2_uid = ?',
  );
  const countOutcomes = db.prepare<[number], { outcome: Outcome; n: number }>(
    'SELECT outcome, COUNT(*) AS n FROM outcomes WHERE run_id = ? GROUP BY outcome',
  );
  const upsertOutcome =
    db.prepare(`INSERT INTO outcomes (run_id, entity, dhis2_uid, outcome, godata_id, reason, details, at)
    VALUES (@runId, @entity, @dhis2Uid, @outcome, @godataId, @reason, @details, @at)
    ON CONFLICT (run_id, entity, dhis2_uid) DO UPDATE SET outcome = excluded.outcome, godata_id = excluded.godata_id,
      reason = excluded.reason, details = excluded.details, at = excluded.at`);
  const listOutcomes = db.prepare<[number, string, string, number, number], Record<string, string | null>>(
    `SELECT entity, dhis2_uid, outcome, godata_id, reason, details, at FROM outcomes
     WHERE run_id = ? AND (? = '' OR outcome = ?) ORDER BY at, dhis2_uid LIMIT ? OFFSET ?`,
  );

  const counts = (runId: number, read: number): OutcomeCounts => {
    const c = emptyCounts();
    for (const row of countOutcomes.all(runId)) c[row.outcome] = row.n;
    c.read = read;
    return c;
  };
  const summary = (raw: RunRaw): RunSummary => ({
    id: raw.id,
    stage: raw.stage,
    status: raw.status,
    startedAt: raw.started_at,
    finishedAt: raw.finished_at ?? undefined,
    error: raw.error ?? undefined,
    counts: counts(raw.id, raw.read),
  });

  return {
    start(stage: StageName, options: unknown = {}): number {
      const now = new Date().toISOString();
      return Number(
        insertRun.run(targetId, stage, now, JSON.stringify(options), RUN_OWNER, now).lastInsertRowid,
      );
    },
    reopen: (runId: number) => reopenRun.run(RUN_OWNER, new Date().toISOString(), runId),
    /** Shows the run's owner is alive (called with each checkpoint). */
    heartbeat: (runId: number) => beat.run(new Date().toISOString(), runId),
    get(runId: number): RunSummary | undefined {
      const raw = getRun.get(targetId, runId);
      return raw ? summary(raw) : undefined;
    },
    latest(stage: StageName): RunSummary | undefined {
      const raw = latestRun.get(targetId, stage);
      return raw ? summary(raw) : undefined;
    },
    list: (limit = 50) => listRuns.all(targetId, limit).map(summary),
    /**
     * Runs of this target, of any stage, still running in a live process. A `running` run whose owner is gone is
     * marked interrupted on the way (as at start-up), so an orphan never blocks the next run and stays resumable.
     * Call it in the transaction that starts a run, so no other process can start one in between.
     */
    live(): LiveRun[] {
      const live: LiveRun[] = [];
      const now = new Date().toISOString();
      for (const run of runningRuns.all(targetId)) {
        if (isOrphaned(run.owner, run.heartbeat_at)) interruptRun.run(now, run.id);
        else live.push({ id: run.id, stage: run.stage, owner: run.owner ?? '' });
      }
      return live;
    },
    setRead: (runId: number, read: number) => setRead.run(read, runId),
    finish(runId: number, status: Exclude<RunStatus, 'running'>, read: number, error?: string): void {
      finishRun.run(status, new Date().toISOString(), error ?? null, read, runId);
    },
    /** Outcomes are written in batches inside one transaction: one fsync per page, not per record. */
    recordOutcomes: db.transaction((runId: number, outcomes: OutcomeInput[]) => {
      const at = new Date().toISOString();
      for (const o of outcomes) {
        upsertOutcome.run({
          runId,
          entity: o.entity,
          dhis2Uid: o.dhis2Uid,
          outcome: o.outcome,
          godataId: o.godataId ?? null,
          reason: o.reason ?? null,
          details: o.details ?? null,
          at,
        });
      }
    }),
    outcomes(runId: number, filter: { outcome?: Outcome; limit?: number; offset?: number } = {}) {
      const o = filter.outcome ?? '';
      return listOutcomes.all(runId, o, o, filter.limit ?? 1000, filter.offset ?? 0).map((r) => ({
        entity: r.entity ?? '',
        dhis2Uid: r.dhis2_uid ?? '',
        outcome: r.outcome as Outcome,
        godataId: r.godata_id ?? undefined,
        reason: r.reason ?? undefined,
        details: r.details ?? undefined,
        at: r.at ?? '',
      }));
    },
    counts,
    /** What this run already did to a record, if anything. */
    outcomeOf: (runId: number, entity: string, dhis2Uid: string): Outcome | undefined =>
      outcomeOf.get(runId, entity, dhis2Uid)?.outcome,
  };
}

export type RunsRepo = ReturnType<typeof runsRepo>;

/** This process, as the owner of the runs it starts: `host:pid`. */
export const RUN_OWNER = `${os.hostname()}:${process.pid}`;

/** A run on another computer that has not shown life for this long is considered dead. */
const FOREIGN_SILENCE_MS = 15 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a `running` run is an orphan: its owner process is gone (or silent for long on another host). */
export function isOrphaned(owner: string | null, heartbeatAt: string | null, now = Date.now()): boolean {
  if (!owner) return true;
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host === os.hostname()) return pid !== process.pid && !processAlive(pid);
  return !heartbeatAt || now - Date.parse(heartbeatAt) > FOREIGN_SILENCE_MS;
}

/**
 * At start-up: runs a crash or kill left `running` become `interrupted` (and resumable). A run still owned by a
 * live process — the app while the CLI starts, or the other way round — is left alone.
 */
export function markInterruptedRuns(db: Db): number {
  const running = db
    .prepare("SELECT id, owner, heartbeat_at FROM runs WHERE status = 'running'")
    .all() as Array<{ id: number; owner: string | null; heartbeat_at: string | null }>;
  const interrupt = db.prepare(INTERRUPT_SQL);
  const now = new Date().toISOString();
  let n = 0;
  for (const run of running) {
    if (isOrphaned(run.owner, run.heartbeat_at)) n += interrupt.run(now, run.id).changes;
  }
  return n;
}
