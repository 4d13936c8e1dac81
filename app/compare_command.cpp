// SPDX-License-Identifier: MIT
// `hospsim compare A.yaml B.yaml ...` and `hospsim compare --policies FILE`: variants run with
// common random numbers (same seed, same replications), paired differences with 95% CIs.
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/comparison_report.hpp"
#include "app/experiment_options.hpp"
#include "app/output_target.hpp"
#include "app/progress_bar.hpp"
#include "app/rank_agreement.hpp"
#include "app/report/report_page.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <array>
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
  std::optional<std::string> report; ///< "": compare.html in --out.
  bool force = false;
  bool quiet = false;
};

/// compare.csv and compare.json in --out, and with --report the HTML report.
std::vector<OutputTarget> compare_outputs(const CompareArguments& arguments) {
  const std::filesystem::path out(arguments.out);
  std::vector<OutputTarget> targets{{out / "compare.csv", OutputKind::Report, "--out"},
                                    {out / "compare.json", OutputKind::Report, "--out"}};
  if (arguments.report)
    targets.push_back({arguments.report->empty() ? out / "compare.html"
                                                 : std::filesystem::path(*arguments.report),
                       OutputKind::HtmlReport, "--report"});
  return targets;
}

/// Checks the outputs before simulating; with --report, also that the plotting library can
/// be read (returned).
std::string prepare_compare_outputs(const CompareArguments& arguments) {
  std::string chart_js = arguments.report ? chart_js_source() : std::string();
  prepare_outputs(compare_outputs(arguments), arguments.force);
  return chart_js;
}

/// Runs every variant with the baseline's settings (models::run_variants). Common random
/// numbers: the same seed for all; with `independent`, variant i uses seed + i instead.
std::vector<models::Variant> run_variants(std::vector<models::Variant> variants,
                                          const models::ExperimentSettings& settings,
                                          const CompareArguments& arguments,
                                          const models::Executor& executor) {
  std::vector<std::uint64_t> seeds;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    seeds.push_back(arguments.independent ? settings.seed + i : settings.seed);
    if (executor.is_root() && !arguments.quiet)
      fmt::print(stderr, "{}: {}\n", variants[i].label, variants[i].spec.name);
  }
  ProgressBar progress(settings.replications * variants.size(),
                       !arguments.quiet && executor.is_root(), "simulations");
  variants = models::run_variants(std::move(variants), seeds, settings, executor,
                                  [&progress](std::size_t done) { progress.update(done); });
  if (executor.is_root())
    for (const models::Variant& variant : variants)
      for (const std::string& warning : variant.result.warnings)
        fmt::print(stderr, "WARNING: {}: {}\n", variant.label, warning);
  return variants;
}

/// On rank 0: the files as one set (atomic_file.hpp), after checking the paths again.
void write_outputs(const CompareArguments& arguments, const models::ComparisonReport& report,
                   const std::string& chart_js) {
  const std::vector<OutputTarget> targets = compare_outputs(arguments);
  for (const OutputTarget& target : targets)
    check_output_target(target, arguments.force);
  std::vector<OutputFile> files{OutputFile{targets[0].path, comparison_csv(report)},
                                OutputFile{targets[1].path, comparison_json(report)}};
  if (arguments.report) // the same document as compare.json, drawn (report_page.hpp)
    files.push_back(
        {targets[2].path, report_page(nlohmann::json::parse(files[1].contents), chart_js)});
  write_files_atomically(files);
  std::string written;
  for (const OutputFile& file : files)
    written += (written.empty() ? "" : ", ") + file.path.string();
  fmt::print("\nwrote {}\n", written);
}

int compare_files(const CompareArguments& arguments, const models::Executor& executor) {
  std::vector<models::Variant> variants;
  models::ExperimentSettings settings;
  std::string chart_js;
  on_every_rank(executor, [&] {
    if (arguments.rank_by)
      throw sim::InputError("--rank-by ranks policies: it needs --policies (compare --policies "
                            "FILE --rank-by KPI)");
    if (arguments.files.size() < 2)
      throw sim::InputError("compare needs at least two scenario files (the first is the "
                            "baseline), or --policies FILE");
    for (const std::string& file : arguments.files)
      variants.push_back({file,
                          models::load_scenario(
                              file, scenario_overrides(arguments.experiment.overrides)),
                          {}, 0, {}});
    for (const std::string& rule : arguments.experiment.without) { // off in every variant with it
      bool found = false;
      for (models::Variant& variant : variants)
        for (const models::SurgeRule& surge : variant.spec.drills.surge)
          if (surge.name == rule) {
            variant.spec.drills = models::without_rules(variant.spec.drills, {rule});
            found = true;
            break;
          }
      if (!found)
        throw sim::InputError(fmt::format("--without {}: no scenario has a surge rule of that "
                                          "name",
                                          rule));
    }
    for (const models::Variant& variant : variants) // every variant's size; the baseline's settings
      settings = experiment_settings(variant.spec, arguments.experiment);
    settings = experiment_settings(variants[0].spec, arguments.experiment);
    if (executor.is_root())
      chart_js = prepare_compare_outputs(arguments);
  });
  variants = run_variants(std::move(variants), settings, arguments, executor);
  on_every_rank(executor, [&] {
    if (!executor.is_root())
      return;
    const models::ComparisonReport report = models::make_comparison(
        std::move(variants), settings, !arguments.independent, arguments.kpi_filters);
    fmt::print("{}", comparison_table(report));
    write_outputs(arguments, report, chart_js);
  });
  return 0;
}

int compare_policies(const CompareArguments& arguments, const models::Executor& executor) {
  models::PoliciesSpec policies;
  std::vector<models::Variant> variants;
  models::ExperimentSettings settings;
  std::string chart_js;
  on_every_rank(executor, [&] {
    if (arguments.files.size() != 1)
      throw sim::InputError("compare --policies takes exactly one scenario file");
    const models::ScenarioSpec spec = models::load_scenario(
        arguments.files[0], scenario_overrides(arguments.experiment.overrides));
    if (!spec.policies)
      throw sim::InputError(fmt::format("{}: has no 'policies' section to compare (see "
                                        "docs/policies.md)",
                                        arguments.files[0]));
    policies = *spec.policies;
    if (arguments.rank_by)
      policies.rank_by = *arguments.rank_by;
    for (const models::PolicySpec& policy : policies.options)
      variants.push_back({policy.name, models::apply_policy(spec, policy), {}, 0, {}});
    for (const models::Variant& variant : variants) // every policy's size; the scenario's settings
      settings = experiment_settings(variant.spec, arguments.experiment);
    settings = experiment_settings(spec, arguments.experiment);
    if (executor.is_root())
      chart_js = prepare_compare_outputs(arguments);
  });
  variants = run_variants(std::move(variants), settings, arguments, executor);
  on_every_rank(executor, [&] {
    if (!executor.is_root())
      return;
    const models::ComparisonReport report = models::compare_policies(
        std::move(variants), policies, settings, !arguments.independent, arguments.kpi_filters);
    fmt::print("{}", ranking_table(*report.ranking, settings));
    if (!report.filter_note.empty())
      fmt::print("\n{}\n", report.filter_note);
    write_outputs(arguments, report, chart_js);
  });
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
                   "Show only KPIs whose id or label matches this glob, e.g. '*mri*wait*' "
                   "(repeatable; without a wildcard: contains)")
      ->allow_extra_args(false);
  add_experiment_options(*command, arguments->experiment);
  command->add_option("--out", arguments->out, "Directory for compare.csv and compare.json")
      ->capture_default_str();
  command
      ->add_option("--report", arguments->report,
                   "Also write an HTML report with a forest plot of the differences "
                   "(docs/report.md) to this file (default: compare.html in --out)")
      ->expected(0, 1);
  add_force_option(*command, arguments->force);
  command->add_flag("--quiet", arguments->quiet, "No progress output");
  command->callback([arguments, &action] {
    action = [arguments] {
      return with_executor(arguments->experiment, [&arguments](const models::Executor& executor) {
        return arguments->policies ? compare_policies(*arguments, executor)
                                   : compare_files(*arguments, executor);
      });
    };
  });
}

} // namespace hospsim::app
