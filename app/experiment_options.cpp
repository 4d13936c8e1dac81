// SPDX-License-Identifier: MIT
#include "app/experiment_options.hpp"

#include "app/number_option.hpp"
#include "app/rank_agreement.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>
#include <limits>

namespace hospsim::app {
namespace {

/// Limits of the command line (docs/reliability.md, "Command-line ranges").
constexpr std::uint64_t max_threads = 1024;
constexpr std::uint64_t max_replications = 1'000'000;
/// 100 years: far beyond any hospital study, far below the clock's 292 million years.
constexpr sim::Duration max_horizon = sim::Duration::hours(24 * 36'525);

sim::Duration option_duration(const std::string& option, const std::string& text) {
  try {
    return sim::parse_duration(text);
  } catch (const sim::InputError& error) {
    throw sim::InputError(fmt::format("{}: {}", option, error.what()));
  }
}

} // namespace

void add_experiment_options(CLI::App& command, ExperimentArguments& arguments) {
  command.add_option("--seed", arguments.seed, "Random seed (default: the scenario's)")
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  command.add_option("--reps", arguments.replications, "Replications (default: the scenario's)")
      ->check(whole_number(1, max_replications));
  command.add_option("--horizon", arguments.horizon, "Simulated time, e.g. '28 d'");
  command.add_option("--warmup", arguments.warmup,
                     "Warm-up not counted, e.g. '2 d', or 'auto' (MSER-5 detection)");
  command
      .add_option("--threads", arguments.threads,
                  "Threads for replications (0: all cores); the output is the same for any")
      ->capture_default_str()
      ->check(whole_number(0, max_threads, "0: all cores"));
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
  if (arguments.horizon && (settings.horizon <= sim::Duration{} || settings.horizon > max_horizon))
    throw sim::InputError(fmt::format("--horizon {}: out of range: expected more than 0 and at "
                                      "most {} (100 years)",
                                      *arguments.horizon, sim::to_string(max_horizon)));
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
  return run_on_ranks(executor, body); // MPI_Init .. MPI_Finalize, errors agreed on rank 0
}

} // namespace hospsim::app
