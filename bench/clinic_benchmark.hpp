// SPDX-License-Identifier: MIT
#pragma once
/// The M/M/c clinic: patients arrive in a Poisson stream, queue FIFO for one of `servers`
/// identical desks (a sim::Resource), are served for an exponential time and leave. Each
/// patient is a sim::Process coroutine, started by a generator process. The same model runs in
/// SimPy (bench/peers/simpy_clinic.py) for the speed comparison, and against Erlang C.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hospsim::bench {

struct ClinicParameters {
  std::uint64_t patients = 200'000;
  std::size_t servers = 5;
  double mean_service_min = 10.0;
  double utilisation = 0.85; ///< arrival rate = utilisation * servers / mean service
  std::uint64_t seed = 42;
  bool keep_waits = false; ///< Return every patient's wait (ClinicResult::waits), for tests.

  double arrival_rate_per_min() const {
    return utilisation * static_cast<double>(servers) / mean_service_min;
  }
};

struct ClinicResult {
  double wall_s = 0;             ///< Starting the generator and running to the end.
  double cpu_s = 0;              ///< This thread's CPU time for the same.
  std::uint64_t events = 0;      ///< Simulation::events_processed().
  double events_per_s = 0;       ///< events / wall_s.
  double patients_per_s = 0;
  double mean_wait_min = 0;      ///< Tally of the waits for a desk, minutes.
  double wait_ci95_half_width_min = 0; ///< Batch means, 20 batches.
  double utilisation = 0;        ///< Measured mean fraction of desks busy.
  double simulated_days = 0;
  std::vector<double> waits; ///< Minutes, in the order patients got a desk; if keep_waits.
};

/// A run's result from what it measured, for either engine: the rates over `wall_s`, the
/// batch-means interval of `waits` (minutes, in the order patients got a desk; kept in the
/// result when `keep_waits`), the end time `end_ms`. `utilisation` is left 0.
ClinicResult clinic_result(double wall_s, double cpu_s, std::uint64_t events,
                           double mean_wait_min, std::vector<double> waits, std::int64_t end_ms,
                           bool keep_waits);

/// Runs the model once in a fresh Simulation seeded `parameters.seed`.
ClinicResult run_clinic(const ClinicParameters& parameters);

/// Mean wait in queue of an M/M/c queue (Erlang C), in the unit of `mean_service`:
/// Wq = C(c, a) * mean_service / (c - a), a = arrival_rate * mean_service. Requires a < c.
double erlang_c_mean_wait(std::size_t servers, double arrival_rate, double mean_service);

} // namespace hospsim::bench
