-- A row range of a replication that a damaged file could hold: an end past 64 bits. Reading it must not
-- overflow (UBSan found 1 + INT64_MAX in the reader) and must end in a clean DatabaseError.
-- The file is first made a version-2 one (time_series stored by seq), whose time series is read by
-- that range (version 3 reads it by its key: forged_time_series_range_v3.sql).
-- expect-error: is missing
PRAGMA user_version = 2;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
CREATE TABLE v2(seq INTEGER PRIMARY KEY, replication INTEGER NOT NULL, time_ms INTEGER NOT NULL,
  resource INTEGER NOT NULL, in_use INTEGER NOT NULL, capacity INTEGER NOT NULL,
  queue_length INTEGER NOT NULL, cleaning INTEGER NOT NULL, under_repair INTEGER NOT NULL);
INSERT INTO v2 SELECT seq, replication, time_ms, resource, in_use, capacity, queue_length, cleaning,
  under_repair FROM time_series ORDER BY seq;
DROP TABLE time_series;
ALTER TABLE v2 RENAME TO time_series;
CREATE INDEX time_series_by_resource ON time_series(replication, resource, time_ms);
UPDATE replications SET first_time_series = 3, time_series = 9223372036854775807;
