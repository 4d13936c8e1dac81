-- Trailing text after a number: std::stoll silently read "60000ms" as 60000.
-- expect-error: meta value 'warmup_ms' is not a number: '60000ms'
UPDATE meta SET value = '60000ms' WHERE key = 'warmup_ms';
