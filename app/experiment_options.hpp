// SPDX-License-Identifier: MIT
#pragma once
/// The command-line options every experiment command shares (run, compare): seed, replications,
/// horizon, warm-up, threads and MPI.
#include "app/experiment.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

namespace hospsim::app {

struct ExperimentArguments {
  std::optional<std::uint64_t> seed;
  std::optional<std::size_t> replications;
  std::optional<std::string> horizon;
  std::optional<std::string> warmup;
  std::size_t threads = 0;
  bool mpi = false;
};

void add_experiment_options(CLI::App& command, ExperimentArguments& arguments);

/// The scenario's settings overridden by the arguments; InputError on bad values.
ExperimentSettings experiment_settings(const models::ScenarioSpec& spec,
                                       const ExperimentArguments& arguments);

/// Calls `body` with the executor the arguments ask for; with --mpi, inside an MPI environment
/// (MPI_Init before, MPI_Finalize after). Returns body's exit code.
int with_executor(const ExperimentArguments& arguments,
                  const std::function<int(const Executor&)>& body);

} // namespace hospsim::app
