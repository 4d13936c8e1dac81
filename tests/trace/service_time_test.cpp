// SPDX-License-Identifier: MIT
// The run database records each step visit's service time (finish_step's value), so that
// work-based utilisation can be rebuilt from it.
#include "models/hospital/run_recorder.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <sstream>

using namespace hospsim;
using namespace hospsim::models;
using trace::EventKind;

TEST_CASE("finish_step records the visit's service time: setup plus the sampled duration",
          "[trace]") {
  const ScenarioSpec spec = load_scenario_text(R"(name: service times
resources:
  nurse: {count: 1}
  ct: {kind: device, count: 1, setup: 4 min}
pathways:
  scan:
    steps:
      check: {needs: nurse, duration: 7 min, next: image}
      image: {needs: ct, duration: {uniform: {min: 10 min, max: 20 min}}}
classes: {walk_in: {arrivals: {per_hour: 4}, pathway: scan}}
)",
                                               "service.yaml");
  RunRecorder recorder;
  RunOptions options;
  options.horizon = sim::Duration::days(1);
  options.observer = &recorder;
  run_scenario_replication(spec, 0, options);
  std::map<std::int64_t, std::int64_t> started; // patient -> start of its current step
  std::size_t checks = 0;
  std::size_t images = 0;
  for (const trace::EventRecord& e : recorder.trace().events) {
    if (e.kind == EventKind::StartStep)
      started[e.patient] = e.time_ms;
    if (e.kind != EventKind::FinishStep)
      continue;
    REQUIRE_FALSE(std::isnan(e.value));
    // No preemption here: the service time is the whole time from start to finish.
    CHECK(e.value == static_cast<double>(e.time_ms - started.at(e.patient)));
    if (e.step == 0) {
      CHECK(e.value == 7 * 60'000.0);
      ++checks;
    } else {
      CHECK(e.value >= 14 * 60'000.0); // 4 min of setup + at least 10 min
      CHECK(e.value <= 24 * 60'000.0);
      ++images;
    }
  }
  CHECK(checks > 50);
  CHECK(images > 50);
}

TEST_CASE("with preemption by repairs the service time leaves out the time preempted", "[trace]") {
  const ScenarioSpec spec = load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/imaging_department.yaml");
  RunRecorder recorder;
  RunOptions options;
  options.horizon = sim::Duration::days(28);
  options.warmup = sim::Duration::days(0);
  options.observer = &recorder;
  run_scenario_replication(spec, 0, options);
  std::map<std::int64_t, std::int64_t> started;
  std::size_t shorter = 0;
  std::size_t finished = 0;
  for (const trace::EventRecord& e : recorder.trace().events) {
    if (e.kind == EventKind::StartStep)
      started[e.patient] = e.time_ms;
    if (e.kind != EventKind::FinishStep)
      continue;
    ++finished;
    const auto elapsed = static_cast<double>(e.time_ms - started.at(e.patient));
    CHECK(e.value <= elapsed);
    CHECK(e.value >= 0);
    shorter += e.value < elapsed ? 1 : 0;
  }
  CHECK(finished > 100);
  INFO("visits preempted: " << shorter);
  CHECK(shorter >= 1);
}

TEST_CASE("the guide's work-based utilisation query equals the utilisation KPI of a resource "
          "that is never kept between steps",
          "[trace][docs]") {
  const std::string text = trace::testing::read_text(HOSPSIM_SOURCE_DIR "/docs/rundb.md");
  const std::size_t at = text.find("Work-based utilisation of every resource");
  REQUIRE(at != std::string::npos);
  const std::size_t open = text.find("```sql\n", at) + 7;
  const std::string query = text.substr(open, text.find("```", open) - open);
  const trace::testing::ScratchDirectory directory;
  const auto database = directory / "run.db";
  trace::testing::record_emergency_department(database, 2);
  const auto work = trace::testing::run_sqlite3(database, query, "-bail -batch -csv");
  REQUIRE(work.status == 0);
  const auto kpis = trace::testing::run_sqlite3(
      database,
      "SELECT replication, value FROM kpis WHERE name = 'resource.triage_nurse.utilisation' "
      "ORDER BY replication;",
      "-bail -batch -csv");
  REQUIRE(kpis.status == 0);
  std::map<int, double> by_kpi;
  std::istringstream kpi_lines(kpis.output);
  for (std::string line; std::getline(kpi_lines, line);)
    by_kpi[std::stoi(line)] = std::stod(line.substr(line.find(',') + 1));
  std::size_t compared = 0;
  std::istringstream lines(work.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(",triage_nurse,") == std::string::npos)
      continue;
    const int replication = std::stoi(line);
    const double value = std::stod(line.substr(line.rfind(',') + 1));
    INFO(line << " vs KPI " << by_kpi.at(replication));
    // Visits that straddle the warm-up or the horizon make the only difference.
    CHECK(value == Approx(by_kpi.at(replication)).margin(0.01));
    ++compared;
  }
  CHECK(compared == 2);
}
