// SPDX-License-Identifier: MIT
// Device failures (MTBF/MTTR) and planned maintenance: availability, and no patient ever served
// on a unit under repair.
#include "scenario_builders.hpp"

#include "models/hospital/observer.hpp"
#include "sim/random/distribution.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

namespace {

struct Interval {
  sim::Time start;
  sim::Time end;
};

struct DeviceLog : Observer {
  std::vector<Interval> services;
  std::vector<Interval> repairs;
  std::map<std::uint64_t, int> segments_per_patient;
  void on_service_segment(std::uint64_t patient, std::span<const std::size_t>, sim::Time start,
                          sim::Time end) override {
    services.push_back({start, end});
    ++segments_per_patient[patient];
  }
  void on_repair(std::size_t, sim::Time start, sim::Time end) override {
    repairs.push_back({start, end});
  }
};

ScenarioSpec scanner_scenario() {
  ScenarioSpec spec;
  spec.name = "ct";
  ResourceSpec ct = device("ct", 1);
  ct.failures = FailureSpec{sim::Distribution::exponential(600), sim::Distribution::exponential(60)};
  spec.resources = {ct};
  spec.pathways = {{"scan", {step("scan", {"ct"}, sim::Distribution::exponential(15))}}};
  spec.classes = {poisson_class("outpatient", "scan", 2.0)};
  spec.horizon = sim::Duration::days(200);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 99;
  return spec;
}

} // namespace

TEST_CASE("A device that fails is available MTBF / (MTBF + MTTR) of the time") {
  const std::vector<sim::KpiSet> runs = run_replications(scanner_scenario(), 20);
  const double exact = 600.0 / 660.0;
  const sim::ConfidenceInterval availability = interval_of(runs, "resource.ct.availability");
  INFO("availability " << describe(availability) << ", exact " << exact);
  CHECK(availability.contains(exact));
  CHECK(availability.half_width < 0.008);
  CHECK(interval_of(runs, "resource.ct.failures").mean > 300);
}

TEST_CASE("No patient is ever served on a device under repair; a preempted patient resumes "
          "after the repair") {
  ScenarioSpec spec = scanner_scenario();
  spec.horizon = sim::Duration::days(60);
  DeviceLog log;
  RunOptions options;
  options.observer = &log;
  run_scenario_replication(spec, 0, options);
  REQUIRE(log.repairs.size() > 50);
  REQUIRE(log.services.size() > 1000);
  std::vector<Interval> services = log.services;
  std::sort(services.begin(), services.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::size_t overlaps = 0;
  for (const Interval& repair : log.repairs) {
    auto it = std::lower_bound(services.begin(), services.end(), repair.end,
                               [](const Interval& s, sim::Time t) { return s.start < t; });
    // Services starting before the repair ends: none may end after it starts.
    for (auto back = it; back != services.begin();) {
      --back;
      if (back->end > repair.start && back->start < repair.end && back->end > back->start)
        ++overlaps;
      if (repair.start - back->start > sim::Duration::days(2))
        break;
    }
  }
  CHECK(overlaps == 0);
  // One unit: services never overlap each other either.
  std::size_t double_booked = 0;
  for (std::size_t i = 1; i < services.size(); ++i)
    if (services[i].start < services[i - 1].end)
      ++double_booked;
  CHECK(double_booked == 0);
  const auto preempted = std::count_if(log.segments_per_patient.begin(),
                                       log.segments_per_patient.end(),
                                       [](const auto& entry) { return entry.second > 1; });
  INFO(preempted << " preempted patients");
  CHECK(preempted > 10);
}

TEST_CASE("A daily maintenance hour takes one of two scanners out: availability is 1 - 1/48") {
  ScenarioSpec spec;
  spec.name = "maintenance";
  ResourceSpec ct = device("ct", 2);
  ct.maintenance = {WeeklyWindow{sim::Duration::hours(7), sim::Duration::hours(1), every_day}};
  spec.resources = {ct};
  spec.pathways = {{"scan", {step("scan", {"ct"}, sim::Distribution::exponential(15))}}};
  spec.classes = {poisson_class("outpatient", "scan", 2.0)};
  spec.horizon = sim::Duration::days(14);
  spec.warmup = sim::Duration::days(1);
  const sim::KpiSet kpis = run_scenario_replication(spec, 0);
  CHECK(kpi(kpis, "resource.ct.availability") == Approx(1.0 - 1.0 / 48.0));
  CHECK(kpi(kpis, "resource.ct.capacity.mean") == Approx(2.0 - 1.0 / 24.0));
  CHECK(kpi(kpis, "resource.ct.downtime_hours") == Approx(13.0));
}
