// SPDX-License-Identifier: MIT
// `hospsim sweep FILE --set PATH=23..28 --kpi NAME`: a one-way sensitivity run. The scenario is
// loaded once per value of the swept parameter; all variants run together with common random
// numbers (run_paired_experiment), so each value's difference from the first value has a
// paired confidence interval. Prints one table per chosen KPI and writes sweep.csv and
// sweep.json to --out; with --report also a self-contained HTML page that draws sweep.json
// (app/report/report_page.hpp), all three written together (write_files_atomically).
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/experiment_options.hpp"
#include "app/output_target.hpp"
#include "app/progress_bar.hpp"
#include "app/rank_agreement.hpp"
#include "app/report/report_page.hpp"
#include "app/sweep_values.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <array>
#include <cmath>
#include <fmt/core.h>
#include <fnmatch.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace hospsim::app {
namespace {

struct SweepArguments {
  std::string file;
  std::vector<std::string> kpis;
  ExperimentArguments experiment; ///< Its overrides hold the swept --set and the fixed ones.
  std::string out = ".";
  std::optional<std::string> report; ///< "": sweep.html in --out.
  bool force = false;
  bool quiet = false;
};

/// One row of the result: the KPI at one value, and its paired difference from the first value.
struct SweepRow {
  std::string kpi;
  std::string unit;
  std::string value;
  sim::ConfidenceInterval level;
  std::optional<sim::ConfidenceInterval> difference; ///< None for the first value.
};

bool kpi_selected(const std::string& name, const std::string& filter) {
  if (filter.find_first_of("*?[") != std::string::npos)
    return ::fnmatch(filter.c_str(), name.c_str(), 0) == 0;
  return name == filter;
}

std::string number(double value) {
  if (std::isnan(value))
    return "nan";
  return fmt::format("{:.4g}", value);
}

std::string interval_text(const sim::ConfidenceInterval& ci) {
  if (std::isnan(ci.mean))
    return "—";
  return std::isfinite(ci.half_width)
             ? fmt::format("{} ± {}", number(ci.mean), number(ci.half_width))
             : number(ci.mean);
}

std::string csv_text(const std::string& path, const std::vector<SweepRow>& rows) {
  std::string out = "parameter,value,kpi,unit,mean,half_width,difference,difference_half_width,n\n";
  for (const SweepRow& row : rows)
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", path, row.value, row.kpi, row.unit,
                       number(row.level.mean), number(row.level.half_width),
                       row.difference ? number(row.difference->mean) : "",
                       row.difference ? number(row.difference->half_width) : "", row.level.n);
  return out;
}

/// sweep.json; `kind` "sweep" tells the report page (report_page.hpp) what it draws.
std::string json_text(const std::string& scenario, std::size_t replications,
                      const std::string& path, const std::vector<std::string>& values,
                      const std::vector<SweepRow>& rows) {
  const auto finite = [](double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json();
  };
  nlohmann::json root{
      {"kind", "sweep"},   {"scenario", scenario}, {"replications", replications},
      {"parameter", path}, {"values", values},     {"rows", nlohmann::json::array()}};
  for (const SweepRow& row : rows) {
    nlohmann::json item{{"kpi", row.kpi},
                        {"unit", row.unit},
                        {"value", row.value},
                        {"mean", finite(row.level.mean)},
                        {"half_width", finite(row.level.half_width)},
                        {"n", row.level.n}};
    if (row.difference) {
      item["difference"] = finite(row.difference->mean);
      item["difference_half_width"] = finite(row.difference->half_width);
    }
    root["rows"].push_back(std::move(item));
  }
  return root.dump(2) + "\n";
}

int sweep(const SweepArguments& arguments, const models::Executor& executor) {
  std::vector<models::ScenarioSpec> specs;
  std::vector<std::string> values;
  std::string path;
  models::ExperimentSettings settings;
  const std::filesystem::path out(arguments.out);
  std::vector<OutputTarget> outputs{{out / "sweep.csv", OutputKind::Report, "--out"},
                                    {out / "sweep.json", OutputKind::Report, "--out"}};
  if (arguments.report)
    outputs.push_back(
        {arguments.report->empty() ? out / "sweep.html" : std::filesystem::path(*arguments.report),
         OutputKind::HtmlReport, "--report"});
  std::string chart_js;
  on_every_rank(executor, [&] {
    std::vector<models::ScenarioOverride> fixed =
        scenario_overrides(arguments.experiment.overrides);
    std::optional<std::size_t> swept;
    for (std::size_t i = 0; i < fixed.size(); ++i)
      if (const auto list = sweep_values(fixed[i].value)) {
        if (swept)
          throw sim::InputError(fmt::format("sweep varies one parameter at a time, but both "
                                            "--set {} and --set {} give several values",
                                            fixed[*swept].path, fixed[i].path));
        swept = i;
        values = *list;
      }
    if (!swept)
      throw sim::InputError("sweep needs one --set PATH=VALUES with several values: a range "
                            "of integers a..b or a list a,b,c");
    if (arguments.kpis.empty())
      throw sim::InputError("sweep needs at least one --kpi NAME (a KPI name, or a pattern "
                            "with * such as 'resource.ccu_bed.level.*')");
    path = fixed[*swept].path;
    for (const std::string& value : values) {
      fixed[*swept].value = value;
      specs.push_back(models::load_scenario(arguments.file, fixed));
    }
    settings = experiment_settings(specs[0], arguments.experiment);
    if (executor.is_root()) {
      if (arguments.report) // before anything else: a missing library is refused at once
        chart_js = chart_js_source();
      prepare_outputs(outputs, arguments.force);
    }
  });
  std::vector<const models::ScenarioSpec*> pointers;
  for (const models::ScenarioSpec& spec : specs)
    pointers.push_back(&spec);
  const std::vector<std::uint64_t> seeds(specs.size(), settings.seed); // common random numbers
  ProgressBar progress(settings.replications * specs.size(), !arguments.quiet && executor.is_root(),
                       "simulations");
  const models::PairedExperiment paired =
      models::run_paired_experiment(pointers, seeds, settings, executor,
                                    [&progress](std::size_t done) { progress.update(done); });
  on_every_rank(executor, [&] {
    if (!executor.is_root())
      return;
    std::vector<SweepRow> rows;
    for (const std::string& filter : arguments.kpis) {
      bool matched = false;
      for (const sim::KpiSummary& kpi : paired.results[0].summary) {
        if (!kpi_selected(kpi.name, filter))
          continue;
        matched = true;
        for (std::size_t v = 0; v < specs.size(); ++v) {
          SweepRow row{kpi.name, kpi.unit, values[v], {}, std::nullopt};
          if (const auto id = paired.results[v].kpi_index.find(kpi.name))
            row.level = paired.results[v].summary.at(*id).interval;
          if (v > 0)
            for (const sim::KpiDifference& difference : paired.against[0][v])
              if (difference.name == kpi.name)
                row.difference = difference.difference;
          rows.push_back(std::move(row));
        }
      }
      if (!matched)
        throw sim::InputError(fmt::format("--kpi '{}' matches no KPI of the scenario (KPI names "
                                          "are in kpis.csv of a run)",
                                          filter));
    }
    std::string table;
    std::string current;
    for (const SweepRow& row : rows) {
      if (row.kpi != current) {
        current = row.kpi;
        table += fmt::format("\n{} ({})\n{:>12}  {:>24}  {:>28}\n", row.kpi, row.unit,
                             path.substr(path.rfind('.') + 1), "mean ± 95% CI",
                             "vs first value (paired)");
      }
      table += fmt::format("{:>12}  {:>24}  {:>28}\n", row.value, interval_text(row.level),
                           row.difference ? interval_text(*row.difference) : "(baseline)");
    }
    fmt::print("{} ({}): --set {} over {} values, {} replications each, common random numbers\n{}",
               specs[0].name, arguments.file, path, values.size(), settings.replications, table);
    for (const OutputTarget& target : outputs)
      check_output_target(target, arguments.force);
    std::vector<OutputFile> files{
        OutputFile{outputs[0].path, csv_text(path, rows)},
        OutputFile{outputs[1].path,
                   json_text(specs[0].name, settings.replications, path, values, rows)}};
    if (arguments.report) // the same document as sweep.json, drawn (report_page.hpp)
      files.push_back(OutputFile{outputs[2].path,
                                 report_page(nlohmann::json::parse(files[1].contents), chart_js)});
    write_files_atomically(files);
    if (arguments.report)
      fmt::print("\nwrote {}, {} and {}\n", outputs[0].path.string(), outputs[1].path.string(),
                 outputs[2].path.string());
    else
      fmt::print("\nwrote {} and {}\n", outputs[0].path.string(), outputs[1].path.string());
  });
  return 0;
}

} // namespace

void add_sweep_command(CLI::App& app, CommandAction& action) {
  auto arguments = std::make_shared<SweepArguments>();
  CLI::App* command = app.add_subcommand(
      "sweep", "One-way sensitivity: run a scenario over the values of one parameter "
               "(--set PATH=a..b or PATH=x,y,z) with common random numbers");
  command->add_option("FILE", arguments->file, "Scenario YAML file")->required();
  command
      ->add_option("--kpi", arguments->kpis,
                   "KPI to report (a name, or a pattern with * ?; repeatable)")
      ->allow_extra_args(false);
  add_experiment_options(*command, arguments->experiment);
  command->add_option("--out", arguments->out, "Directory for sweep.csv and sweep.json")
      ->capture_default_str();
  command
      ->add_option("--report", arguments->report,
                   "Also write an HTML page with one chart per KPI: mean and 95 % CI against the "
                   "swept value, and the paired difference from the first value (default: "
                   "sweep.html in --out)")
      ->expected(0, 1);
  add_force_option(*command, arguments->force);
  command->add_flag("--quiet", arguments->quiet, "No progress output");
  command->callback([arguments, &action] {
    action = [arguments] {
      return with_executor(arguments->experiment, [&arguments](const models::Executor& executor) {
        return sweep(*arguments, executor);
      });
    };
  });
}

} // namespace hospsim::app
