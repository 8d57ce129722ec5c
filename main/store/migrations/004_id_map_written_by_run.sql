-- Which run last wrote each ID-map row, and what that write was. The row is committed as soon as Go.Data answers,
-- the record's outcome only with its page; a run killed in between is resumed with the row already in place, and
-- these let the resumed run report what its killed attempt did (created, updated, deleted) instead of `unchanged`.
ALTER TABLE id_map ADD COLUMN written_by_run INTEGER;
ALTER TABLE id_map ADD COLUMN written_as TEXT CHECK (written_as IN ('created', 'updated', 'deleted'));
