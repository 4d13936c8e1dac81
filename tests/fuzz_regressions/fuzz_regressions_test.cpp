// SPDX-License-Identifier: MIT
// Inputs found by the fuzzers (fuzz/, docs/reliability.md "Fuzzing") replayed in the normal
// build; tests/fuzz_regressions/README.md says how the cases are written.
#include "models/scenario/scenario_loader.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "tests/fuzz_regressions/read_everything.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <iterator>
#include <optional>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace hospsim;

const fs::path cases_dir = HOSPSIM_FUZZ_REGRESSIONS_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The files of `folder` ending in `extension`, sorted (an absent folder has none).
std::vector<fs::path> cases(const std::string& folder, const std::string& extension) {
  std::vector<fs::path> files;
  if (fs::is_directory(cases_dir / folder))
    for (const fs::directory_entry& entry : fs::directory_iterator(cases_dir / folder))
      if (entry.path().extension() == extension)
        files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// What a case's header line says: "<marker> expect-error: TEXT" or "<marker> expect: loads".
struct Expectation {
  std::optional<std::string> error_text; ///< Set: an InputError containing it.
  bool must_succeed = false;
};

Expectation expectation(const std::string& text, const std::string& marker) {
  Expectation expected;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(marker + " expect-error: ", 0) == 0)
      expected.error_text = line.substr(marker.size() + 15);
    else if (line.rfind(marker + " expect: ", 0) == 0)
      expected.must_succeed = true;
  }
  return expected;
}

// --- scenario loader ------------------------------------------------------------------------

// The name fuzz-scenario-loader gives its inputs (fuzz/scenario_loader_fuzzer.cpp).
const std::string fuzz_file_name = std::string(HOSPSIM_FUZZ_SCENARIO_DIR) + "/fuzz-input.yaml";

void replay_scenario(const fs::path& file) {
  INFO("case " << file.filename().string());
  const std::string text = read_text(file);
  const Expectation expected = expectation(text, "#");
  try {
    const models::ScenarioSpec spec = models::load_scenario_text(text, fuzz_file_name);
    CHECK_FALSE(expected.error_text.has_value());
    CHECK_FALSE(spec.classes.empty());
    CHECK_FALSE(spec.pathways.empty());
  } catch (const models::ScenarioError& error) {
    const std::string message = error.what();
    INFO("message: " << message);
    CHECK_FALSE(expected.must_succeed);
    CHECK(error.file() == fuzz_file_name);
    CHECK(message.rfind(fuzz_file_name + ":", 0) == 0);
    CHECK_FALSE(error.message().empty());
    if (expected.error_text)
      CHECK(message.find(*expected.error_text) != std::string::npos);
  }
}

TEST_CASE("every scenario the loader fuzzer found loads or is refused with a located message") {
  const std::vector<fs::path> files = cases("scenario", ".yaml");
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files)
    replay_scenario(file);
}

// Too big to keep as files: generated here (the loader fuzzer's -max_len is 16 KiB, so it
// reaches about 16 000 levels of flow nesting at most).
TEST_CASE("deeply nested scenarios are refused with a located message, without a crash") {
  std::string flow = "name: deep\nclasses: " + std::string(100'000, '[') + "\n";
  std::string block = "name: deep\nclasses:\n";
  for (std::size_t depth = 1; depth <= 2000; ++depth)
    block += std::string(depth, ' ') + "- \n";
  for (const std::string* text : {&flow, &block}) {
    try {
      static_cast<void>(models::load_scenario_text(*text, fuzz_file_name));
      FAIL("a deeply nested scenario was accepted");
    } catch (const models::ScenarioError& error) {
      INFO("message: " << error.what());
      CHECK(error.file() == fuzz_file_name);
      CHECK(std::string(error.what()).rfind(fuzz_file_name + ":", 0) == 0);
    }
  }
}

// --- run-database reader ----------------------------------------------------------------------

class ScratchDatabase {
public:
  ScratchDatabase()
      : path_(fs::temp_directory_path() /
              fmt::format("hospsim-fuzz-regression-{}-{}.db", ::getpid(), next_number++)) {}
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ~ScratchDatabase() {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      fs::remove(path_.string() + suffix, ignored);
  }
  const fs::path& path() const { return path_; }

private:
  static inline int next_number = 0;
  fs::path path_;
};

/// A small valid run database: 2 resources, 1 class of 2 steps, 1 replication.
void write_small_run(const fs::path& path) {
  trace::RunInfo info;
  info.scenario_name = "fuzz regression";
  info.seed = 7;
  info.replications = 1;
  info.horizon_ms = 3'600'000;
  info.warmup_ms = 60'000;
  info.resources = {{"nurse", "staff", "emergency", "nurse", 2}, {"bed", "bed", "", "", 3}};
  info.classes = {{"walk_in", "ed", {"triage", "treatment"}}};
  trace::ReplicationTrace run;
  run.patients = {{0, 0, 0, 5000, trace::PatientOutcome::Completed}};
  run.events = {{0, trace::EventKind::Arrive, 0, trace::no_value, trace::no_value, 0.0},
                {10, trace::EventKind::Seize, 0, 0, 0, 0.0},
                {5000, trace::EventKind::Depart, 0, trace::no_value, trace::no_value, 0.0}};
  run.levels = {{10, 0, 1, 2, 0, 0, 0}};
  run.census = {{0, 1, 0}};
  const std::vector<trace::KpiRow> kpis = {{"mean_length_of_stay", "h", 1.5}};
  const std::vector<trace::KpiSummaryRow> summary = {
      {"mean_length_of_stay", "h", 1.5, 0.25, 0.95, 1}};
  trace::RunDatabaseWriter writer(path, info);
  writer.write_replication(0, run, kpis);
  writer.finish(summary);
}

void apply_sql(const fs::path& path, const std::string& sql) {
  sqlite3* database = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  char* message = nullptr;
  const int code = sqlite3_exec(database, sql.c_str(), nullptr, nullptr, &message);
  const std::string reason = message != nullptr ? message : "";
  sqlite3_free(message);
  sqlite3_close(database);
  INFO("SQLite: " << reason);
  REQUIRE(code == SQLITE_OK);
}

/// Everything a viewer reads, as fuzz-run-database-reader does; the number of rows seen.
std::size_t read_everything(const fs::path& path) {
  const trace::RunDatabaseReader run(path);
  return trace::testing::read_everything(run, path);
}

TEST_CASE("every damaged run database the reader fuzzer found is read or refused cleanly") {
  const std::vector<fs::path> files = cases("run_database", ".sql");
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files) {
    INFO("case " << file.filename().string());
    const std::string sql = read_text(file);
    const Expectation expected = expectation(sql, "--");
    REQUIRE((expected.error_text.has_value() || expected.must_succeed));
    const ScratchDatabase database;
    write_small_run(database.path());
    apply_sql(database.path(), sql);
    // Catch2's CHECK would swallow the reader's exception: catch it here instead.
    std::size_t rows_seen = 0;
    std::optional<std::string> error_message;
    try {
      rows_seen = read_everything(database.path());
    } catch (const sim::InputError& error) {
      error_message = error.what();
    }
    INFO("message: " << error_message.value_or("(none)"));
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      INFO("beside it: " << suffix);
      CHECK_FALSE(fs::exists(database.path().string() + suffix));
    }
    if (expected.must_succeed) {
      CHECK_FALSE(error_message.has_value());
      CHECK(rows_seen > 0);
    } else {
      REQUIRE(error_message.has_value());
      CHECK(error_message->find(*expected.error_text) != std::string::npos);
      CHECK(error_message->find(database.path().string()) != std::string::npos);
    }
  }
}

TEST_CASE("the small run database of the reader regressions reads back whole") {
  const ScratchDatabase database;
  write_small_run(database.path());
  const trace::RunDatabaseReader run(database.path());
  const trace::RunInfo info = run.run_info();
  CHECK(info.seed == 7);
  CHECK(info.horizon_ms == 3'600'000);
  CHECK(info.warmup_ms == 60'000);
  CHECK(info.replications == 1);
  REQUIRE(info.classes.size() == 1);
  CHECK(info.classes[0].steps.size() == 2);
  CHECK(run.patients(0).size() == 1);
}

} // namespace
