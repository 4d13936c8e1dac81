-- A sign on an unsigned meta number: std::stoll read "-5" and the reader wrapped it to
-- 2^64 - 5 replications. Now refused.
-- expect-error: meta value 'replications' is not a number: '-5'
UPDATE meta SET value = '-5' WHERE key = 'replications';
