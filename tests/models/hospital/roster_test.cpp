// SPDX-License-Identifier: MIT
// Staff rosters: capacity follows the shifts, so waits grow over exactly the hours with nobody
// on duty, and the shift-end rule decides whether overruns count as overtime.
#include "scenario_builders.hpp"

#include "models/hospital/observer.hpp"
#include "sim/random/distribution.hpp"

#include <catch2/catch.hpp>

using namespace hospsim;
using namespace hospsim::models;
using namespace hospsim::models::testing;

namespace {

/// Two doctors from 08:00 to 20:00 every day, nobody at night.
ResourceSpec day_doctors() {
  ResourceSpec doctors = staff("doctor", 0);
  ShiftSpec day;
  day.name = "day";
  day.start = sim::Duration::hours(8);
  day.length = sim::Duration::hours(12);
  day.staff = 2;
  doctors.roster = {day};
  return doctors;
}

struct StepStarts : Observer {
  std::vector<std::pair<sim::Time, sim::Time>> queued_served;
  void on_step_start(std::uint64_t, std::size_t, std::size_t, sim::Time queued,
                     sim::Time served) override {
    queued_served.emplace_back(queued, served);
  }
};

sim::Duration until_eight(sim::Time t) {
  const sim::Duration day = sim::Duration::days(1);
  const sim::Duration of_day = sim::Duration::milliseconds(t.count_ms() % day.count_ms());
  const sim::Duration eight = sim::Duration::hours(8);
  return of_day < eight ? eight - of_day : day - of_day + eight;
}

} // namespace

TEST_CASE("Patients booked at 02:00 wait exactly until the 08:00 day shift when nobody is on "
          "duty at night") {
  ScenarioSpec spec;
  spec.name = "night";
  spec.resources = {day_doctors()};
  spec.pathways = {{"visit", {step("consult", {"doctor"}, sim::Distribution::exponential(15))}}};
  PatientClassSpec day_walk_ins = poisson_class("walk_in", "visit", 0);
  for (std::size_t hour = 9; hour < 18; ++hour)
    day_walk_ins.poisson->per_hour[hour] = 2.0;
  PatientClassSpec night;
  night.name = "night";
  night.pathway = "visit";
  night.appointments = AppointmentArrivals{{{sim::Duration::hours(2), every_day, 2}}, 0, {}};
  spec.classes = {day_walk_ins, night};
  spec.horizon = sim::Duration::days(14);
  spec.warmup = sim::Duration::days(1);
  const sim::KpiSet kpis = run_scenario_replication(spec, 0);

  CHECK(kpi(kpis, "class.night.arrivals") == 26);
  CHECK(kpi(kpis, "class.night.wait.consult.mean") == Approx(360.0));
  CHECK(kpi(kpis, "class.night.wait.consult.max") == Approx(360.0));
  CHECK(kpi(kpis, "class.walk_in.wait.consult.mean") < 20.0);
  CHECK(kpi(kpis, "resource.doctor.capacity.mean") == Approx(1.0)); // 2 people for 12 h a day
}

TEST_CASE("Waits grow over exactly the night hours: everyone arriving between 20:00 and 08:00 "
          "is served from 08:00, daytime arrivals hardly wait") {
  ScenarioSpec spec;
  spec.name = "night_and_day";
  spec.resources = {day_doctors()};
  spec.pathways = {{"visit", {step("consult", {"doctor"}, sim::Distribution::exponential(10))}}};
  spec.classes = {poisson_class("walk_in", "visit", 1.0)};
  spec.horizon = sim::Duration::days(28);
  StepStarts starts;
  RunOptions options;
  options.observer = &starts;
  run_scenario_replication(spec, 0, options);

  std::size_t night = 0;
  std::size_t late = 0;
  double day_wait = 0;
  std::size_t day = 0;
  for (const auto& [queued, served] : starts.queued_served) {
    const std::int64_t hour = (queued.count_ms() / 3'600'000) % 24;
    if (hour >= 20 || hour < 8) {
      ++night;
      if (served - queued < until_eight(queued))
        ++late; // served before the morning shift: must not happen
    } else if (hour >= 11 && hour < 19) {
      ++day;
      day_wait += (served - queued).to_minutes();
    }
  }
  INFO(night << " night arrivals, " << day << " day arrivals");
  REQUIRE(night > 250);
  CHECK(late == 0);
  CHECK(day_wait / static_cast<double>(day) < 10.0);
}

TEST_CASE("Finishing the task after the shift end counts overtime; handing it over does not") {
  ScenarioSpec spec;
  spec.name = "overtime";
  spec.resources = {day_doctors()};
  spec.pathways = {{"visit", {step("consult", {"doctor"}, sim::Distribution::exponential(30))}}};
  spec.classes = {poisson_class("walk_in", "visit", 2.0)};
  spec.horizon = sim::Duration::days(14);
  const sim::KpiSet finish = run_scenario_replication(spec, 0);
  const double overtime = kpi(finish, "resource.doctor.overtime_hours");
  INFO("overtime " << overtime << " h over 14 days");
  CHECK(overtime > 14 * 0.3); // both doctors busy at 20:00 most days, 30 min mean overrun
  CHECK(overtime < 14 * 2.0);

  spec.resources[0].shift_end = ShiftEndRule::HandOver;
  spec.resources[0].handover = sim::Duration::minutes(5);
  CHECK(kpi(run_scenario_replication(spec, 0), "resource.doctor.overtime_hours") == 0.0);
}
