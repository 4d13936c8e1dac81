// SPDX-License-Identifier: MIT
#pragma once
/// The command-line options every experiment command shares (run, compare): seed, replications,
/// horizon, warm-up, threads and MPI.
#include "models/experiment/experiment.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::app {

/// Most threads --threads accepts (docs/reliability.md, "Command-line ranges").
inline constexpr std::uint64_t max_threads = 1024;

struct ExperimentArguments {
  std::optional<std::uint64_t> seed;
  std::optional<std::size_t> replications;
  std::optional<std::string> horizon;
  std::optional<std::string> warmup;
  std::size_t threads = 0;
  bool mpi = false;
  std::optional<std::uint64_t> max_events; ///< --max-events; default models::default_max_events.
  std::optional<std::string> max_memory;   ///< --max-memory, e.g. "4 GiB"; default half the RAM.
  std::vector<std::string> overrides;      ///< --set PATH=VALUE, in order.
  std::vector<std::string> without;        ///< --without RULE: surge rules switched off.
};

/// The --set overrides, parsed (InputError on one without '=').
std::vector<models::ScenarioOverride> scenario_overrides(const std::vector<std::string>& texts);
/// Adds --set PATH=VALUE (repeatable) to `command`.
void add_override_option(CLI::App& command, std::vector<std::string>& overrides);
/// Prints the scenario's unused-part warnings to stderr ("warning: ...").
void print_unused_part_warnings(const models::ScenarioSpec& spec);

/// "4 GiB", "512 MiB", "2G", "1e9", "1000000 B": bytes (units B, kB/KB/KiB/K, MB/MiB/M, GB/GiB/G,
/// TB/TiB/T; kB, MB, ... are powers of 1000, KiB and K... of 1024). InputError naming `option`.
std::uint64_t parse_memory_size(const std::string& option, const std::string& text);

void add_experiment_options(CLI::App& command, ExperimentArguments& arguments);

/// The scenario's settings overridden by the arguments; InputError on bad values, and on an
/// experiment too large for `spec` (models::limits::check_experiment_size). Commands call it
/// inside on_every_rank, so that under --mpi these errors reach the user once, from rank 0.
models::ExperimentSettings experiment_settings(const models::ScenarioSpec& spec,
                                               const ExperimentArguments& arguments);

/// Calls `body` with the executor the arguments ask for; with --mpi, inside an MPI environment
/// (MPI_Init before, MPI_Finalize after). Returns body's exit code.
int with_executor(const ExperimentArguments& arguments,
                  const std::function<int(const models::Executor&)>& body);

} // namespace hospsim::app
