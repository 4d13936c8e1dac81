-- Found by fuzz-run-database-reader (a mutated header with the WAL flag): the reader, although
-- read-only, made SQLite create "-wal" and "-shm" files beside the file it read, and left them
-- there (any SQLite file in WAL mode, hospsim's or not, did the same). Fixed: read-only
-- connections open the file with immutable=1. The test checks that no file appears beside it.
-- expect: reads
PRAGMA journal_mode = WAL;
