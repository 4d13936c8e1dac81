// SPDX-License-Identifier: MIT
// The run database records each step visit's service time (finish_step's value), so that
// work-based utilisation can be rebuilt from it.
#include "models/hospital/run_recorder.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

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
)", "service.yaml");
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

TEST_CASE("with preemption by repairs the service time leaves out the time preempted",
          "[trace]") {
  const ScenarioSpec spec =
      load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/imaging_department.yaml");
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
