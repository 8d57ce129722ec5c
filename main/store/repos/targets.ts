import type { Db } from '../database.js';

/** Normalises a server URL so the same server typed twice is one target ("https://x/" = "https://x"). */
export function normaliseUrl(url: string): string {
  const parsed = new URL(url.trim());
  parsed.hash = '';
  parsed.search = '';
  return parsed.toString().replace(/\/+$/, '');
}

export function targetsRepo(db: Db) {
  const find = db.prepare<[string, string], { id: number }>(
    'SELECT id FROM targets WHERE dhis2_url = ? AND godata_url = ?',
  );
  const insert = db.prepare('INSERT INTO targets (dhis2_url, godata_url, created_at) VALUES (?, ?, ?)');
  return {
    /** The id of the DHIS2 → Go.Data pair, created on first use. */
    idFor(dhis2Url: string, godataUrl: string): number {
      const d = normaliseUrl(dhis2Url);
      const g = normaliseUrl(godataUrl);
      const row = find.get(d, g);
      if (row) return row.id;
      return Number(insert.run(d, g, new Date().toISOString()).lastInsertRowid);
    },
  };
}
