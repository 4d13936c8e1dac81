// SPDX-License-Identifier: MIT
// `hospsim validate FILE` and `hospsim run FILE`: load a scenario, simulate its replications
// (threads, MPI ranks), print the KPI table with 95% confidence intervals and write kpis.csv /
// kpis.json, replications.csv (streamed as replications complete) and, with --report, the HTML
// report made from the run database.
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/drill_report.hpp"
#include "app/experiment_options.hpp"
#include "app/kpi_report.hpp"
#include "app/number_option.hpp"
#include "app/output_target.hpp"
#include "app/progress_bar.hpp"
#include "app/rank_agreement.hpp"
#include "app/replication_csv.hpp"
#include "app/report/report_page.hpp"
#include "app/report/run_report_data.hpp"
#include "app/run_database.hpp"
#include "models/experiment/kpi_catalogue.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <array>
#include <filesystem>
#include <fmt/core.h>
#include <fmt/format.h>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace hospsim::app {
namespace {

/// --db-trace's largest value: the most replications a run may have (--replications).
constexpr std::uint64_t max_traced_replications = 1'000'000;

struct RunArguments {
  std::string file;
  ExperimentArguments experiment;
  std::string out = ".";
  std::optional<std::string> database;
  /// --db-trace N: the first N replications recorded whole (default: all).
  std::optional<std::uint64_t> database_trace;
  std::optional<std::string> report; ///< "": report.html in --out.
  bool force = false;
  bool quiet = false;
  bool all = false;                 ///< --all: every KPI in the table.
  std::vector<std::string> kpis;    ///< --kpi GLOB (repeatable): these KPIs in the table.
  std::string time_unit;            ///< --time-unit min|h for the table.
};

/// The rows of the table: the headline KPIs, every KPI (--all), or those --kpi matches; and a
/// note when a filter matches nothing or everything.
TableOptions table_rows(const RunArguments& arguments, const models::ScenarioSpec& spec,
                        const std::vector<sim::KpiSummary>& kpis, std::string& note) {
  TableOptions options;
  options.time_unit = arguments.time_unit;
  if (!arguments.all && arguments.kpis.empty()) {
    options.rows = models::headline_kpis(kpis, spec);
    return options;
  }
  options.show_ids = true;
  std::size_t unused = 0;
  for (std::size_t i = 0; i < kpis.size(); ++i) {
    if (!arguments.kpis.empty() && !models::kpi_matches(arguments.kpis, kpis[i].name))
      continue;
    if (models::kpi_in_use(kpis[i].name, spec))
      options.rows.push_back(i);
    else
      ++unused;
  }
  options.unused = unused;
  if (!arguments.kpis.empty() && options.rows.empty() && unused == 0)
    note = fmt::format("--kpi {}: matches no KPI (a glob on ids and labels, e.g. "
                       "'*door_to_doctor*'; --all lists every KPI)\n",
                       fmt::join(arguments.kpis, " --kpi "));
  else if (!arguments.kpis.empty() && options.rows.empty())
    note = fmt::format("--kpi {}: matches only KPIs of features this scenario does not use "
                       "({}); kpis.csv holds them\n",
                       fmt::join(arguments.kpis, " --kpi "), unused);
  else if (!arguments.kpis.empty() && options.rows.size() + unused == kpis.size())
    note = fmt::format("--kpi {}: matches every KPI ({}), so it filters nothing\n",
                       fmt::join(arguments.kpis, " --kpi "), kpis.size());
  return options;
}

int validate(const std::string& file, const std::vector<std::string>& overrides) {
  const models::ScenarioSpec spec = models::load_scenario(file, scenario_overrides(overrides));
  print_unused_part_warnings(spec);
  fmt::print("{}: valid scenario '{}': {} resources, {} pathways, {} patient classes\n", file,
             spec.name, spec.resources.size(), spec.pathways.size(), spec.classes.size());
  return 0;
}

/// The files `run` writes: the reports in --out, and the run database.
std::vector<OutputTarget> run_outputs(const RunArguments& arguments) {
  const std::filesystem::path out(arguments.out);
  std::vector<OutputTarget> targets{{out / "kpis.csv", OutputKind::Report, "--out"},
                                    {out / "kpis.json", OutputKind::Report, "--out"},
                                    {out / "replications.csv", OutputKind::Report, "--out"}};
  if (arguments.report)
    targets.push_back(
        {arguments.report->empty() ? out / "report.html" : std::filesystem::path(*arguments.report),
         OutputKind::HtmlReport, "--report"});
  if (arguments.database)
    targets.push_back({*arguments.database, OutputKind::RunDatabase, "--db"});
  return targets;
}

int run(const RunArguments& arguments, const models::Executor& executor) {
  // Every rank checks the inputs; rank 0 also the outputs (it alone writes them). Nothing is
  // simulated unless all of it passes (rank_agreement.hpp).
  std::optional<models::ScenarioSpec> loaded;
  models::ExperimentSettings settings;
  const std::vector<OutputTarget> outputs = run_outputs(arguments);
  std::optional<ReplicationCsv> replication_csv;
  std::string chart_js;
  on_every_rank(executor, [&] {
    if (arguments.database && executor.world != nullptr)
      throw sim::InputError("--db cannot be combined with --mpi: the run database is written "
                            "by one process (use --threads instead)");
    if (arguments.database_trace && !arguments.database)
      throw sim::InputError("--db-trace needs --db FILE: it says how many replications the "
                            "run database records whole (docs/rundb.md)");
    if (arguments.report && arguments.database_trace == 0u)
      throw sim::InputError("--report needs a traced replication: with --db-trace 0 the run "
                            "database holds no time series or events to chart (use "
                            "--db-trace 1 or more)");
    if (arguments.report && !arguments.database)
      throw sim::InputError("--report needs --db FILE: the report is made from the run "
                            "database alone (docs/report.md)");
    loaded = models::load_scenario(arguments.file, scenario_overrides(arguments.experiment.overrides));
    loaded->drills = models::without_rules(loaded->drills, arguments.experiment.without);
    if (executor.is_root())
      print_unused_part_warnings(*loaded);
    settings = experiment_settings(*loaded, arguments.experiment);
    if (executor.is_root()) {
      if (arguments.report)
        chart_js = chart_js_source();
      prepare_outputs(outputs, arguments.force);
      replication_csv.emplace(outputs[2].path);
    }
  });
  const models::ScenarioSpec& spec = *loaded;
  ProgressBar progress(settings.replications, !arguments.quiet && executor.is_root());
  std::optional<RunDatabase> database;
  models::ReplicationRecording recording;
  if (arguments.database) {
    recording.begin = [&](sim::Duration warmup) {
      database.emplace(*arguments.database, spec,
                       RunDatabaseDescription{arguments.file,
                                              settings.seed,
                                              settings.replications,
                                              settings.horizon,
                                              warmup,
                                              {},
                                              arguments.database_trace.value_or(
                                                  std::numeric_limits<std::uint64_t>::max())});
    };
    recording.observer = [&database](std::uint64_t replication) {
      return std::unique_ptr<models::Observer>(database->recorder(replication));
    };
    recording.record = [&database](std::uint64_t replication, models::Observer& observer,
                                   const sim::KpiSet& kpis) {
      database->write_replication(replication, observer, kpis);
    };
  }
  const models::ExperimentResult result = models::run_experiment(
      spec, settings, executor, [&progress](std::size_t done) { progress.update(done); },
      arguments.database ? &recording : nullptr,
      [&replication_csv](std::uint64_t replication, const sim::KpiSet& kpis) {
        if (replication_csv)
          replication_csv->add(replication, kpis);
      });

  on_every_rank(executor, [&] {
    if (!executor.is_root())
      return;
    RunDescription description = describe_run(spec, arguments.file, settings, result);
    std::string note;
    const TableOptions table = table_rows(arguments, spec, result.summary, note);
    for (std::string& warning :
         warmup_warnings(settings.horizon, result.warmup, result.warmup_detected))
      description.warnings.push_back(std::move(warning));
    for (std::string& warning : precision_warnings(result.summary, table.rows))
      description.warnings.push_back(std::move(warning));
    fmt::print("{} ({}): {} replications of {} simulated, seed {}; warm-up not counted: {}\n\n",
               spec.name, arguments.file, settings.replications, description.horizon,
               description.seed, description.warmup_text());
    fmt::print("{}{}", note, kpi_table(result.summary, table));
    if (table.unused > 0)
      fmt::print("\n{} KPIs of features this scenario does not use (no balking, patience, "
                 "failures... configured) not printed; kpis.csv and kpis.json hold them.\n",
                 table.unused);
    if (!arguments.all && arguments.kpis.empty())
      fmt::print("\n{} of {} KPIs shown (the headline); --all for every KPI, --kpi GLOB to "
                 "choose; kpis.csv and kpis.json hold them all.\n",
                 table.rows.size(), result.summary.size());
    fmt::print("{}", drill_report(spec, result.summary));
    fmt::print("{}", warnings_text(description.warnings));
    // Checked again: the run may have taken hours, and the paths may have changed meanwhile.
    for (const OutputTarget& target : outputs)
      check_output_target(target, arguments.force);
    // The database is completed (slow: indexes) but left under its temporary name; the report
    // is made from it; the report set's temporaries are written; only then are the database and
    // the set renamed back to back, with interruptions deferred (docs/reliability.md).
    if (database)
      database->complete(result.summary);
    std::vector<OutputFile> reports{
        OutputFile{outputs[0].path, kpi_csv(result.summary)},
        OutputFile{outputs[1].path, kpi_json(description, result.summary)},
        replication_csv->output_file()};
    if (arguments.report) { // from the database just completed, as `hospsim report` would
      nlohmann::json data = run_report_data(trace::RunDatabaseReader(database->completed_path()));
      data["run"]["database"] = database->path().filename().string(); // its published name
      reports.push_back(OutputFile{outputs[3].path, report_page(data, chart_js)});
    }
    write_files_atomically(reports, [&database] {
      if (database)
        database->publish();
    });
    std::string written;
    for (const OutputFile& report : reports)
      written += (written.empty() ? "" : ", ") + report.path.string();
    fmt::print("\nwrote {}{}\n", written,
               database ? " and " + database->path().string() : std::string());
  });
  return 0;
}

} // namespace

void add_scenario_commands(CLI::App& app, CommandAction& action) {
  auto file = std::make_shared<std::string>();
  CLI::App* validate_command =
      app.add_subcommand("validate", "Check a scenario file; report file:line:col on errors");
  validate_command->add_option("FILE", *file, "Scenario YAML file")->required();
  auto overrides = std::make_shared<std::vector<std::string>>();
  add_override_option(*validate_command, *overrides);
  validate_command->callback([file, overrides, &action] {
    action = [file, overrides] { return validate(*file, *overrides); };
  });

  auto arguments = std::make_shared<RunArguments>();
  CLI::App* run_command = app.add_subcommand(
      "run", "Simulate a scenario's replications and report KPIs with 95% confidence intervals");
  run_command->add_option("FILE", arguments->file, "Scenario YAML file")->required();
  add_experiment_options(*run_command, arguments->experiment);
  run_command
      ->add_option("--out", arguments->out,
                   "Directory for kpis.csv, kpis.json and replications.csv")
      ->capture_default_str();
  run_command->add_option("--db", arguments->database,
                          "Record every replication into this SQLite run database "
                          "(docs/rundb.md); written atomically; replaces only an older run "
                          "database");
  run_command
      ->add_option("--db-trace", arguments->database_trace,
                   "With --db: record the full trace (events, time series, census, moves) of "
                   "replications 0 to N-1 only; every replication keeps its patients and KPIs "
                   "(default: all; 0: none traced)")
      ->check(whole_number(0, max_traced_replications));
  run_command
      ->add_option("--report", arguments->report,
                   "Also write the HTML report (docs/report.md) to this file (default: "
                   "report.html in --out); needs --db")
      ->expected(0, 1);
  add_force_option(*run_command, arguments->force);
  run_command->add_flag("--quiet", arguments->quiet, "No progress bar");
  run_command->add_flag("--all", arguments->all,
                        "Print every KPI, not only the headline (kpis.csv/json always hold all)");
  run_command
      ->add_option("--kpi", arguments->kpis,
                   "Print the KPIs whose id or label matches this glob, e.g. '*wait*p95*' "
                   "(repeatable; without a wildcard: contains)")
      ->allow_extra_args(false);
  run_command
      ->add_option("--time-unit", arguments->time_unit,
                   "Print every time KPI in this unit in the table: min or h (default: waits "
                   "in min, lengths of stay and hours in h; files keep their units)")
      ->check(CLI::IsMember({"min", "h"}));
  run_command->callback([arguments, &action] {
    action = [arguments] {
      return with_executor(arguments->experiment, [&arguments](const models::Executor& executor) {
        return run(*arguments, executor);
      });
    };
  });
}

} // namespace hospsim::app
