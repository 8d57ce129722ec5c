import type { OpenIssue, StageName } from '../../../shared/stages.js';
import type { Db } from '../database.js';

interface Raw {
  stage: StageName;
  entity: string;
  dhis2_uid: string;
  outcome: 'failed' | 'deferred';
  reason: string;
  details: string | null;
  last_run_id: number;
}

/**
 * Failed and deferred records, kept across runs: a failure does not block the next stage, but it stays listed
 * until a later run succeeds for that record or the user dismisses it.
 */
export function openIssuesRepo(db: Db, targetId: number) {
  const upsert = db.prepare(`INSERT INTO open_issues
      (target_id, stage, entity, dhis2_uid, outcome, reason, details, first_run_id, last_run_id, dismissed_at)
    VALUES (@targetId, @stage, @entity, @dhis2Uid, @outcome, @reason, @details, @runId, @runId, NULL)
    ON CONFLICT (target_id, entity, dhis2_uid) DO UPDATE SET stage = excluded.stage, outcome = excluded.outcome,
      reason = excluded.reason, details = excluded.details, last_run_id = excluded.last_run_id,
      dismissed_at = CASE WHEN open_issues.reason = excluded.reason THEN open_issues.dismissed_at END`);
  const resolve = db.prepare('DELETE FROM open_issues WHERE target_id = ? AND entity = ? AND dhis2_uid = ?');
  const list = db.prepare<[number, string, string], Raw>(
    `SELECT * FROM open_issues WHERE target_id = ? AND dismissed_at IS NULL AND (? = '' OR stage = ?)
     ORDER BY stage, outcome, dhis2_uid`,
  );
  const count = db.prepare<[number, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM open_issues WHERE target_id = ? AND stage = ? AND dismissed_at IS NULL',
  );
  const dismiss = db.prepare(
    'UPDATE open_issues SET dismissed_at = ? WHERE target_id = ? AND entity = ? AND dhis2_uid = ?',
  );

  return {
    open(
      issue: {
        stage: StageName;
        entity: string;
        dhis2Uid: string;
        outcome: 'failed' | 'deferred';
        reason: string;
        details?: string;
      },
      runId: number,
    ) {
      upsert.run({ targetId, ...issue, details: issue.details ?? null, runId });
    },
    resolve: (entity: string, dhis2Uid: string) => resolve.run(targetId, entity, dhis2Uid),
    list(stage?: StageName): OpenIssue[] {
      const s = stage ?? '';
      return list.all(targetId, s, s).map((r) => ({
        stage: r.stage,
        entity: r.entity,
        dhis2Uid: r.dhis2_uid,
        outcome: r.outcome,
        reason: r.reason,
        details: r.details ?? undefined,
        lastRunId: r.last_run_id,
      }));
    },
    count: (stage: StageName) => count.get(targetId, stage)?.n ?? 0,
    dismiss: db.transaction((keys: Array<{ entity: string; dhis2Uid: string }>) => {
      const at = new Date().toISOString();
      let n = 0;
      for (const k of keys) n += dismiss.run(at, targetId, k.entity, k.dhis2Uid).changes;
      return n;
    }),
  };
}
