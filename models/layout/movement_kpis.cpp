// SPDX-License-Identifier: MIT
// Movement KPIs (names and units: movement_kpis.hpp).
#include "models/layout/movement_kpis.hpp"

#include <limits>
#include <string>

namespace hospsim::models {
namespace {

double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

void report_movement(const PatientMovement& movement, const Hospital& hospital,
                     const ScenarioSpec& scenario, sim::Time end, sim::KpiSet& kpis) {
  const MovementStatistics& statistics = movement.statistics();
  const sim::Time start = hospital.statistics_start();
  const double hours = (end - start).to_hours();
  double total_distance = 0;
  double total_hours = 0;
  for (const HospitalResource& resource : hospital.resources()) {
    if (!resource.is_staff())
      continue;
    total_distance += statistics.staff_walk_m[resource.index];
    total_hours += statistics.staff_walk_hours[resource.index];
    const std::string prefix = "resource." + resource.spec->name + ".walking";
    const double distance = statistics.staff_walk_m[resource.index];
    const double walked = statistics.staff_walk_hours[resource.index];
    const double shifts = resource.planned.unit_hours(start, end) / 12.0;
    const double busy = resource.mean(Account::Patients, end) * hours;
    kpis.push_back({prefix + ".distance", "m", distance});
    kpis.push_back({prefix + ".hours", "h", walked});
    kpis.push_back({prefix + ".distance_per_shift", "m", ratio(distance, shifts)});
    kpis.push_back({prefix + ".hours_per_shift", "h", ratio(walked, shifts)});
    kpis.push_back({prefix + ".fraction", "fraction",
                    ratio(statistics.staff_walk_held_hours[resource.index], busy)});
  }
  kpis.push_back({"hospital.staff_walking.distance", "m", total_distance});
  kpis.push_back({"hospital.staff_walking.hours", "h", total_hours});
  for (std::size_t c = 0; c < scenario.classes.size(); ++c) {
    const std::string prefix = "class." + scenario.classes[c].name + ".travel";
    kpis.push_back({prefix + ".distance.mean", "m", statistics.travel_m[c].tally.mean()});
    kpis.push_back({prefix + ".time.mean", "min", statistics.travel_minutes[c].tally.mean()});
  }
  kpis.push_back({"hospital.porter_wait.mean", "min", statistics.porter_wait.tally.mean()});
  kpis.push_back(
      {"hospital.porter_wait.p90", "min", statistics.porter_wait.quantiles.quantile(0.9)});
  const LayoutSpec& layout = movement.building().layout();
  for (std::size_t l = 0; l < layout.lifts.size(); ++l) {
    const std::string prefix = "lift." + layout.lifts[l].name;
    kpis.push_back({prefix + ".wait.mean", "min", statistics.lift_wait[l].tally.mean()});
    kpis.push_back({prefix + ".wait.p90", "min", statistics.lift_wait[l].quantiles.quantile(0.9)});
    kpis.push_back({prefix + ".queue_length.mean", "count", statistics.lift_queue[l].mean(end)});
    kpis.push_back({prefix + ".queue_length.max", "count", statistics.lift_queue[l].max()});
  }
  for (std::size_t r = 0; r < movement.building().room_count(); ++r)
    kpis.push_back({"room." + movement.building().room(r).name + ".occupancy.mean", "count",
                    statistics.room_patients[r].mean(end)});
}

} // namespace hospsim::models
