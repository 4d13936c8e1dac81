// SPDX-License-Identifier: MIT
// The KPI report of one replication (names and units: hospital_kpis.hpp).
#include "models/hospital/hospital_kpis.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <limits>

namespace hospsim::models {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void add_observations(sim::KpiSet& kpis, const std::string& prefix, const char* unit,
                      const Observations& observations) {
  kpis.push_back({prefix + ".mean", unit, observations.tally.mean()});
  kpis.push_back({prefix + ".p50", unit, observations.quantiles.quantile(0.5)});
  kpis.push_back({prefix + ".p90", unit, observations.quantiles.quantile(0.9)});
  kpis.push_back({prefix + ".p95", unit, observations.quantiles.quantile(0.95)});
  kpis.push_back({prefix + ".max", unit, observations.tally.max()});
}

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : nan;
}

const PathwaySpec* find_pathway(const ScenarioSpec& spec, const std::string& name) {
  for (const PathwaySpec& pathway : spec.pathways)
    if (pathway.name == name)
      return &pathway;
  return nullptr;
}

/// The share of the observations within the target's limit (NaN when there are none).
double within_share(const ClassStatistics& statistics, const TargetCount& target) {
  const Observations& observations =
      target.measure == "door_to_doctor"      ? statistics.door_to_doctor
      : target.measure == "door_to_treatment" ? statistics.door_to_treatment
      : target.measure == "length_of_stay"    ? statistics.length_of_stay
                                              : statistics.step_waits[target.step];
  return ratio(static_cast<double>(observations.within[target.limit]),
               static_cast<double>(observations.tally.count()));
}

/// Staff-shifts longer than the continuous-duty limit, and staff-days above the patients-a-day
/// limit (approximation: people are not modelled one by one; a day's services are shared
/// evenly among the people whose shifts start that day, so either all of them exceed the limit
/// or none does). Only shifts wholly after the warm-up count. The patients-a-day alarm is judged
/// per calendar day of the scenario's clock (ScenarioSpec::start): every day that overlaps the
/// measured period [from, to) counts, whole or partial, with the services that started in the
/// measured part of it, against the full day's limit (a partial day is never judged pro rata, so
/// an alarm always means the limit was exceeded; a partial day can miss one).
std::pair<double, double> workload_alarms(const HospitalResource& staff, sim::Time from,
                                          sim::Time to, sim::Duration clock_start) {
  const ResourceSpec& spec = *staff.spec;
  const std::int64_t day_ms = sim::Duration::days(1).count_ms();
  const auto rostered = [&](std::int64_t clock_day) {
    const auto weekday = static_cast<std::size_t>(clock_day % 7);
    std::size_t people = spec.roster.empty() ? spec.count : 0;
    for (const ShiftSpec& shift : spec.roster)
      if (shift.days[weekday])
        people += shift.staff;
    return people;
  };
  double continuous = 0;
  const std::int64_t first_day = (from.count_ms() + day_ms - 1) / day_ms;
  const std::int64_t last_day = to.count_ms() / day_ms; // exclusive
  for (std::int64_t day = first_day; day < last_day; ++day) {
    // Days of the run; with a start other than midnight they straddle two clock days, and
    // the shifts counted are those of the clock day the run day begins on.
    const auto weekday = static_cast<std::size_t>((day + clock_start.count_ms() / day_ms) % 7);
    const sim::Duration into_day = sim::Duration::milliseconds(clock_start.count_ms() % day_ms);
    for (const ShiftSpec& shift : spec.roster) {
      if (!shift.days[weekday])
        continue;
      const sim::Time end = sim::Time::start() + sim::Duration::days(day) - into_day +
                            shift.start + shift.length;
      if (shift.length > spec.limits.max_continuous_on_duty && end <= to)
        continuous += static_cast<double>(shift.staff);
    }
  }
  double per_day = 0;
  if (to > from) {
    // Calendar days of the clock overlapping [from, to): from the one `from` falls in to the
    // one the last millisecond before `to` falls in.
    const std::int64_t first_clock_day = (from.count_ms() + clock_start.count_ms()) / day_ms;
    const std::int64_t last_clock_day = (to.count_ms() - 1 + clock_start.count_ms()) / day_ms;
    for (std::int64_t day = first_clock_day; day <= last_clock_day; ++day) {
      const std::size_t people = rostered(day);
      const auto index = static_cast<std::size_t>(day);
      const std::size_t served =
          index < staff.patients_per_day.size() ? staff.patients_per_day[index] : 0;
      if (people > 0 && served > spec.limits.max_patients_per_day * people)
        per_day += static_cast<double>(people);
    }
  }
  return {continuous, per_day};
}

/// The occupancy distribution of a resource (units in use: patients plus cleaning): its time
/// mean, maximum and time-weighted percentiles; for a limited resource also p_full (fraction of
/// time with every available unit in use) and at.N, the fraction of time with exactly N units
/// in use for N below the most units ever planned, and at.M for M or more.
void add_level_distribution(sim::KpiSet& kpis, const std::string& prefix,
                            const HospitalResource& resource, sim::Time end) {
  const sim::LevelDistribution& level = resource.occupancy;
  const std::vector<double> fractions = level.fractions(end);
  double mean = 0;
  for (std::size_t n = 0; n < fractions.size(); ++n)
    mean += static_cast<double>(n) * fractions[n];
  kpis.push_back({prefix + ".mean", "count", mean});
  kpis.push_back({prefix + ".max", "count", static_cast<double>(level.max())});
  kpis.push_back({prefix + ".p50", "count", static_cast<double>(level.quantile(0.5, end))});
  kpis.push_back({prefix + ".p90", "count", static_cast<double>(level.quantile(0.9, end))});
  kpis.push_back({prefix + ".p95", "count", static_cast<double>(level.quantile(0.95, end))});
  if (resource.is_unlimited())
    return;
  kpis.push_back({prefix + ".p_full", "fraction", resource.mean(Account::Full, end)});
  std::size_t most = 0;
  for (const WeeklySchedule::Segment& segment : resource.planned.segments())
    most = std::max(most, segment.level);
  for (std::size_t n = 0; n <= most; ++n)
    kpis.push_back({fmt::format("{}.at.{}", prefix, n), "fraction",
                    n < most ? (n < fractions.size() ? fractions[n] : 0.0)
                             : level.fraction_at_least(most, end)});
}

} // namespace

HospitalKpis::HospitalKpis(const ScenarioSpec& spec) : spec_(&spec) {
  classes_.resize(spec.classes.size());
  for (std::size_t i = 0; i < spec.classes.size(); ++i) {
    std::size_t steps = 0;
    for (const PathwaySpec& pathway : spec.pathways)
      if (pathway.name == spec.classes[i].pathway)
        steps = pathway.steps.size();
    classes_[i].step_waits.resize(steps);
    classes_[i].step_left.resize(steps, 0);
    classes_[i].step_balked.resize(steps, 0);
  }
  for (const TargetSpec& target : spec.targets)
    for (std::size_t i = 0; i < spec.classes.size(); ++i) {
      const PatientClassSpec& patient_class = spec.classes[i];
      if (std::find(target.classes.begin(), target.classes.end(), patient_class.name) ==
          target.classes.end())
        continue;
      ClassStatistics& statistics = classes_[i];
      TargetCount count{target.measure, 0, 0};
      if (target.measure == "door_to_doctor") {
        count.limit = statistics.door_to_doctor.count_within(target.within.to_minutes());
      } else if (target.measure == "door_to_treatment") {
        count.limit = statistics.door_to_treatment.count_within(target.within.to_minutes());
      } else if (target.measure == "length_of_stay") {
        count.limit = statistics.length_of_stay.count_within(target.within.to_hours());
      } else { // "wait.STEP": the step of the class's pathway (the loader checked it exists)
        const PathwaySpec* pathway = find_pathway(spec, patient_class.pathway);
        const std::string step = target.measure.substr(5);
        while (count.step < pathway->steps.size() && pathway->steps[count.step].name != step)
          ++count.step;
        if (count.step == pathway->steps.size())
          continue;
        count.limit = statistics.step_waits[count.step].count_within(target.within.to_minutes());
      }
      statistics.targets.push_back(std::move(count));
    }
}

void HospitalKpis::count_presence(std::size_t class_index, sim::Time now, double delta) {
  classes_[class_index].in_system.add(now, delta);
  in_system_.add(now, delta);
}

void HospitalKpis::reset_statistics(sim::Time now) {
  for (ClassStatistics& statistics : classes_)
    statistics.in_system.reset(now);
  in_system_.reset(now);
}

namespace {

/// cost.staff.R for each staff resource with a cost_per_hour (paid hours over the statistics
/// period: the rostered unit-hours with breaks included (paid_schedule), plus the unit-hours
/// of staff a surge action called in (HospitalResource::added), plus overtime) and
/// cost.staff.total; nothing when no staff resource has a cost, so scenarios without costs
/// keep their KPI set.
void add_staff_costs(sim::KpiSet& kpis, const Hospital& hospital, sim::Time start, sim::Time end) {
  const double hours = (end - start).to_hours();
  double total = 0;
  bool any = false;
  for (const HospitalResource& resource : hospital.resources()) {
    if (!resource.is_staff() || resource.is_unlimited() || resource.spec->cost_per_hour <= 0)
      continue;
    const double paid = std::max(resource.paid.unit_hours(start, end) +
                                     resource.added_unit_hours(start, end),
                                 0.0) +
                        resource.mean(Account::Overtime, end) * hours;
    const double cost = paid * resource.spec->cost_per_hour;
    kpis.push_back({"cost.staff." + resource.spec->name, "cost", cost});
    total += cost;
    any = true;
  }
  if (any)
    kpis.push_back({"cost.staff.total", "cost", total});
}

} // namespace

sim::KpiSet HospitalKpis::report(const Hospital& hospital, sim::Time end) const {
  sim::KpiSet kpis;
  const sim::Time start = hospital.statistics_start();
  const double hours = (end - start).to_hours();
  double boarding = 0;
  for (std::size_t c = 0; c < classes_.size(); ++c) {
    const ClassStatistics& statistics = classes_[c];
    const std::string prefix = "class." + spec_->classes[c].name;
    kpis.push_back({prefix + ".arrivals", "count", static_cast<double>(statistics.arrivals)});
    kpis.push_back({prefix + ".completed", "count", static_cast<double>(statistics.completed)});
    const auto left = static_cast<double>(statistics.left_without_being_seen);
    kpis.push_back({prefix + ".left_without_being_seen.count", "count", left});
    kpis.push_back({prefix + ".left_without_being_seen.fraction", "fraction",
                    ratio(left, static_cast<double>(statistics.arrivals))});
    const auto balked = static_cast<double>(statistics.balked);
    kpis.push_back({prefix + ".balked.count", "count", balked});
    kpis.push_back({prefix + ".balked.fraction", "fraction",
                    ratio(balked, static_cast<double>(statistics.arrivals))});
    kpis.push_back(
        {prefix + ".deteriorations", "count", static_cast<double>(statistics.deteriorations)});
    const PathwaySpec* pathway = nullptr;
    for (const PathwaySpec& candidate : spec_->pathways)
      if (candidate.name == spec_->classes[c].pathway)
        pathway = &candidate;
    for (std::size_t s = 0; s < statistics.step_waits.size(); ++s) {
      const std::string& step = pathway->steps[s].name;
      add_observations(kpis, prefix + ".wait." + step, "min", statistics.step_waits[s]);
      kpis.push_back({prefix + ".left_without_being_seen." + step, "count",
                      static_cast<double>(statistics.step_left[s])});
      kpis.push_back({prefix + ".balked." + step, "count",
                      static_cast<double>(statistics.step_balked[s])});
    }
    add_observations(kpis, prefix + ".door_to_doctor", "min", statistics.door_to_doctor);
    add_observations(kpis, prefix + ".door_to_treatment", "min", statistics.door_to_treatment);
    add_observations(kpis, prefix + ".length_of_stay", "h", statistics.length_of_stay);
    kpis.push_back({prefix + ".boarding_hours", "h", statistics.boarding_hours});
    kpis.push_back({prefix + ".in_system.mean", "count", statistics.in_system.mean(end)});
    for (const TargetCount& target : statistics.targets)
      kpis.push_back({prefix + ".within_target." + target.measure, "fraction",
                      within_share(statistics, target)});
    boarding += statistics.boarding_hours;
  }
  kpis.push_back({"hospital.in_system.mean", "count", in_system_.mean(end)});
  kpis.push_back({"hospital.boarding_hours", "h", boarding});
  kpis.push_back({"hospital.observed_hours", "h", hours});

  for (const HospitalResource& resource : hospital.resources()) {
    const std::string prefix = "resource." + resource.spec->name;
    const double available = resource.mean(Account::Available, end) * hours;
    const double busy = resource.mean(Account::Patients, end) * hours;
    if (!resource.is_unlimited()) {
      kpis.push_back({prefix + ".utilisation", "fraction", ratio(busy, available)});
      kpis.push_back({prefix + ".busy_hours", "h", busy});
      kpis.push_back({prefix + ".available_hours", "h", available});
      kpis.push_back({prefix + ".idle_hours", "h", resource.mean(Account::Idle, end) * hours});
      kpis.push_back({prefix + ".capacity.mean", "count",
                      resource.planned.unit_hours(start, end) / hours});
      kpis.push_back(
          {prefix + ".queue_length.mean", "count", resource.seizable().waiting().mean(end)});
    } else {
      kpis.push_back({prefix + ".busy_hours", "h", busy});
    }
    add_level_distribution(kpis, prefix + ".level", resource, end);
    if (resource.is_bed())
      kpis.push_back(
          {prefix + ".turnaround_hours", "h", resource.mean(Account::Cleaning, end) * hours});
    if (resource.is_device()) {
      const double downtime = resource.mean(Account::Repair, end) * hours +
                              resource.maintenance.unit_hours(start, end);
      kpis.push_back({prefix + ".downtime_hours", "h", downtime});
      kpis.push_back({prefix + ".availability", "fraction",
                      1.0 - ratio(downtime, static_cast<double>(resource.spec->count) * hours)});
      kpis.push_back({prefix + ".failures", "count", static_cast<double>(resource.failures)});
    }
    if (resource.is_staff()) {
      kpis.push_back(
          {prefix + ".overtime_hours", "h", resource.mean(Account::Overtime, end) * hours});
      const auto [continuous, per_day] = workload_alarms(resource, start, end, spec_->start);
      kpis.push_back({prefix + ".alarms.continuous_on_duty", "count", continuous});
      kpis.push_back({prefix + ".alarms.patients_per_day", "count", per_day});
    }
  }
  add_staff_costs(kpis, hospital, start, end);
  return kpis;
}

} // namespace hospsim::models
