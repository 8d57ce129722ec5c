import type { StageName } from '../../../shared/stages.js';
import type { Db } from '../database.js';

/**
 * Watermarks (highest DHIS2 updatedAt committed, for incremental reads) and checkpoints (where an unfinished run
 * stopped, for resume), per stage and scope (usually a program uid).
 */
export function progressRepo(db: Db, targetId: number) {
  const getWatermark = db.prepare<[number, string, string], { updated_after: string }>(
    'SELECT updated_after FROM watermarks WHERE target_id = ? AND stage = ? AND scope = ?',
  );
  const setWatermark = db.prepare(`INSERT INTO watermarks (target_id, stage, scope, updated_after, updated_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (target_id, stage, scope) DO UPDATE SET
    updated_after = excluded.updated_after, updated_at = excluded.updated_at`);
  const clearWatermarks = db.prepare('DELETE FROM watermarks WHERE target_id = ? AND stage = ?');
  const getCheckpoint = db.prepare<[number, string, string], { run_id: number; cursor: string }>(
    'SELECT run_id, cursor FROM checkpoints WHERE target_id = ? AND stage = ? AND scope = ?',
  );
  const setCheckpoint =
    db.prepare(`INSERT INTO checkpoints (target_id, stage, scope, run_id, cursor, updated_at)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (target_id, stage, scope) DO UPDATE SET
    run_id = excluded.run_id, cursor = excluded.cursor, updated_at = excluded.updated_at`);
  const clearCheckpoints = db.prepare('DELETE FROM checkpoints WHERE target_id = ? AND stage = ?');
  const checkpointRun = db.prepare<[number, string], { run_id: number }>(
    'SELECT run_id FROM checkpoints WHERE target_id = ? AND stage = ? LIMIT 1',
  );

  return {
    watermark: (stage: StageName, scope: string) => getWatermark.get(targetId, stage, scope)?.updated_after,
    setWatermark: (stage: StageName, scope: string, updatedAfter: string) =>
      setWatermark.run(targetId, stage, scope, updatedAfter, new Date().toISOString()),
    /** Forget watermarks so the next run reads everything again (a full re-sync). */
    clearWatermarks: (stage: StageName) => clearWatermarks.run(targetId, stage),
    checkpoint<T>(stage: StageName, scope: string): { runId: number; cursor: T } | undefined {
      const row = getCheckpoint.get(targetId, stage, scope);
      return row ? { runId: row.run_id, cursor: JSON.parse(row.cursor) as T } : undefined;
    },
    setCheckpoint: (stage: StageName, scope: string, runId: number, cursor: unknown) =>
      setCheckpoint.run(targetId, stage, scope, runId, JSON.stringify(cursor), new Date().toISOString()),
    clearCheckpoints: (stage: StageName) => clearCheckpoints.run(targetId, stage),
    /** The run an unfinished checkpoint belongs to, if any (that run is resumed). */
    checkpointRunId: (stage: StageName) => checkpointRun.get(targetId, stage)?.run_id,
  };
}

export type ProgressRepo = ReturnType<typeof progressRepo>;
