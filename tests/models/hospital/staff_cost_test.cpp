// SPDX-License-Identifier: MIT
// Staff cost KPIs: paid hours (the roster's planned hours plus overtime, after the warm-up)
// times cost_per_hour, per staff resource that has a cost and in all; none without costs.
#include "scenario_builders.hpp"

#include "sim/random/distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

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
