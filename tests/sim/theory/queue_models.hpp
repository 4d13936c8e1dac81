// SPDX-License-Identifier: MIT
#pragma once
/// Open queueing models for the theory tests: Poisson (or renewal) arrivals of one or more
/// customer classes to a line of stations in series, each a sim::Resource. Each customer is a
/// Process that requests a server, holds it for its service time and releases it; under
/// Preemption::Resume it catches the preemption, re-awaits the same Request and continues
/// with the work it has left. Times are in minutes; the kernel rounds them to the ms tick.
///
/// Statistics are kept for customers arriving in [warm_up, warm_up + run_length); arrivals
/// stop at the end of that window and the run goes on until every customer has left, so a
/// late arrival's long wait is counted rather than cut off.
///
/// **Example**
/// ```
/// OpenQueueModel mm1 = single_station(1, {poisson_class("", /*per minute*/ 0.08,
///                                                      {Distribution::exponential(10.0)})});
/// mm1.warm_up_minutes = 5'000;
/// mm1.run_length_minutes = 1'000'000;
/// const std::vector<Replication> runs = run_replications(mm1, /*seed=*/7, /*count=*/20);
/// const ConfidenceInterval wait = interval_of(runs, mean_wait());   // minutes; exact: 40
/// ```
#include "sim/stats/queueing_formulas.hpp"
#include "sim/queue_policy.hpp"
#include "sim/random/distribution.hpp"
#include "sim/resource.hpp"
#include "sim/stats/confidence_interval.hpp"
#include "sim/stats/tally.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hospsim::sim::theory {

struct Station {
  std::size_t servers = 1;
  QueuePolicy policy = QueuePolicy::fifo();
  Preemption preemption = Preemption::None;
};

struct CustomerClass {
  /// Suffix of the class's streams: "" uses "arrivals" and "service", "a" uses "arrivals.a"
  /// and "service.a".
  std::string name;
  Distribution interarrival;         ///< Minutes between arrivals of this class.
  std::vector<Distribution> service; ///< Minutes of service, one per station.
  int priority = 0;                  ///< Request priority (lower first under priority()).
};

struct OpenQueueModel {
  std::vector<Station> stations;
  std::vector<CustomerClass> classes;
  double warm_up_minutes = 0;
  double run_length_minutes = 0; ///< Length of the observation window after the warm-up.
  bool log_service_starts = false;
};

/// What one class's customers arriving in the window experienced, in minutes.
struct ClassStatistics {
  Tally wait;    ///< Total time spent queueing, before first getting a server at each station.
  Tally sojourn; ///< Arrival to departure from the last station.
  /// Customers whose service received, summed over preemptions, differed from the sampled
  /// service time by even one tick.
  std::size_t work_mismatches = 0;
  std::size_t preemptions = 0;
};

struct ServiceStart {
  std::uint64_t patient = 0; ///< Arrival number, all classes together, from 0.
  std::size_t station = 0;
  std::int64_t time_ms = 0;
  bool operator==(const ServiceStart&) const = default;
};

struct Replication {
  std::vector<ClassStatistics> classes;
  double mean_in_system = 0; ///< Time-average number in the network over the window.
  /// Per station, as the kernel's Resource statistics report them over the window: mean
  /// fraction of servers busy, and time-average number of requests waiting.
  std::vector<double> utilisation;
  std::vector<double> mean_queue_length;
  std::size_t departures_in_window = 0; ///< Departures (any arrival time) during the window.
  double window_minutes = 0;
  std::vector<ServiceStart> service_starts; ///< Only with log_service_starts.
  std::uint64_t trace_hash = 0;
  std::uint64_t events_processed = 0;

  /// Departures per minute during the window.
  double throughput() const { return static_cast<double>(departures_in_window) / window_minutes; }
};

/// A one-station model with `servers` servers and the given classes (set the window after).
OpenQueueModel single_station(std::size_t servers, std::vector<CustomerClass> classes,
                              QueuePolicy policy = QueuePolicy::fifo(),
                              Preemption preemption = Preemption::None);

/// One replication of `model`: Simulation(seed, replication), run until every customer left.
Replication run_replication(const OpenQueueModel& model, std::uint64_t seed,
                            std::uint64_t replication);

/// Replications 0 .. count-1 of `model` under `seed`, in order.
std::vector<Replication> run_replications(const OpenQueueModel& model, std::uint64_t seed,
                                          std::size_t count);

/// M/M/c mean wait in queue, minutes, with rates: sim::mmc_mean_wait (Erlang C) in the
/// notation of the tests.
inline double mmc_wait(std::size_t servers, double lambda, double mu) {
  return mmc_mean_wait(servers, lambda, 1.0 / mu);
}

/// A class with Poisson arrivals at `arrival_rate` per minute.
CustomerClass poisson_class(std::string name, double arrival_rate,
                            std::vector<Distribution> service, int priority = 0);

/// Confidence level of the intervals that must contain a closed-form value. Each interval on
/// its own misses the true mean with probability 1 - level even in a correct kernel, and this
/// binary checks about 20 of them: at 95 % one or more would fail about two runs in three
/// (1 - 0.95^20 = 0.64) once a change in the kernel's use of random numbers moved the samples.
/// At 99.9 % that falls to about 2 % (Bonferroni). The half-width checks, at this level too,
/// keep the tests able to fail; the coverage test checks the 95 % level itself.
inline constexpr double acceptance_level = 0.999;

using Observation = std::function<double(const Replication&)>;
/// Student-t interval of `observe(run)` over the replications.
ConfidenceInterval interval_of(const std::vector<Replication>& runs, const Observation& observe,
                               double level = acceptance_level);
/// The mean wait in queue, and the mean sojourn, of class `class_index` in one replication.
Observation mean_wait(std::size_t class_index = 0);
Observation mean_sojourn(std::size_t class_index = 0);

/// "40.23 ± 1.12 (99.9 %, n = 40)", for test messages.
std::string describe(const ConfidenceInterval& interval);

} // namespace hospsim::sim::theory
