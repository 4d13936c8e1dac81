-- The forged range of forged_time_series_range.sql in a version-3 file: its time series is read by
-- replication (the table's key), not by that range, so every read succeeds, without an overflow.
-- expect: reads
UPDATE replications SET first_time_series = 3, time_series = 9223372036854775807;
