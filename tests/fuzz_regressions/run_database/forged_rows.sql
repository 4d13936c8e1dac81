-- Rows a damaged file could hold and the reader must take without a crash: class and step
-- numbers out of range, an unknown outcome, NULL values.
-- expect: reads
INSERT INTO steps (class, step, name) VALUES (99, 0, 'nowhere'), (-1, 0, 'nowhere');
UPDATE patients SET class = -3, outcome = 'abducted' WHERE patient = 0;
UPDATE kpis SET value = NULL;
UPDATE kpi_summary SET half_width = NULL, mean = NULL;
