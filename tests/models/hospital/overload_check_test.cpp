// SPDX-License-Identifier: MIT
// Runaway and overloaded models: the run-time guards (RunOptions::max_events, max_patients)
// stop a replication and name the longest queue; OverloadCheck warns of a queue that grows
// over the run (M/M/1 at rho = 1.5) and stays silent on a stable one (rho = 0.5).
#include "scenario_builders.hpp"

#include "models/hospital/overload_check.hpp"
#include "sim/random/distribution.hpp"

#include <catch2/catch.hpp>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

namespace {

/// M/M/1: one doctor, 60 min mean service, `per_hour` arrivals, plus an idle nurse.
ScenarioSpec mm1(double per_hour, sim::Duration horizon) {
  ScenarioSpec spec;
  spec.name = "mm1";
  spec.resources = {staff("nurse", 3), staff("doctor", 1)};
  spec.pathways = {{"visit", {step("see", {"doctor"}, sim::Distribution::exponential(60))}}};
  spec.classes = {poisson_class("walk_in", "visit", per_hour)};
  spec.horizon = horizon;
  spec.seed = 5;
  return spec;
}

std::vector<std::string> overload_warnings(const ScenarioSpec& spec, std::size_t replications) {
  OverloadCheck check(spec);
  for (std::uint64_t r = 0; r < replications; ++r) {
    QueueTrend trend;
    RunOptions options;
    options.queue_trend = &trend;
    run_scenario_replication(spec, r, options);
    check.add(trend);
  }
  return check.warnings();
}

} // namespace

TEST_CASE("the overload check warns of M/M/1 at rho = 1.5 and names the resource") {
  const std::vector<std::string> warnings =
      overload_warnings(mm1(1.5, sim::Duration::days(40)), 10);
  REQUIRE(warnings.size() == 1);
  CHECK_THAT(warnings[0], Catch::StartsWith("the queue for 'doctor' grows over the run (mean "));
  CHECK_THAT(warnings[0], Catch::Contains("the model is overloaded"));
}

TEST_CASE("the overload check is silent on M/M/1 at rho = 0.5 and on rho = 0.9") {
  CHECK(overload_warnings(mm1(0.5, sim::Duration::days(40)), 10).empty());
  CHECK(overload_warnings(mm1(0.9, sim::Duration::days(40)), 10).empty());
}

TEST_CASE("measuring the queue trend changes no result") {
  const ScenarioSpec spec = mm1(0.8, sim::Duration::days(30));
  QueueTrend trend;
  RunOptions measured;
  measured.queue_trend = &trend;
  const sim::KpiSet plain = run_scenario_replication(spec, 3);
  const sim::KpiSet with_trend = run_scenario_replication(spec, 3, measured);
  REQUIRE(plain.size() == with_trend.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    INFO(plain[i].name);
    CHECK((plain[i].value == with_trend[i].value ||
           (std::isnan(plain[i].value) && std::isnan(with_trend[i].value))));
  }
  REQUIRE(trend.second_quarter.size() == 2); // nurse, doctor
  CHECK(trend.second_quarter[0] == 0);       // nobody waits for the nurse
  CHECK(trend.last_quarter[1] > 0);
}

TEST_CASE("a period under 4 days after the warm-up gives no trend (too short to judge)") {
  QueueTrend trend;
  RunOptions options;
  options.queue_trend = &trend;
  run_scenario_replication(mm1(1.5, sim::Duration::days(3)), 0, options);
  CHECK(trend.second_quarter.empty());
  OverloadCheck check(mm1(1.5, sim::Duration::days(3)));
  check.add(trend);
  CHECK(check.warnings().empty());
}

TEST_CASE("the event budget stops a runaway model and names the longest queue and when") {
  // rho = 50: the queue for the doctor grows by ~49 an hour.
  RunOptions options;
  options.max_events = 100'000;
  const ScenarioSpec spec = mm1(50, sim::Duration::days(365));
  try {
    run_scenario_replication(spec, 2, options);
    FAIL("no RunawayModel");
  } catch (const RunawayModel& error) {
    const std::string message = error.what();
    CHECK_THAT(message, Catch::StartsWith("scenario 'mm1', replication 2: stopped at simulated "
                                          "time d"));
    CHECK_THAT(message, Catch::Contains("after 100001 events: more than the event budget of "
                                        "100000 events; the longest queue is for 'doctor' "
                                        "(needed by visit/see): "));
    CHECK_THAT(message, Catch::Contains("patients in the hospital. The model is probably "
                                        "overloaded"));
  }
  CHECK_THROWS_AS(run_scenario_replication(spec, 2, options), sim::InputError); // exit 2
}

TEST_CASE("the patient guard stops a model whose patients would exhaust memory") {
  RunOptions options;
  options.max_patients = 5'000;
  try {
    run_scenario_replication(mm1(200, sim::Duration::days(365)), 0, options);
    FAIL("no RunawayModel");
  } catch (const RunawayModel& error) {
    CHECK_THAT(error.what(), Catch::Contains("more than 5000 patients in the hospital at once "
                                             "(the memory guard); the longest queue is for "
                                             "'doctor' (needed by visit/see)"));
  }
  // A stable model under the same guards runs to the end.
  options.max_events = 10'000'000;
  CHECK_NOTHROW(run_scenario_replication(mm1(0.5, sim::Duration::days(30)), 0, options));
}

TEST_CASE("a vanishing arrival rate ends at once instead of walking the clock hour by hour") {
  // 1e-12 an hour: the first arrival is ~10^8 years away; without skipping whole weeks the
  // arrival process walked 10^12 hours (the run never ended).
  const sim::KpiSet kpis = run_scenario_replication(mm1(1e-12, sim::Duration::days(365)), 0);
  CHECK(kpi(kpis, "class.walk_in.arrivals") == 0);
}

TEST_CASE("skipping whole weeks keeps a rare class's arrival rate") {
  // 0.001 an hour for 10 years: 87.6 arrivals expected; gaps of ~6 weeks go through the skip.
  const std::vector<sim::KpiSet> runs =
      run_replications(mm1(0.001, sim::Duration::days(3650)), 20);
  const sim::ConfidenceInterval arrivals = interval_of(runs, "class.walk_in.arrivals");
  INFO("arrivals " << describe(arrivals));
  CHECK(arrivals.contains(87.6));
  CHECK(arrivals.half_width < 10);
}

TEST_CASE("a tiny event budget on a model without queues does not call it overloaded") {
  RunOptions options;
  options.max_events = 100; // exact: the 101st event stops the run
  const ScenarioSpec spec = mm1(0.02, sim::Duration::days(3650)); // rho = 0.02
  try {
    run_scenario_replication(spec, 0, options);
    FAIL("no RunawayModel");
  } catch (const RunawayModel& error) {
    const std::string message = error.what();
    CHECK_THAT(message, Catch::Contains("after 101 events: more than the event budget of 100 "
                                        "events; no resource has a queue;"));
    CHECK_THAT(message, Catch::EndsWith("Nobody waits: the guard is probably too tight for this "
                                        "run rather than the model running away"));
    CHECK_THAT(message, !Catch::Contains("overloaded"));
  }
}
