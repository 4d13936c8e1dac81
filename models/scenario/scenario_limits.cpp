// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_limits.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::models::limits {

namespace {

/// Mean arrivals an hour of a Poisson process over a week (a profile: its mean rate over its
/// period times the mean day factor, which is close enough for a limit).
double poisson_per_hour(const PoissonArrivals& poisson) {
  double factor = 0;
  for (const double f : poisson.day_factor)
    factor += f / 7;
  if (!poisson.profile) {
    double per_week = 0;
    double per_day = 0;
    for (const double rate : poisson.per_hour)
      per_day += rate;
    for (const double f : poisson.day_factor)
      per_week += per_day * f;
    return per_week / (7 * 24);
  }
  const RateProfile& profile = *poisson.profile;
  double total = 0;
  for (std::size_t i = 0; i < profile.segments.size(); ++i) {
    const sim::Duration end =
        i + 1 < profile.segments.size() ? profile.segments[i + 1].from : profile.period;
    total += profile.segments[i].per_hour * (end - profile.segments[i].from).to_hours();
  }
  return total / profile.period.to_hours() * factor;
}

} // namespace

double mean_arrivals_per_hour(const ScenarioSpec& spec) {
  double per_week = 0;
  double per_hour = 0;
  for (const PatientClassSpec& patients : spec.classes) {
    if (patients.poisson)
      per_hour += poisson_per_hour(*patients.poisson);
    if (patients.interarrival && patients.interarrival->mean() > 0)
      per_hour += 60.0 / patients.interarrival->mean();
    if (patients.appointments) {
      const double shows = 1 - patients.appointments->no_show;
      for (const AppointmentSlot& slot : patients.appointments->slots)
        for (const bool day : slot.days)
          per_week += day ? static_cast<double>(slot.patients) * shows : 0;
    }
  }
  for (const ArrivalStreamSpec& stream : spec.arrival_streams) {
    if (stream.poisson)
      per_hour += poisson_per_hour(*stream.poisson);
    if (stream.interarrival && stream.interarrival->mean() > 0)
      per_hour += 60.0 / stream.interarrival->mean();
  }
  // One-off and listed arrivals are finite (and bounded by their own limits): not counted.
  return per_week / (7 * 24) + per_hour;
}

void check_experiment_size(const ScenarioSpec& spec, sim::Duration horizon,
                           std::size_t replications, std::string_view source) {
  if (horizon > max_horizon)
    throw sim::InputError(fmt::format("the horizon of {} ({}) is longer than the limit of {} "
                                      "(100 years)",
                                      source, sim::to_string(horizon),
                                      sim::to_string(max_horizon)));
  if (replications > max_replications)
    throw sim::InputError(fmt::format("{} replications ({}) are more than the limit of {}", source,
                                      replications, max_replications));
  const double expected =
      mean_arrivals_per_hour(spec) * horizon.to_hours() * static_cast<double>(replications);
  if (expected > max_expected_patients)
    throw sim::InputError(fmt::format(
        "{} asks for about {:.3g} patients in all ({:.4g} arrivals an hour x {} x {} "
        "replications), more than the limit of {:.0e}: shorten the horizon or run fewer "
        "replications",
        source, expected, mean_arrivals_per_hour(spec), sim::to_string(horizon), replications,
        max_expected_patients));
}

} // namespace hospsim::models::limits
