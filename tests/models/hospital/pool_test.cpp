// SPDX-License-Identifier: MIT
// Pooled resources: isolation beds (only patients needing isolation take them) and staff
// skills (a step needing a skill takes only a skilled unit).
#include "scenario_builders.hpp"

#include "sim/random/distribution.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <catch2/catch.hpp>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

TEST_CASE("Isolation patients are diverted at the Erlang B fraction of the isolation beds "
          "alone, whatever ordinary patients do") {
  // 20 beds, 4 of them isolation. Isolation patients: 1 a day, stay mean 3 d (load 3).
  // Ordinary patients: 4 a day, stay 3 d (load 12 on 16 beds).
  ScenarioSpec spec;
  spec.name = "isolation";
  ResourceSpec ward = beds("ward", 20);
  ward.isolation = 4;
  ward.turnaround = sim::Distribution::constant(0);
  spec.resources = {ward};
  StepSpec stay = step("stay", {"ward"}, sim::Distribution::exponential(3 * 1440.0));
  stay.patience = sim::Distribution::constant(0);
  spec.pathways = {{"admission", {stay}}};
  PatientClassSpec infected = poisson_class("infected", "admission", 1.0 / 24.0);
  infected.isolation_probability = 1;
  spec.classes = {infected, poisson_class("ordinary", "admission", 4.0 / 24.0)};
  spec.horizon = sim::Duration::days(3000);
  spec.warmup = sim::Duration::days(30);
  spec.seed = 23;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 20);
  const double isolation_exact = sim::erlang_b(4, 3.0);
  const double ordinary_exact = sim::erlang_b(16, 12.0);
  const sim::ConfidenceInterval isolated =
      interval_of(runs, "class.infected.left_without_being_seen.fraction");
  const sim::ConfidenceInterval ordinary =
      interval_of(runs, "class.ordinary.left_without_being_seen.fraction");
  INFO("isolation diverted " << describe(isolated) << ", Erlang B(4, 3) " << isolation_exact);
  INFO("ordinary diverted " << describe(ordinary) << ", Erlang B(16, 12) " << ordinary_exact);
  CHECK(isolated.contains(isolation_exact));
  CHECK(ordinary.contains(ordinary_exact));
  CHECK(isolated.half_width < 0.02);
}

TEST_CASE("A step needing a skill waits for the one skilled doctor while others are free") {
  ScenarioSpec spec;
  spec.name = "skills";
  ResourceSpec doctors = staff("doctor", 3);
  doctors.skills = {"resus"};
  doctors.skill_mix = {{"resus", 1}};
  spec.resources = {doctors};
  StepSpec resus = step("resus", {"doctor"}, sim::Distribution::constant(60));
  resus.skills = {{"doctor", "resus"}};
  spec.pathways = {{"resus", {resus}}};
  // Two resus patients arrive per hour on average; the skilled doctor serves 1 an hour at
  // most, so with 3 doctors they would never wait, with 1 they queue without end.
  spec.classes = {poisson_class("critical", "resus", 2.0)};
  spec.horizon = sim::Duration::days(2);
  spec.seed = 29;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 2);
  for (const sim::KpiSet& run : runs) {
    INFO("wait " << kpi(run, "class.critical.wait.resus.mean") << " min");
    CHECK(kpi(run, "class.critical.wait.resus.mean") > 600);
    CHECK(kpi(run, "resource.doctor.utilisation") < 0.34);
    CHECK(kpi(run, "resource.doctor.utilisation") > 0.3);
  }
  // Without the skill requirement, three doctors keep up (ρ = 2/3).
  spec.pathways[0].steps[0].skills.clear();
  for (const sim::KpiSet& run : run_replications(spec, 2))
    CHECK(kpi(run, "class.critical.wait.resus.mean") < 120);
}
