-- Which process runs a run, and when it last showed life. At start-up only runs whose owner is gone (or silent
-- for long, when it ran on another computer sharing the folder) are marked interrupted, so the CLI starting
-- next to a running app does not take the app's run away from it.
ALTER TABLE runs ADD COLUMN owner TEXT;
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
