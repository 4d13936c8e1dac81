// SPDX-License-Identifier: MIT
#include "app/experiment_options.hpp"

#include "models/scenario/unused_parts.hpp"

#include "app/number_option.hpp"
#include "app/rank_agreement.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "sim/error.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fmt/core.h>
#include <limits>
#include <string_view>

namespace hospsim::app {
namespace {

/// Limits of the command line (docs/reliability.md, "Command-line ranges").
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

std::uint64_t parse_memory_size(const std::string& option, const std::string& text) {
  struct Unit {
    std::string_view name;
    double bytes;
  };
  static constexpr std::array<Unit, 14> units{
      Unit{"", 1},         Unit{"B", 1},       Unit{"kB", 1e3},      Unit{"KB", 1e3},
      Unit{"KiB", 0x1p10}, Unit{"K", 0x1p10},  Unit{"MB", 1e6},      Unit{"MiB", 0x1p20},
      Unit{"M", 0x1p20},   Unit{"GB", 1e9},    Unit{"GiB", 0x1p30},  Unit{"G", 0x1p30},
      Unit{"TiB", 0x1p40}, Unit{"TB", 1e12}};
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  while (begin != end && *begin == ' ')
    ++begin;
  const auto [rest, error] = std::from_chars(begin, end, value);
  std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  while (!unit.empty() && unit.front() == ' ')
    unit.remove_prefix(1);
  while (!unit.empty() && unit.back() == ' ')
    unit.remove_suffix(1);
  for (const Unit& u : units) {
    if (error != std::errc{} || rest == begin || u.name != unit)
      continue;
    const double bytes = value * u.bytes;
    if (std::isfinite(bytes) && bytes >= 1 && bytes < 0x1p63)
      return static_cast<std::uint64_t>(bytes);
  }
  throw sim::InputError(fmt::format("{}: invalid size '{}'; expected a positive number of bytes "
                                    "with an optional unit (B, KiB, MiB, GiB, TiB, kB, MB, GB, "
                                    "TB), e.g. '4 GiB'",
                                    option, text));
}

void add_experiment_options(CLI::App& command, ExperimentArguments& arguments) {
  add_override_option(command, arguments.overrides);
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
  command
      .add_option("--max-events", arguments.max_events,
                  fmt::format("Stop a replication right after its event number N+1 (a runaway "
                              "model; exit 2); default {:.0e}, 0: no limit",
                              static_cast<double>(models::default_max_events)))
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max(), "0: no limit"));
  command.add_option("--max-memory", arguments.max_memory,
                     "Stop a replication whose patients in the hospital would take more memory "
                     "than this, e.g. '4 GiB' (exit 2); per replication, whatever --threads; "
                     "default half the RAM, 0: no limit");
  command.add_option("--without", arguments.without,
                     "Switch off this surge rule (docs/drills.md); may be repeated");
}

models::ExperimentSettings experiment_settings(const models::ScenarioSpec& spec,
                                               const ExperimentArguments& arguments) {
  models::ExperimentSettings settings;
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
  settings.max_events = arguments.max_events.value_or(models::default_max_events);
  settings.max_memory = !arguments.max_memory ? models::default_max_memory()
                        : *arguments.max_memory == "0"
                            ? 0
                            : parse_memory_size("--max-memory", *arguments.max_memory);
  if (settings.warmup && *settings.warmup >= settings.horizon)
    throw sim::InputError(fmt::format("the warm-up ({}) must be shorter than the horizon ({})",
                                      sim::to_string(*settings.warmup),
                                      sim::to_string(settings.horizon)));
  // Here, not in run_experiment(): commands call this inside on_every_rank, so that under --mpi
  // rank 0 alone reports it, as one process would (rank_agreement.hpp).
  models::limits::check_experiment_size(spec, settings.horizon, settings.replications, "this run");
  return settings;
}

int with_executor(const ExperimentArguments& arguments,
                  const std::function<int(const models::Executor&)>& body) {
  models::Executor executor;
  executor.threads = arguments.threads;
  if (!arguments.mpi)
    return body(executor);
  return run_on_ranks(executor, body); // MPI_Init .. MPI_Finalize, errors agreed on rank 0
}

std::vector<models::ScenarioOverride> scenario_overrides(const std::vector<std::string>& texts) {
  std::vector<models::ScenarioOverride> overrides;
  for (const std::string& text : texts)
    overrides.push_back(models::parse_override(text));
  return overrides;
}

void add_override_option(CLI::App& command, std::vector<std::string>& overrides) {
  command.add_option("--set", overrides,
                     "Override a scenario value before it is read, e.g. "
                     "--set resources.doctor.count=4 or --set horizon='14 d' (repeatable)")
      ->allow_extra_args(false);
}

void print_unused_part_warnings(const models::ScenarioSpec& spec) {
  for (const std::string& warning : models::unused_part_warnings(spec))
    fmt::print(stderr, "warning: {}\n", warning);
}

} // namespace hospsim::app
