// SPDX-License-Identifier: MIT
// The one binary search over a replication's rows (sim/trace/detail/seq_lower_bound.hpp) that
// RunDatabaseReader and TimeSeriesWindow share: first row at or after a value, ties, the ends,
// an empty range and a missing row.
#include "sim/trace/detail/seq_lower_bound.hpp"
#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/run_database_error.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>

using hospsim::trace::DatabaseError;
using hospsim::trace::detail::seq_lower_bound;
using hospsim::trace::detail::SqliteConnection;

TEST_CASE("seq_lower_bound finds the first row at or after a value within a seq range", "[trace]") {
  const hospsim::trace::testing::ScratchDirectory directory;
  const std::filesystem::path file = directory / "rows.db";
  SqliteConnection connection(file, SqliteConnection::Mode::ReadWrite);
  // seq 10..17 with times 0 5 5 5 9 12 12 20; seq 18.. belongs to another replication.
  connection.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, time_ms INTEGER);"
                     "INSERT INTO events VALUES (10, 0), (11, 5), (12, 5), (13, 5), (14, 9),"
                     " (15, 12), (16, 12), (17, 20), (18, 1);");
  const auto find = [&](std::int64_t value) {
    return seq_lower_bound(connection, file, "events", "time_ms", 10, 8, value);
  };
  CHECK(find(-1) == 10);
  CHECK(find(0) == 10);
  CHECK(find(1) == 11);
  CHECK(find(5) == 11); // the first of equal times
  CHECK(find(6) == 14);
  CHECK(find(12) == 15);
  CHECK(find(20) == 17);
  CHECK(find(21) == 18); // past the end of the range, not into the next replication
  CHECK(seq_lower_bound(connection, file, "events", "time_ms", 12, 0, 0) == 12); // empty range
  // A hole in the range is a damaged database, named by its file.
  connection.execute("DELETE FROM events WHERE seq = 13;");
  CHECK_THROWS_AS(seq_lower_bound(connection, file, "events", "time_ms", 10, 8, 6), DatabaseError);
  CHECK_THROWS_WITH(seq_lower_bound(connection, file, "events", "time_ms", 10, 8, 6),
                    Catch::Contains("rows.db': row 13 of events is missing"));
}
