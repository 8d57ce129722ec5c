import type { Db } from '../database.js';

/** The saved mapping configuration (raw JSON; parsed and validated by the caller with shared/mapping.ts). */
export function mappingsRepo(db: Db) {
  const get = db.prepare<[], { config: string; updated_at: string }>(
    'SELECT config, updated_at FROM mappings WHERE id = 1',
  );
  const save = db.prepare(`INSERT INTO mappings (id, config, updated_at) VALUES (1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`);
  return {
    get(): { config: unknown; updatedAt: string } | undefined {
      const row = get.get();
      return row ? { config: JSON.parse(row.config) as unknown, updatedAt: row.updated_at } : undefined;
    },
    save: (config: unknown) => save.run(JSON.stringify(config), new Date().toISOString()),
  };
}

/** DHIS2 metadata kept for offline mapping work. */
export function metadataCacheRepo(db: Db) {
  const get = db.prepare<[string], { body: string; source_url: string; fetched_at: string }>(
    'SELECT body, source_url, fetched_at FROM metadata_cache WHERE key = ?',
  );
  const put = db.prepare(`INSERT INTO metadata_cache (key, source_url, body, fetched_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET source_url = excluded.source_url, body = excluded.body, fetched_at = excluded.fetched_at`);
  return {
    get<T>(key: string): { value: T; sourceUrl: string; fetchedAt: string } | undefined {
      const row = get.get(key);
      return row
        ? { value: JSON.parse(row.body) as T, sourceUrl: row.source_url, fetchedAt: row.fetched_at }
        : undefined;
    },
    put: (key: string, sourceUrl: string, value: unknown) =>
      put.run(key, sourceUrl, JSON.stringify(value), new Date().toISOString()),
  };
}
