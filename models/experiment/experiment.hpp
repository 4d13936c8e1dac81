// SPDX-License-Identifier: MIT
#pragma once
/// Runs the replications of one scenario for `run` and `compare`: on T threads (oneTBB) or
/// over MPI ranks, with a fixed warm-up or one detected by MSER-5, and summarises the KPIs.
/// Output is identical for any thread or rank count (replications are merged in order).
#include "models/hospital/observer.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/experiment/comparison.hpp"
#include "sim/experiment/kpi.hpp"
#include "sim/experiment/kpi_index.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace boost::mpi {
class communicator;
}

namespace hospsim::models {

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
  /// The replications run are [first_replication, first_replication + replications): replication
  /// r is the same run whatever range it is run in (its streams depend on seed and r only).
  /// InputError when the range passes 2^64 - 1.
  std::uint64_t first_replication = 0;
  sim::Duration horizon;
  std::optional<sim::Duration> warmup; ///< Empty: detect by MSER-5 (a pilot pass).
  /// Keep every replication's KPIs in ExperimentResult::replications (compare pairs them);
  /// otherwise only their running summaries are kept: O(KPIs) memory for any replication count.
  bool keep_replications = false;
  /// Run-time guards (--max-events, --max-memory): events per replication, and bytes the
  /// patients in the hospital of one replication may take at once (per replication, not divided
  /// by the threads, so that the output never depends on --threads) (0: no guard). See
  /// default_max_events() and default_max_memory().
  std::uint64_t max_events = 0;
  std::uint64_t max_memory = 0;
};

/// Default --max-events: 10^9 events a replication (minutes of CPU time; the shipped scenarios
/// need under 10^6). A replication that needs more is almost surely a runaway model.
inline constexpr std::uint64_t default_max_events = 1'000'000'000;
/// Default --max-memory: half the physical memory of this machine (4 GiB when unknown).
std::uint64_t default_max_memory();
/// What one patient in the hospital costs in memory, roughly (its coroutine frame, requests,
/// queue entries, statistics): about 2.2 KB measured on an overloaded model, rounded up to
/// 2.5 KiB (docs/reliability-limits.md).
inline constexpr std::uint64_t bytes_per_patient = 2560;

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
  /// Rank 0 only (empty on the others), and only with ExperimentSettings::keep_replications.
  std::vector<sim::KpiSet> replications;
  std::vector<sim::KpiSummary> summary; ///< Rank 0 only.
  /// Rank 0 only: the id of each KPI name, its position in `summary` (look a KPI up once by
  /// name here, then index `summary`).
  sim::KpiIndex kpi_index;
  sim::Duration warmup;                 ///< Used (given or detected).
  bool warmup_detected = false;
  /// Rank 0 only: the model looks overloaded (models/hospital/overload_check.hpp); one
  /// sentence per resource whose queue grows over the run.
  std::vector<std::string> warnings;
};

/// The variants of `compare`, run together: one job simulates replication r of every variant
/// (variant v with seed seeds[v]), so that their paired differences are summarised as the
/// replications arrive: O(variants^2 x KPIs) memory, not O(replications). A warm-up to detect is
/// detected on variant 0 and used for all.
struct PairedExperiment {
  std::vector<ExperimentResult> results; ///< One per variant; summaries on rank 0 only.
  /// against[i][j]: variant j minus variant i, KPI by KPI (sim::PairedComparison; the KPIs of
  /// variant i also in variant j); empty for i == j. Rank 0 only.
  std::vector<std::vector<std::vector<sim::KpiDifference>>> against;
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

/// The KPIs of replications [first, first + count) of `spec`, in replication order: for the
/// optimiser (more replications of a promising candidate later), bindings and benchmarks.
/// Replication r is bit-identical to replication r of run_experiment() with the same seed,
/// horizon, guards and warm-up, for any threads and MPI ranks (settings.replications and
/// first_replication are replaced by count and first; keep_replications is implied). Give
/// settings.warmup: left empty, the warm-up is detected by MSER-5 on these `count` replications,
/// so it can differ from the one run_experiment() detects on [0, replications). Over MPI, rank 0
/// gets the KPIs and the other ranks an empty vector (every rank must call it). count 0: empty.
///
/// **Example**
/// ```
/// ExperimentSettings settings{.seed = 7, .replications = 0, .horizon = sim::Duration::days(14),
///                             .warmup = sim::Duration::days(1)};
/// // Replications 20..29 of the candidate, on all cores:
/// std::vector<sim::KpiSet> more = run_replication_range(candidate, 20, 10, settings, {});
/// ```
std::vector<sim::KpiSet> run_replication_range(const ScenarioSpec& spec, std::uint64_t first,
                                               std::size_t count,
                                               const ExperimentSettings& settings,
                                               const Executor& executor);

/// `progress(done)` counts replications of all variants together (done of specs.size() x
/// replications). Not with a run database.
PairedExperiment run_paired_experiment(const std::vector<const models::ScenarioSpec*>& specs,
                                       const std::vector<std::uint64_t>& seeds,
                                       const ExperimentSettings& settings, const Executor& executor,
                                       const std::function<void(std::size_t done)>& progress = {});

} // namespace hospsim::models
