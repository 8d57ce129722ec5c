import type { Db } from '../database.js';

export interface MirroredOrgUnit {
  uid: string;
  name: string;
  /** The name used in Go.Data (differs when a sibling-name clash had to be resolved). */
  godataName: string;
  parentUid?: string;
  level: number;
  path: string;
  closed: boolean;
}

interface Raw {
  uid: string;
  name: string;
  godata_name: string;
  parent_uid: string | null;
  level: number;
  path: string;
  closed: 0 | 1;
}

/** The org-unit tree as last mirrored into Go.Data; the base for drift detection. */
export function mirroredOrgUnitsRepo(db: Db, targetId: number) {
  const all = db.prepare<[number], Raw>('SELECT * FROM mirrored_org_units WHERE target_id = ?');
  const upsert =
    db.prepare(`INSERT INTO mirrored_org_units (target_id, uid, name, godata_name, parent_uid, level, path, closed)
    VALUES (@targetId, @uid, @name, @godataName, @parentUid, @level, @path, @closed)
    ON CONFLICT (target_id, uid) DO UPDATE SET name = excluded.name, godata_name = excluded.godata_name,
      parent_uid = excluded.parent_uid, level = excluded.level, path = excluded.path, closed = excluded.closed`);
  const remove = db.prepare('DELETE FROM mirrored_org_units WHERE target_id = ? AND uid = ?');
  return {
    all: (): MirroredOrgUnit[] =>
      all.all(targetId).map((r) => ({
        uid: r.uid,
        name: r.name,
        godataName: r.godata_name,
        parentUid: r.parent_uid ?? undefined,
        level: r.level,
        path: r.path,
        closed: r.closed === 1,
      })),
    save: db.transaction((units: MirroredOrgUnit[]) => {
      for (const u of units)
        upsert.run({ targetId, ...u, parentUid: u.parentUid ?? null, closed: u.closed ? 1 : 0 });
    }),
    remove: (uid: string) => remove.run(targetId, uid),
  };
}
