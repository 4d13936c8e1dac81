-- A row range of a replication that a damaged file could hold: a negative first row, an end past 64 bits and a negative longest move. Reading it must not
-- overflow (UBSan found 1 + INT64_MAX in the reader) and must end in a clean DatabaseError.
-- expect-error: is missing
UPDATE replications SET first_move = -5, moves = 9223372036854775807,
  longest_move_ms = -9223372036854775807;
