// SPDX-License-Identifier: MIT
// Schema version 3 stores time_series by (replication, resource, time_ms, seq) instead of by
// seq: seq must still number the rows in the order written, and every way of reading levels
// must give what a version-2 file (stored by seq, with time_series_by_resource) gives.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "sim/trace/time_series_window.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <limits>
#include <tuple>

using namespace hospsim;
using namespace hospsim::trace;
using namespace hospsim::trace::testing;

namespace {

/// `rows` level rows in time order: four rows per second, resources interleaved (0, 1, 7 and
/// resource 0 twice in the same millisecond every fourth second), in_use numbering the rows
/// from `first` so that each row can be told apart.
ReplicationTrace interleaved_levels(std::uint32_t rows, std::uint32_t first) {
  ReplicationTrace trace;
  static constexpr std::uint32_t resources[] = {0, 1, 7, 0, 1, 0, 7, 1};
  for (std::uint32_t i = 0; i < rows; ++i)
    trace.levels.push_back({std::int64_t{i / 4} * 1000, resources[i % 8], first + i, 9,
                            i % 5, i % 2, i % 3});
  return trace;
}

using Row = std::tuple<std::int64_t, std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t,
                       std::uint32_t, std::uint32_t>;

Row as_row(const LevelRecord& l) {
  return {l.time_ms, l.resource, l.in_use, l.capacity, l.queue_length, l.cleaning, l.under_repair};
}

std::vector<Row> window(const TimeSeriesWindow& series, std::uint64_t replication,
                        std::int64_t from_ms, std::int64_t to_ms) {
  std::vector<Row> rows;
  series.for_each_level(replication, from_ms, to_ms,
                        [&rows](const LevelRecord& l) { rows.push_back(as_row(l)); });
  return rows;
}

std::vector<Row> whole(const RunDatabaseReader& reader, std::uint64_t replication) {
  std::vector<Row> rows;
  reader.for_each_level(replication, [&rows](const LevelRecord& l) { rows.push_back(as_row(l)); });
  return rows;
}

std::vector<Row> at(const RunDatabaseReader& reader, std::uint64_t replication,
                    std::int64_t time_ms) {
  std::vector<Row> rows;
  for (const LevelRecord& l : reader.levels_at(replication, time_ms))
    rows.push_back(as_row(l));
  return rows;
}

/// Replication 1 (37 rows) written before replication 0 (50 rows).
void write_levels_database(const std::filesystem::path& path) {
  RunDatabaseWriter writer(path, small_run_info());
  writer.write_replication(1, interleaved_levels(37, 1000), {});
  writer.write_replication(0, interleaved_levels(50, 0), {});
  writer.finish({});
}

/// Rewrites a version-3 file as version 2 wrote it: time_series stored by seq, and the index.
void make_version_2(const std::filesystem::path& path) {
  const ShellResult converted = run_sqlite3(path, R"sql(
PRAGMA user_version = 2;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
CREATE TABLE v2(
  seq          INTEGER PRIMARY KEY,
  replication  INTEGER NOT NULL,
  time_ms      INTEGER NOT NULL,
  resource     INTEGER NOT NULL,
  in_use       INTEGER NOT NULL,
  capacity     INTEGER NOT NULL,
  queue_length INTEGER NOT NULL,
  cleaning     INTEGER NOT NULL,
  under_repair INTEGER NOT NULL
);
INSERT INTO v2 SELECT seq, replication, time_ms, resource, in_use, capacity, queue_length,
                      cleaning, under_repair FROM time_series ORDER BY seq;
DROP TABLE time_series;
ALTER TABLE v2 RENAME TO time_series;
CREATE INDEX time_series_by_resource ON time_series(replication, resource, time_ms);
)sql");
  REQUIRE(converted.status == 0);
}

} // namespace

TEST_CASE("time-series rows are numbered in the order written, whatever order they are stored in",
          "[trace]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_levels_database(path);
  const ShellResult stored =
      run_sqlite3(path, "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = "
                        "'time_series';");
  CHECK(stored.output == "1\n");
  // Replication 1 was written first: seq 1..37, then replication 0: 38..87; in_use tells
  // which row of its replication each one was.
  const ShellResult ranges = run_sqlite3(
      path, "SELECT replication, first_time_series, time_series FROM replications ORDER BY "
            "replication;");
  CHECK(ranges.output == "0|38|50\n1|1|37\n");
  const ShellResult order = run_sqlite3(
      path, "SELECT count(*), sum(in_use = CASE replication WHEN 1 THEN 1000 + seq - 1 "
            "ELSE seq - 38 END) FROM time_series;");
  CHECK(order.output == "87|87\n");
  // The level of resource 0 at 0 ms is the later of the two rows of that millisecond.
  const ShellResult latest = run_sqlite3(
      path, "SELECT in_use FROM time_series WHERE replication = 0 AND resource = 0 AND "
            "time_ms <= 0 ORDER BY time_ms DESC, seq DESC LIMIT 1;");
  CHECK(latest.output == "3\n");
  const RunDatabaseReader reader(path);
  const std::vector<Row> rows = whole(reader, 1);
  REQUIRE(rows.size() == 37);
  for (std::uint32_t i = 0; i < rows.size(); ++i)
    CHECK(std::get<2>(rows[i]) == 1000 + i);
}

TEST_CASE("level rows given out of time order keep the order given, and any resource number",
          "[trace]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  ReplicationTrace trace;
  constexpr std::uint32_t huge = std::numeric_limits<std::uint32_t>::max();
  trace.levels = {{5000, 1, 0, 1, 0, 0, 0},    {1000, huge, 1, 1, 0, 0, 0},
                  {3000, 5000, 2, 1, 0, 0, 0}, {1000, 1, 3, 1, 0, 0, 0},
                  {5000, huge, 4, 1, 0, 0, 0}, {0, 5000, 5, 1, 0, 0, 0}};
  {
    RunDatabaseWriter writer(path, small_run_info());
    writer.write_replication(0, trace, {});
    writer.finish({});
  }
  const ShellResult rows =
      run_sqlite3(path, "SELECT group_concat(seq || ':' || resource || ':' || in_use, ' ') FROM "
                        "(SELECT * FROM time_series ORDER BY seq);");
  CHECK(rows.output ==
        fmt::format("1:1:0 2:{0}:1 3:5000:2 4:1:3 5:{0}:4 6:5000:5\n", std::uint64_t{huge}));
  const ShellResult check = run_sqlite3(path, "PRAGMA integrity_check;");
  CHECK(check.output == "ok\n");
}

TEST_CASE("a version-2 file and a version-3 file of the same run read the same levels",
          "[trace]") {
  const ScratchDirectory directory;
  const auto v3 = directory / "v3.db";
  const auto v2 = directory / "v2.db";
  write_levels_database(v3);
  std::filesystem::copy_file(v3, v2);
  make_version_2(v2);
  const ShellResult v2_stored =
      run_sqlite3(v2, "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = "
                      "'time_series';");
  REQUIRE(v2_stored.output == "0\n");

  const RunDatabaseReader reader3(v3);
  const RunDatabaseReader reader2(v2);
  REQUIRE(reader3.schema_version() == 3);
  REQUIRE(reader2.schema_version() == 2);
  const TimeSeriesWindow series3(v3);
  const TimeSeriesWindow series2(v2);
  for (const std::uint64_t replication : {std::uint64_t{0}, std::uint64_t{1}}) {
    INFO("replication " << replication);
    const std::vector<Row> all = whole(reader2, replication);
    CHECK(all.size() == (replication == 0 ? 50u : 37u));
    CHECK(whole(reader3, replication) == all);
    for (std::int64_t from = -1000; from <= 14'000; from += 500)
      for (const std::int64_t width : {1, 999, 1000, 1001, 3000, 20'000}) {
        INFO("window " << from << " + " << width);
        const std::vector<Row> expected = window(series2, replication, from, from + width);
        std::vector<Row> filtered;
        for (const Row& row : all)
          if (std::get<0>(row) >= from && std::get<0>(row) < from + width)
            filtered.push_back(row);
        CHECK(expected == filtered);
        CHECK(window(series3, replication, from, from + width) == expected);
      }
    for (std::int64_t time = -1; time <= 14'000; time += 250) {
      INFO("at " << time);
      CHECK(at(reader3, replication, time) == at(reader2, replication, time));
    }
  }
  // Resource 0 at 0 ms: the later row of that millisecond, on both.
  REQUIRE(at(reader3, 0, 0).size() == 2);
  CHECK(std::get<2>(at(reader3, 0, 0)[0]) == 3);
  CHECK(window(series3, 2, 0, 100'000).empty());
}
