// SPDX-License-Identifier: MIT
#include "tests/viz/viz_test_run.hpp"

#include "sim/trace/run_database_writer.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fmt/core.h>
#include <limits>
#include <sys/wait.h>

namespace hospsim::viz::testing {

namespace {

constexpr std::int64_t minute = 60'000;

} // namespace

trace::RunInfo small_run_info() {
  trace::RunInfo info;
  info.scenario_name = "viewer test";
  info.seed = 1;
  info.replications = 1;
  info.horizon_ms = 2 * 1440 * minute;
  info.resources = {{"ward bed", "bed", "ward", "", 4},
                    {"ct", "device", "imaging", "CT", 2},
                    {"nurse", "staff", "ward", "nurse", 2},
                    {"triage trolley", "bed", "emergency", "", 3}};
  info.classes = {{"walk_in", "visit", {"triage", "admit"}}};
  trace::LayoutInfo& layout = info.layout;
  layout.floors = {{"ground", 0, 4}, {"first", 4, 4}};
  layout.rooms = {{"triage", "emergency", 0, 0, 0, 10, 8, 0},
                  {"ct room", "imaging", 0, 14, 0, 10, 8, 1},
                  {"ward a", "ward", 1, 0, 14, 24, 8, 4}};
  layout.nodes = {{"g west", 0, 5, 10, "corridor"},
                  {"g east", 0, 19, 10, "corridor"},
                  {"lift g", 0, 28, 10, "lift"},
                  {"lift 1", 1, 28, 10, "lift"},
                  {"1 hall", 1, 12, 12, "corridor"}};
  layout.edges = {{0, 1, 14, "corridor"},
                  {1, 2, 9, "corridor"},
                  {2, 3, 4, "lift"},
                  {3, 4, 16.1245, "corridor"}};
  for (std::uint32_t u = 0; u < 4; ++u)
    layout.units.push_back({0, u, fmt::format("bed {}", u + 1), 2});
  for (std::uint32_t u = 0; u < 2; ++u)
    layout.units.push_back({1, u, fmt::format("CT {}", u + 1), 1});
  for (std::uint32_t u = 0; u < 2; ++u)
    layout.units.push_back({2, u, fmt::format("nurse {}", u + 1), trace::no_value});
  for (std::uint32_t u = 0; u < 3; ++u)
    layout.units.push_back({3, u, fmt::format("trolley {}", u + 1), 0});
  return info;
}

trace::ReplicationTrace small_run_trace() {
  using trace::EventKind;
  const double none = std::numeric_limits<double>::quiet_NaN();
  const std::int64_t nv = trace::no_value;
  trace::ReplicationTrace run;
  run.patients = {{0, 0, 10 * minute, nv, trace::PatientOutcome::InSystem},
                  {1, 0, 20 * minute, nv, trace::PatientOutcome::InSystem}};
  run.events = {{10 * minute, EventKind::Arrive, 0, nv, nv, none, nv},
                {20 * minute, EventKind::Arrive, 1, nv, nv, none, nv},
                {20 * minute, EventKind::Queue, 1, nv, 0, none, nv},
                {21 * minute, EventKind::Seize, 1, 3, nv, none, 0},
                {21 * minute, EventKind::StartStep, 1, nv, 0, 60'000.0, nv},
                {30 * minute, EventKind::Seize, 0, 0, nv, none, 1},
                {30 * minute, EventKind::StartStep, 0, nv, 1, 0.0, nv},
                {60 * minute, EventKind::Failure, nv, 1, nv, 0.0, nv},
                {1800 * minute, EventKind::Repair, nv, 1, nv, 1740.0 * 60'000, nv}};
  // Levels: every resource at 0, then the changes.
  run.levels = {{0, 0, 0, 4, 0, 0, 0},           {0, 1, 0, 2, 0, 0, 0},
                {0, 2, 0, 2, 0, 0, 0},           {0, 3, 0, 3, 0, 0, 0},
                {21 * minute, 3, 1, 3, 0, 0, 0}, {30 * minute, 0, 1, 4, 0, 0, 0},
                {60 * minute, 1, 1, 2, 0, 0, 1}, {1800 * minute, 1, 0, 2, 0, 0, 0}};
  run.census = {{0, 0, 0}, {10 * minute, 1, 0}, {20 * minute, 2, 1}, {21 * minute, 2, 0}};
  trace::MoveRecord patient;
  patient.agent_kind = trace::AgentKind::Patient;
  patient.agent = 0;
  patient.from_room = 0;
  patient.to_room = 2;
  patient.start_ms = 20 * minute;
  patient.end_ms = 26 * minute;
  patient.distance_m = 14 + 9 + 16.1245;
  patient.first_path_node = 0;
  patient.path_nodes = 5;
  trace::MoveRecord nurse;
  nurse.agent_kind = trace::AgentKind::Staff;
  nurse.agent = 0;
  nurse.resource = 2;
  nurse.from_room = 2;
  nurse.to_room = 0;
  nurse.start_ms = 40 * minute;
  nurse.end_ms = 45 * minute;
  nurse.distance_m = patient.distance_m;
  nurse.first_path_node = 5;
  nurse.path_nodes = 5;
  run.moves = {patient, nurse};
  run.move_paths = {0, 1, 2, 3, 4, 4, 3, 2, 1, 0};
  return run;
}

void write_small_run(const std::filesystem::path& path) {
  trace::RunDatabaseWriter writer(path, small_run_info());
  writer.write_replication(0, small_run_trace(), {});
  writer.finish({});
}

void write_small_run_without_layout(const std::filesystem::path& path) {
  trace::RunInfo info = small_run_info();
  info.layout = {};
  trace::ReplicationTrace run = small_run_trace();
  run.moves.clear();
  run.move_paths.clear();
  trace::RunDatabaseWriter writer(path, info);
  writer.write_replication(0, run, {});
  writer.finish({});
}

ScratchDirectory::ScratchDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "hospsim-viz-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

CommandResult run_viewer(const std::string& arguments) {
  const std::string command = fmt::format("'{}' {} 2>&1", HOSPSIM_VIEW_PROGRAM, arguments);
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    result.output.append(buffer, read);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

} // namespace hospsim::viz::testing
