// SPDX-License-Identifier: MIT
// `hospsim report RUN.db -o report.html`: the HTML report of a recorded run, read from its run
// database alone (so a run recorded anywhere reports anywhere); `hospsim report compare.json
// -o cmp.html`: the forest plot of a comparison; `hospsim report sweep.json -o sweep.html`: the
// charts of a sweep. docs/report.md.
#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/output_target.hpp"
#include "app/report/report_page.hpp"
#include "app/report/run_report_data.hpp"
#include "sim/error.hpp"

#include <array>
#include <fmt/core.h>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

namespace hospsim::app {
namespace {

struct ReportArguments {
  std::string input;
  std::string output = "report.html";
  bool force = false;
};

/// compare.json (as `hospsim compare` writes it); InputError for anything else.
nlohmann::json read_comparison(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file)
    throw sim::InputError(fmt::format("cannot open '{}'", path.string()));
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(file);
  } catch (const nlohmann::json::exception& error) {
    throw sim::InputError(fmt::format("'{}' is neither a hospsim run database nor a "
                                      "compare.json or a sweep.json ({})",
                                      path.string(), error.what()));
  }
  const bool sweep = document.is_object() && document.value("kind", "") == "sweep" &&
                     document.contains("rows") && document["rows"].is_array();
  if (!sweep && (!document.is_object() || !document.contains("comparisons") ||
                 !document["comparisons"].is_array()))
    throw sim::InputError(fmt::format("'{}' is JSON but not a compare.json of hospsim compare "
                                      "(no 'comparisons' list) nor a sweep.json of hospsim sweep "
                                      "(no 'kind: sweep'); a run report is made from the run "
                                      "database (hospsim run --db)",
                                      path.string()));
  return document;
}

int make_report(const ReportArguments& arguments) {
  const std::filesystem::path input(arguments.input);
  if (!std::filesystem::is_regular_file(input))
    throw sim::InputError(fmt::format("cannot read '{}': no such file", input.string()));
  const OutputTarget target{arguments.output, OutputKind::HtmlReport, "-o"};
  const std::string chart_js = chart_js_source();
  prepare_outputs(std::span(&target, 1), arguments.force);
  const nlohmann::json data = is_run_database_file(input)
                                  ? run_report_data(trace::RunDatabaseReader(input))
                                  : read_comparison(input);
  check_output_target(target, arguments.force);
  write_file_atomically(target.path, report_page(data, chart_js));
  fmt::print("wrote {}\n", target.path.string());
  return 0;
}

} // namespace

void add_report_command(CLI::App& app, CommandAction& action) {
  auto arguments = std::make_shared<ReportArguments>();
  CLI::App* command = app.add_subcommand(
      "report", "Make a self-contained HTML report with plots from a run database (hospsim run "
                "--db), a compare.json or a sweep.json");
  command
      ->add_option("INPUT", arguments->input, "Run database (run.db), compare.json or sweep.json")
      ->required();
  command->add_option("-o,--output", arguments->output, "HTML file to write")
      ->capture_default_str();
  add_force_option(*command, arguments->force);
  command->callback(
      [arguments, &action] { action = [arguments] { return make_report(*arguments); }; });
}

} // namespace hospsim::app
