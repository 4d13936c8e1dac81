-- Out of range for a 64-bit integer: std::stoll threw std::out_of_range.
-- expect-error: meta value 'horizon_ms' is not a number: '99999999999999999999'
UPDATE meta SET value = '99999999999999999999' WHERE key = 'horizon_ms';
