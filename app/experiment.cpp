// SPDX-License-Identifier: MIT
#include "app/experiment.hpp"

#include "models/hospital/presence_series.hpp"
#include "models/hospital/run_scenario.hpp"
#include "sim/error.hpp"
#include "sim/experiment/mpi/mpi_replications.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <boost/mpi/collectives/broadcast.hpp>
#include <fmt/core.h>

namespace hospsim::app {
namespace {

/// Runs `count` replications of `job` on the executor; `consume` sees them in order on the
/// reporting process only.
template <class Result, class Job, class Consume>
void execute(const Executor& executor, std::size_t count, Job&& job, Consume&& consume) {
  if (executor.world != nullptr)
    sim::mpi_run_replications<Result>(*executor.world, count, executor.threads, job, consume);
  else
    sim::run_replications<Result>(count, executor.threads, job, consume);
}

/// Pilot pass for MSER-5: every replication without warm-up, recording hourly presence.
sim::Duration detect_warmup(const models::ScenarioSpec& spec, const ExperimentSettings& settings,
                            const Executor& executor) {
  std::vector<std::vector<double>> series;
  execute<std::vector<double>>(
      executor, settings.replications,
      [&](std::uint64_t replication) {
        models::PresenceSeries presence(warmup_detection_interval);
        models::RunOptions options;
        options.seed = settings.seed;
        options.horizon = settings.horizon;
        options.warmup = sim::Duration{};
        options.observer = &presence;
        models::run_scenario_replication(spec, replication, options);
        presence.finish(sim::Time::start() + settings.horizon);
        return presence.means();
      },
      [&](std::uint64_t, std::vector<double>&& one) { series.push_back(std::move(one)); });
  sim::Duration warmup = models::detect_warmup(series, warmup_detection_interval);
  if (executor.world != nullptr) { // rank 0 decides; every rank runs the same main pass
    std::int64_t milliseconds = warmup.count_ms();
    boost::mpi::broadcast(*executor.world, milliseconds, 0);
    warmup = sim::Duration::milliseconds(milliseconds);
  }
  return warmup;
}

} // namespace

bool Executor::is_root() const {
  return world == nullptr || world->rank() == 0;
}

ExperimentResult run_experiment(const models::ScenarioSpec& spec,
                                const ExperimentSettings& settings, const Executor& executor,
                                const std::function<void(std::size_t)>& progress,
                                const ReplicationRecording* recording,
                                const ReplicationKpis& each_replication) {
  if (recording != nullptr && executor.world != nullptr)
    throw sim::InputError("a run database (--db) cannot be written over MPI ranks (--mpi) yet: "
                          "run the replications in one process (with --threads)");
  ExperimentResult result;
  result.warmup_detected = !settings.warmup.has_value();
  result.warmup = settings.warmup ? *settings.warmup : detect_warmup(spec, settings, executor);
  if (recording != nullptr && recording->begin)
    recording->begin(result.warmup);

  models::RunOptions options;
  options.seed = settings.seed;
  options.horizon = settings.horizon;
  options.warmup = result.warmup;
  auto simulate = [&](std::uint64_t replication, models::Observer* observer) {
    models::RunOptions own = options;
    own.observer = observer;
    return models::run_scenario_replication(spec, replication, own);
  };
  auto keep = [&](std::uint64_t replication, sim::KpiSet&& kpis) {
    if (each_replication)
      each_replication(replication, kpis);
    result.replications.push_back(std::move(kpis));
    if (progress)
      progress(static_cast<std::size_t>(replication) + 1);
  };
  if (recording == nullptr) {
    execute<sim::KpiSet>(
        executor, settings.replications,
        [&](std::uint64_t replication) { return simulate(replication, nullptr); }, keep);
  } else {
    struct Recorded {
      sim::KpiSet kpis;
      std::unique_ptr<models::Observer> observer;
    };
    sim::run_replications<Recorded>(
        settings.replications, executor.threads,
        [&](std::uint64_t replication) {
          Recorded recorded{{}, recording->observer(replication)};
          recorded.kpis = simulate(replication, recorded.observer.get());
          return recorded;
        },
        [&](std::uint64_t replication, Recorded&& recorded) {
          recording->record(replication, *recorded.observer, recorded.kpis);
          keep(replication, std::move(recorded.kpis));
        });
  }
  if (executor.is_root())
    result.summary = sim::summarise(result.replications);
  return result;
}

} // namespace hospsim::app
