// SPDX-License-Identifier: MIT
// The drill KPIs of one replication (names and meaning: docs/drills.md). Times of treatment are
// from the casualty's arrival at the hospital; a KPI over no casualties is NaN (left out of
// its confidence interval).
#include "models/drills/drill_runtime.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <limits>

namespace hospsim::models {
namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

/// The q-quantile of sorted values (linear interpolation between closest ranks), NaN if none.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty())
    return not_a_number;
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto low = static_cast<std::size_t>(std::floor(position));
  const std::size_t high = std::min(low + 1, sorted.size() - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - static_cast<double>(low));
}

double minutes_since(std::optional<sim::Time> time, sim::Time origin) {
  return time ? (*time - origin).to_minutes() : not_a_number;
}

} // namespace

void DrillRuntime::report(sim::Time end, sim::KpiSet& kpis) const {
  const DrillSpec& drills = spec_->drills;
  if (!drills.incidents.empty()) {
    std::array<std::vector<double>, triage_colour_count> to_treatment;
    std::size_t arrived = 0, diverted = 0, deaths = 0, untreated = 0, left = 0;
    std::size_t immediate = 0, immediate_in_hour = 0;
    for (const Casualty& casualty : casualties) {
      diverted += casualty.diverted ? 1 : 0;
      deaths += casualty.dead ? 1 : 0;
      if (!casualty.arrival)
        continue;
      ++arrived;
      left += casualty.left_unseen ? 1 : 0;
      if (!casualty.treated) {
        untreated += casualty.dead || casualty.left_unseen ? 0 : 1;
      } else {
        to_treatment[static_cast<std::size_t>(casualty.colour)].push_back(
            (*casualty.treated - *casualty.arrival).to_minutes());
      }
      if (casualty.arrival_colour == TriageColour::Immediate) {
        ++immediate;
        if (casualty.treated && *casualty.treated - *casualty.arrival <= sim::Duration::hours(1))
          ++immediate_in_hour;
      }
    }
    kpis.push_back({"drill.casualties", "patients", static_cast<double>(casualties.size())});
    kpis.push_back({"drill.casualties.arrived", "patients", static_cast<double>(arrived)});
    kpis.push_back({"drill.casualties.diverted", "patients", static_cast<double>(diverted)});
    kpis.push_back({"drill.deaths_waiting", "patients", static_cast<double>(deaths)});
    kpis.push_back({"drill.left_unseen", "patients", static_cast<double>(left)});
    kpis.push_back({"drill.untreated_at_end", "patients", static_cast<double>(untreated)});
    for (std::size_t c = 0; c < triage_colour_count; ++c) {
      std::vector<double>& times = to_treatment[c];
      std::sort(times.begin(), times.end());
      const std::string colour(to_string(static_cast<TriageColour>(c)));
      kpis.push_back({"drill.time_to_treatment." + colour + ".p50", "min", quantile(times, 0.5)});
      kpis.push_back({"drill.time_to_treatment." + colour + ".p90", "min", quantile(times, 0.9)});
    }
    kpis.push_back({"drill.immediate.treated_within_60min", "%",
                    immediate == 0 ? not_a_number
                                   : 100.0 * static_cast<double>(immediate_in_hour) /
                                         static_cast<double>(immediate)});
    for (std::size_t u = 0; u < spec_->units.size(); ++u)
      if (std::find(resource_unit_.begin(), resource_unit_.end(), u) != resource_unit_.end())
        kpis.push_back({"drill.peak_occupancy." + spec_->units[u].name, "units",
                        static_cast<double>(unit_peak_[u])});
    double first = not_a_number;
    for (std::size_t r = 0; r < exhausted_.size(); ++r)
      if (watched_[r]) {
        const double after = minutes_since(exhausted_[r], watch_from_);
        kpis.push_back({"drill.ran_out." + spec_->resources[r].name, "min after incident", after});
        if (!std::isnan(after) && !(after >= first))
          first = after;
      }
    kpis.push_back({"drill.ran_out.first", "min after incident", first});
  }
  for (std::size_t r = 0; r < drills.surge.size(); ++r) {
    const std::string& name = drills.surge[r].name;
    const RuleState& state = rules[r];
    kpis.push_back({"drill.surge." + name + ".fired", "share", state.first_fired ? 1.0 : 0.0});
    kpis.push_back({"drill.surge." + name + ".fired_at", "h",
                    state.first_fired ? state.first_fired->to_hours() : not_a_number});
    kpis.push_back({"drill.surge." + name + ".effect_at", "h",
                    state.first_effect ? state.first_effect->to_hours() : not_a_number});
    kpis.push_back({"drill.surge." + name + ".undone_at", "h",
                    state.first_undone ? state.first_undone->to_hours() : not_a_number});
    if (!drills.incidents.empty()) {
      kpis.push_back({"drill.surge." + name + ".fired_after_incident", "min after incident",
                      minutes_since(state.fired_in_drill, watch_from_)});
      kpis.push_back({"drill.surge." + name + ".effect_after_incident", "min after incident",
                      minutes_since(state.effect_in_drill, watch_from_)});
      kpis.push_back({"drill.surge." + name + ".undone_after_incident", "min after incident",
                      minutes_since(state.undone_in_drill, watch_from_)});
    }
    kpis.push_back(
        {"drill.surge." + name + ".firings", "count", static_cast<double>(state.firings)});
    kpis.push_back({"drill.surge." + name + ".staff_arrived", "people",
                    static_cast<double>(state.staff_arrived)});
    if (std::any_of(drills.surge[r].actions.begin(), drills.surge[r].actions.end(),
                    [](const SurgeAction& a) { return a.kind == SurgeActionKind::Discharge; }))
      kpis.push_back({"drill.surge." + name + ".early_discharges", "patients",
                      static_cast<double>(state.discharged)});
  }
  if (!drills.surge.empty()) {
    std::uint64_t cancelled = 0;
    for (const ClassRuntime& patients : context_->classes)
      cancelled += patients.cancelled;
    kpis.push_back({"drill.surge.cancelled_arrivals", "patients", static_cast<double>(cancelled)});
  }
  for (std::size_t e = 0; e < drills.evacuations.size(); ++e) {
    const std::string& name = drills.evacuations[e].name;
    const EvacuationResult& result = evacuations[e];
    kpis.push_back({"drill.evacuation." + name + ".patients", "patients",
                    static_cast<double>(result.patients)});
    const sim::Time start = sim::Time::start() + drills.evacuations[e].time;
    kpis.push_back({"drill.evacuation." + name + ".last_out", "min",
                    result.last_out        ? minutes_since(result.last_out, start)
                    : result.patients == 0 ? 0.0
                                           : not_a_number});
  }
  (void)end;
}

} // namespace hospsim::models
