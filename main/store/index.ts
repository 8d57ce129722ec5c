import path from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './database.js';
import { connectionsRepo } from './repos/connections.js';
import { idMapRepo } from './repos/id-map.js';
import { mirroredOrgUnitsRepo } from './repos/mirrored-org-units.js';
import { openIssuesRepo } from './repos/open-issues.js';
import { progressRepo } from './repos/progress.js';
import { markInterruptedRuns, runsRepo } from './repos/runs.js';
import { mappingsRepo, metadataCacheRepo } from './repos/settings.js';
import { targetsRepo } from './repos/targets.js';

export {
  DatabaseTooNewError,
  loadMigrations,
  migrate,
  openDatabase,
  schemaVersion,
  type Db,
} from './database.js';
export type { ConnectionId, ConnectionRow, AuthKind } from './repos/connections.js';
export type { IdMap, IdMapEntry, MappedEntity, WrittenAs, WrittenBy } from './repos/id-map.js';
export type { MirroredOrgUnit } from './repos/mirrored-org-units.js';
export type { LiveRun, OutcomeInput, RunsRepo } from './repos/runs.js';
export { RUN_OWNER } from './repos/runs.js';
export type { ProgressRepo } from './repos/progress.js';
export { normaliseUrl } from './repos/targets.js';

export const DATABASE_FILE = 'godata-bridge.sqlite';

/** The repositories scoped to one DHIS2 → Go.Data pair. */
export function targetStore(db: Db, targetId: number) {
  return {
    targetId,
    idMap: idMapRepo(db, targetId),
    runs: runsRepo(db, targetId),
    issues: openIssuesRepo(db, targetId),
    progress: progressRepo(db, targetId),
    mirroredOrgUnits: mirroredOrgUnitsRepo(db, targetId),
    /** Runs `fn` in one SQLite transaction (nested calls join the outer one). */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /**
     * Runs `fn` in one transaction that takes SQLite's write lock before it reads, so what it checks cannot change
     * before it writes — not even from another process (the app and the CLI share the file).
     */
    immediateTransaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}
export type TargetStore = ReturnType<typeof targetStore>;

/** The app's local store: one SQLite file in the data folder. No SQL lives outside main/store. */
export class Store {
  readonly db: Db;
  readonly connections;
  readonly targets;
  readonly mappings;
  readonly metadata;
  private readonly scoped = new Map<number, TargetStore>();

  constructor(
    readonly file: string,
    options: OpenOptions = {},
  ) {
    this.db = openDatabase(file, options);
    this.connections = connectionsRepo(this.db);
    this.targets = targetsRepo(this.db);
    this.mappings = mappingsRepo(this.db);
    this.metadata = metadataCacheRepo(this.db);
  }

  static inDataDir(dataDir: string): Store {
    return new Store(path.join(dataDir, DATABASE_FILE));
  }

  /** Marks runs a crash left `running` as interrupted; call once when the app or CLI starts. */
  recoverInterruptedRuns(): number {
    return markInterruptedRuns(this.db);
  }

  forTarget(dhis2Url: string, godataUrl: string): TargetStore {
    return this.forTargetId(this.targets.idFor(dhis2Url, godataUrl));
  }

  /** The target a run belongs to (run ids are unique across targets); the latest run's when no id is given. */
  targetOfRun(runId?: number): TargetStore | undefined {
    const row = (
      runId === undefined
        ? this.db.prepare('SELECT target_id FROM runs ORDER BY id DESC LIMIT 1').get()
        : this.db.prepare('SELECT target_id FROM runs WHERE id = ?').get(runId)
    ) as { target_id: number } | undefined;
    return row ? this.forTargetId(row.target_id) : undefined;
  }

  private forTargetId(id: number): TargetStore {
    let scoped = this.scoped.get(id);
    if (!scoped) {
      scoped = targetStore(this.db, id);
      this.scoped.set(id, scoped);
    }
    return scoped;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
