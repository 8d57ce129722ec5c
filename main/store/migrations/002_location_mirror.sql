-- The org-unit tree as last mirrored into Go.Data, so a later run can report drift (added, renamed, moved,
-- closed units) before applying it. Also remembers how sibling-name clashes were resolved.
CREATE TABLE mirrored_org_units (
  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  uid TEXT NOT NULL,
  name TEXT NOT NULL,
  godata_name TEXT NOT NULL,
  parent_uid TEXT,
  level INTEGER NOT NULL,
  path TEXT NOT NULL,
  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
  PRIMARY KEY (target_id, uid)
);
CREATE INDEX mirrored_org_units_parent ON mirrored_org_units (target_id, parent_uid);
