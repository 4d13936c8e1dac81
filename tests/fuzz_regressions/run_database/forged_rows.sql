-- Rows a damaged file could hold and the reader must take without a crash: class and step
-- numbers out of range, an unknown outcome, an event range whose end overflows 64 bits,
-- NULL values.
-- expect: reads
INSERT INTO steps (class, step, name) VALUES (99, 0, 'nowhere'), (-1, 0, 'nowhere');
UPDATE patients SET class = -3, outcome = 'abducted' WHERE patient = 0;
UPDATE replications SET first_event = 1, events = 9223372036854775807;
UPDATE kpis SET value = NULL;
UPDATE kpi_summary SET half_width = NULL, mean = NULL;
UPDATE replications SET first_move = -5, moves = 9223372036854775807, longest_move_ms = -9223372036854775807;
UPDATE replications SET first_time_series = 3, time_series = 9223372036854775807;
