// SPDX-License-Identifier: MIT
// Staff cost KPIs: paid hours (the roster's hours with its breaks, staff a surge calls in, and
// overtime, after the warm-up) times cost_per_hour, per staff resource that has a cost and in
// all; none without costs.
#include "scenario_builders.hpp"

#include "models/hospital/compiled_resource.hpp"
#include "models/hospital/weekly_schedule.hpp"
#include "models/scenario/scenario_loader.hpp"

#include "sim/random/distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

namespace {

/// Two doctors 08:00-20:00 at 100 an hour, three nurses around the clock at 50, a porter at no
/// cost; a day of warm-up and two days of statistics.
ScenarioSpec costed_clinic(ShiftEndRule rule, double consult_minutes, double per_hour) {
  ScenarioSpec spec;
  spec.name = "costed";
  ResourceSpec doctors = staff("doctor", 0);
  ShiftSpec day;
  day.name = "day";
  day.start = sim::Duration::hours(8);
  day.length = sim::Duration::hours(12);
  day.staff = 2;
  doctors.roster = {day};
  doctors.shift_end = rule;
  doctors.cost_per_hour = 100;
  ResourceSpec nurses = staff("nurse", 3);
  nurses.cost_per_hour = 50;
  ResourceSpec porter = staff("porter", 1);
  spec.resources = {doctors, nurses, porter};
  spec.pathways = {
      {"visit",
       {step("triage", {"nurse"}, sim::Distribution::constant(5)),
        step("consult", {"doctor"}, sim::Distribution::exponential(consult_minutes))}}};
  spec.pathways[0].steps[0].next = {branch("consult", 1.0)};
  PatientClassSpec walk_in = poisson_class("walk_in", "visit", 0);
  for (std::size_t hour = 8; hour < 20; ++hour)
    walk_in.poisson->per_hour[hour] = per_hour;
  spec.classes = {walk_in};
  spec.horizon = sim::Duration::days(3);
  spec.warmup = sim::Duration::days(1);
  return spec;
}

bool has_kpi(const sim::KpiSet& kpis, const std::string& name) {
  return std::any_of(kpis.begin(), kpis.end(),
                     [&](const sim::Kpi& kpi) { return kpi.name == name; });
}

} // namespace

TEST_CASE("Staff cost is the planned hours after the warm-up times cost_per_hour when nobody "
          "works overtime") {
  const sim::KpiSet kpis =
      run_scenario_replication(costed_clinic(ShiftEndRule::HandOver, 10, 1), 0);
  CHECK(kpi(kpis, "resource.doctor.overtime_hours") == 0);
  CHECK(kpi(kpis, "cost.staff.doctor") == Approx(2 * 12 * 2 * 100.0)); // 2 staff, 12 h, 2 days
  CHECK(kpi(kpis, "cost.staff.nurse") == Approx(3 * 48 * 50.0));
  CHECK(kpi(kpis, "cost.staff.total") == Approx(4800.0 + 7200.0));
  CHECK_FALSE(has_kpi(kpis, "cost.staff.porter")); // no cost_per_hour: no KPI
}

TEST_CASE("Staff cost counts overtime worked to finish a task at the end of a shift") {
  const sim::KpiSet kpis =
      run_scenario_replication(costed_clinic(ShiftEndRule::FinishTask, 90, 3), 0);
  const double overtime = kpi(kpis, "resource.doctor.overtime_hours");
  REQUIRE(overtime > 0.1);
  CHECK(kpi(kpis, "cost.staff.doctor") == Approx((48.0 + overtime) * 100.0));
  CHECK(kpi(kpis, "cost.staff.total") ==
        Approx(kpi(kpis, "cost.staff.doctor") + kpi(kpis, "cost.staff.nurse")));
}

TEST_CASE("A scenario without staff costs reports no cost KPIs") {
  ScenarioSpec spec = costed_clinic(ShiftEndRule::HandOver, 10, 1);
  for (ResourceSpec& resource : spec.resources)
    resource.cost_per_hour = 0;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0);
  CHECK(std::none_of(kpis.begin(), kpis.end(),
                     [](const sim::Kpi& kpi) { return kpi.name.starts_with("cost."); }));
  REQUIRE(!kpis.empty());
}

TEST_CASE("Staff cost pays the breaks of a roster: a break takes a person off duty, not off pay") {
  ScenarioSpec spec = costed_clinic(ShiftEndRule::HandOver, 10, 1);
  ShiftSpec& day = spec.resources[0].roster[0];
  day.break_after = sim::Duration::hours(4);
  day.break_length = sim::Duration::minutes(30);
  const sim::KpiSet kpis = run_scenario_replication(spec, 0);
  // On duty: 2 × 12 h less two staggered half-hour breaks a day; paid: the whole 2 × 12 h.
  CHECK(kpi(kpis, "cost.staff.doctor") == Approx(2 * 12 * 2 * 100.0));
  CHECK(kpi(kpis, "cost.staff.total") == Approx(4800.0 + 7200.0));
  // The optimiser's deterministic staff_cost_per_week counts the same hours for a week.
  CHECK(paid_schedule(spec.resources[0]).weekly_unit_hours() == Approx(2 * 12 * 7.0));
  CHECK(WeeklySchedule::roster(spec.resources[0].roster).weekly_unit_hours() ==
        Approx(2 * 12 * 7.0 - 2 * 0.5 * 7));
}

TEST_CASE("Staff cost pays the staff a surge call_staff action calls in for the hours they stay") {
  // One nurse around the clock at 10 an hour; a bed queue at 08:00 fires the rule, whose
  // actions take effect at 08:15; two nurses arrive at 08:35 and stay 3 h: 24 + 6 paid hours.
  const std::string text = R"(name: surge cost
horizon: 1 d
units: {ward: {kind: ward}}
resources:
  bed: {kind: bed, unit: ward, count: 2}
  nurse: {unit: ward, count: 1, cost_per_hour: 10}
pathways:
  stay: {steps: {lie: {needs: bed, duration: 10 h}}}
classes:
  booked: {appointments: {slots: [{time: "08:00", patients: 3}]}, pathway: stay}
surge:
  escalation:
    trigger: {queue: bed, threshold: 1}
    delay: 15 min
    actions:
      - {do: call_staff, resource: nurse, people: 2, response: 20 min, stay: 3 h}
)";
  const sim::KpiSet kpis = run_scenario_replication(load_scenario_text(text, "surge.yaml"), 0);
  REQUIRE(kpi(kpis, "drill.surge.escalation.staff_arrived") == 2);
  CHECK(kpi(kpis, "resource.nurse.overtime_hours") == 0);
  CHECK(kpi(kpis, "cost.staff.nurse") == Approx((24 + 2 * 3) * 10.0));
  CHECK(kpi(kpis, "cost.staff.total") == Approx(300.0));
}
