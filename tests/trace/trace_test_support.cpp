// SPDX-License-Identifier: MIT
#include "tests/trace/trace_test_support.hpp"

#include "app/run_database.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/trace/run_database_writer.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <sys/wait.h>

namespace hospsim::trace::testing {

ScratchDirectory::ScratchDirectory() {
  std::string pattern = (std::filesystem::temp_directory_path() / "hospsim-trace-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::vector<std::string> ScratchDirectory::files() const {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(path_))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

RunInfo small_run_info(std::uint64_t seed) {
  RunInfo info;
  info.scenario_name = "tiny clinic";
  info.scenario_file = "tiny.yaml";
  info.scenario_text = "name: tiny clinic\n# a comment with 'quotes'\n";
  info.seed = seed;
  info.replications = 2;
  info.horizon_ms = 86'400'000;
  info.warmup_ms = 3'600'000;
  info.command_line = "hospsim run tiny.yaml --db run.db";
  info.resources = {{"doctor", "staff", "clinic", "doctor", 2},
                    {"cubicle", "bed", "clinic", "", 3}};
  info.classes = {{"walk_in", "visit", {"triage", "consultation"}}};
  return info;
}

ReplicationTrace synthetic_trace(std::size_t patients) {
  const double none = std::numeric_limits<double>::quiet_NaN();
  ReplicationTrace trace;
  for (std::size_t p = 0; p < patients; ++p) {
    const auto patient = static_cast<std::int64_t>(p);
    const std::int64_t arrival = 60'000 * patient;
    const bool completed = p % 10 != 9;
    trace.patients.push_back({p, 0, arrival, completed ? arrival + 1'800'000 : no_value,
                              completed ? PatientOutcome::Completed : PatientOutcome::InSystem});
    trace.events.push_back({arrival, EventKind::Arrive, patient, no_value, no_value, none});
    trace.events.push_back({arrival, EventKind::StartStep, patient, no_value, 0, 0});
    trace.events.push_back({arrival, EventKind::Seize, patient, 0, no_value, 1, patient % 2});
    trace.events.push_back(
        {arrival + 600'000, EventKind::Release, patient, 0, no_value, 1, patient % 2});
    trace.levels.push_back({arrival, 0, static_cast<std::uint32_t>(p % 3), 2, 0, 0, 0});
    trace.census.push_back({arrival, static_cast<std::uint32_t>(p % 5), 0});
    if (completed)
      trace.events.push_back(
          {arrival + 1'800'000, EventKind::Depart, patient, no_value, no_value, none});
  }
  std::stable_sort(
      trace.events.begin(), trace.events.end(),
      [](const EventRecord& a, const EventRecord& b) { return a.time_ms < b.time_ms; });
  return trace;
}

LayoutInfo synthetic_layout() {
  LayoutInfo layout;
  layout.floors = {{"ground", 0, 4.5}, {"first", 4.5, 4}};
  // Ground: triage door c0 (0,0), consultation door c2 (20,0), lift stop L-ground (20,10).
  // First: lift stop L-first (20,10), ward door c3 (35,10).
  layout.nodes = {{"c0", 0, 0, 0, "corridor"},    {"c1", 0, 10, 0, "corridor"},
                  {"c2", 0, 20, 0, "corridor"},   {"L-ground", 0, 20, 10, "lift"},
                  {"L-first", 1, 20, 10, "lift"}, {"c3", 1, 35, 10, "corridor"}};
  layout.edges = {{0, 1, 10, "corridor"},
                  {1, 2, 10, "corridor"},
                  {2, 3, 10, "corridor"},
                  {3, 4, 4.5, "lift"},
                  {4, 5, 15, "corridor"}};
  layout.rooms = {{"triage", "clinic", 0, -5, -8, 6, 8, 0},
                  {"consultation", "clinic", 0, 16, -10, 8, 10, 2},
                  {"ward", "clinic", 1, 30, 12, 12, 9, 5}};
  layout.units = {{0, 0, "doctor 1", no_value},
                  {0, 1, "doctor 2", no_value},
                  {1, 0, "cubicle 1", 1},
                  {1, 1, "cubicle 2", 2},
                  {1, 2, "cubicle 3", 2}};
  return layout;
}

void add_synthetic_moves(ReplicationTrace& trace, std::size_t patients) {
  const auto add = [&trace](AgentKind kind, std::int64_t agent, std::int64_t resource,
                            std::int64_t from, std::int64_t to, std::int64_t start,
                            std::int64_t minutes, double metres,
                            std::initializer_list<std::uint32_t> path) {
    MoveRecord& move = trace.moves.emplace_back();
    move.agent_kind = kind;
    move.agent = agent;
    move.resource = resource;
    move.from_room = from;
    move.to_room = to;
    move.start_ms = start;
    move.end_ms = start + minutes * 60'000;
    move.distance_m = metres;
    move.first_path_node = static_cast<std::uint32_t>(trace.move_paths.size());
    move.path_nodes = static_cast<std::uint32_t>(path.size());
    trace.move_paths.insert(trace.move_paths.end(), path);
  };
  for (std::size_t p = 0; p < patients; ++p) {
    const auto patient = static_cast<std::int64_t>(p);
    const std::int64_t arrival = 60'000 * patient;
    add(AgentKind::Staff, patient % 2, 0, 0, 1, arrival + 240'000, patient % 4 + 1, 20, {0, 1, 2});
    add(AgentKind::Patient, patient, no_value, 0, 1, arrival + 300'000, 2, 20, {0, 1, 2});
    add(AgentKind::Patient, patient, no_value, 1, 2, arrival + 1'200'000, 6, 40.5, {2, 3, 4, 5});
  }
  // In start time order, as the interface asks; the paths keep their ranges.
  std::stable_sort(
      trace.moves.begin(), trace.moves.end(),
      [](const MoveRecord& a, const MoveRecord& b) { return a.start_ms < b.start_ms; });
}

RunInfo small_run_info_with_layout(std::uint64_t seed) {
  RunInfo info = small_run_info(seed);
  info.layout = synthetic_layout();
  return info;
}

void write_layout_database(const std::filesystem::path& path) {
  RunDatabaseWriter writer(path, small_run_info_with_layout());
  for (const std::size_t patients : {std::size_t{10}, std::size_t{20}}) {
    ReplicationTrace trace = synthetic_trace(patients);
    add_synthetic_moves(trace, patients);
    writer.write_replication(patients == 10 ? 0 : 1, trace, {});
  }
  writer.finish({});
}

ShellResult run_sqlite3(const std::filesystem::path& database, const std::string& sql,
                        const std::string& options) {
  const std::string program = HOSPSIM_SQLITE3_PROGRAM;
  INFO("the sqlite3 shell (Debian package sqlite3) is needed: " << program);
  REQUIRE(std::filesystem::exists(program));
  const std::filesystem::path query = database.parent_path() / "query.sql";
  std::ofstream(query) << sql;
  const std::string command =
      program + " " + options + " '" + database.string() + "' < '" + query.string() + "' 2>&1";
  ShellResult result;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(query);
  return result;
}

void record_emergency_department(const std::filesystem::path& path, std::size_t replications) {
  const std::string file = HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml";
  const models::ScenarioSpec spec = models::load_scenario(file);
  models::RunOptions options;
  options.horizon = sim::Duration::days(3);
  options.warmup = sim::Duration::days(1);
  app::RunDatabase database(path, spec,
                            {file, spec.seed, replications, *options.horizon, *options.warmup,
                             "hospsim run emergency_department.yaml --db run.db"});
  std::vector<sim::KpiSet> results;
  for (std::size_t rep = 0; rep < replications; ++rep) {
    const auto recorder = database.recorder(rep);
    options.observer = recorder.get();
    results.push_back(models::run_scenario_replication(spec, rep, options));
    database.write_replication(rep, *recorder, results.back());
  }
  database.finish(sim::summarise(results));
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace hospsim::trace::testing
