// SPDX-License-Identifier: MIT
// `hospsim optimise` on each shipped optimiser scenario (scenarios/optimise/) with a tiny
// --budget, as a user runs it: it succeeds, writes best.yaml and candidates.csv, and best.yaml
// is the selected candidate: `hospsim run best.yaml` with that candidate's replications gives
// exactly the mean objective candidates.csv reports for it (same seed, same replication
// numbers, so the same random numbers).
#include "models/scenario/scenario_loader.hpp"
#include "tests/app/cli_test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::app::testing;

namespace {

/// The cells of one CSV line (fields quoted with "" as RFC 4180).
std::vector<std::string> csv_cells(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

/// Rows of a CSV file as column name -> cell; comment lines (#) skipped.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& file) {
  std::istringstream in(read_file(file));
  std::string line;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#')
      continue;
    std::vector<std::string> cells = csv_cells(line);
    if (header.empty()) {
      header = std::move(cells);
      continue;
    }
    REQUIRE(cells.size() == header.size());
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < cells.size(); ++i)
      row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

/// kpi -> mean, from a kpis.csv of `hospsim run`.
std::map<std::string, double> kpi_means(const fs::path& file) {
  std::map<std::string, double> means;
  for (const auto& row : read_csv(file))
    means[row.at("kpi")] = std::stod(row.at("mean"));
  return means;
}

void check_optimise_then_run(const std::string& relative, int budget) {
  INFO("scenario " << relative);
  const fs::path scenario = sources / "scenarios" / relative;
  ScratchFolder folder;
  const fs::path out = folder / "out";
  const CommandResult optimise =
      shell(program + " optimise " + quoted(scenario.string()) + " --out " +
                quoted(out.string()) + " --budget " + std::to_string(budget) + " --threads 1",
            folder.path);
  INFO(optimise.output);
  REQUIRE(optimise.exit_code == 0);
  REQUIRE(fs::is_regular_file(out / "best.yaml"));
  REQUIRE(fs::is_regular_file(out / "candidates.csv"));
  const std::string best_text = read_file(out / "best.yaml");
  CHECK_FALSE(contains(best_text, "\noptimise:"));

  // The selected candidate, and the objective as the scenario defines it.
  const auto candidates = read_csv(out / "candidates.csv");
  REQUIRE_FALSE(candidates.empty());
  const auto selected = std::find_if(candidates.begin(), candidates.end(),
                                     [](const auto& row) { return row.at("selected") == "true"; });
  REQUIRE(selected != candidates.end());
  const double reported_mean = std::stod(selected->at("mean"));
  const int replications = std::stoi(selected->at("replications"));
  REQUIRE(replications >= 2);
  const models::ScenarioSpec spec = models::load_scenario(scenario);
  REQUIRE(spec.optimise.has_value());
  for (const models::OptimiseVariable& variable : spec.optimise->variables) {
    INFO("variable " << variable.path);
    CHECK(selected->count(variable.path) == 1);
  }

  // best.yaml is a runnable scenario that reproduces the candidate's objective exactly.
  const fs::path run_out = folder / "run";
  const CommandResult run = shell(program + " run " + quoted((out / "best.yaml").string()) +
                                      " --reps " + std::to_string(replications) +
                                      " --threads 1 --quiet --out " + quoted(run_out.string()),
                                  folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const std::map<std::string, double> kpis = kpi_means(run_out / "kpis.csv");
  double objective = 0;
  for (const models::KpiTerm& term : spec.optimise->objective) {
    INFO("KPI " << term.kpi);
    REQUIRE(kpis.count(term.kpi) == 1);
    objective += term.weight * kpis.at(term.kpi);
  }
  CHECK(std::isfinite(objective));
  CHECK(objective == Approx(reported_mean).epsilon(1e-9).margin(1e-9));
}

} // namespace

TEST_CASE("hospsim optimise on the ED staffing scenario writes a best.yaml that reproduces the "
          "selected roster's objective") {
  check_optimise_then_run("optimise/ed_staffing.yaml", 60);
}

TEST_CASE("hospsim optimise on the MRI slot scenario writes a best.yaml that reproduces the "
          "selected template's objective") {
  check_optimise_then_run("optimise/mri_slots.yaml", 60);
}

TEST_CASE("hospsim optimise on the theatre block scenario writes a best.yaml that reproduces "
          "the selected allocation's objective") {
  check_optimise_then_run("optimise/theatre_blocks.yaml", 60);
}
