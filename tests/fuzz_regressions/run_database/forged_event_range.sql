-- A row range of a replication that a damaged file could hold: an end past 64 bits. Reading it must not
-- overflow (UBSan found 1 + INT64_MAX in the reader) and must end in a clean DatabaseError.
-- expect-error: is missing
UPDATE replications SET first_event = 1, events = 9223372036854775807;
