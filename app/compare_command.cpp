// SPDX-License-Identifier: MIT
// `hospsim compare A.yaml B.yaml ...` and `hospsim compare --policies FILE`: variants run with
// common random numbers (same seed, same replications), paired differences with 95% CIs.
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/comparison_report.hpp"
#include "app/experiment_options.hpp"
#include "app/progress_bar.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/core.h>
#include <memory>

namespace hospsim::app {
namespace {

struct CompareArguments {
  std::vector<std::string> files;
  bool policies = false;
  std::optional<std::string> rank_by;
  bool independent = false;
  std::vector<std::string> kpi_filters;
  ExperimentArguments experiment;
  std::string out = ".";
  bool quiet = false;
};

/// Runs every variant with the baseline's settings, all together (replication r of every
/// variant in one job), so paired differences are summarised as replications arrive and memory
/// does not grow with the replication count. Common random numbers: the same seed for all; with
/// `independent`, variant i uses seed + i instead. A detected warm-up is detected on the
/// baseline and used for all, so that the pairs cover the same period.
std::vector<Variant> run_variants(std::vector<Variant> variants, const ExperimentSettings& settings,
                                  const CompareArguments& arguments, const Executor& executor) {
  std::vector<const models::ScenarioSpec*> specs;
  std::vector<std::uint64_t> seeds;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    specs.push_back(&variants[i].spec);
    seeds.push_back(arguments.independent ? settings.seed + i : settings.seed);
    if (executor.is_root() && !arguments.quiet)
      fmt::print(stderr, "{}: {}\n", variants[i].label, variants[i].spec.name);
  }
  const ProgressBar progress(settings.replications * variants.size(),
                             !arguments.quiet && executor.is_root(), "simulations");
  PairedExperiment paired = run_paired_experiment(
      specs, seeds, settings, executor, [&progress](std::size_t done) { progress.update(done); });
  for (std::size_t i = 0; i < variants.size(); ++i) {
    variants[i].result = std::move(paired.results[i]);
    variants[i].index = i;
    variants[i].against = std::move(paired.against[i]);
    if (executor.is_root())
      for (const std::string& warning : variants[i].result.warnings)
        fmt::print(stderr, "WARNING: {}: {}\n", variants[i].label, warning);
  }
  return variants;
}

void write_outputs(const CompareArguments& arguments, const ComparisonReport& report) {
  const std::filesystem::path out(arguments.out);
  std::filesystem::create_directories(out);
  write_file_atomically(out / "compare.csv", comparison_csv(report));
  write_file_atomically(out / "compare.json", comparison_json(report));
  fmt::print("\nwrote {} and {}\n", (out / "compare.csv").string(),
             (out / "compare.json").string());
}

int compare_files(const CompareArguments& arguments, const Executor& executor) {
  if (arguments.files.size() < 2)
    throw sim::InputError("compare needs at least two scenario files (the first is the "
                          "baseline), or --policies FILE");
  std::vector<Variant> variants;
  for (const std::string& file : arguments.files)
    variants.push_back({file, models::load_scenario(file), {}, 0, {}});
  const ExperimentSettings settings = experiment_settings(variants[0].spec, arguments.experiment);
  variants = run_variants(std::move(variants), settings, arguments, executor);
  if (!executor.is_root())
    return 0;
  const ComparisonReport report =
      make_comparison(std::move(variants), settings, !arguments.independent, arguments.kpi_filters);
  fmt::print("{}", comparison_table(report));
  write_outputs(arguments, report);
  return 0;
}

int compare_policies(const CompareArguments& arguments, const Executor& executor) {
  if (arguments.files.size() != 1)
    throw sim::InputError("compare --policies takes exactly one scenario file");
  const models::ScenarioSpec spec = models::load_scenario(arguments.files[0]);
  if (!spec.policies)
    throw sim::InputError(fmt::format("{}: has no 'policies' section to compare (see "
                                      "docs/policies.md)",
                                      arguments.files[0]));
  models::PoliciesSpec policies = *spec.policies;
  if (arguments.rank_by)
    policies.rank_by = *arguments.rank_by;
  std::vector<Variant> variants;
  for (const models::PolicySpec& policy : policies.options)
    variants.push_back({policy.name, models::apply_policy(spec, policy), {}, 0, {}});
  const ExperimentSettings settings = experiment_settings(spec, arguments.experiment);
  variants = run_variants(std::move(variants), settings, arguments, executor);
  if (!executor.is_root())
    return 0;
  const PolicyRanking ranking = rank_policies(variants, policies, !arguments.independent);
  fmt::print("{}", ranking_table(ranking, settings));
  // Every KPI of every policy against the best one.
  std::rotate(variants.begin(), variants.begin() + static_cast<std::ptrdiff_t>(ranking.best),
              variants.begin() + static_cast<std::ptrdiff_t>(ranking.best) + 1);
  ComparisonReport report =
      make_comparison(std::move(variants), settings, !arguments.independent, arguments.kpi_filters);
  report.ranking = ranking;
  write_outputs(arguments, report);
  return 0;
}

} // namespace

void add_compare_command(CLI::App& app, CommandAction& action) {
  auto arguments = std::make_shared<CompareArguments>();
  CLI::App* command = app.add_subcommand(
      "compare", "Run scenario variants with common random numbers and report paired "
                 "differences of every KPI with 95% confidence intervals");
  command
      ->add_option("FILES", arguments->files,
                   "Scenario files; the first is the baseline (with --policies: one file)")
      ->required();
  command->add_flag("--policies", arguments->policies,
                    "Rank the options of the file's 'policies' section on its rank_by KPI");
  command->add_option("--rank-by", arguments->rank_by,
                      "With --policies: the KPI to rank on (default: the file's rank_by)");
  command->add_flag("--independent", arguments->independent,
                    "Independent streams (variant i uses seed + i) instead of common random "
                    "numbers, to see what CRN saves");
  command
      ->add_option("--kpi", arguments->kpi_filters,
                   "Show only KPIs whose name contains this text (repeatable)")
      ->allow_extra_args(false);
  add_experiment_options(*command, arguments->experiment);
  command->add_option("--out", arguments->out, "Directory for compare.csv and compare.json")
      ->capture_default_str();
  command->add_flag("--quiet", arguments->quiet, "No progress output");
  command->callback([arguments, &action] {
    action = [arguments] {
      return with_executor(arguments->experiment, [&arguments](const Executor& executor) {
        return arguments->policies ? compare_policies(*arguments, executor)
                                   : compare_files(*arguments, executor);
      });
    };
  });
}

} // namespace hospsim::app
