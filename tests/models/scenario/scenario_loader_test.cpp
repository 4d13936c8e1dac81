// SPDX-License-Identifier: MIT
// A complete scenario loads and every kind of value lands in the ScenarioSpec.
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>

namespace {

using namespace hospsim;
using namespace hospsim::models;
using sim::Duration;

const char* const full_scenario = R"(name: Emergency department, layout A
description: Two-doctor night shift
horizon: 14 d
warmup: 2 d
replications: 20
seed: 42
units:
  ed: {kind: emergency}
  radiology: imaging
  ward_a: ward
resources:
  doctor:
    unit: ed
    role: doctor
    skills: [triage, resus]
    roster:
      - {name: day, start: "08:00", length: 12 h, days: weekdays, staff: 3,
         break_after: 4 h, break_length: 30 min}
      - {name: night, start: "20:00", length: 12 h, staff: 1}
    shift_end: hand_over
    handover: 10 min
    limits: {max_continuous_on_duty: 10 h, max_patients_per_day: 25}
    cost_per_hour: 95.5
  cubicle: {kind: room, unit: ed, count: 6, opening_hours: [{start: "07:00", length: 16 h}]}
  ct:
    kind: device
    unit: radiology
    role: CT
    count: 1
    maintenance: [{start: "06:00", length: 1 h, days: [sun]}]
    failures:
      time_between: {exponential: {mean: 100 h}}
      repair: {triangular: {min: 1 h, mode: 2 h, max: 6 h}}
    setup: 5 min
    urgent_preempts: true
  ward_bed:
    kind: bed
    unit: ward_a
    count: 20
    isolation: 2
    ward: Ward A
    specialty: medicine
    turnaround: {uniform: {min: 30 min, max: 90 min}}
pathways:
  emergency:
    steps:
      triage:
        needs: doctor
        duration: {lognormal: {mean: 6 min, sd: 2 min}}
        queue: acuity
        door_to_doctor: true
        next: assess
      assess:
        needs: [doctor, cubicle]
        keep: [cubicle]
        duration: {erlang: {phases: 3, mean: 20 min}}
        queue: target
        target: 4 h
        patience: {weibull: {shape: 1.5, scale: 3 h}}
        door_to_treatment: true
        next:
          - {to: scan, probability: 0.3}
          - {to: admit, probability: 0.2}
          - {to: exit, probability: 0.5}
      scan:
        needs: ct
        release_before: cubicle
        duration: {gamma: {shape: 2, scale: 10 min}}
        next: [{to: admit, acuity: [1, 2]}, {to: exit, acuity: [3, 4, 5]}]
      admit:
        needs: ward_bed
        duration: {normal: {mean: 3 d, sd: 1 d}}
  clinic_visit:
    steps:
      - {name: consult, needs: doctor, duration: 15 min, queue: acuity, next: follow_up}
      - {name: follow_up, duration: {empirical: {values: [10 min, 20 min], weights: [3, 1]}}}
classes:
  walk_in:
    arrivals:
      per_hour: [2, 2, 1, 1, 1, 1, 2, 3, 5, 6, 6, 6, 6, 5, 5, 5, 5, 5, 5, 4, 4, 3, 3, 2]
      day_factor: [1.2, 1, 1, 1, 1, 0.9, 0.9]
    acuity: {1: 0.05, 2: 0.2, 3: 0.45, 4: 0.25, 5: 0.05}
    pathway: emergency
    deterioration: {after: 2 h}
    drg: E65
  clinic:
    appointments:
      slots:
        - {from: "08:00", to: "12:00", every: 30 min, days: weekdays, patients: 2}
        - {time: "14:00", days: [sat]}
      no_show: 0.1
      unpunctuality: {normal: {mean: -5 min, sd: 10 min}}
    acuity: 4
    pathway: clinic_visit
)";

} // namespace

TEST_CASE("a full scenario loads with every field in the spec") {
  const ScenarioSpec spec = load_scenario_text(full_scenario, "full.yaml");
  CHECK(spec.name == "Emergency department, layout A");
  CHECK(spec.description == "Two-doctor night shift");
  CHECK(spec.horizon == Duration::days(14));
  CHECK(spec.warmup == Duration::days(2));
  CHECK(spec.replications == 20);
  CHECK(spec.seed == 42);

  REQUIRE(spec.units.size() == 3);
  CHECK(spec.units[0].name == "ed");
  CHECK(spec.units[0].kind == UnitKind::Emergency);
  CHECK(spec.units[1].kind == UnitKind::Imaging);
  CHECK(spec.units[2].kind == UnitKind::Ward);

  REQUIRE(spec.resources.size() == 4);
  const ResourceSpec& doctor = spec.resources[0];
  CHECK(doctor.kind == ResourceKind::Staff);
  CHECK(doctor.unit == "ed");
  CHECK(doctor.role == "doctor");
  CHECK(doctor.skills == std::vector<std::string>{"triage", "resus"});
  REQUIRE(doctor.roster.size() == 2);
  CHECK(doctor.roster[0].name == "day");
  CHECK(doctor.roster[0].start == Duration::hours(8));
  CHECK(doctor.roster[0].length == Duration::hours(12));
  CHECK(doctor.roster[0].days == WeekDays{true, true, true, true, true, false, false});
  CHECK(doctor.roster[0].staff == 3);
  CHECK(doctor.roster[0].break_after == Duration::hours(4));
  CHECK(doctor.roster[0].break_length == Duration::minutes(30));
  CHECK(doctor.roster[1].start == Duration::hours(20));
  CHECK(doctor.roster[1].days == every_day);
  CHECK(doctor.shift_end == ShiftEndRule::HandOver);
  CHECK(doctor.handover == Duration::minutes(10));
  CHECK(doctor.limits.max_continuous_on_duty == Duration::hours(10));
  CHECK(doctor.limits.max_patients_per_day == 25);
  CHECK(doctor.cost_per_hour == 95.5);
  const ResourceSpec& cubicle = spec.resources[1];
  CHECK(cubicle.kind == ResourceKind::Room);
  CHECK(cubicle.count == 6);
  REQUIRE(cubicle.opening_hours.size() == 1);
  CHECK(cubicle.opening_hours[0].start == Duration::hours(7));
  CHECK(cubicle.opening_hours[0].length == Duration::hours(16));
  const ResourceSpec& ct = spec.resources[2];
  CHECK(ct.kind == ResourceKind::Device);
  CHECK(ct.role == "CT");
  REQUIRE(ct.maintenance.size() == 1);
  CHECK(ct.maintenance[0].days == WeekDays{false, false, false, false, false, false, true});
  REQUIRE(ct.failures.has_value());
  CHECK(ct.failures->time_between.mean() == Approx(6000));
  CHECK(ct.failures->repair.mean() == Approx((60 + 120 + 360) / 3.0));
  CHECK(ct.setup == Duration::minutes(5));
  CHECK(ct.urgent_preempts);
  const ResourceSpec& bed = spec.resources[3];
  CHECK(bed.kind == ResourceKind::Bed);
  CHECK(bed.count == 20);
  CHECK(bed.isolation == 2);
  CHECK(bed.ward == "Ward A");
  CHECK(bed.specialty == "medicine");
  REQUIRE(bed.turnaround.has_value());
  CHECK(bed.turnaround->mean() == Approx(60));

  REQUIRE(spec.pathways.size() == 2);
  const PathwaySpec& emergency = spec.pathways[0];
  REQUIRE(emergency.steps.size() == 4);
  const StepSpec& triage = emergency.steps[0];
  CHECK(triage.name == "triage");
  CHECK(triage.needs == std::vector<std::string>{"doctor"});
  CHECK(triage.duration.mean() == Approx(6));
  CHECK(triage.queue == "acuity");
  CHECK(triage.door_to_doctor);
  REQUIRE(triage.next.size() == 1);
  CHECK(triage.next[0].to == "assess");
  CHECK_FALSE(triage.next[0].probability.has_value());
  const StepSpec& assess = emergency.steps[1];
  CHECK(assess.keep == std::vector<std::string>{"cubicle"});
  CHECK(assess.duration.mean() == Approx(20));
  CHECK(assess.queue == "target");
  CHECK(assess.target == Duration::hours(4));
  REQUIRE(assess.patience.has_value());
  CHECK(assess.patience->describe().find("weibull") != std::string::npos);
  CHECK(assess.door_to_treatment);
  REQUIRE(assess.next.size() == 3);
  CHECK(assess.next[0].to == "scan");
  CHECK(assess.next[0].probability == 0.3);
  CHECK(assess.next[2].to == "exit");
  const StepSpec& scan = emergency.steps[2];
  CHECK(scan.release_before == std::vector<std::string>{"cubicle"});
  CHECK(scan.duration.mean() == Approx(20));
  REQUIRE(scan.next.size() == 2);
  CHECK(scan.next[0].acuities == std::vector<int>{1, 2});
  CHECK(scan.next[1].acuities == std::vector<int>{3, 4, 5});
  CHECK(emergency.steps[3].duration.mean() == Approx(3 * 1440).epsilon(0.01));
  const PathwaySpec& clinic_visit = spec.pathways[1];
  REQUIRE(clinic_visit.steps.size() == 2);
  CHECK(clinic_visit.steps[0].name == "consult");
  CHECK(clinic_visit.steps[0].duration.mean() == Approx(15));
  CHECK(clinic_visit.steps[1].duration.mean() == Approx(12.5));

  REQUIRE(spec.classes.size() == 2);
  const PatientClassSpec& walk_in = spec.classes[0];
  REQUIRE(walk_in.poisson.has_value());
  CHECK_FALSE(walk_in.appointments.has_value());
  CHECK(walk_in.poisson->per_hour[0] == 2);
  CHECK(walk_in.poisson->per_hour[9] == 6);
  CHECK(walk_in.poisson->per_hour[23] == 2);
  CHECK(walk_in.poisson->day_factor[0] == 1.2);
  CHECK(walk_in.poisson->day_factor[6] == 0.9);
  CHECK(walk_in.acuity_mix == std::array<double, 5>{0.05, 0.2, 0.45, 0.25, 0.05});
  CHECK(walk_in.pathway == "emergency");
  REQUIRE(walk_in.deterioration.has_value());
  CHECK(walk_in.deterioration->after == Duration::hours(2));
  CHECK(walk_in.drg == "E65");
  const PatientClassSpec& clinic = spec.classes[1];
  REQUIRE(clinic.appointments.has_value());
  const auto& slots = clinic.appointments->slots;
  REQUIRE(slots.size() == 9);
  CHECK(slots[0].time == Duration::hours(8));
  CHECK(slots[1].time == Duration::hours(8) + Duration::minutes(30));
  CHECK(slots[7].time == Duration::hours(11) + Duration::minutes(30));
  CHECK(slots[7].patients == 2);
  CHECK(slots[8].time == Duration::hours(14));
  CHECK(slots[8].patients == 1);
  CHECK(slots[8].days == WeekDays{false, false, false, false, false, true, false});
  CHECK(clinic.appointments->no_show == 0.1);
  REQUIRE(clinic.appointments->unpunctuality.has_value());
  CHECK(clinic.appointments->unpunctuality->mean() == Approx(-5));
  CHECK(clinic.acuity_mix == std::array<double, 5>{0, 0, 0, 1, 0});
}

TEST_CASE("defaults apply when optional keys are left out") {
  const ScenarioSpec spec = load_scenario_text(R"(name: minimal
pathways: {walk: {steps: {wait: {duration: 5 min}}}}
classes: {walkers: {arrivals: {per_hour: 1}, pathway: walk}}
)",
                                               "minimal.yaml");
  CHECK(spec.horizon == Duration::days(7));
  CHECK(spec.warmup == Duration{});
  CHECK(spec.replications == 10);
  CHECK(spec.seed == 1);
  CHECK(spec.classes[0].acuity_mix == std::array<double, 5>{0, 0, 1, 0, 0});
  CHECK(spec.classes[0].poisson->day_factor == std::array<double, 7>{1, 1, 1, 1, 1, 1, 1});
  CHECK(spec.pathways[0].steps[0].duration.mean() == 5);
  CHECK(spec.pathways[0].steps[0].next.empty());
}

TEST_CASE("every distribution family reads times in minutes") {
  const auto mean_of = [](const std::string& distribution) {
    const ScenarioSpec spec = load_scenario_text(
        "name: d\npathways: {p: {steps: {s: {duration: " + distribution +
            "}}}}\nclasses: {c: {arrivals: {per_hour: 1}, pathway: p}}\n",
        "d.yaml");
    return spec.pathways[0].steps[0].duration.mean();
  };
  CHECK(mean_of("15 min") == 15);
  CHECK(mean_of("{constant: 2 h}") == 120);
  CHECK(mean_of("{exponential: {mean: 90 s}}") == Approx(1.5));
  CHECK(mean_of("{lognormal: {mean: 30 min, sd: 10 min}}") == Approx(30));
  CHECK(mean_of("{triangular: {min: 3 min, mode: 5 min, max: 10 min}}") == Approx(6));
  CHECK(mean_of("{uniform: {min: 1 h, max: 2 h}}") == Approx(90));
  CHECK(mean_of("{erlang: {phases: 3, mean: 20 min}}") == Approx(20));
  CHECK(mean_of("{gamma: {shape: 2, scale: 10 min}}") == Approx(20));
  CHECK(mean_of("{weibull: {shape: 1, scale: 10 min}}") == Approx(10));
  CHECK(mean_of("{normal: {mean: 10 min, sd: 1 min, min: 0 min, max: 100 min}}") ==
        Approx(10));
  CHECK(mean_of("{empirical: {values: [10 min, 20 min], weights: [3, 1]}}") == Approx(12.5));
  CHECK(mean_of("{histogram: {breakpoints: [0 min, 10 min, 20 min], weights: [1, 1]}}") ==
        Approx(10));
}

TEST_CASE("a scenario file that cannot be read is reported without a position") {
  try {
    load_scenario("/nonexistent/dir/ed.yaml");
    FAIL("no error");
  } catch (const ScenarioError& error) {
    CHECK(std::string(error.what()) ==
          "/nonexistent/dir/ed.yaml: cannot read scenario file '/nonexistent/dir/ed.yaml': No "
          "such file or directory");
    CHECK(error.line() == 0);
  }
}
