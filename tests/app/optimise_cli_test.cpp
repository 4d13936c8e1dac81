// SPDX-License-Identifier: MIT
// `hospsim optimise` as users run it: the outputs, the same files for 1 and 2 threads and for 2
// MPI ranks, a run killed with SIGKILL after its first checkpoint and resumed gives the files of
// an uninterrupted run, a checkpoint of other settings is refused, best.yaml runs, and mistakes
// in the optimise: section stop it with exit 2 at file:line:column.
#include "cli_test_support.hpp"
#include "sim/random/random_stream.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <sstream>
#include <string>
#include <vector>

using namespace hospsim::app::testing;

namespace {

const std::string mpirun =
    std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + HOSPSIM_MPIEXEC +
    " --oversubscribe -np 2 ";

/// Nurses 1-5 and doctors 1-6; `horizon` sets how long a replication takes.
std::string staffing(const std::string& horizon) {
  return "name: CLI staffing\nhorizon: " + horizon + R"(
warmup: 1 d
seed: 5
resources:
  nurse: {role: nurse, count: 2, cost_per_hour: 30}
  doctor: {role: doctor, count: 2, cost_per_hour: 100}
pathways:
  visit:
    steps:
      - {name: triage, needs: [nurse], duration: {exponential: {mean: 10 min}}, next: consult}
      - {name: consult, needs: [doctor], duration: {exponential: {mean: 20 min}}}
classes:
  walk_in: {pathway: visit, arrivals: {per_hour: 9}}
optimise:
  variables:
    - {path: resources.nurse.count, range: [1, 5]}
    - {path: resources.doctor.count, range: [1, 6]}
  objective:
    - {kpi: cost.staff.total}
    - {kpi: class.walk_in.wait.consult.mean, weight: 20, missing: 1440}
    - {kpi: class.walk_in.wait.triage.mean, weight: 20, missing: 1440}
  pareto: {kpi: class.walk_in.in_system.mean}
  constraints:
    - {kpi: class.walk_in.wait.consult.p90, at_most: 60, missing: 1440}
  search: {budget: 300, replications: 5, finalists: 5, indifference: 200}
)";
}

fs::path write_scenario(const ScratchFolder& folder, const std::string& text,
                        const std::string& name = "staffing.yaml") {
  std::ofstream(folder / name) << text;
  return folder / name;
}

std::string optimise(const fs::path& scenario, const fs::path& out, const std::string& extra) {
  return program + " optimise " + quoted(scenario.string()) + " --out " + quoted(out.string()) +
         " --quiet " + extra;
}

} // namespace

TEST_CASE("hospsim optimise writes a runnable best.yaml and the same files on 1 and 2 threads "
          "and on 2 MPI ranks") {
  ScratchFolder folder;
  const fs::path scenario = write_scenario(folder, staffing("3 d"));
  const CommandResult one = shell(optimise(scenario, folder / "one", "--threads 1"), folder.path);
  INFO(one.output);
  REQUIRE(one.exit_code == 0);
  CHECK(contains(one.output, "selected: resources.nurse.count = 2, resources.doctor.count = 4"));
  CHECK(contains(one.output, "Kim-Nelson"));
  for (const char* name : {"best.yaml", "candidates.csv", "pareto.csv", "convergence.csv",
                           "selection.txt", "checkpoint"})
    CHECK(fs::is_regular_file(folder / "one" / name));
  const std::string candidates = read_file(folder / "one" / "candidates.csv");
  CHECK(candidates.starts_with("candidate,resources.nurse.count,resources.doctor.count,mean,"));
  CHECK(contains(candidates, "\n1,2,4,")); // the selected candidate first
  CHECK(contains(read_file(folder / "one" / "best.yaml"), "    count: 4\n"));
  CHECK_FALSE(contains(read_file(folder / "one" / "best.yaml"), "\noptimise:"));

  const CommandResult two = shell(optimise(scenario, folder / "two", "--threads 2"), folder.path);
  REQUIRE(two.exit_code == 0);
  const CommandResult ranks =
      shell(mpirun + optimise(scenario, folder / "ranks", "--threads 1 --mpi"), folder.path);
  INFO(ranks.output);
  REQUIRE(ranks.exit_code == 0);
  for (const char* name :
       {"best.yaml", "candidates.csv", "pareto.csv", "selection.txt", "checkpoint"}) {
    INFO(name);
    CHECK(read_file(folder / "two" / name) == read_file(folder / "one" / name));
    CHECK(read_file(folder / "ranks" / name) == read_file(folder / "one" / name));
  }

  // best.yaml is a scenario: `hospsim run` runs the selected candidate (2 nurses, 4 doctors:
  // 2 × 48 h × 30 + 4 × 48 h × 100 after the warm-up).
  const CommandResult run =
      shell(program + " run " + quoted((folder / "one" / "best.yaml").string()) +
                " --quiet --out " + quoted((folder / "run").string()),
            folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(read_file(folder / "run" / "kpis.csv"), "\ncost.staff.total,cost,22080,0,"));
}

TEST_CASE("hospsim optimise killed with SIGKILL after its first checkpoint and resumed writes "
          "the files of an uninterrupted run") {
  ScratchFolder folder;
  const fs::path scenario = write_scenario(folder, staffing("30 d"));
  const CommandResult whole =
      shell(optimise(scenario, folder / "whole", "--threads 1"), folder.path);
  REQUIRE(whole.exit_code == 0);
  // Started in the background; killed as soon as a checkpoint exists.
  const fs::path out = folder / "killed";
  const CommandResult killed =
      shell("sh -c '" + optimise(scenario, out, "--threads 1") + " & pid=$!; " + "while [ ! -f " +
                (out / "checkpoint").string() + " ]; do sleep 0.02; done; " +
                "kill -9 $pid; wait $pid; echo status=$?'",
            folder.path);
  INFO(killed.output);
  REQUIRE(contains(killed.output, "status=137"));
  REQUIRE_FALSE(fs::exists(out / "best.yaml")); // killed before the end
  const CommandResult resumed = shell(optimise(scenario, out, "--threads 2 --resume"), folder.path);
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  CHECK_FALSE(contains(resumed.output, ", 0 from the checkpoint"));
  CHECK(read_file(out / "best.yaml") == read_file(folder / "whole" / "best.yaml"));
  CHECK(read_file(out / "candidates.csv") == read_file(folder / "whole" / "candidates.csv"));
  CHECK(read_file(out / "pareto.csv") == read_file(folder / "whole" / "pareto.csv"));

  // Another seed (or budget, or scenario) cannot resume from it.
  const CommandResult other =
      shell(optimise(scenario, out, "--threads 1 --resume --seed 9"), folder.path);
  CHECK(other.exit_code == 2);
  CHECK(contains(other.output, "was written for another scenario"));
}

TEST_CASE("hospsim optimise stops with exit 2 at file:line:column on a mistake in optimise:") {
  ScratchFolder folder;
  std::string text = staffing("3 d");
  const fs::path typo = write_scenario(
      folder, text.replace(text.find("resources.doctor.count"), 22, "resources.doctr.count"),
      "typo.yaml");
  const CommandResult path = shell(optimise(typo, folder / "out", ""), folder.path);
  INFO(path.output);
  CHECK(path.exit_code == 2);
  CHECK(contains(path.output, "typo.yaml:18:14: the scenario has no 'resources.doctr'; did you "
                              "mean 'doctor'?"));
  text = staffing("3 d");
  const fs::path kpi = write_scenario(
      folder, text.replace(text.find("cost.staff.total"), 16, "cost.staf.total"), "kpi.yaml");
  const CommandResult unknown = shell(optimise(kpi, folder / "out", ""), folder.path);
  INFO(unknown.output);
  CHECK(unknown.exit_code == 2);
  CHECK(contains(unknown.output, "kpi.yaml:20:13: the scenario reports no KPI 'cost.staf.total'; "
                                 "did you mean 'cost.staff.total'?"));
  CHECK_FALSE(fs::exists(folder / "out" / "best.yaml"));
  // Under MPI every rank meets it at the first evaluation: reported once, exit 2.
  const CommandResult ranks = shell(mpirun + optimise(kpi, folder / "out", "--mpi"), folder.path);
  INFO(ranks.output);
  CHECK(ranks.exit_code == 2);
  const std::string message = "the scenario reports no KPI 'cost.staf.total'";
  const std::size_t first = ranks.output.find(message);
  CHECK(first != std::string::npos);
  CHECK(ranks.output.find(message, first + 1) == std::string::npos);
  const CommandResult none = shell(
      optimise(sources / "scenarios" / "outpatient_clinic.yaml", folder / "out", ""), folder.path);
  CHECK(none.exit_code == 2);
  CHECK(contains(none.output, "has no 'optimise:' section"));
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

/// The first field of each data row of a CSV text.
std::vector<std::string> first_column(const std::string& csv) {
  std::vector<std::string> column;
  const std::vector<std::string> lines = lines_of(csv);
  for (std::size_t i = 1; i < lines.size(); ++i)
    column.push_back(lines[i].substr(0, lines[i].find(',')));
  return column;
}

} // namespace

TEST_CASE("hospsim optimise lists every Pareto member and finalist in candidates.csv, and gives "
          "each constraint's KPI mean beside its _excess") {
  ScratchFolder folder;
  // 400 grid points, random search: far more than 100 candidates simulated.
  std::string text = staffing("2 d");
  text.replace(text.find("range: [1, 5]"), 13, "range: [1, 20]");
  text.replace(text.find("range: [1, 6]"), 13, "range: [1, 20]");
  text.replace(text.find("search: {budget: 300, replications: 5"), 37,
               "search: {method: random, budget: 700, replications: 2");
  // The second objective is the most staff cost: the front reaches the dearest candidates, which
  // rank last on the first objective (the least cost).
  text.replace(text.find("pareto: {kpi: class.walk_in.in_system.mean}"), 43,
               "pareto: {kpi: cost.staff.total, weight: -1}");
  const fs::path scenario = write_scenario(folder, text);
  const CommandResult result =
      shell(optimise(scenario, folder / "out", "--threads 2"), folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const std::string candidates = read_file(folder / "out" / "candidates.csv");
  const std::string pareto = read_file(folder / "out" / "pareto.csv");
  INFO(pareto);
  const std::vector<std::string> rows = first_column(candidates);
  const std::vector<std::string> members = first_column(pareto);
  REQUIRE_FALSE(members.empty());
  // Some Pareto member ranks beyond the first 100 (so the test can fail), and each is a row.
  CHECK(std::any_of(members.begin(), members.end(),
                    [](const std::string& m) { return std::stoul(m) > 100; }));
  for (const std::string& member : members) {
    INFO(member);
    CHECK(std::find(rows.begin(), rows.end(), member) != rows.end());
  }
  CHECK(rows.size() > 100);

  // The constraint: the KPI's mean under the constraint's name, its excess (mean - 60) beside.
  const std::vector<std::string> lines = lines_of(candidates);
  const std::string name = "class.walk_in.wait.consult.p90 <= 60";
  CHECK(contains(lines[0], "," + name + "," + name + "_excess,feasible,finalist,selected"));
  const auto cells = [](const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, ',');)
      fields.push_back(field);
    return fields;
  };
  const std::vector<std::string> header = cells(lines[0]);
  const std::size_t mean_column =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  REQUIRE(mean_column + 1 < header.size());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> row = cells(lines[i]);
    REQUIRE(row.size() == header.size());
    CHECK(std::stod(row[mean_column]) - 60 == Approx(std::stod(row[mean_column + 1])));
  }
  CHECK(read_file(folder / "out" / "convergence.csv")
            .starts_with("iteration,phase,replications_used,candidates,best_mean_plus_penalty,"));
}

TEST_CASE("hospsim optimise warns in best.yaml and in the summary when the selection is "
          "infeasible, and best.yaml's header is a few short lines") {
  ScratchFolder folder;
  std::string text = staffing("3 d");
  text.replace(text.find("at_most: 60"), 11, "at_most: -1"); // no candidate can meet it
  text.replace(text.find("budget: 300"), 11, "budget: 100");
  const fs::path scenario = write_scenario(folder, text);
  const CommandResult result =
      shell(optimise(scenario, folder / "out", "--threads 2"), folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(contains(result.output, "WARNING: INFEASIBLE: no candidate met every constraint"));
  CHECK(contains(result.output, "\nwrote best.yaml, candidates.csv, pareto.csv, convergence.csv, "
                                "selection.txt and checkpoint in "));
  const std::string best = read_file(folder / "out" / "best.yaml");
  INFO(best);
  CHECK(best.starts_with("# hospsim optimise: the selected candidate of "));
  CHECK(contains(best, "\n# WARNING: INFEASIBLE: no candidate met every constraint on its mean"));
  CHECK(contains(best, "\n#   resources.nurse.count = "));
  for (const std::string& line : lines_of(best)) {
    INFO(line);
    CHECK(line.size() <= 100);
  }
  CHECK(contains(read_file(folder / "out" / "selection.txt"), "WARNING: INFEASIBLE"));
}

TEST_CASE("hospsim optimise --resume refuses a checkpoint when a from_csv file the scenario "
          "names has changed since") {
  ScratchFolder folder;
  std::string text = staffing("3 d");
  text.replace(text.find("classes:\n"), 9,
               "classes:\n  listed: {pathway: visit, from_csv: listed.csv}\n");
  text.replace(text.find("budget: 300"), 11, "budget: 60");
  const fs::path scenario = write_scenario(folder, text);
  std::ofstream(folder / "listed.csv") << "minutes\n1500\n1600\n";
  const fs::path out = folder / "out";
  const CommandResult first = shell(optimise(scenario, out, "--threads 1"), folder.path);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  REQUIRE(fs::is_regular_file(out / "checkpoint"));
  // The header also names the program: a hash of `hospsim --version` (another build: refused).
  std::string version = shell(program + " --version", folder.path).output;
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r'))
    version.pop_back();
  REQUIRE(version.starts_with("hospsim "));
  CHECK(contains(read_file(out / "checkpoint"),
                 fmt::format(" program {:016x}\n", hospsim::sim::detail::fnv1a_64(version))));
  // Same scenario text, another arrival in the CSV file: the samples are not this scenario's.
  std::ofstream(folder / "listed.csv") << "minutes\n1500\n1600\n1700\n";
  const CommandResult changed = shell(optimise(scenario, out, "--threads 1 --resume"), folder.path);
  INFO(changed.output);
  CHECK(changed.exit_code == 2);
  CHECK(contains(changed.output, "was written for another scenario (or changed layout or "
                                 "from_csv files)"));
  // The file as it was: the checkpoint is this scenario's again.
  std::ofstream(folder / "listed.csv") << "minutes\n1500\n1600\n";
  const CommandResult same = shell(optimise(scenario, out, "--threads 1 --resume"), folder.path);
  INFO(same.output);
  CHECK(same.exit_code == 0);
}

TEST_CASE("hospsim optimise refuses a budget, seed or thread count out of range as typed") {
  ScratchFolder folder;
  const fs::path scenario = write_scenario(folder, staffing("3 d"));
  // Without --quiet: a wrapped-around budget used to reach the progress bar (and divide by 0).
  const auto run = [&](const std::string& options) {
    return shell(program + " optimise " + quoted(scenario.string()) + " --out " +
                     quoted((folder / "out").string()) + " " + options,
                 folder.path);
  };
  for (const auto& [options, message] :
       std::vector<std::pair<std::string, std::string>>{
           {"--budget -5", "--budget: '-5' is not allowed"},
           {"--budget 0", "--budget: 0 is out of range"},
           {"--budget 18446744073709551615", "--budget: 18446744073709551615 is out of range"},
           {"--seed -1", "--seed: '-1' is not allowed"},
           {"--threads 5000", "--threads: 5000 is out of range"}}) {
    const CommandResult result = run(options);
    INFO(options << ": " << result.output);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.output, message));
  }
  CHECK_FALSE(fs::exists(folder / "out"));
}

TEST_CASE("hospsim validate reports a missing search indifference at file:line:column") {
  ScratchFolder folder;
  std::string text = staffing("3 d");
  text.replace(text.find(", indifference: 200"), 19, "");
  const fs::path scenario = write_scenario(folder, text);
  const CommandResult result =
      shell(program + " validate " + quoted(scenario.string()), folder.path);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, "staffing.yaml:26:11: 'search' is missing required key "
                                "'indifference'"));
}
