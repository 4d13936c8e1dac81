// SPDX-License-Identifier: MIT
// Overflow pools in the hospital model (ResourceSpec::overflow): cardiology patients take a
// cardiology bed if one is free, else a general bed, else (no waiting room) leave. The
// cardiology ward alone is an Erlang loss system, so it is full the Erlang B(c1) fraction of
// the time; the patients lost are Erlang B(c1 + c2); the general ward carries the rest.
#include "scenario_builders.hpp"

#include "models/scenario/scenario_loader.hpp"
#include "sim/random/distribution.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <catch2/catch.hpp>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

TEST_CASE("A ward with an overflow pool loses Erlang B of both wards together and overflows "
          "Erlang B of its own") {
  ScenarioSpec spec;
  spec.name = "overflow";
  spec.resources = {beds("cardiology_bed", 4), beds("general_bed", 3)};
  spec.resources[0].overflow = "general_bed";
  StepSpec stay = step("stay", {"cardiology_bed"}, sim::Distribution::exponential(24 * 60.0));
  stay.patience = sim::Distribution::constant(0);
  spec.pathways = {{"cardiology", {stay}}};
  spec.classes = {poisson_class("cardiac", "cardiology", 4.0 / 24.0)}; // a = 4 erlangs
  spec.horizon = sim::Duration::days(1500);
  spec.warmup = sim::Duration::days(30);
  spec.seed = 23;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 16);
  const double lost_exact = sim::erlang_b(7, 4.0); // 0.0627
  const double own_full = sim::erlang_b(4, 4.0);   // 0.3107
  const sim::ConfidenceInterval lost =
      interval_of(runs, "class.cardiac.left_without_being_seen.fraction");
  INFO("lost " << describe(lost) << ", Erlang B(7) " << lost_exact);
  CHECK(lost.contains(lost_exact));
  CHECK(lost.half_width < 0.01);
  const sim::ConfidenceInterval full = interval_of(runs, "resource.cardiology_bed.level.p_full");
  INFO("cardiology full " << describe(full) << ", Erlang B(4) " << own_full);
  CHECK(full.contains(own_full));
  const sim::ConfidenceInterval general = interval_of(runs, [](const sim::KpiSet& run) {
    return kpi(run, "resource.general_bed.busy_hours") / kpi(run, "hospital.observed_hours");
  });
  const double carried = 4.0 * (own_full - lost_exact); // 0.992 beds
  INFO("general beds busy " << describe(general) << ", overflow traffic carried " << carried);
  CHECK(general.contains(carried));
  CHECK(general.half_width < 0.05);
}

TEST_CASE("The loader reads overflow and refuses a missing pool, a chain and a kept bed") {
  const std::string base = R"(name: overflow
resources:
  cardiology_bed: {kind: bed, count: 4, overflow: general_bed}
  general_bed: {kind: bed, count: 3}
pathways: {p: {steps: {stay: {needs: cardiology_bed, duration: 1 d}}}}
classes: {x: {arrivals: {per_hour: 1}, pathway: p}}
)";
  const ScenarioSpec spec = load_scenario_text(base, "o.yaml");
  CHECK(spec.resources[0].overflow == "general_bed");
  const auto error = [&](const std::vector<ScenarioOverride>& overrides) {
    try {
      load_scenario_text(base, "o.yaml", overrides);
    } catch (const sim::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error({{"resources.cardiology_bed.overflow", "genral_bed"}})
            .find("did you mean 'general_bed'?") != std::string::npos);
  CHECK(error({{"resources.general_bed.overflow", "cardiology_bed"}}).find("overflows in turn") !=
        std::string::npos);
  CHECK(error({{"resources.general_bed.kind", "room"}}).find("of another kind") !=
        std::string::npos);
  CHECK(error({{"pathways.p.steps.stay.keep", "cardiology_bed"},
               {"pathways.p.steps.stay.next", "home"},
               {"pathways.p.steps.home", "{duration: 1 h, release_before: cardiology_bed}"}})
            .find("part of an overflow pair") != std::string::npos);
}
