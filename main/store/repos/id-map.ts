import type { Db } from '../database.js';

export type MappedEntity = 'location' | 'outbreak' | 'case' | 'contact' | 'event' | 'relationship';

/** What a run's write did to a record, as its outcome will say. */
export type WrittenAs = 'created' | 'updated' | 'deleted';

/** The run that wrote a row, and what the write was (kept so a resumed run can report it, see migration 004). */
export interface WrittenBy {
  runId: number;
  as: WrittenAs;
}

export interface IdMapEntry {
  entity: MappedEntity;
  dhis2Uid: string;
  godataId: string;
  outbreakId?: string;
  sourceUpdatedAt?: string;
  payloadHash?: string;
  syncedAt: string;
  deleted: boolean;
  /** Set when the last write came from a run that says so (person writes); absent for older rows. */
  writtenBy?: WrittenBy;
}

interface Raw {
  entity: MappedEntity;
  dhis2_uid: string;
  godata_id: string;
  outbreak_id: string | null;
  source_updated_at: string | null;
  payload_hash: string | null;
  synced_at: string;
  deleted: 0 | 1;
  written_by_run: number | null;
  written_as: WrittenAs | null;
}

const fromRaw = (r: Raw): IdMapEntry => ({
  entity: r.entity,
  dhis2Uid: r.dhis2_uid,
  godataId: r.godata_id,
  outbreakId: r.outbreak_id ?? undefined,
  sourceUpdatedAt: r.source_updated_at ?? undefined,
  payloadHash: r.payload_hash ?? undefined,
  syncedAt: r.synced_at,
  deleted: r.deleted === 1,
  ...(r.written_by_run !== null && r.written_as !== null
    ? { writtenBy: { runId: r.written_by_run, as: r.written_as } }
    : {}),
});

/** DHIS2 uid ↔ Go.Data id for one sync target. */
export function idMapRepo(db: Db, targetId: number) {
  const getStmt = db.prepare<[number, string, string], Raw>(
    'SELECT * FROM id_map WHERE target_id = ? AND entity = ? AND dhis2_uid = ?',
  );
  const byGodataStmt = db.prepare<[number, string, string], Raw>(
    'SELECT * FROM id_map WHERE target_id = ? AND entity = ? AND godata_id = ?',
  );
  const listStmt = db.prepare<[number, string], Raw>(
    'SELECT * FROM id_map WHERE target_id = ? AND entity = ? ORDER BY dhis2_uid',
  );
  const countStmt = db.prepare<[number, string], { n: number }>(
    'SELECT COUNT(*) AS n FROM id_map WHERE target_id = ? AND entity = ? AND deleted = 0',
  );
  const upsertStmt = db.prepare(`INSERT INTO id_map
      (target_id, entity, dhis2_uid, godata_id, outbreak_id, source_updated_at, payload_hash, synced_at, deleted,
       written_by_run, written_as)
    VALUES (@targetId, @entity, @dhis2Uid, @godataId, @outbreakId, @sourceUpdatedAt, @payloadHash, @syncedAt, @deleted,
       @writtenByRun, @writtenAs)
    ON CONFLICT (target_id, entity, dhis2_uid) DO UPDATE SET godata_id = excluded.godata_id,
      outbreak_id = excluded.outbreak_id, source_updated_at = excluded.source_updated_at,
      payload_hash = excluded.payload_hash, synced_at = excluded.synced_at, deleted = excluded.deleted,
      written_by_run = excluded.written_by_run, written_as = excluded.written_as`);
  const markDeletedStmt = db.prepare(
    'UPDATE id_map SET deleted = 1, synced_at = ?, written_by_run = ?, written_as = ? WHERE target_id = ? AND entity = ? AND dhis2_uid = ?',
  );

  return {
    get(entity: MappedEntity, dhis2Uid: string): IdMapEntry | undefined {
      const raw = getStmt.get(targetId, entity, dhis2Uid);
      return raw ? fromRaw(raw) : undefined;
    },
    byGodataId(entity: MappedEntity, godataId: string): IdMapEntry | undefined {
      const raw = byGodataStmt.get(targetId, entity, godataId);
      return raw ? fromRaw(raw) : undefined;
    },
    list: (entity: MappedEntity) => listStmt.all(targetId, entity).map(fromRaw),
    count: (entity: MappedEntity) => countStmt.get(targetId, entity)?.n ?? 0,
    record(entry: Omit<IdMapEntry, 'syncedAt' | 'deleted'> & { deleted?: boolean }): void {
      const { writtenBy } = entry;
      upsertStmt.run({
        targetId,
        entity: entry.entity,
        dhis2Uid: entry.dhis2Uid,
        godataId: entry.godataId,
        outbreakId: entry.outbreakId ?? null,
        sourceUpdatedAt: entry.sourceUpdatedAt ?? null,
        payloadHash: entry.payloadHash ?? null,
        syncedAt: new Date().toISOString(),
        deleted: entry.deleted ? 1 : 0,
        writtenByRun: writtenBy?.runId ?? null,
        writtenAs: writtenBy?.as ?? null,
      });
    },
    markDeleted: (entity: MappedEntity, dhis2Uid: string, runId?: number) =>
      markDeletedStmt.run(
        new Date().toISOString(),
        runId ?? null,
        runId === undefined ? null : 'deleted',
        targetId,
        entity,
        dhis2Uid,
      ),
  };
}

export type IdMap = ReturnType<typeof idMapRepo>;
