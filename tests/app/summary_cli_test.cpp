// SPDX-License-Identifier: MIT
// What `hospsim run` prints for people (issue 14): a headline table of readable KPIs chosen by
// the scenario, --all and --kpi for the rest, warnings on wide intervals and an unreliable
// warm-up, service targets (% within target) against the M/M/1 closed form, --version, and
// progress lines when stderr is not a terminal.
#include "cli_test_support.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

using namespace hospsim::app::testing;

namespace {

/// The rows of the KPI table: the lines after the "KPI ..." header up to the first empty line.
std::vector<std::string> table_rows(const std::string& output) {
  std::vector<std::string> rows;
  std::istringstream lines(output);
  std::string line;
  bool inside = false;
  while (std::getline(lines, line)) {
    if (!inside && line.rfind("KPI ", 0) == 0) {
      inside = true;
      continue;
    }
    if (inside && line.empty())
      break;
    if (inside)
      rows.push_back(line);
  }
  return rows;
}

nlohmann::json read_json(const fs::path& file) { return nlohmann::json::parse(read_file(file)); }

/// An M/M/1 queue: arrivals at `per_hour`, one doctor, exponential service of mean 60 min;
/// targets on the wait and the length of stay.
fs::path write_mm1(const fs::path& folder, const std::string& per_hour, const std::string& extra) {
  const fs::path file = folder / "mm1.yaml";
  std::ofstream(file) << "name: mm1\nhorizon: 100 d\nwarmup: 2 d\nreplications: 20\nseed: 7\n"
                         "resources:\n  doctor: {count: 1}\n"
                         "pathways:\n  visit:\n    steps:\n"
                         "      see: {needs: doctor, duration: {exponential: {mean: 60 min}}}\n"
                         "classes:\n  walk_ins: {arrivals: {per_hour: "
                      << per_hour << "}, pathway: visit}\n"
                      << extra;
  return file;
}

} // namespace

TEST_CASE("run prints a headline of 15 to 25 readable KPIs, none of unused features") {
  ScratchFolder folder;
  const CommandResult run =
      shell(program + " run " + ed + " --quiet --threads 2 --out " + folder.path.string(),
            folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const std::vector<std::string> rows = table_rows(run.output);
  CHECK(rows.size() >= 15);
  CHECK(rows.size() <= 25);
  for (const std::string& row : rows) {
    INFO(row);
    CHECK_FALSE(contains(row, "class."));    // labels, not ids
    CHECK_FALSE(contains(row, "resource."));
    CHECK_FALSE(contains(row, "balked"));    // no balk_at_queue in the ED
    CHECK_FALSE(contains(row, "Simulation"));
  }
  CHECK(contains(run.output, "Walk in: door to doctor, 95th pct"));
  CHECK(contains(run.output, "Ambulance: length of stay, mean"));
  CHECK(contains(run.output, "ED doctor: utilisation"));
  CHECK(contains(run.output, "Walk in: door to doctor within target, share"));
  // The files keep every KPI with its stable id and a label.
  const auto json = read_json(folder / "kpis.json");
  CHECK(json["kpis"].size() > 300);
  bool found = false;
  for (const auto& kpi : json["kpis"])
    if (kpi["name"] == "class.walk_in.wait.resus.p95") {
      found = true;
      CHECK(kpi["label"] == "Walk in: wait for resus, 95th pct");
    }
  CHECK(found);
  CHECK(contains(read_file(folder / "kpis.csv"),
                 "kpi,unit,mean,half_width,lower,upper,replications,label\n"));
}

TEST_CASE("run --all prints every KPI of the features used; --kpi globs ids and labels") {
  ScratchFolder folder;
  const CommandResult all = shell(quick_run + " --all --out " + folder.path.string(), folder.path);
  INFO(all.output);
  REQUIRE(all.exit_code == 0);
  const auto json = read_json(folder / "kpis.json");
  const std::vector<std::string> rows = table_rows(all.output);
  std::size_t balk_kpis = 0;
  for (const auto& kpi : json["kpis"])
    if (contains(kpi["name"].get<std::string>(), ".balked"))
      ++balk_kpis;
  CHECK(balk_kpis > 0);
  const std::string unused = std::to_string(json["kpis"].size() - rows.size()) +
                             " KPIs of features this scenario does not use";
  CHECK(contains(all.output, unused));
  CHECK(rows.size() + balk_kpis <= json["kpis"].size());
  CHECK(rows.size() > 250);

  // Workload alarms only where the scenario asks for them (`limits:`): for the ED doctors and
  // triage nurses, not for the ENPs.
  CHECK(contains(all.output, "ED doctor: workload alarms (patients a day)"));
  CHECK_FALSE(contains(all.output, "ENP: workload alarms"));
  CHECK(contains(read_file(folder / "kpis.csv"), "resource.enp.alarms.patients_per_day"));

  const CommandResult glob = shell(quick_run + " --kpi '*door_to_doctor.p95' --out " +
                                       folder.path.string() + " --force",
                                   folder.path);
  INFO(glob.output);
  const std::vector<std::string> two = table_rows(glob.output);
  REQUIRE(two.size() == 2);
  CHECK(contains(two[0], "class.walk_in.door_to_doctor.p95"));
  CHECK(contains(two[1], "class.ambulance.door_to_doctor.p95"));
  const CommandResult label = shell(quick_run + " --kpi 'ambulance: length of stay*' --out " +
                                        folder.path.string(),
                                    folder.path);
  CHECK(table_rows(label.output).size() == 5); // mean, median, 90th, 95th, max

  const CommandResult nothing =
      shell(quick_run + " --kpi 'no_such_kpi' --out " + folder.path.string(), folder.path);
  CHECK(nothing.exit_code == 0);
  CHECK(contains(nothing.output, "--kpi no_such_kpi: matches no KPI"));
  CHECK(table_rows(nothing.output).empty());
  const CommandResult everything =
      shell(quick_run + " --kpi '*' --out " + folder.path.string(), folder.path);
  CHECK(contains(everything.output, "--kpi *: matches every KPI"));
}

TEST_CASE("run warns of wide intervals with the n·(h/h*)² replications that would narrow them") {
  ScratchFolder folder;
  const CommandResult run = shell(quick_run + " --out " + folder.path.string(), folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const std::size_t at = run.output.find("the widest: ");
  REQUIRE(at != std::string::npos);
  CHECK(contains(run.output, "WARNING: "));
  // "the widest: LABEL (±X%: about N replications)": check N against kpis.json.
  const std::size_t open = run.output.find(" (±", at);
  const std::string label = run.output.substr(at + 12, open - at - 12);
  const std::size_t about = run.output.find("about ", open);
  const std::size_t needed = std::stoul(run.output.substr(about + 6));
  const auto json = read_json(folder / "kpis.json");
  bool found = false;
  for (const auto& kpi : json["kpis"]) {
    if (kpi["label"] != label)
      continue;
    found = true;
    const double relative = kpi["half_width"].get<double>() / std::abs(kpi["mean"].get<double>());
    CHECK(relative > 0.10);
    const auto n = kpi["replications"].get<double>();
    CHECK(needed == static_cast<std::size_t>(std::ceil(n * (relative / 0.1) * (relative / 0.1))));
  }
  CHECK(found);
  REQUIRE(json.contains("warnings"));
}

TEST_CASE("run --warmup auto on a 2-day horizon says the detected warm-up is unreliable") {
  ScratchFolder folder;
  const CommandResult run =
      shell(program + " run " + ed + " --reps 4 --horizon '2 d' --warmup auto --quiet --out " +
                folder.path.string(),
            folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.output, "may be unreliable"));
  CHECK(contains(run.output, "MSER-5 needs at least 20"));
  const auto json = read_json(folder / "kpis.json");
  bool warned = false;
  for (const auto& warning : json["warnings"])
    warned = warned || contains(warning.get<std::string>(), "may be unreliable");
  CHECK(warned);
  // A long horizon leaves enough data: no such warning.
  const CommandResult long_run =
      shell(program + " run " + ed + " --reps 4 --warmup auto --quiet --out " +
                folder.path.string(),
            folder.path);
  CHECK_FALSE(contains(long_run.output, "may be unreliable"));
}

TEST_CASE("the header says 'none' for no warm-up, not '0 ms'") {
  ScratchFolder folder;
  const CommandResult run = shell(program + " run " + ed +
                                      " --reps 2 --horizon '2 d' --warmup '0 min' --quiet --out " +
                                      folder.path.string(),
                                  folder.path);
  INFO(run.output);
  CHECK(contains(run.output, "warm-up not counted: none\n"));
  CHECK_FALSE(contains(run.output, "0 ms"));
}

TEST_CASE("% within target matches the M/M/1 closed form P(W <= t) = 1 - rho e^(-mu(1-rho)t)") {
  ScratchFolder folder;
  // rho = 0.5, mu = 1/h: P(wait <= 1 h) = 1 - 0.5 e^-0.5; P(time in system <= 2 h) = 1 - e^-1.
  const fs::path file = write_mm1(folder.path, "0.5",
                                  "targets:\n  wait.see: 60 min\n  length_of_stay: {within: 2 h, "
                                  "classes: [walk_ins]}\n");
  const CommandResult run =
      shell(program + " run '" + file.string() + "' --quiet --out " + folder.path.string(),
            folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.output, "Walk ins: wait for see within target, share"));
  const auto json = read_json(folder / "kpis.json");
  double wait = NAN, wait_hw = NAN, stay = NAN, stay_hw = NAN;
  for (const auto& kpi : json["kpis"]) {
    if (kpi["name"] == "class.walk_ins.within_target.wait.see") {
      wait = kpi["mean"];
      wait_hw = kpi["half_width"];
    }
    if (kpi["name"] == "class.walk_ins.within_target.length_of_stay") {
      stay = kpi["mean"];
      stay_hw = kpi["half_width"];
      CHECK(kpi["unit"] == "fraction");
    }
  }
  const double wait_theory = 1 - 0.5 * std::exp(-0.5);
  const double stay_theory = 1 - std::exp(-1.0);
  CHECK(std::abs(wait - wait_theory) <= 2 * wait_hw + 0.005);
  CHECK(std::abs(stay - stay_theory) <= 2 * stay_hw + 0.005);
  CHECK(wait_hw < 0.02);
  CHECK(stay_hw < 0.02);

  // Asked for, the workload alarms are printed.
  const fs::path limited = write_mm1(folder.path, "0.5", "");
  std::string text = read_file(limited);
  text.replace(text.find("doctor: {count: 1}"), 18,
               "doctor: {count: 1, limits: {max_patients_per_day: 5}}");
  std::ofstream(limited) << text;
  const CommandResult alarms = shell(program + " run '" + limited.string() +
                                         "' --quiet --reps 2 --kpi '*alarms*' --out " +
                                         folder.path.string(),
                                     folder.path);
  INFO(alarms.output);
  CHECK(contains(alarms.output, "Doctor: workload alarms (patients a day)"));

  const fs::path bad = write_mm1(folder.path, "0.5", "targets:\n  door_to_doctor: 15 min\n");
  const CommandResult refused = shell(program + " validate '" + bad.string() + "'", folder.path);
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.output, "target 'door_to_doctor': no patient class has this measure"));
}

TEST_CASE("run --time-unit h prints waits in hours; the files keep minutes") {
  ScratchFolder folder;
  const CommandResult minutes =
      shell(quick_run + " --kpi '*walk_in.door_to_doctor.mean' --out " + folder.path.string(),
            folder.path);
  const CommandResult hours = shell(quick_run + " --time-unit h --kpi "
                                                "'*walk_in.door_to_doctor.mean' --out " +
                                        folder.path.string(),
                                    folder.path);
  INFO(minutes.output << hours.output);
  REQUIRE(table_rows(minutes.output).size() == 1);
  REQUIRE(table_rows(hours.output).size() == 1);
  CHECK(contains(table_rows(minutes.output)[0], " min "));
  CHECK(contains(table_rows(hours.output)[0], " h "));
  const auto json = read_json(folder / "kpis.json");
  for (const auto& kpi : json["kpis"])
    if (kpi["name"] == "class.walk_in.door_to_doctor.mean") {
      CHECK(kpi["unit"] == "min");
      std::ostringstream expected;
      const double hours_value = kpi["mean"].get<double>() / 60;
      expected.precision(hours_value < 1 ? 3 : 2); // decimals_for
      expected << std::fixed << hours_value;
      CHECK(contains(table_rows(hours.output)[0], expected.str()));
    }
  const CommandResult bad = shell(quick_run + " --time-unit days", folder.path);
  CHECK(bad.exit_code == 2);
}

TEST_CASE("hospsim --version prints the project version") {
  ScratchFolder folder;
  const CommandResult version = shell(program + " --version", folder.path);
  CHECK(version.exit_code == 0);
  CHECK(version.output.rfind("hospsim 0.", 0) == 0);
}

TEST_CASE("piped, the progress is one line per replication with a time estimate") {
  ScratchFolder folder;
  const CommandResult run = shell(program + " run " + ed +
                                      " --reps 3 --horizon '2 d' --warmup '1 d' --threads 1 --out " +
                                      folder.path.string(),
                                  folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.output, "progress: 1/3 replications (33%)"));
  CHECK(contains(run.output, "ETA "));
  CHECK(contains(run.output, "progress: 3/3 replications (100%)"));
  CHECK_FALSE(contains(run.output, "\r"));
}
