// SPDX-License-Identifier: MIT
// hospsim-view refuses, with exit status 2 and a message naming the file, what it cannot
// replay: files that are not run databases, newer schemas, replications and times the run
// does not have. (No display needed: it fails before opening a window.)
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "tests/viz/viz_test_run.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <fstream>
#include <sqlite3.h>

using namespace hospsim::viz::testing;

namespace {

void set_pragma(const std::filesystem::path& file, const std::string& pragma) {
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &database) == SQLITE_OK);
  REQUIRE(sqlite3_exec(database, fmt::format("PRAGMA {}", pragma).c_str(), nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(database);
}

} // namespace

TEST_CASE("hospsim-view exits 2 with a message on files that are not readable run databases") {
  ScratchDirectory scratch;
  const auto shot = (scratch / "x.png").string();
  SECTION("an empty file") {
    std::ofstream(scratch / "empty.db").flush();
    const CommandResult result =
        run_viewer(fmt::format("'{}' --screenshot '{}'", (scratch / "empty.db").string(), shot));
    CHECK(result.status == 2);
    CHECK_THAT(result.output,
               Catch::Contains("empty.db") && Catch::Contains("not a hospsim run database"));
  }
  SECTION("a truncated database") {
    write_small_run(scratch / "run.db");
    const auto size = std::filesystem::file_size(scratch / "run.db");
    std::filesystem::resize_file(scratch / "run.db", size / 3);
    const CommandResult result =
        run_viewer(fmt::format("'{}' --screenshot '{}'", (scratch / "run.db").string(), shot));
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("run.db"));
  }
  SECTION("a text file") {
    std::ofstream(scratch / "notes.db") << "these are not the tables you are looking for\n";
    const CommandResult result =
        run_viewer(fmt::format("'{}' --screenshot '{}'", (scratch / "notes.db").string(), shot));
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("not a hospsim run database"));
  }
  SECTION("an SQLite file of another application") {
    write_small_run(scratch / "other.db");
    set_pragma(scratch / "other.db", "application_id = 1234");
    const CommandResult result =
        run_viewer(fmt::format("'{}' --screenshot '{}'", (scratch / "other.db").string(), shot));
    CHECK(result.status == 2);
    CHECK_THAT(result.output,
               Catch::Contains("not a hospsim run database") && Catch::Contains("0x4d2"));
  }
  SECTION("a newer schema") {
    write_small_run(scratch / "newer.db");
    set_pragma(scratch / "newer.db",
               fmt::format("user_version = {}", hospsim::trace::schema_version + 1));
    const CommandResult result =
        run_viewer(fmt::format("'{}' --screenshot '{}'", (scratch / "newer.db").string(), shot));
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("newer than this build reads"));
  }
  SECTION("a missing file") {
    const CommandResult result = run_viewer(fmt::format("'{}'", (scratch / "missing.db").string()));
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("no such file"));
  }
  CHECK_FALSE(std::filesystem::exists(shot));
}

TEST_CASE("hospsim-view exits 2 on a replication or a time the run does not have") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const std::string db = fmt::format("'{}'", (scratch / "run.db").string());
  const std::string shot = fmt::format(" --screenshot '{}'", (scratch / "x.png").string());
  CommandResult result = run_viewer(fmt::format("{} --replication 3{}", db, shot));
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Catch::Contains("no replication 3") && Catch::Contains("0 to 0"));
  result = run_viewer(fmt::format("{} --at 'day 4 10:00'{}", db, shot));
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Catch::Contains("out of the run") && Catch::Contains("day 3 00:00:00"));
  result = run_viewer(fmt::format("{} --at 'teatime'{}", db, shot));
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Catch::Contains("not a time"));
  result = run_viewer(
      fmt::format("{} --frames '{}' --every '5 parsecs'", db, (scratch / "frames").string()));
  CHECK(result.status == 2);
  result = run_viewer(fmt::format("{} --speed 20000{}", db, shot));
  CHECK(result.status == 2);
  CHECK_FALSE(std::filesystem::exists(scratch / "x.png"));
}

TEST_CASE("hospsim-view exits 2 naming --db-trace on a replication the run did not trace") {
  ScratchDirectory scratch;
  // Three replications, only replication 0 traced (hospsim run --db-trace 1): 1 and 2 have
  // their patients but no events, time series or moves.
  hospsim::trace::RunInfo info = small_run_info();
  info.replications = 3;
  info.traced_replications = 1;
  {
    hospsim::trace::RunDatabaseWriter writer(scratch / "run.db", info);
    writer.write_replication(0, small_run_trace(), {});
    hospsim::trace::ReplicationTrace patients_only;
    patients_only.patients = small_run_trace().patients;
    writer.write_replication(1, patients_only, {});
    writer.write_replication(2, patients_only, {});
    writer.finish({});
  }
  const std::string db = fmt::format("'{}'", (scratch / "run.db").string());
  const std::string shot = fmt::format(" --screenshot '{}'", (scratch / "x.png").string());
  const CommandResult result = run_viewer(fmt::format("{} --replication 2{}", db, shot));
  CHECK(result.status == 2);
  CHECK_THAT(result.output, Catch::Contains("replication 2 was not traced") &&
                                Catch::Contains("--db-trace 1") &&
                                Catch::Contains("--replication 0,"));
  CHECK_FALSE(std::filesystem::exists(scratch / "x.png"));
}

TEST_CASE("hospsim-view refuses numbers that are not numbers or are out of range with exit 2") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const std::string db = fmt::format("'{}'", (scratch / "run.db").string());
  const std::string shot = fmt::format(" --screenshot '{}'", (scratch / "x.png").string());
  struct Bad {
    std::string arguments;
    std::string message;
  };
  for (const Bad& bad :
       {Bad{"--floor abc", "'abc' is not allowed: expected a whole number"},
        Bad{"--floor 99999999999", "99999999999 is out of range"},
        Bad{"--floor 0", "0 is out of range: expected a whole number from 1"},
        Bad{"--floor -2", "'-2' is not allowed"},
        Bad{"--speed nan", "'nan' is not allowed: expected a number"},
        Bad{"--speed inf", "'inf' is not allowed"}, Bad{"--speed 0.5", "0.5 is out of range"},
        Bad{"--replication -1", "'-1' is not allowed: expected a whole number"},
        Bad{"--replication 99999999999999999999999", "is out of range"},
        Bad{"--bench-seconds nan", "'nan' is not allowed"}}) {
    const CommandResult result = run_viewer(fmt::format("{} {}{}", db, bad.arguments, shot));
    INFO(bad.arguments << ": " << result.output);
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains(bad.message));
    CHECK_THAT(result.output, Catch::Contains(bad.arguments.substr(0, bad.arguments.find(' '))));
  }
  // --bench-agents before any window opens (--bench without a database benchmarks agents).
  for (const std::string agents : {"-1", "0", "abc", "99999999999999999999999"}) {
    const CommandResult result = run_viewer("--bench --bench-agents " + agents);
    INFO(agents << ": " << result.output);
    CHECK(result.status == 2);
    CHECK_THAT(result.output, Catch::Contains("--bench-agents"));
  }
  CHECK_FALSE(std::filesystem::exists(scratch / "x.png"));
}
