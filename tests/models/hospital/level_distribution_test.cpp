// SPDX-License-Identifier: MIT
// The occupancy distribution of a resource (resource.r.level.*) against closed forms: a loss
// ward (M/M/c/c: P(all c busy) is Erlang B, the levels a truncated Poisson), a queue (M/M/c:
// P(all c busy) is Erlang C) and an unlimited resource (M/M/∞: the level is Poisson).
#include "scenario_builders.hpp"

#include "sim/random/distribution.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fmt/core.h>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

namespace {

/// Poisson(a) probability of n.
double poisson(double a, std::size_t n) {
  return std::exp(static_cast<double>(n) * std::log(a) - a -
                  std::lgamma(static_cast<double>(n) + 1));
}

} // namespace

TEST_CASE("The fraction of time a loss ward is full is Erlang B and its levels are a truncated "
          "Poisson") {
  ScenarioSpec spec;
  spec.name = "loss_ward";
  spec.resources = {beds("ward", 10)};
  StepSpec stay = step("stay", {"ward"}, sim::Distribution::exponential(24 * 60.0));
  stay.patience = sim::Distribution::constant(0);
  spec.pathways = {{"admission", {stay}}};
  spec.classes = {poisson_class("admission", "admission", 8.0 / 24.0)}; // a = 8 erlangs
  spec.horizon = sim::Duration::days(1000);
  spec.warmup = sim::Duration::days(30);
  spec.seed = 7;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 16);
  const double exact = sim::erlang_b(10, 8.0); // 0.1217
  const sim::ConfidenceInterval full = interval_of(runs, "resource.ward.level.p_full");
  INFO("P(all 10 busy) " << describe(full) << ", Erlang B " << exact);
  CHECK(full.contains(exact));
  CHECK(full.half_width < 0.01);
  // Truncated Poisson: P(n) = P_poisson(n) / sum_{k<=10} P_poisson(k).
  double norm = 0;
  for (std::size_t k = 0; k <= 10; ++k)
    norm += poisson(8.0, k);
  for (const std::size_t n : {4u, 8u, 10u}) {
    const sim::ConfidenceInterval at =
        interval_of(runs, fmt::format("resource.ward.level.at.{}", n));
    INFO("P(level = " << n << ") " << describe(at) << ", exact " << poisson(8.0, n) / norm);
    CHECK(at.contains(poisson(8.0, n) / norm));
  }
  double sum = 0;
  for (std::size_t n = 0; n <= 10; ++n)
    sum += kpi(runs[0], fmt::format("resource.ward.level.at.{}", n));
  CHECK(sum == Approx(1.0).epsilon(1e-9));
  CHECK(kpi(runs[0], "resource.ward.level.max") == 10);
}

TEST_CASE("The fraction of time every doctor of an M/M/c queue is busy is Erlang C") {
  ScenarioSpec spec;
  spec.name = "mmc_levels";
  spec.resources = {staff("doctor", 3)};
  spec.pathways = {{"visit", {step("consult", {"doctor"}, sim::Distribution::exponential(20))}}};
  spec.classes = {poisson_class("walk_in", "visit", 6.6)}; // a = 2.2, ρ = 0.733
  spec.horizon = sim::Duration::days(300);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 3;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 16);
  const double exact = sim::erlang_c(3, 2.2);
  const sim::ConfidenceInterval full = interval_of(runs, "resource.doctor.level.p_full");
  INFO("P(all 3 busy) " << describe(full) << ", Erlang C " << exact);
  CHECK(full.contains(exact));
  CHECK(full.half_width < 0.02);
  // at.3 is "3 or more": the same event as p_full here (constant capacity).
  CHECK(kpi(runs[0], "resource.doctor.level.at.3") ==
        Approx(kpi(runs[0], "resource.doctor.level.p_full")).epsilon(1e-9));
}

TEST_CASE("An unlimited resource never queues: its level is Poisson with mean the offered load "
          "(M/M/infinity) and it reports no utilisation") {
  ScenarioSpec spec;
  spec.name = "demand";
  ResourceSpec cubicles = staff("cubicle", unlimited_units);
  cubicles.kind = ResourceKind::Room;
  cubicles.unlimited = true;
  spec.resources = {cubicles};
  spec.pathways = {{"visit", {step("assess", {"cubicle"}, sim::Distribution::exponential(90))}}};
  spec.classes = {poisson_class("walk_in", "visit", 8.0)}; // a = 12
  spec.horizon = sim::Duration::days(200);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 19;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 12);
  const sim::ConfidenceInterval mean = interval_of(runs, "resource.cubicle.level.mean");
  INFO("mean level " << describe(mean) << ", offered load 12");
  CHECK(mean.contains(12.0));
  CHECK(mean.half_width < 0.3);
  // Poisson(12): P(N <= 17) = 0.937, P(N <= 18) = 0.963, so the 95th percentile is 18.
  const sim::ConfidenceInterval p95 = interval_of(runs, "resource.cubicle.level.p95");
  INFO("p95 " << describe(p95));
  CHECK(p95.mean == Approx(18.0).margin(0.5));
  for (const sim::KpiSet& run : runs) {
    CHECK(kpi(run, "class.walk_in.wait.assess.max") == 0.0);
    for (const sim::Kpi& k : run) {
      CHECK(k.name != "resource.cubicle.utilisation");
      CHECK(k.name != "resource.cubicle.level.p_full");
    }
  }
}
