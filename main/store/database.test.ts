import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, loadMigrations, openDatabase, schemaVersion } from './database.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-db-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('database migrations', () => {
  it('creates a new database file at the latest schema with WAL and foreign keys on', () => {
    const file = path.join(dir, 'nested', 'app.sqlite');
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades a database written by an older version and keeps its data', () => {
    const file = path.join(dir, 'old.sqlite');
    const [first] = loadMigrations();
    const old = openDatabase(file, { migrations: [first!] });
    old
      .prepare(
        "INSERT INTO targets (dhis2_url, godata_url, created_at) VALUES ('https://d', 'https://g', 'now')",
      )
      .run();
    old
      .prepare(
        "INSERT INTO id_map (target_id, entity, dhis2_uid, godata_id, synced_at) VALUES (1, 'location', 'ImspTQPwCqd', 'ImspTQPwCqd', 'now')",
      )
      .run();
    expect(schemaVersion(old)).toBe(1);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(db.prepare('SELECT godata_id FROM id_map').pluck().get()).toBe('ImspTQPwCqd');
    db.prepare(
      "INSERT INTO mirrored_org_units (target_id, uid, name, godata_name, level, path) VALUES (1, 'a', 'A', 'A', 1, '/a')",
    ).run();
    const history = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(history).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('refuses a database from a newer app version with a clear message and leaves it untouched', () => {
    const file = path.join(dir, 'future.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'later')")
      .run();
    raw.close();
    const before = fs.readFileSync(file);

    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(
      /newer version of Go.Data Bridge \(schema 99; this version knows up to \d+\)/,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('applies each migration atomically: a failing step leaves the previous version intact', () => {
    const file = path.join(dir, 'broken.sqlite');
    const migrations = loadMigrations();
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (x); SELECT * FROM nowhere;',
      },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/no such table: nowhere/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('keeps secrets out of the schema', () => {
    const db = openDatabase(path.join(dir, 's.sqlite'));
    const columns = db
      .prepare(
        "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'",
      )
      .all() as Array<{ t: string; c: string }>;
    const suspicious = columns.filter(({ c }) => /pass|secret|token|credential/i.test(c));
    expect(suspicious).toEqual([]);
    db.close();
  });
});
