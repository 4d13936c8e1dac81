-- Found by fuzz-run-database-reader: RunDatabaseReader::run_info() parsed meta values with
-- std::stoull / std::stoll, which threw std::invalid_argument (not an InputError) and ended
-- the program. Fixed: meta numbers are parsed whole with std::from_chars.
-- expect-error: meta value 'seed' is not a number: 'x'
UPDATE meta SET value = 'x' WHERE key = 'seed';
