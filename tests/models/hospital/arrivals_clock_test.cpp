// SPDX-License-Identifier: MIT
// The run's start on the real clock (`start:`) and the arrival conveniences: rate profiles of
// any length, one-off schedules, renewal arrivals, arrivals listed in a CSV file and streams
// split into classes.
#include "models/hospital/observer.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path scenario_dir = std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios";

struct Recorder : Observer {
  std::vector<std::pair<std::size_t, sim::Time>> capacity; // of resource 0
  std::vector<std::pair<std::size_t, sim::Time>> arrivals; // class, time
  void on_capacity_change(std::size_t resource, std::size_t level, sim::Time time) override {
    if (resource == 0)
      capacity.emplace_back(level, time);
  }
  void on_arrival(std::uint64_t, std::size_t class_index, sim::Time time) override {
    arrivals.emplace_back(class_index, time);
  }
};

Recorder run(const ScenarioSpec& spec, sim::Duration horizon, std::uint64_t replication = 0) {
  Recorder recorder;
  RunOptions options;
  options.horizon = horizon;
  options.warmup = sim::Duration{};
  options.observer = &recorder;
  (void)run_scenario_replication(spec, replication, options);
  return recorder;
}

std::string roster_scenario(const std::string& start_line) {
  return start_line + R"(
name: roster clock
resources:
  nurse:
    roster:
      - {start: "07:00", length: 12 h, days: weekdays, staff: 2}
pathways: {visit: {steps: {see: {needs: nurse, duration: 10 min}}}}
classes: {walk_in: {arrivals: {per_hour: 1}, pathway: visit}}
)";
}

/// Time of the first change of the nurse roster's capacity away from its level at time 0.
sim::Time first_shift_change(const std::string& start_line) {
  const Recorder recorder =
      run(load_scenario_text(roster_scenario(start_line), "roster.yaml"), sim::Duration::days(3));
  REQUIRE(recorder.capacity.size() >= 2);
  CHECK(recorder.capacity.front().second == sim::Time::start());
  for (const auto& [level, time] : recorder.capacity)
    if (level != recorder.capacity.front().first)
      return time;
  FAIL("the capacity never changes");
  return sim::Time::start();
}

} // namespace

TEST_CASE("a roster is aligned to the real clock given by start") {
  // Default: Monday 00:00, the 07:00 shift begins 7 h in.
  CHECK(first_shift_change("") == sim::Time::start() + sim::Duration::hours(7));
  // Wednesday 06:00: one hour to 07:00.
  CHECK(first_shift_change("start: {day: wednesday, time: \"06:00\"}") ==
        sim::Time::start() + sim::Duration::hours(1));
  // Sunday 03:00: the weekday shift starts Monday 07:00, 28 h in.
  CHECK(first_shift_change("start: \"Sun 03:00\"") ==
        sim::Time::start() + sim::Duration::hours(28));
  // Tuesday 10:00: already on duty (2 nurses at time 0), off at 19:00 (9 h in).
  const Recorder recorder = run(load_scenario_text(roster_scenario("start: Tue 10:00"),
                                                   "roster.yaml"),
                                sim::Duration::days(2));
  REQUIRE(recorder.capacity.size() >= 2);
  CHECK(recorder.capacity[0].first == 2);
  CHECK(recorder.capacity[1] == std::pair<std::size_t, sim::Time>{
                                    0, sim::Time::start() + sim::Duration::hours(9)});
}

TEST_CASE("start: Monday 00:00 gives exactly the results of a scenario without start") {
  std::ifstream in(scenario_dir / "emergency_department.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string file = (scenario_dir / "emergency_department.yaml").string();
  const ScenarioSpec plain = load_scenario_text(text.str(), file);
  const ScenarioSpec monday = load_scenario_text(text.str() + "\nstart: Mon 00:00\n", file);
  const ScenarioSpec tuesday = load_scenario_text(text.str() + "\nstart: Tue 00:00\n", file);
  CHECK(monday.start == sim::Duration{});
  CHECK(tuesday.start == sim::Duration::days(1));
  RunOptions options;
  options.horizon = sim::Duration::days(3);
  options.warmup = sim::Duration::days(1);
  const sim::KpiSet a = run_scenario_replication(plain, 0, options);
  const sim::KpiSet b = run_scenario_replication(monday, 0, options);
  const sim::KpiSet c = run_scenario_replication(tuesday, 0, options);
  REQUIRE(a.size() == b.size());
  std::size_t differ_from_tuesday = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK((a[i].value == b[i].value || (std::isnan(a[i].value) && std::isnan(b[i].value))));
    if (!(a[i].value == c[i].value) && !(std::isnan(a[i].value) && std::isnan(c[i].value)))
      ++differ_from_tuesday;
  }
  CHECK(differ_from_tuesday > 0); // the ED's day_factor makes Tuesday differ from Monday
}
