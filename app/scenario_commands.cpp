// SPDX-License-Identifier: MIT
// `hospsim validate FILE` and `hospsim run FILE`: load a scenario, simulate its replications,
// print the KPI table with 95% confidence intervals and write kpis.csv / kpis.json.
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/kpi_report.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <filesystem>
#include <fmt/core.h>
#include <memory>
#include <optional>
#include <unistd.h>

namespace hospsim::app {
namespace {

struct RunArguments {
  std::string file;
  std::optional<std::uint64_t> seed;
  std::optional<std::size_t> replications;
  std::optional<std::string> horizon;
  std::optional<std::string> warmup;
  std::string out = ".";
  bool quiet = false;
};

sim::Duration option_duration(const std::string& option, const std::string& text) {
  try {
    return sim::parse_duration(text);
  } catch (const sim::InputError& error) {
    throw sim::InputError(fmt::format("{}: {}", option, error.what()));
  }
}

/// One line redrawn in place on a terminal; nothing when stderr is not a terminal.
class ProgressBar {
public:
  explicit ProgressBar(std::size_t total, bool enabled)
      : total_(total), enabled_(enabled && ::isatty(STDERR_FILENO) != 0) {}
  void update(std::size_t done) const {
    if (!enabled_)
      return;
    const std::size_t width = 30;
    const std::size_t filled = total_ == 0 ? width : done * width / total_;
    fmt::print(stderr, "\r[{:=<{}}{:<{}}] {}/{} replications", "", filled, "", width - filled,
               done, total_);
    if (done == total_)
      fmt::print(stderr, "\n");
  }

private:
  std::size_t total_;
  bool enabled_;
};

int validate(const std::string& file) {
  const models::ScenarioSpec spec = models::load_scenario(file);
  fmt::print("{}: valid scenario '{}': {} resources, {} pathways, {} patient classes\n", file,
             spec.name, spec.resources.size(), spec.pathways.size(), spec.classes.size());
  return 0;
}

int run(const RunArguments& arguments) {
  const models::ScenarioSpec spec = models::load_scenario(arguments.file);
  models::RunOptions options;
  options.seed = arguments.seed.value_or(spec.seed);
  options.horizon = arguments.horizon ? option_duration("--horizon", *arguments.horizon)
                                      : spec.horizon;
  options.warmup = arguments.warmup ? option_duration("--warmup", *arguments.warmup) : spec.warmup;
  if (*options.warmup >= *options.horizon)
    throw sim::InputError(fmt::format("the warm-up ({}) must be shorter than the horizon ({})",
                                      sim::to_string(*options.warmup),
                                      sim::to_string(*options.horizon)));
  const std::size_t replications = arguments.replications.value_or(spec.replications);

  std::vector<sim::KpiSet> results;
  const ProgressBar progress(replications, !arguments.quiet);
  for (std::size_t rep = 0; rep < replications; ++rep) {
    results.push_back(models::run_scenario_replication(spec, rep, options));
    progress.update(rep + 1);
  }
  const auto kpis = sim::summarise(results);

  const RunDescription description{spec.name,
                                   arguments.file,
                                   *options.seed,
                                   replications,
                                   sim::to_string(*options.horizon),
                                   sim::to_string(*options.warmup)};
  fmt::print("{} ({}): {} replications of {} simulated, the first {} (warm-up) not counted, "
             "seed {}\n\n",
             spec.name,
             arguments.file, replications, description.horizon, description.warmup,
             description.seed);
  fmt::print("{}", kpi_table(kpis));

  const std::filesystem::path out(arguments.out);
  std::filesystem::create_directories(out);
  write_file_atomically(out / "kpis.csv", kpi_csv(kpis));
  write_file_atomically(out / "kpis.json", kpi_json(description, kpis));
  fmt::print("\nwrote {} and {}\n", (out / "kpis.csv").string(), (out / "kpis.json").string());
  return 0;
}

} // namespace

void add_scenario_commands(CLI::App& app, CommandAction& action) {
  auto file = std::make_shared<std::string>();
  CLI::App* validate_command =
      app.add_subcommand("validate", "Check a scenario file; report file:line:col on errors");
  validate_command->add_option("FILE", *file, "Scenario YAML file")->required();
  validate_command->callback([file, &action] { action = [file] { return validate(*file); }; });

  auto arguments = std::make_shared<RunArguments>();
  CLI::App* run_command = app.add_subcommand(
      "run", "Simulate a scenario's replications and report KPIs with 95% confidence intervals");
  run_command->add_option("FILE", arguments->file, "Scenario YAML file")->required();
  run_command->add_option("--seed", arguments->seed, "Random seed (default: the scenario's)");
  run_command->add_option("--reps", arguments->replications, "Replications")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  run_command->add_option("--horizon", arguments->horizon, "Simulated time, e.g. '28 d'");
  run_command->add_option("--warmup", arguments->warmup, "Warm-up not counted, e.g. '2 d'");
  run_command->add_option("--out", arguments->out, "Directory for kpis.csv and kpis.json")
      ->capture_default_str();
  run_command->add_flag("--quiet", arguments->quiet, "No progress bar");
  run_command->callback([arguments, &action] { action = [arguments] { return run(*arguments); }; });
}

} // namespace hospsim::app
