// SPDX-License-Identifier: MIT
#pragma once
/// Runs the replications of one scenario for `run` and `compare`: on T threads (oneTBB) or
/// over MPI ranks, with a fixed warm-up or one detected by MSER-5, and summarises the KPIs.
/// Output is identical for any thread or rank count (replications are merged in order).
#include "models/hospital/observer.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/experiment/kpi.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace boost::mpi {
class communicator;
}

namespace hospsim::app {

/// Where replications run: `threads` threads in this process (0: all cores), and, when
/// `world` is set, spread over its MPI ranks (results gathered on rank 0).
struct Executor {
  std::size_t threads = 0;
  const boost::mpi::communicator* world = nullptr;

  /// Rank 0, or no MPI: the process that reports.
  bool is_root() const;
};

struct ExperimentSettings {
  std::uint64_t seed = 0;
  std::size_t replications = 1;
  sim::Duration horizon;
  std::optional<sim::Duration> warmup; ///< Empty: detect by MSER-5 (a pilot pass).
};

/// Optional per-replication recording (a run database). `begin` runs on the calling thread
/// once the warm-up is known, before the first replication; the observer is made on the thread
/// that simulates replication r; `record` runs serially in replication order afterwards.
struct ReplicationRecording {
  std::function<void(sim::Duration warmup)> begin;
  std::function<std::unique_ptr<models::Observer>(std::uint64_t replication)> observer;
  std::function<void(std::uint64_t replication, models::Observer& observer,
                     const sim::KpiSet& kpis)>
      record;
};

struct ExperimentResult {
  std::vector<sim::KpiSet> replications; ///< Rank 0 only (empty on the others).
  std::vector<sim::KpiSummary> summary;  ///< Rank 0 only.
  sim::Duration warmup;                  ///< Used (given or detected).
  bool warmup_detected = false;
};

/// Interval of the presence series MSER-5 looks at.
inline constexpr sim::Duration warmup_detection_interval = sim::Duration::hours(1);

/// Called with each replication's KPIs, in replication order, on the reporting process only
/// (e.g. to stream replications.csv without keeping the replications).
using ReplicationKpis = std::function<void(std::uint64_t replication, const sim::KpiSet& kpis)>;

/// `progress(done)` is called after each replication in order (may be null), after
/// `each_replication` (may be null). Recording is not supported over MPI (InputError).
ExperimentResult run_experiment(const models::ScenarioSpec& spec,
                                const ExperimentSettings& settings, const Executor& executor,
                                const std::function<void(std::size_t done)>& progress = {},
                                const ReplicationRecording* recording = nullptr,
                                const ReplicationKpis& each_replication = {});

} // namespace hospsim::app
