// SPDX-License-Identifier: MIT
#pragma once
/// The kernel demo behind `hospsim demo`: an M/M/c walk-in clinic (Poisson arrivals,
/// exponential consultations, c doctors) simulated for several replications and compared with
/// the Erlang C closed form. It stands in for the default scenario until the hospital model
/// exists.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/stats/confidence_interval.hpp"

namespace hospsim::app {

struct ClinicParameters {
  std::size_t doctors = 3;
  double arrivals_per_hour = 15.0;
  double mean_consultation_minutes = 10.0;
  double hours = 24.0 * 30;       ///< Simulated time per replication.
  double warmup_hours = 24.0;     ///< Patients arriving earlier are not counted.
  std::size_t replications = 10;
  std::uint64_t seed = 1;
};

struct ClinicResult {
  sim::ConfidenceInterval mean_wait_minutes;
  sim::ConfidenceInterval utilisation;
  sim::ConfidenceInterval patients_seen;
  double erlang_c_mean_wait_minutes;
  double offered_utilisation;
  std::uint64_t events;
};

ClinicResult run_demo_clinic(const ClinicParameters& parameters);

} // namespace hospsim::app
