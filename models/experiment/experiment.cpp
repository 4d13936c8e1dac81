// SPDX-License-Identifier: MIT
#include "models/experiment/experiment.hpp"

#include "models/hospital/compiled_scenario.hpp"
#include "models/hospital/overload_check.hpp"
#include "models/hospital/presence_series.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "sim/error.hpp"
#include "sim/experiment/mpi/mpi_replications.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <algorithm>
#include <boost/mpi/collectives/broadcast.hpp>
#include <fmt/core.h>
#include <limits>
#include <unistd.h>

namespace hospsim::models {
namespace {

/// What one replication hands back: its KPIs and its queue trend (for the overload check).
struct Outcome {
  sim::KpiSet kpis;
  models::QueueTrend trend;

  template <class Archive>
  void serialize(Archive& archive, const unsigned int /*version*/) {
    archive& kpis& trend.second_quarter& trend.last_quarter;
  }
};

/// The run options every replication gets: seed, horizon and the guards. The memory guard is
/// per replication (not divided by the threads): whether it trips, and so the output, is the same
/// for any --threads and any machine (docs/reliability.md, "Run-time guards").
models::RunOptions guarded_options(const ExperimentSettings& settings) {
  models::RunOptions options;
  options.seed = settings.seed;
  options.horizon = settings.horizon;
  options.max_events = settings.max_events;
  if (settings.max_memory != 0)
    options.max_patients = std::max<std::uint64_t>(1, settings.max_memory / bytes_per_patient);
  return options;
}

/// Runs replications [first, first + count) of `job` on the executor; `consume` sees them in
/// order on the reporting process only. Both are called with the replication's number.
template <class Result, class Job, class Consume>
void execute(const Executor& executor, std::uint64_t first, std::size_t count, Job&& job,
             Consume&& consume) {
  auto numbered_job = [&](std::uint64_t r) { return job(first + r); };
  auto numbered_consume = [&](std::uint64_t r, Result&& result) {
    consume(first + r, std::move(result));
  };
  if (executor.world != nullptr)
    sim::mpi_run_replications<Result>(*executor.world, count, executor.threads, numbered_job,
                                      numbered_consume);
  else
    sim::run_replications<Result>(count, executor.threads, numbered_job, numbered_consume);
}

/// InputError when the replication numbers first_replication ... first_replication +
/// replications - 1 would pass the largest number and wrap around.
void check_numbering(const ExperimentSettings& settings) {
  const std::uint64_t room = std::numeric_limits<std::uint64_t>::max() - settings.first_replication;
  if (settings.replications > 0 && settings.replications - 1 > room)
    throw sim::InputError(fmt::format("replications {} from {}: the replication numbers would "
                                      "pass 2^64 - 1",
                                      settings.replications, settings.first_replication));
}

/// Pilot pass for MSER-5: every replication without warm-up, recording hourly presence.
sim::Duration detect_warmup(const models::ScenarioSpec& spec, const ExperimentSettings& settings,
                            const Executor& executor) {
  // Only the running average of the series is kept: O(horizon / interval) memory.
  models::PresenceAverage average(settings.replications);
  const std::optional<models::Building> building =
      spec.layout ? std::optional<models::Building>(std::in_place, *spec.layout, spec)
                  : std::nullopt;
  execute<std::vector<double>>(
      executor, settings.first_replication, settings.replications,
      [&](std::uint64_t replication) {
        models::PresenceSeries presence(warmup_detection_interval);
        models::RunOptions options = guarded_options(settings);
        options.warmup = sim::Duration{};
        options.observer = &presence;
        options.building = building ? &*building : nullptr;
        models::run_scenario_replication(spec, replication, options);
        presence.finish(sim::Time::start() + settings.horizon);
        return presence.means();
      },
      [&](std::uint64_t, std::vector<double>&& one) { average.add(one); });
  sim::Duration warmup = models::detect_warmup(average, warmup_detection_interval);
  if (executor.world != nullptr) { // rank 0 decides; every rank runs the same main pass
    std::int64_t milliseconds = warmup.count_ms();
    boost::mpi::broadcast(*executor.world, milliseconds, 0);
    warmup = sim::Duration::milliseconds(milliseconds);
  }
  return warmup;
}

} // namespace

std::uint64_t default_max_memory() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0)
    return std::uint64_t{4} << 30;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size) / 2;
}

bool Executor::is_root() const {
  return world == nullptr || world->rank() == 0;
}

ExperimentResult run_experiment(const models::ScenarioSpec& spec,
                                const ExperimentSettings& settings, const Executor& executor,
                                const std::function<void(std::size_t)>& progress,
                                const ReplicationRecording* recording,
                                const ReplicationKpis& each_replication) {
  // The command refuses --db with --mpi before simulating (scenario_commands.cpp): reaching
  // this is a caller's bug. The experiment's size was checked by experiment_settings().
  if (recording != nullptr && executor.world != nullptr)
    throw sim::UsageError("run_experiment: a run database cannot be recorded over MPI ranks");
  check_numbering(settings);
  ExperimentResult result;
  result.warmup_detected = !settings.warmup.has_value();
  result.warmup = settings.warmup ? *settings.warmup : detect_warmup(spec, settings, executor);
  if (recording != nullptr && recording->begin)
    recording->begin(result.warmup);

  // The scenario is checked and compiled once (names resolved, schedules and the building's
  // routes built) and shared read-only by every replication.
  const auto compiled = models::CompiledScenario::referencing(spec);
  models::RunOptions options = guarded_options(settings);
  options.warmup = result.warmup;
  auto simulate = [&](std::uint64_t replication, models::Observer* observer) {
    models::RunOptions own = options;
    own.observer = observer;
    Outcome outcome;
    own.queue_trend = &outcome.trend;
    outcome.kpis = models::run_scenario_replication(compiled, replication, own);
    return outcome;
  };
  // Streaming: each replication is summarised as it arrives (in order) and then dropped, unless
  // the caller keeps them (compare).
  sim::KpiSummariser summariser;
  models::OverloadCheck overload(spec);
  auto keep = [&](std::uint64_t replication, Outcome&& outcome) {
    if (each_replication)
      each_replication(replication, outcome.kpis);
    summariser.add(outcome.kpis);
    overload.add(outcome.trend);
    if (settings.keep_replications)
      result.replications.push_back(std::move(outcome.kpis));
    if (progress)
      progress(static_cast<std::size_t>(replication - settings.first_replication) + 1);
  };
  if (recording == nullptr) {
    execute<Outcome>(
        executor, settings.first_replication, settings.replications,
        [&](std::uint64_t replication) { return simulate(replication, nullptr); }, keep);
  } else {
    struct Recorded {
      Outcome outcome;
      std::unique_ptr<models::Observer> observer;
    };
    const std::uint64_t first = settings.first_replication; // not over MPI: threads only
    sim::run_replications<Recorded>(
        settings.replications, executor.threads,
        [&](std::uint64_t r) {
          const std::uint64_t replication = first + r;
          Recorded recorded{{}, recording->observer(replication)};
          recorded.outcome = simulate(replication, recorded.observer.get());
          return recorded;
        },
        [&](std::uint64_t r, Recorded&& recorded) {
          recording->record(first + r, *recorded.observer, recorded.outcome.kpis);
          keep(first + r, std::move(recorded.outcome));
        });
  }
  if (executor.is_root()) {
    result.summary = summariser.summaries();
    result.kpi_index = summariser.index();
    result.warnings = overload.warnings();
  }
  return result;
}

PairedExperiment run_paired_experiment(const std::vector<const models::ScenarioSpec*>& specs,
                                       const std::vector<std::uint64_t>& seeds,
                                       const ExperimentSettings& settings,
                                       const Executor& executor,
                                       const std::function<void(std::size_t)>& progress) {
  check_numbering(settings);
  const std::size_t count = specs.size();
  // Each variant's size was checked by the command, in experiment_settings() (on_every_rank).
  PairedExperiment paired;
  paired.results.resize(count);
  sim::Duration warmup;
  bool detected = false;
  if (settings.warmup) {
    warmup = *settings.warmup;
  } else if (count > 0) {
    ExperimentSettings pilot = settings;
    pilot.seed = seeds[0];
    warmup = detect_warmup(*specs[0], pilot, executor);
    detected = true;
  }
  std::vector<models::RunOptions> options;
  // Each variant is compiled once (with its building's routes) and shared by its replications.
  std::vector<models::CompiledScenario> compiled;
  std::vector<models::OverloadCheck> overload;
  std::vector<sim::KpiSummariser> summarisers(count);
  std::vector<std::vector<sim::PairedComparison>> comparisons(
      count, std::vector<sim::PairedComparison>(count));
  for (std::size_t v = 0; v < count; ++v) {
    ExperimentSettings own = settings;
    own.seed = seeds[v];
    options.push_back(guarded_options(own));
    options.back().warmup = warmup;
    compiled.push_back(models::CompiledScenario::referencing(*specs[v]));
    overload.emplace_back(*specs[v]);
  }
  execute<std::vector<Outcome>>(
      executor, settings.first_replication, settings.replications,
      [&](std::uint64_t replication) {
        std::vector<Outcome> outcomes(count);
        for (std::size_t v = 0; v < count; ++v) {
          models::RunOptions own = options[v];
          own.queue_trend = &outcomes[v].trend;
          outcomes[v].kpis = models::run_scenario_replication(compiled[v], replication, own);
        }
        return outcomes;
      },
      [&](std::uint64_t replication, std::vector<Outcome>&& outcomes) {
        for (std::size_t v = 0; v < count; ++v) {
          summarisers[v].add(outcomes[v].kpis);
          overload[v].add(outcomes[v].trend);
          for (std::size_t other = 0; other < count; ++other)
            if (other != v)
              comparisons[v][other].add(outcomes[v].kpis, outcomes[other].kpis);
        }
        if (progress)
          progress(static_cast<std::size_t>(replication - settings.first_replication + 1) * count);
      });
  paired.against.resize(count);
  for (std::size_t v = 0; v < count; ++v) {
    ExperimentResult& result = paired.results[v];
    result.warmup = warmup;
    result.warmup_detected = detected;
    if (!executor.is_root())
      continue;
    result.summary = summarisers[v].summaries();
    result.kpi_index = summarisers[v].index();
    result.warnings = overload[v].warnings();
    paired.against[v].resize(count);
    for (std::size_t other = 0; other < count; ++other)
      if (other != v)
        paired.against[v][other] = comparisons[v][other].differences();
  }
  return paired;
}

std::vector<sim::KpiSet> run_replication_range(const ScenarioSpec& spec, std::uint64_t first,
                                               std::size_t count,
                                               const ExperimentSettings& settings,
                                               const Executor& executor) {
  ExperimentSettings range = settings;
  range.first_replication = first;
  range.replications = count;
  range.keep_replications = true;
  if (count == 0)
    return {};
  return run_experiment(spec, range, executor).replications;
}

} // namespace hospsim::models
