// SPDX-License-Identifier: MIT
#include "app/experiment_options.hpp"

#include "sim/error.hpp"

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <fmt/core.h>

namespace hospsim::app {
namespace {

sim::Duration option_duration(const std::string& option, const std::string& text) {
  try {
    return sim::parse_duration(text);
  } catch (const sim::InputError& error) {
    throw sim::InputError(fmt::format("{}: {}", option, error.what()));
  }
}

} // namespace

void add_experiment_options(CLI::App& command, ExperimentArguments& arguments) {
  command.add_option("--seed", arguments.seed, "Random seed (default: the scenario's)");
  command.add_option("--reps", arguments.replications, "Replications (default: the scenario's)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  command.add_option("--horizon", arguments.horizon, "Simulated time, e.g. '28 d'");
  command.add_option("--warmup", arguments.warmup,
                     "Warm-up not counted, e.g. '2 d', or 'auto' (MSER-5 detection)");
  command
      .add_option("--threads", arguments.threads,
                  "Threads for replications (0: all cores); the output is the same for any")
      ->capture_default_str();
  command.add_flag("--mpi", arguments.mpi,
                   "Spread replications over MPI ranks: mpirun -np K hospsim ... --mpi");
}

ExperimentSettings experiment_settings(const models::ScenarioSpec& spec,
                                       const ExperimentArguments& arguments) {
  ExperimentSettings settings;
  settings.seed = arguments.seed.value_or(spec.seed);
  settings.replications = arguments.replications.value_or(spec.replications);
  settings.horizon =
      arguments.horizon ? option_duration("--horizon", *arguments.horizon) : spec.horizon;
  if (arguments.warmup && *arguments.warmup == "auto")
    settings.warmup.reset();
  else
    settings.warmup =
        arguments.warmup ? option_duration("--warmup", *arguments.warmup) : spec.warmup;
  if (settings.warmup && *settings.warmup >= settings.horizon)
    throw sim::InputError(fmt::format("the warm-up ({}) must be shorter than the horizon ({})",
                                      sim::to_string(*settings.warmup),
                                      sim::to_string(settings.horizon)));
  return settings;
}

int with_executor(const ExperimentArguments& arguments,
                  const std::function<int(const Executor&)>& body) {
  Executor executor;
  executor.threads = arguments.threads;
  if (!arguments.mpi)
    return body(executor);
  const boost::mpi::environment environment;
  const boost::mpi::communicator world;
  executor.world = &world;
  return body(executor);
}

} // namespace hospsim::app
