// SPDX-License-Identifier: MIT
// Reproducibility of whole replications of a scenario using every feature of the runtime.
#include "scenario_builders.hpp"

#include "sim/random/distribution.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

namespace {

ShiftSpec shift(const char* name, int start_hour, int hours, std::size_t people) {
  ShiftSpec spec;
  spec.name = name;
  spec.start = sim::Duration::hours(start_hour);
  spec.length = sim::Duration::hours(hours);
  spec.staff = people;
  spec.break_after = sim::Duration::hours(4);
  spec.break_length = sim::Duration::minutes(30);
  return spec;
}

/// An emergency department with triage, doctors by acuity with reneging, a failing CT with
/// urgent preemption, admission to a ward (porter and bed together, the bed kept), a ward
/// round while boarding, bed turnaround, and an outpatient clinic with appointments.
ScenarioSpec emergency_department() {
  ScenarioSpec spec;
  spec.name = "ed";
  ResourceSpec nurses = staff("nurse", 0);
  nurses.roster = {shift("day", 7, 12, 3), shift("night", 19, 12, 2)};
  nurses.limits.max_continuous_on_duty = sim::Duration::hours(10);
  nurses.limits.max_patients_per_day = 15;
  ResourceSpec doctors = staff("doctor", 0);
  doctors.roster = {shift("day", 8, 10, 3), shift("late", 18, 8, 2), shift("night", 2, 6, 1)};
  doctors.shift_end = ShiftEndRule::HandOver;
  doctors.handover = sim::Duration::minutes(10);
  ResourceSpec ct = device("ct", 1);
  ct.failures = FailureSpec{sim::Distribution::exponential(2000), sim::Distribution::exponential(90)};
  ct.urgent_preempts = true;
  ct.setup = sim::Duration::minutes(2);
  ResourceSpec ward = beds("ward_bed", 12);
  ward.turnaround = sim::Distribution::triangular(20, 30, 60);
  ResourceSpec clinic = staff("clinic_room", 2);
  clinic.kind = ResourceKind::Room;
  clinic.opening_hours = {WeeklyWindow{sim::Duration::hours(9), sim::Duration::hours(8),
                                       {true, true, true, true, true, false, false}}};
  spec.resources = {nurses, doctors, ct, ward, staff("porter", 1), clinic};

  StepSpec triage = step("triage", {"nurse"}, sim::Distribution::triangular(3, 5, 10));
  triage.queue = "fifo";
  triage.next = {BranchSpec{"doctor", {}, {}}};
  StepSpec doctor = step("doctor", {"doctor"}, sim::Distribution::lognormal(20, 10));
  doctor.queue = "target";
  doctor.target = sim::Duration::hours(4);
  doctor.patience = sim::Distribution::lognormal(300, 120);
  doctor.door_to_doctor = true;
  doctor.next = {branch("scan", 0.25), branch("admit", 0.25), branch("exit", 0.5)};
  StepSpec scan = step("scan", {"ct"}, sim::Distribution::exponential(15));
  scan.queue = "acuity";
  scan.door_to_treatment = true;
  StepSpec admit = step("admit", {"ward_bed", "porter"}, sim::Distribution::constant(10));
  admit.keep = {"ward_bed"};
  admit.next = {BranchSpec{"round", {}, {}}};
  StepSpec round = step("round", {"ward_bed", "doctor"}, sim::Distribution::constant(15));
  round.keep = {"ward_bed"};
  round.queue = "acuity";
  round.next = {BranchSpec{"stay", {}, {}}};
  StepSpec stay = step("stay", {"ward_bed"}, sim::Distribution::lognormal(2880, 1440));
  spec.pathways = {{"emergency", {triage, doctor, scan, admit, round, stay}},
                   {"outpatient", {step("visit", {"clinic_room"}, sim::Distribution::uniform(10, 30))}}};
  PatientClassSpec walk_in = poisson_class("walk_in", "emergency", 0);
  for (std::size_t hour = 0; hour < 24; ++hour)
    walk_in.poisson->per_hour[hour] = hour >= 8 && hour < 22 ? 4.0 : 1.5;
  walk_in.poisson->day_factor = {1.2, 1, 1, 1, 1, 0.9, 0.9};
  walk_in.acuity_mix = {0.02, 0.15, 0.5, 0.25, 0.08};
  walk_in.deterioration = DeteriorationSpec{sim::Duration::hours(3)};
  PatientClassSpec booked;
  booked.name = "booked";
  booked.pathway = "outpatient";
  booked.appointments = AppointmentArrivals{
      {{sim::Duration::hours(9), {true, true, true, true, true, false, false}, 6},
       {sim::Duration::hours(13), {true, true, true, true, true, false, false}, 6}},
      0.1,
      sim::Distribution::truncated_normal(0, 10, -30, 60)};
  spec.classes = {walk_in, booked};
  spec.horizon = sim::Duration::days(21);
  spec.warmup = sim::Duration::days(2);
  spec.seed = 2024;
  return spec;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool identical(const sim::KpiSet& a, const sim::KpiSet& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].unit != b[i].unit || !same_bits(a[i].value, b[i].value))
      return false;
  return true;
}

} // namespace

TEST_CASE("The same seed and replication give an identical KpiSet; another replication gives "
          "a different one") {
  const ScenarioSpec spec = emergency_department();
  const sim::KpiSet first = run_scenario_replication(spec, 3);
  const sim::KpiSet again = run_scenario_replication(spec, 3);
  const sim::KpiSet other = run_scenario_replication(spec, 4);
  CHECK(identical(first, again));
  CHECK_FALSE(identical(first, other));
  CHECK(kpi(first, "class.walk_in.wait.doctor.mean") != kpi(other, "class.walk_in.wait.doctor.mean"));

  // The scenario exercises what it is meant to.
  CHECK(kpi(first, "class.walk_in.completed") > 500);
  CHECK(kpi(first, "class.booked.arrivals") > 120);
  CHECK(kpi(first, "resource.ct.failures") > 3);
  CHECK(kpi(first, "resource.ward_bed.turnaround_hours") > 10);
  CHECK(kpi(first, "resource.ward_bed.utilisation") > 0.3);
  CHECK(kpi(first, "hospital.boarding_hours") > 0);
  // 12-h shifts > 10 h: days 2..20, 3 + 2 people, less the last night shift (ends after the horizon)
  CHECK(kpi(first, "resource.nurse.alarms.continuous_on_duty") == 19 * 5 - 2);
  CHECK(kpi(first, "resource.doctor.overtime_hours") == 0.0);              // hand-over
  CHECK(std::isfinite(kpi(first, "class.walk_in.door_to_doctor.p90")));
  CHECK(std::isfinite(kpi(first, "class.walk_in.door_to_treatment.mean")));
  for (const sim::Kpi& entry : first)
    CHECK_FALSE(entry.unit.empty());
}

TEST_CASE("A different seed gives a different replication") {
  const ScenarioSpec spec = emergency_department();
  RunOptions options;
  options.seed = 7;
  options.horizon = sim::Duration::days(7);
  options.warmup = sim::Duration::days(1);
  const sim::KpiSet seven = run_scenario_replication(spec, 0, options);
  options.seed = 8;
  const sim::KpiSet eight = run_scenario_replication(spec, 0, options);
  CHECK(kpi(seven, "class.walk_in.arrivals") != kpi(eight, "class.walk_in.arrivals"));
}
