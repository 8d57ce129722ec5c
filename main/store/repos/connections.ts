import type { Db } from '../database.js';

export type ConnectionId = 'dhis2' | 'godata';
export type AuthKind = 'basic' | 'token';

/** A saved connection. Deliberately has no secret field: secrets live in the keychain only. */
export interface ConnectionRow {
  id: ConnectionId;
  url: string;
  authKind: AuthKind;
  username?: string;
  serverVersion?: string;
  lastTestedAt?: string;
  updatedAt: string;
}

interface Raw {
  id: ConnectionId;
  url: string;
  auth_kind: AuthKind;
  username: string | null;
  server_version: string | null;
  last_tested_at: string | null;
  updated_at: string;
}

const fromRaw = (r: Raw): ConnectionRow => ({
  id: r.id,
  url: r.url,
  authKind: r.auth_kind,
  username: r.username ?? undefined,
  serverVersion: r.server_version ?? undefined,
  lastTestedAt: r.last_tested_at ?? undefined,
  updatedAt: r.updated_at,
});

export function connectionsRepo(db: Db) {
  const getStmt = db.prepare<[string], Raw>('SELECT * FROM connections WHERE id = ?');
  const listStmt = db.prepare<[], Raw>('SELECT * FROM connections ORDER BY id');
  // A successful test vouches for one server and one set of credentials: changing either makes it untested.
  const upsertStmt = db.prepare(`INSERT INTO connections (id, url, auth_kind, username, updated_at)
    VALUES (@id, @url, @authKind, @username, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET url = excluded.url, auth_kind = excluded.auth_kind, username = excluded.username,
      updated_at = excluded.updated_at,
      server_version = CASE WHEN connections.url = excluded.url THEN connections.server_version END,
      last_tested_at = CASE WHEN connections.url = excluded.url AND connections.auth_kind = excluded.auth_kind
        AND connections.username IS excluded.username AND NOT @secretChanged THEN connections.last_tested_at END`);
  const testedStmt = db.prepare('UPDATE connections SET server_version = ?, last_tested_at = ? WHERE id = ?');
  const untestedStmt = db.prepare('UPDATE connections SET last_tested_at = NULL WHERE id = ?');
  const deleteStmt = db.prepare('DELETE FROM connections WHERE id = ?');

  return {
    get: (id: ConnectionId) => {
      const raw = getStmt.get(id);
      return raw ? fromRaw(raw) : undefined;
    },
    list: () => listStmt.all().map(fromRaw),
    save(
      row: { id: ConnectionId; url: string; authKind: AuthKind; username?: string },
      secretChanged = false,
    ): ConnectionRow {
      upsertStmt.run({
        ...row,
        username: row.username ?? null,
        secretChanged: secretChanged ? 1 : 0,
        updatedAt: new Date().toISOString(),
      });
      const saved = getStmt.get(row.id);
      if (!saved) throw new Error(`connection ${row.id} was not saved`);
      return fromRaw(saved);
    },
    markTested: (id: ConnectionId, serverVersion: string) =>
      testedStmt.run(serverVersion, new Date().toISOString(), id),
    /** The server refused the saved credentials: stages need a new successful test. */
    markUntested: (id: ConnectionId) => untestedStmt.run(id),
    remove: (id: ConnectionId) => deleteStmt.run(id),
  };
}
