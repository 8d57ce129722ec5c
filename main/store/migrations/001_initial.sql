-- First schema. No secrets anywhere in this database: passwords and tokens live in the OS keychain.

-- The two servers the user connected (one DHIS2, one Go.Data). Usernames are not secrets; passwords are.
CREATE TABLE connections (
  id TEXT PRIMARY KEY CHECK (id IN ('dhis2', 'godata')),
  url TEXT NOT NULL,
  auth_kind TEXT NOT NULL CHECK (auth_kind IN ('basic', 'token')),
  username TEXT,
  server_version TEXT,
  last_tested_at TEXT,
  updated_at TEXT NOT NULL
);

-- A sync target is one DHIS2 → Go.Data pair. Everything below is scoped to it, so pointing the app at another
-- Go.Data instance starts a fresh ID map instead of updating records that do not exist there.
CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  dhis2_url TEXT NOT NULL,
  godata_url TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (dhis2_url, godata_url)
);

-- DHIS2 uid ↔ Go.Data id. Re-runs update what changed (payload_hash differs) and never create twice.
CREATE TABLE id_map (
  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  entity TEXT NOT NULL CHECK (entity IN ('location', 'outbreak', 'case', 'contact', 'event', 'relationship')),
  dhis2_uid TEXT NOT NULL,
  godata_id TEXT NOT NULL,
  outbreak_id TEXT,
  source_updated_at TEXT,
  payload_hash TEXT,
  synced_at TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
  PRIMARY KEY (target_id, entity, dhis2_uid)
);
CREATE INDEX id_map_godata ON id_map (target_id, entity, godata_id);

-- One row per stage run; the stage state shown in the wizard is derived from the latest run of each stage.
-- An interrupted, cancelled or failed run is resumed (same id) from its checkpoint by the next run of its stage.
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  stage TEXT NOT NULL CHECK (stage IN ('locations', 'outbreaks', 'cases', 'events', 'contacts')),
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  options TEXT NOT NULL DEFAULT '{}',
  error TEXT,
  -- Records read from DHIS2; the outcome counts are derived from `outcomes` and must add up to this.
  read INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_stage ON runs (target_id, stage, id);

-- What happened to each record read in a run. A record read twice in one run keeps its last outcome.
CREATE TABLE outcomes (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  dhis2_uid TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('created', 'updated', 'unchanged', 'skipped', 'failed', 'deferred', 'deleted')),
  godata_id TEXT,
  reason TEXT,
  details TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (run_id, entity, dhis2_uid)
);
CREATE INDEX outcomes_by_kind ON outcomes (run_id, outcome);

-- Failed and deferred records stay listed across runs until a later run succeeds or the user dismisses them.
CREATE TABLE open_issues (
  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  entity TEXT NOT NULL,
  dhis2_uid TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('failed', 'deferred')),
  reason TEXT NOT NULL,
  details TEXT,
  first_run_id INTEGER NOT NULL,
  last_run_id INTEGER NOT NULL,
  dismissed_at TEXT,
  PRIMARY KEY (target_id, entity, dhis2_uid)
);

-- Incremental reads: the highest DHIS2 updatedAt committed per stage and program.
CREATE TABLE watermarks (
  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  scope TEXT NOT NULL,
  updated_after TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (target_id, stage, scope)
);

-- Resume: where an interrupted stage run stopped (opaque JSON cursor per stage and program).
CREATE TABLE checkpoints (
  target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  stage TEXT NOT NULL,
  scope TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (target_id, stage, scope)
);

-- The user's mapping and task configuration (JSON validated by shared/mapping.ts on every read and write).
CREATE TABLE mappings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  config TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- DHIS2 metadata pulled for offline mapping work (programs, option sets, levels), keyed by what it is.
CREATE TABLE metadata_cache (
  key TEXT PRIMARY KEY,
  source_url TEXT NOT NULL,
  body TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
