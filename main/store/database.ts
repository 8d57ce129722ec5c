import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Opens (or creates) the app database and brings its schema up to date.
 *
 * Migrations are numbered `.sql` files applied in order, each inside one transaction together with its row in
 * `schema_migrations`, so a crash leaves the database at a whole version. A database written by a newer app is
 * refused rather than half-understood. The bundler copies `migrations/` next to the built main bundle.
 */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The database ${file} was written by a newer version of Go.Data Bridge (schema ${found}; this version knows up to ${known}). ` +
        'Update the app, or choose another data folder. Nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new Error(`Migration file name "${file}" is not of the form NNN_name.sql`);
      return {
        version: Number(match[1]),
        name: match[2] ?? file,
        sql: fs.readFileSync(path.join(dir, file), 'utf8'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `Migrations must be numbered 1, 2, 3… without gaps; found ${m.version} at position ${i + 1}`,
      );
  });
  return migrations;
}

export function schemaVersion(db: Db): number {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

export function migrate(db: Db, migrations: Migration[] = loadMigrations(), file = db.name): number {
  const known = migrations.length;
  const current = schemaVersion(db);
  if (current > known) throw new DatabaseTooNewError(file, current, known);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
  }
  return known;
}

export interface OpenOptions {
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, options.migrations, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
