// SPDX-License-Identifier: MIT
// The hospital model reduced to textbook queues: M/M/c (Erlang C), a tandem line (Little's
// law) and a ward with no waiting room (Erlang B, insensitive to the stay distribution).
#include "scenario_builders.hpp"

#include "sim/random/distribution.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <catch2/catch.hpp>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

TEST_CASE("A one-step pathway on c staff with Poisson arrivals and exponential service "
          "matches the Erlang C mean wait of M/M/c") {
  // c = 2, λ = 4.5 an hour, mean service 20 min: ρ = 0.75, Wq = 12.86 min.
  ScenarioSpec spec;
  spec.name = "mmc";
  spec.resources = {staff("doctor", 2)};
  spec.pathways = {{"visit", {step("consult", {"doctor"}, sim::Distribution::exponential(20))}}};
  spec.classes = {poisson_class("walk_in", "visit", 4.5)};
  spec.horizon = sim::Duration::days(400);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 11;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 20);

  const double exact = sim::mmc_mean_wait(2, 4.5 / 60.0, 20.0);
  const sim::ConfidenceInterval wait = interval_of(runs, "class.walk_in.wait.consult.mean");
  INFO("mean wait " << describe(wait) << " min, Erlang C " << exact);
  CHECK(wait.contains(exact));
  CHECK(wait.half_width < 0.1 * exact);

  const sim::ConfidenceInterval utilisation = interval_of(runs, "resource.doctor.utilisation");
  INFO("utilisation " << describe(utilisation));
  CHECK(utilisation.contains(0.75));
  const sim::ConfidenceInterval queue = interval_of(runs, "resource.doctor.queue_length.mean");
  INFO("queue length " << describe(queue) << ", Little: " << 4.5 / 60.0 * exact);
  CHECK(queue.contains(4.5 / 60.0 * exact));
}

TEST_CASE("A two-step tandem pathway satisfies Little's law between the mean number in the "
          "system, the arrival rate and the mean length of stay") {
  // Triage (1 nurse, 10 min) then treatment (2 doctors, 25 min) for 70 % of patients.
  ScenarioSpec spec;
  spec.name = "tandem";
  spec.resources = {staff("nurse", 1), staff("doctor", 2)};
  StepSpec triage = step("triage", {"nurse"}, sim::Distribution::exponential(10));
  triage.next = {branch("treatment", 0.7), branch("exit", 0.3)};
  spec.pathways = {
      {"ed", {triage, step("treatment", {"doctor"}, sim::Distribution::lognormal(25, 15))}}};
  spec.classes = {poisson_class("walk_in", "ed", 4.0)};
  spec.horizon = sim::Duration::days(200);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 23;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 16);

  const sim::ConfidenceInterval ratio = interval_of(runs, [](const sim::KpiSet& run) {
    const double rate = kpi(run, "class.walk_in.arrivals") / kpi(run, "hospital.observed_hours");
    return kpi(run, "hospital.in_system.mean") /
           (rate * kpi(run, "class.walk_in.length_of_stay.mean"));
  });
  INFO("L / (λ W) = " << describe(ratio));
  CHECK(ratio.contains(1.0));
  CHECK(ratio.half_width < 0.02);
  const sim::ConfidenceInterval treated = interval_of(runs, [](const sim::KpiSet& run) {
    return kpi(run, "resource.doctor.busy_hours") / kpi(run, "hospital.observed_hours");
  });
  INFO("busy doctors " << describe(treated) << ", expected " << 4.0 * 0.7 * 25.0 / 60.0);
  CHECK(treated.contains(4.0 * 0.7 * 25.0 / 60.0));
}

namespace {

/// A ward of 33 beds, 5 admissions a day, lognormal stays of mean 6 days, no waiting room:
/// patience 0, so a patient who finds no bed leaves at once (the spec has no "divert if full"
/// key; left-without-being-seen counts the diverted).
ScenarioSpec ward_without_waiting_room(double stay_sd_days) {
  ScenarioSpec spec;
  spec.name = "erlang_loss";
  spec.resources = {beds("ward", 33)};
  StepSpec stay = step("stay", {"ward"},
                       sim::Distribution::lognormal(6 * 1440.0, stay_sd_days * 1440.0));
  stay.patience = sim::Distribution::constant(0);
  spec.pathways = {{"admission", {stay}}};
  spec.classes = {poisson_class("admission", "admission", 5.0 / 24.0)};
  spec.horizon = sim::Duration::days(2000);
  spec.warmup = sim::Duration::days(60);
  spec.seed = 5;
  return spec;
}

} // namespace

TEST_CASE("A ward without a waiting room diverts the Erlang B fraction of admissions whatever "
          "the shape of the length of stay") {
  const double exact = sim::erlang_b(33, 30.0); // 0.0805
  REQUIRE(exact == Approx(0.0805).margin(0.0005));
  for (const double sd : {3.0, 9.0}) {
    const std::vector<sim::KpiSet> runs = run_replications(ward_without_waiting_room(sd), 20);
    const sim::ConfidenceInterval diverted =
        interval_of(runs, "class.admission.left_without_being_seen.fraction");
    INFO("stay sd " << sd << " d: diverted " << describe(diverted) << ", Erlang B " << exact);
    CHECK(diverted.contains(exact));
    CHECK(diverted.half_width < 0.01);
    const sim::ConfidenceInterval occupancy = interval_of(runs, "resource.ward.busy_hours");
    const sim::ConfidenceInterval hours = interval_of(runs, "hospital.observed_hours");
    INFO("mean beds occupied " << occupancy.mean / hours.mean << ", expected "
                               << 30.0 * (1 - exact));
    CHECK(occupancy.mean / hours.mean == Approx(30.0 * (1 - exact)).epsilon(0.03));
  }
}

TEST_CASE("Bed turnaround lengthens each bed's holding time: the diversion fraction is Erlang B "
          "of the admissions times (stay + cleaning)") {
  ScenarioSpec spec = ward_without_waiting_room(3.0);
  spec.resources[0].turnaround = sim::Distribution::constant(1440); // one day of cleaning
  const std::vector<sim::KpiSet> runs = run_replications(spec, 12);
  const double exact = sim::erlang_b(33, 5.0 * 7.0);
  const sim::ConfidenceInterval diverted =
      interval_of(runs, "class.admission.left_without_being_seen.fraction");
  INFO("diverted " << describe(diverted) << ", Erlang B " << exact);
  CHECK(diverted.contains(exact));
  CHECK(diverted.half_width < 0.01);
  const sim::ConfidenceInterval cleaning = interval_of(runs, [](const sim::KpiSet& run) {
    return kpi(run, "resource.ward.turnaround_hours") / kpi(run, "hospital.observed_hours");
  });
  INFO("beds in cleaning " << describe(cleaning) << ", expected " << 5.0 * (1 - exact));
  CHECK(cleaning.contains(5.0 * (1 - exact)));
}

TEST_CASE("Queueing by acuity gives Cobham's non-preemptive priority waits to two classes "
          "sharing one doctor") {
  // λ = 1.5 an hour per class, exponential 12 min: ρ = 0.6, ρ1 = 0.3, W0 = λ E[S²] / 2 = 7.2 min.
  ScenarioSpec spec;
  spec.name = "cobham";
  spec.resources = {staff("doctor", 1)};
  StepSpec consult = step("consult", {"doctor"}, sim::Distribution::exponential(12));
  consult.queue = "acuity";
  spec.pathways = {{"visit", {consult}}};
  PatientClassSpec urgent = poisson_class("urgent", "visit", 1.5);
  urgent.acuity_mix = {1, 0, 0, 0, 0};
  PatientClassSpec routine = poisson_class("routine", "visit", 1.5);
  routine.acuity_mix = {0, 0, 1, 0, 0};
  spec.classes = {urgent, routine};
  spec.horizon = sim::Duration::days(300);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 31;
  const std::vector<sim::KpiSet> runs = run_replications(spec, 16);
  const double w0 = 3.0 / 60.0 * 2 * 144 / 2;
  const sim::ConfidenceInterval first = interval_of(runs, "class.urgent.wait.consult.mean");
  const sim::ConfidenceInterval second = interval_of(runs, "class.routine.wait.consult.mean");
  INFO("urgent " << describe(first) << " vs " << w0 / 0.7 << "; routine " << describe(second)
                 << " vs " << w0 / (0.7 * 0.4));
  CHECK(first.contains(w0 / 0.7));
  CHECK(second.contains(w0 / (0.7 * 0.4)));
  CHECK(second.half_width < 0.1 * w0 / (0.7 * 0.4));
}

TEST_CASE("Target-aware queueing puts routine patients nearing the 4-hour target ahead of "
          "urgent ones, which cuts the long waits that strict acuity order lets grow") {
  ScenarioSpec spec;
  spec.name = "target";
  spec.resources = {staff("doctor", 1)};
  StepSpec consult = step("consult", {"doctor"}, sim::Distribution::exponential(20));
  consult.queue = "acuity";
  consult.target = sim::Duration::hours(4);
  spec.pathways = {{"visit", {consult}}};
  PatientClassSpec urgent = poisson_class("urgent", "visit", 1.8);
  urgent.acuity_mix = {0, 1, 0, 0, 0};
  PatientClassSpec routine = poisson_class("routine", "visit", 0.6);
  routine.acuity_mix = {0, 0, 0, 1, 0};
  spec.classes = {urgent, routine};
  spec.horizon = sim::Duration::days(120);
  spec.warmup = sim::Duration::days(2);
  const sim::KpiSet by_acuity = run_scenario_replication(spec, 0);
  spec.pathways[0].steps[0].queue = "target";
  const sim::KpiSet target_aware = run_scenario_replication(spec, 0);
  const double acuity_p95 = kpi(by_acuity, "class.routine.wait.consult.p95");
  const double target_p95 = kpi(target_aware, "class.routine.wait.consult.p95");
  const double target_max = kpi(target_aware, "class.routine.wait.consult.max");
  INFO("routine p95: acuity " << acuity_p95 << " min, target-aware " << target_p95
                              << " min (max " << target_max << ")");
  CHECK(acuity_p95 > 300);
  CHECK(target_p95 < 0.5 * acuity_p95);
  CHECK(kpi(target_aware, "class.urgent.wait.consult.mean") >
        kpi(by_acuity, "class.urgent.wait.consult.mean"));
}
