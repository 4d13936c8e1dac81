// SPDX-License-Identifier: MIT
// Balking (StepSpec::balk_at_queue): a single-server step with K - 1 waiting places is the
// M/M/1/K queue, whose blocking probability is P_K = (1 - ρ) ρ^K / (1 - ρ^(K+1)).
#include "scenario_builders.hpp"

#include "sim/random/distribution.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

TEST_CASE("A single server whose step balks at K - 1 waiting loses the M/M/1/K blocking "
          "fraction") {
  // λ = 3 an hour, mean service 15 min: ρ = 0.75; K = 4 (one in service, three waiting).
  constexpr double rho = 0.75;
  constexpr int k = 4;
  const double exact = (1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1)); // 0.1037
  ScenarioSpec spec;
  spec.name = "mm1k";
  spec.resources = {staff("nurse", 1)};
  StepSpec visit = step("visit", {"nurse"}, sim::Distribution::exponential(15));
  visit.balk_at_queue = k - 1;
  spec.pathways = {{"clinic", {visit}}};
  spec.classes = {poisson_class("walk_in", "clinic", 3.0)};
  spec.horizon = sim::Duration::days(200);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 17;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 20);
  const sim::ConfidenceInterval balked = interval_of(runs, "class.walk_in.balked.fraction");
  INFO("balked " << describe(balked) << ", M/M/1/K " << exact);
  CHECK(balked.contains(exact));
  CHECK(balked.half_width < 0.01);
  for (const sim::KpiSet& run : runs) {
    CHECK(kpi(run, "class.walk_in.balked.visit") == kpi(run, "class.walk_in.balked.count"));
    CHECK(kpi(run, "class.walk_in.left_without_being_seen.count") == 0);
    CHECK(kpi(run, "resource.nurse.queue_length.mean") < k - 1);
  }
}

TEST_CASE("balk_at_queue 0 turns a queue into a loss system: Erlang B on the servers") {
  ScenarioSpec spec;
  spec.name = "balk_zero";
  spec.resources = {staff("nurse", 2)};
  StepSpec visit = step("visit", {"nurse"}, sim::Distribution::exponential(30));
  visit.balk_at_queue = 0;
  spec.pathways = {{"clinic", {visit}}};
  spec.classes = {poisson_class("walk_in", "clinic", 3.0)};
  spec.horizon = sim::Duration::days(200);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 19;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 12);
  // Erlang B with c = 2, a = 1.5: (a²/2) / (1 + a + a²/2) = 1.125 / 3.625.
  const double exact = 1.125 / 3.625;
  const sim::ConfidenceInterval balked = interval_of(runs, "class.walk_in.balked.fraction");
  INFO("balked " << describe(balked) << ", Erlang B " << exact);
  CHECK(balked.contains(exact));
}
