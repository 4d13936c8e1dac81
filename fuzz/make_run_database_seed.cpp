// SPDX-License-Identifier: MIT
/// Writes the seed of the run-database reader fuzzer: a small but complete run database (every
/// table has rows) through RunDatabaseWriter, then rewritten by SQLite with 512-byte pages so
/// that the fuzzer's mutations hit the structure rather than empty space.
///   make-run-database-seed <output.db>
#include "sim/trace/run_database_writer.hpp"

#include <cstdint>
#include <exception>
#include <filesystem>
#include <fmt/core.h>
#include <sqlite3.h>
#include <vector>

namespace {

using namespace hospsim::trace;

RunInfo seed_run_info() {
  RunInfo info;
  info.scenario_name = "fuzz seed";
  info.scenario_file = "seed.yaml";
  info.scenario_text = "name: fuzz seed\n";
  info.seed = 7;
  info.replications = 2;
  info.horizon_ms = 3'600'000;
  info.warmup_ms = 60'000;
  info.command_line = "hospsim run seed.yaml --db seed.db";
  info.resources = {{"nurse", "staff", "emergency", "nurse", 2},
                    {"bed", "bed", "emergency", "", 3}};
  info.classes = {{"walk_in", "ed", {"triage", "treatment"}}};
  return info;
}

ReplicationTrace seed_trace(std::int64_t offset_ms) {
  ReplicationTrace trace;
  trace.patients = {{0, 0, offset_ms, offset_ms + 5000, PatientOutcome::Completed},
                    {1, 0, offset_ms + 1000, no_value, PatientOutcome::InSystem}};
  trace.events = {{offset_ms, EventKind::Arrive, 0, no_value, no_value, 0.0},
                  {offset_ms, EventKind::Queue, 0, no_value, 0, 0.0},
                  {offset_ms + 10, EventKind::Seize, 0, 0, 0, 0.0},
                  {offset_ms + 10, EventKind::StartStep, 0, no_value, 0, 10.0},
                  {offset_ms + 900, EventKind::FinishStep, 0, no_value, 0, 0.0},
                  {offset_ms + 900, EventKind::Release, 0, 0, 0, 0.0},
                  {offset_ms + 1000, EventKind::Arrive, 1, no_value, no_value, 0.0},
                  {offset_ms + 2000, EventKind::CapacityChange, no_value, 1, no_value, 2.0},
                  {offset_ms + 5000, EventKind::Depart, 0, no_value, no_value, 0.0}};
  trace.levels = {{offset_ms + 10, 0, 1, 2, 0, 0, 0}, {offset_ms + 900, 0, 0, 2, 0, 0, 0}};
  trace.census = {{offset_ms, 1, 1}, {offset_ms + 1000, 2, 0}};
  return trace;
}

void shrink_pages(const std::filesystem::path& path) {
  sqlite3* database = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &database, SQLITE_OPEN_READWRITE, nullptr);
  if (code == SQLITE_OK)
    code = sqlite3_exec(database, "PRAGMA page_size = 512; VACUUM;", nullptr, nullptr, nullptr);
  const std::string message = sqlite3_errmsg(database);
  sqlite3_close(database);
  if (code != SQLITE_OK)
    throw DatabaseError(fmt::format("cannot shrink '{}': {}", path.string(), message));
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: make-run-database-seed <output.db>\n");
    return 2;
  }
  try {
    const std::filesystem::path path = argv[1];
    std::filesystem::remove(path);
    RunDatabaseWriter writer(path, seed_run_info());
    const std::vector<KpiRow> kpis = {{"mean_length_of_stay", "h", 1.5}, {"lwbs", "%", 0.0}};
    writer.write_replication(0, seed_trace(0), kpis);
    writer.write_replication(1, seed_trace(100), kpis);
    const std::vector<KpiSummaryRow> summary = {{"mean_length_of_stay", "h", 1.5, 0.25, 0.95, 2},
                                                {"lwbs", "%", 0.0, 0.0, 0.95, 2}};
    writer.finish(summary);
    shrink_pages(path);
  } catch (const std::exception& error) {
    fmt::print(stderr, "make-run-database-seed: {}\n", error.what());
    return 1;
  }
  return 0;
}
