// SPDX-License-Identifier: MIT
// `hospsim optimise FILE --out DIR`: searches the decision variables of the scenario's
// `optimise:` section (models/optimise/scenario_problem.hpp, sim/optimise/search.hpp) and writes
// DIR/best.yaml (the selected candidate as a runnable scenario, without `optimise:`),
// candidates.csv, pareto.csv, convergence.csv, selection.txt and DIR/checkpoint (every sample so
// far, rewritten atomically after each iteration; `--resume` replays from it). Under mpirun
// with --mpi, every rank runs the same search on its share of each batch; rank 0 writes.
// docs/optimiser.md, "Outputs".
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/experiment_options.hpp"
#include "app/number_option.hpp"
#include "app/optimise_outputs.hpp"
#include "app/output_target.hpp"
#include "app/progress_bar.hpp"
#include "app/rank_agreement.hpp"
#include "models/optimise/scenario_problem.hpp"
#include "models/optimise/search_settings.hpp"
#include "sim/error.hpp"
#include "sim/optimise/search.hpp"
#include "sim/time.hpp"

#include <algorithm>
#include <boost/mpi/collectives/all_gather.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/serialization/string.hpp>
#include <chrono>
#include <exception>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace hospsim::app {
namespace {

struct OptimiseArguments {
  std::string file;
  std::string out;
  std::optional<std::uint64_t> budget;
  std::optional<std::string> time;
  std::optional<std::uint64_t> seed;
  std::size_t threads = 0;
  bool mpi = false;
  bool resume = false;
  bool force = false;
  bool quiet = false;
  std::vector<std::string> overrides;
};

namespace so = sim::optimise;

so::SearchSettings search_settings(const models::ScenarioSpec& spec,
                                   const OptimiseArguments& arguments) {
  so::SearchSettings settings =
      models::search_settings(*spec.optimise, arguments.seed.value_or(spec.seed), arguments.file);
  if (arguments.budget)
    settings.budget = *arguments.budget; // 1 to max_optimise_budget (checked as typed)
  if (arguments.time) {
    const sim::Duration limit = sim::parse_duration(*arguments.time);
    if (limit <= sim::Duration{})
      throw sim::InputError(fmt::format("--time must be more than 0, got '{}'", *arguments.time));
    settings.time_limit_s = limit.to_minutes() * 60.0;
  }
  return settings;
}

std::string read_checkpoint(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw sim::InputError(fmt::format("--resume: cannot read {} (no checkpoint: run without "
                                      "--resume first)",
                                      path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int optimise(const OptimiseArguments& arguments, const models::Executor& executor) {
  const std::filesystem::path out(arguments.out);
  const std::vector<OutputTarget> outputs = optimise_output_targets(out);
  std::optional<models::MergedScenario> base;
  std::unique_ptr<models::ScenarioProblem> problem;
  so::SearchSettings settings;
  std::string header;
  std::optional<so::EvaluationLog> resume_log;
  on_every_rank(executor, [&] {
    base = models::MergedScenario::load(arguments.file, scenario_overrides(arguments.overrides));
    const models::ScenarioSpec spec = base->read();
    if (!spec.optimise)
      throw sim::InputError(fmt::format("{}: the scenario has no 'optimise:' section, so "
                                        "there is nothing to optimise (docs/optimiser.md)",
                                        arguments.file));
    settings = search_settings(spec, arguments);
    models::ScenarioProblem::Options options;
    options.threads = arguments.threads == 0
                          ? std::max<std::size_t>(1, std::thread::hardware_concurrency())
                          : arguments.threads;
    if (executor.world != nullptr) {
      const boost::mpi::communicator& world = *executor.world;
      options.rank = static_cast<std::size_t>(world.rank());
      options.ranks = static_cast<std::size_t>(world.size());
      options.all_gather = [&world](const std::string& mine) {
        std::vector<std::string> all;
        boost::mpi::all_gather(world, mine, all);
        return all;
      };
    }
    problem = std::make_unique<models::ScenarioProblem>(*base, std::move(options));
    header = checkpoint_header(*base, spec, settings);
    if (arguments.resume)
      resume_log = parse_checkpoint(read_checkpoint(out / "checkpoint"), header,
                                    (out / "checkpoint").string());
    if (executor.is_root())
      prepare_outputs(outputs, arguments.force);
  });

  const bool root = executor.is_root();
  ProgressBar progress(settings.budget, !arguments.quiet && root, "replications");
  std::vector<ConvergenceRow> convergence;
  const auto started = std::chrono::steady_clock::now();
  so::SearchHooks hooks;
  hooks.resume = resume_log ? &*resume_log : nullptr;
  hooks.on_iteration = [&](const so::IterationLog& line) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    convergence.push_back({line, elapsed});
    progress.update(std::min<std::uint64_t>(line.replications_used, settings.budget));
  };
  // A checkpoint that cannot be written (a full disk) is reported when the search ends: rank 0
  // must not leave the collective steps of the search that the other ranks are in.
  std::exception_ptr checkpoint_failure;
  hooks.checkpoint = [&](const so::EvaluationLog& log) {
    if (!root || checkpoint_failure)
      return;
    try {
      write_file_atomically(out / "checkpoint", header + log.to_text());
    } catch (...) {
      checkpoint_failure = std::current_exception();
    }
  };
  // Every rank meets the same errors at the same point (the samples, errors included, are
  // shared by ScenarioProblem::evaluate), so they are agreed and reported once.
  std::optional<so::SearchResult> searched;
  on_every_rank(executor, [&] {
    searched = so::search(*problem, settings, hooks);
    progress.stop();
    if (checkpoint_failure)
      std::rethrow_exception(checkpoint_failure);
  });
  const so::SearchResult& result = *searched;

  on_every_rank(executor, [&] {
    if (!root)
      return;
    for (const OutputTarget& target : outputs)
      if (target.path.filename() != "checkpoint")
        check_output_target(target, arguments.force);
    const OptimiseReport report{arguments.file, *problem, settings, result, convergence};
    const std::vector<OutputFile> files = optimise_output_files(report, out);
    write_files_atomically(files);
    // No best.yaml this time (nothing was simulated): one of an earlier run in --out would
    // stand beside this run's selection.txt as if it were its result. It is hospsim's own
    // file (check_output_target above let it be replaced), so it goes.
    const bool wrote_best = std::any_of(files.begin(), files.end(), [](const OutputFile& file) {
      return file.path.filename() == "best.yaml";
    });
    if (!wrote_best)
      std::filesystem::remove(out / "best.yaml");
    std::vector<std::string> names;
    for (const OutputFile& file : files)
      names.push_back(file.path.filename().string());
    if (std::filesystem::exists(out / "checkpoint"))
      names.emplace_back("checkpoint");
    std::string list;
    for (std::size_t i = 0; i < names.size(); ++i)
      list += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    fmt::print("{}", summary_text(report));
    fmt::print("\nwrote {} in {}\n", list, out.string());
  });
  return 0;
}

} // namespace

void add_optimise_command(CLI::App& app, CommandAction& action) {
  auto arguments = std::make_shared<OptimiseArguments>();
  CLI::App* command = app.add_subcommand(
      "optimise", "Search the decision variables of the scenario's optimise: section for the "
                  "best candidate (common random numbers, ranking and selection)");
  command->add_option("FILE", arguments->file, "Scenario YAML file with an optimise: section")
      ->required();
  command->add_option("--out", arguments->out, "Directory for best.yaml and the reports")
      ->required();
  command
      ->add_option("--budget", arguments->budget,
                   "Replications of candidates in all (default: search.budget of the "
                   "scenario, else 1000)")
      ->check(whole_number(1, models::max_optimise_budget));
  command->add_option("--time", arguments->time,
                      "Wall-clock limit, e.g. '10 min' (the result then depends on the "
                      "machine's speed)");
  command
      ->add_option("--seed", arguments->seed,
                   "Search and simulation seed (default: the scenario's seed)")
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  command
      ->add_option("--threads", arguments->threads,
                   "Replications run at once (default 0: all cores); the result is the same "
                   "for any count")
      ->check(whole_number(0, max_threads, "0: all cores"));
  command->add_flag("--mpi", arguments->mpi,
                    "Spread each batch over the MPI ranks (run under mpirun); same result");
  command->add_flag("--resume", arguments->resume,
                    "Continue from DIR/checkpoint (same scenario and settings), replaying its "
                    "samples: the same result as an uninterrupted run");
  add_override_option(*command, arguments->overrides);
  add_force_option(*command, arguments->force);
  command->add_flag("--quiet", arguments->quiet, "No progress output");
  command->callback([arguments, &action] {
    action = [arguments] {
      ExperimentArguments experiment;
      experiment.threads = arguments->threads;
      experiment.mpi = arguments->mpi;
      return with_executor(experiment, [&arguments](const models::Executor& executor) {
        return optimise(*arguments, executor);
      });
    };
  });
}

} // namespace hospsim::app
