// SPDX-License-Identifier: MIT
#include "bench/clinic_benchmark.hpp"

#include "bench/stopwatch.hpp"
#include "sim/random/distribution.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/stats/batch_means.hpp"
#include "sim/stats/tally.hpp"

#include <utility>
#include <vector>

namespace hospsim::bench {
namespace {

/// Everything the patients share; outlives the run.
struct Clinic {
  sim::Simulation& simulation;
  sim::Resource desks;
  sim::Distribution interarrival;
  sim::Distribution service;
  sim::RandomStream service_stream;
  sim::Tally waits;
  std::vector<double> wait_series; ///< In arrival-at-desk order, for batch means.
};

sim::Process<> patient(Clinic& clinic) {
  sim::Simulation& simulation = clinic.simulation;
  const sim::Time arrived = simulation.now();
  sim::Request desk = clinic.desks.request();
  co_await desk;
  const double wait = (simulation.now() - arrived).to_minutes();
  clinic.waits.add(wait);
  clinic.wait_series.push_back(wait);
  co_await simulation.timeout(sim::sample_duration(clinic.service, clinic.service_stream));
  desk.release();
}

sim::Process<> arrivals(Clinic& clinic, std::uint64_t patients) {
  sim::RandomStream stream = clinic.simulation.stream("arrivals");
  for (std::uint64_t i = 0; i < patients; ++i) {
    co_await clinic.simulation.timeout(sim::sample_duration(clinic.interarrival, stream));
    static_cast<void>(clinic.simulation.start(patient(clinic)));
  }
}

} // namespace

ClinicResult clinic_result(double wall_s, double cpu_s, std::uint64_t events,
                           double mean_wait_min, std::vector<double> waits, std::int64_t end_ms,
                           bool keep_waits) {
  ClinicResult result;
  result.wall_s = wall_s;
  result.cpu_s = cpu_s;
  result.events = events;
  result.events_per_s = static_cast<double>(events) / wall_s;
  result.patients_per_s = static_cast<double>(waits.size()) / wall_s;
  result.mean_wait_min = mean_wait_min;
  if (waits.size() >= 2 * sim::default_batch_count)
    result.wait_ci95_half_width_min = sim::batch_means(waits).interval.half_width;
  result.simulated_days = sim::Time::from_ms(end_ms).to_hours() / 24.0;
  if (keep_waits)
    result.waits = std::move(waits);
  return result;
}

ClinicResult run_clinic(const ClinicParameters& parameters) {
  sim::Simulation simulation(parameters.seed);
  Clinic clinic{simulation,
                sim::Resource(simulation, parameters.servers, sim::QueuePolicy::fifo(),
                              sim::Preemption::None, "desks"),
                sim::Distribution::exponential(1.0 / parameters.arrival_rate_per_min()),
                sim::Distribution::exponential(parameters.mean_service_min),
                simulation.stream("service"),
                {},
                {}};
  clinic.wait_series.reserve(parameters.patients);

  const Stopwatch stopwatch;
  static_cast<void>(simulation.start(arrivals(clinic, parameters.patients)));
  simulation.run();
  const double wall = stopwatch.wall_seconds();

  ClinicResult result =
      clinic_result(wall, stopwatch.cpu_seconds(), simulation.events_processed(),
                    clinic.waits.mean(), std::move(clinic.wait_series),
                    simulation.now().count_ms(), parameters.keep_waits);
  result.utilisation = clinic.desks.utilisation(simulation.now());
  return result;
}

double erlang_c_mean_wait(std::size_t servers, double arrival_rate, double mean_service) {
  const double load = arrival_rate * mean_service; // offered load a, in erlangs
  const auto c = static_cast<double>(servers);
  double term = 1.0; // a^k / k!
  double below = 0.0; // sum over k < c
  for (std::size_t k = 0; k < servers; ++k) {
    below += term;
    term *= load / static_cast<double>(k + 1);
  }
  const double waiting = term * c / (c - load); // a^c / c! * 1 / (1 - rho)
  const double probability_of_wait = waiting / (below + waiting);
  return probability_of_wait * mean_service / (c - load);
}

} // namespace hospsim::bench
