// SPDX-License-Identifier: MIT
// A writer killed outright (SIGKILL) while loading never leaves a file under the final name,
// and an older run database at that name stays intact.
#include "sim/error.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace hospsim;
using namespace hospsim::trace;
using namespace hospsim::trace::testing;

namespace {

/// In a child process: writes replications forever (never finishes); the parent kills it once
/// the temporary file holds more than `bytes`. Returns the temporary files left behind.
std::vector<std::string> kill_writer_midway(const ScratchDirectory& directory,
                                            std::uintmax_t bytes) {
  const ReplicationTrace trace = synthetic_trace(20'000);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    try {
      RunDatabaseWriter writer(directory / "run.db", small_run_info(2));
      for (std::uint64_t replication = 0;; ++replication)
        writer.write_replication(replication, trace, {});
    } catch (...) {
    }
    ::_exit(3); // only if writing failed
  }
  const std::string partial = "run.db.partial-" + std::to_string(child);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool big_enough = false;
  while (!big_enough && std::chrono::steady_clock::now() < deadline) {
    std::error_code missing; // file_size() is (uintmax_t)-1 then
    const std::uintmax_t size = std::filesystem::file_size(directory / partial, missing);
    big_enough = !missing && size > bytes;
    if (!big_enough)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(child, SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(big_enough);
  CHECK(WIFSIGNALED(status));
  std::vector<std::string> leftovers;
  for (const std::string& name : directory.files())
    if (name != "run.db")
      leftovers.push_back(name);
  return leftovers;
}

} // namespace

TEST_CASE("a writer killed while loading leaves nothing under the final name", "[trace]") {
  const ScratchDirectory directory;
  const std::vector<std::string> leftovers = kill_writer_midway(directory, 1 << 20);
  CHECK_FALSE(std::filesystem::exists(directory / "run.db"));
  // The documented leftover: the temporary file of the killed process, nothing else.
  REQUIRE(leftovers.size() == 1);
  CHECK_THAT(leftovers[0], Catch::StartsWith("run.db.partial-"));
}

TEST_CASE("a writer killed while loading leaves an older run database intact", "[trace]") {
  const ScratchDirectory directory;
  {
    RunDatabaseWriter older(directory / "run.db", small_run_info(1));
    older.write_replication(0, synthetic_trace(50), {});
    older.finish({});
  }
  const std::string before = read_text(directory / "run.db");
  kill_writer_midway(directory, 1 << 20);
  CHECK(read_text(directory / "run.db") == before);
  const RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.meta("seed") == "1");
  CHECK(reader.count_rows("patients") == 50);
  CHECK(run_sqlite3(directory / "run.db", "PRAGMA integrity_check;").output == "ok\n");
}

TEST_CASE("finishing replaces an older run database with the new one", "[trace]") {
  const ScratchDirectory directory;
  for (const std::uint64_t seed : {std::uint64_t{1}, std::uint64_t{2}}) {
    RunDatabaseWriter writer(directory / "run.db", small_run_info(seed));
    writer.write_replication(0, synthetic_trace(5 * seed), {});
    writer.finish({});
  }
  const RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.meta("seed") == "2");
  CHECK(reader.count_rows("patients") == 10);
  CHECK(directory.files() == std::vector<std::string>{"run.db"});
}

TEST_CASE("complete() leaves a readable database under its temporary name and publish() "
          "renames it",
          "[trace]") {
  const ScratchDirectory directory;
  {
    RunDatabaseWriter older(directory / "run.db", small_run_info(1));
    older.write_replication(0, synthetic_trace(5), {});
    older.finish({});
  }
  const std::string before = read_text(directory / "run.db");
  {
    RunDatabaseWriter writer(directory / "run.db", small_run_info(2));
    writer.write_replication(0, synthetic_trace(10), {});
    const std::vector<KpiSummaryRow> summary{{"LOS", "h", 4.0, 0.5, 0.95, 1}};
    writer.complete(summary);
    CHECK(writer.completed());
    // The old file is untouched; the completed one is whole and readable where it is.
    CHECK(read_text(directory / "run.db") == before);
    {
      const RunDatabaseReader completed(writer.temporary_path());
      CHECK(completed.meta("seed") == "2");
      CHECK(completed.count_rows("patients") == 10);
      REQUIRE(completed.kpi_summary().size() == 1);
      CHECK(completed.kpi_summary()[0].name == "LOS");
    }
    CHECK_THROWS_AS(writer.complete(summary), sim::UsageError);
    writer.publish();
    CHECK_FALSE(writer.completed());
    CHECK_THROWS_AS(writer.publish(), sim::UsageError);
  }
  const RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.meta("seed") == "2");
  CHECK(directory.files() == std::vector<std::string>{"run.db"});
}

TEST_CASE("a completed database never published is removed, the older one kept", "[trace]") {
  const ScratchDirectory directory;
  {
    RunDatabaseWriter older(directory / "run.db", small_run_info(1));
    older.finish({});
  }
  const std::string before = read_text(directory / "run.db");
  {
    RunDatabaseWriter writer(directory / "run.db", small_run_info(2));
    writer.write_replication(0, synthetic_trace(10), {});
    writer.complete({});
    CHECK(std::filesystem::exists(writer.temporary_path()));
    RunDatabaseWriter unstarted(directory / "other.db", small_run_info(3));
    CHECK_THROWS_AS(unstarted.publish(), sim::UsageError); // not completed
  } // e.g. the report could not be made: destroyed without publish()
  CHECK(read_text(directory / "run.db") == before);
  CHECK(directory.files() == std::vector<std::string>{"run.db"});
}
