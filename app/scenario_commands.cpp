// SPDX-License-Identifier: MIT
// `hospsim validate FILE` and `hospsim run FILE`: load a scenario, simulate its replications
// (threads, MPI ranks), print the KPI table with 95% confidence intervals and write kpis.csv /
// kpis.json.
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/experiment_options.hpp"
#include "app/kpi_report.hpp"
#include "app/output_target.hpp"
#include "app/progress_bar.hpp"
#include "app/rank_agreement.hpp"
#include "app/run_database.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <array>
#include <filesystem>
#include <fmt/core.h>
#include <memory>
#include <optional>
#include <vector>

namespace hospsim::app {
namespace {

struct RunArguments {
  std::string file;
  ExperimentArguments experiment;
  std::string out = ".";
  std::optional<std::string> database;
  bool force = false;
  bool quiet = false;
};

int validate(const std::string& file) {
  const models::ScenarioSpec spec = models::load_scenario(file);
  fmt::print("{}: valid scenario '{}': {} resources, {} pathways, {} patient classes\n", file,
             spec.name, spec.resources.size(), spec.pathways.size(), spec.classes.size());
  return 0;
}

/// The files `run` writes: the reports in --out, and the run database.
std::vector<OutputTarget> run_outputs(const RunArguments& arguments) {
  const std::filesystem::path out(arguments.out);
  std::vector<OutputTarget> targets{{out / "kpis.csv", OutputKind::Report, "--out"},
                                    {out / "kpis.json", OutputKind::Report, "--out"}};
  if (arguments.database)
    targets.push_back({*arguments.database, OutputKind::RunDatabase, "--db"});
  return targets;
}

int run(const RunArguments& arguments, const Executor& executor) {
  // Every rank checks the inputs; rank 0 also the outputs (it alone writes them). Nothing is
  // simulated unless all of it passes (rank_agreement.hpp).
  std::optional<models::ScenarioSpec> loaded;
  ExperimentSettings settings;
  const std::vector<OutputTarget> outputs = run_outputs(arguments);
  on_every_rank(executor, [&] {
    if (arguments.database && executor.world != nullptr)
      throw sim::InputError("--db cannot be combined with --mpi: the run database is written "
                            "by one process (use --threads instead)");
    loaded = models::load_scenario(arguments.file);
    loaded->drills = models::without_rules(loaded->drills, arguments.experiment.without);
    settings = experiment_settings(*loaded, arguments.experiment);
    if (executor.is_root())
      prepare_outputs(outputs, arguments.force);
  });
  const models::ScenarioSpec& spec = *loaded;
  const ProgressBar progress(settings.replications, !arguments.quiet && executor.is_root());
  std::optional<RunDatabase> database;
  ReplicationRecording recording;
  if (arguments.database) {
    recording.begin = [&](sim::Duration warmup) {
      database.emplace(
          *arguments.database, spec,
          RunDatabaseDescription{
              arguments.file, settings.seed, settings.replications, settings.horizon, warmup, {}});
    };
    recording.observer = [&database](std::uint64_t replication) {
      return std::unique_ptr<models::Observer>(database->recorder(replication));
    };
    recording.record = [&database](std::uint64_t replication, models::Observer& observer,
                                   const sim::KpiSet& kpis) {
      database->write_replication(replication, observer, kpis);
    };
  }
  const ExperimentResult result = run_experiment(
      spec, settings, executor, [&progress](std::size_t done) { progress.update(done); },
      arguments.database ? &recording : nullptr);

  on_every_rank(executor, [&] {
    if (!executor.is_root())
      return;
    const RunDescription description = describe_run(spec, arguments.file, settings, result);
    fmt::print("{} ({}): {} replications of {} simulated, seed {}; warm-up not counted: {}\n\n",
               spec.name, arguments.file, settings.replications, description.horizon,
               description.seed, description.warmup_text());
    fmt::print("{}{}", kpi_table(result.summary), warnings_text(result.warnings));
    // Checked again: the run may have taken hours, and the paths may have changed meanwhile.
    for (const OutputTarget& target : outputs)
      check_output_target(target, arguments.force);
    if (database)
      database->finish(result.summary);
    const std::array<OutputFile, 2> reports{
        OutputFile{outputs[0].path, kpi_csv(result.summary)},
        OutputFile{outputs[1].path, kpi_json(description, result.summary)}};
    write_files_atomically(reports);
    fmt::print("\nwrote {} and {}{}\n", outputs[0].path.string(), outputs[1].path.string(),
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
  validate_command->callback([file, &action] { action = [file] { return validate(*file); }; });

  auto arguments = std::make_shared<RunArguments>();
  CLI::App* run_command = app.add_subcommand(
      "run", "Simulate a scenario's replications and report KPIs with 95% confidence intervals");
  run_command->add_option("FILE", arguments->file, "Scenario YAML file")->required();
  add_experiment_options(*run_command, arguments->experiment);
  run_command->add_option("--out", arguments->out, "Directory for kpis.csv and kpis.json")
      ->capture_default_str();
  run_command->add_option("--db", arguments->database,
                          "Record every replication into this SQLite run database "
                          "(docs/rundb.md); written atomically; replaces only an older run "
                          "database");
  run_command->add_flag("--force", arguments->force,
                        "Let --db replace a file that is not a run database, and outputs "
                        "replace symbolic links (never folders or special files; "
                        "docs/reliability.md)");
  run_command->add_flag("--quiet", arguments->quiet, "No progress bar");
  run_command->callback([arguments, &action] {
    action = [arguments] {
      return with_executor(arguments->experiment, [&arguments](const Executor& executor) {
        return run(*arguments, executor);
      });
    };
  });
}

} // namespace hospsim::app
