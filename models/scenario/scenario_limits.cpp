// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_limits.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::models::limits {

double mean_arrivals_per_hour(const ScenarioSpec& spec) {
  double per_week = 0;
  for (const PatientClassSpec& patients : spec.classes) {
    if (patients.poisson) {
      double per_day = 0;
      for (const double rate : patients.poisson->per_hour)
        per_day += rate;
      for (const double factor : patients.poisson->day_factor)
        per_week += per_day * factor;
    }
    if (patients.appointments) {
      const double shows = 1 - patients.appointments->no_show;
      for (const AppointmentSlot& slot : patients.appointments->slots)
        for (const bool day : slot.days)
          per_week += day ? static_cast<double>(slot.patients) * shows : 0;
    }
  }
  return per_week / (7 * 24);
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
