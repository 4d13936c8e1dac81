// SPDX-License-Identifier: MIT
// The drill report `hospsim run` prints after the KPI table (docs/drills.md): the surge rules
// in the order they fired, at the clock times and with the numbers kpis.json holds.
#include "cli_test_support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

using namespace hospsim::app::testing;

namespace {

std::map<std::string, double> kpi_means(const fs::path& json_file) {
  std::map<std::string, double> means;
  const nlohmann::json json = nlohmann::json::parse(read_file(json_file));
  for (const auto& kpi : json["kpis"])
    means[kpi["name"].get<std::string>()] =
        kpi["mean"].is_number() ? kpi["mean"].get<double>() : std::nan("");
  return means;
}

/// Minutes since Monday 00:00 of the first week as "day N (Www) HH:MM" (the run starts Monday).
std::string clock(double minutes_since_start) {
  static constexpr std::array<const char*, 7> days{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  const auto minutes = static_cast<long>(std::llround(minutes_since_start));
  return fmt::format("day {} ({}) {:02}:{:02}", minutes / 1440 + 1,
                     days[static_cast<std::size_t>((minutes / 1440) % 7)], minutes % 1440 / 60,
                     minutes % 60);
}

} // namespace

TEST_CASE("The drill report lists the surge rules in firing order at the times of kpis.json",
          "[cli][drills]") {
  ScratchFolder folder;
  const std::string scenario =
      (sources / "scenarios" / "drills" / "road_crash_surge.yaml").string();
  const CommandResult run =
      shell(program + " run " + quoted(scenario) + " --reps 3 --quiet --threads 1 --out " +
                quoted(folder.path.string()),
            folder.path);
  REQUIRE(run.exit_code == 0);
  const std::size_t section = run.output.find("\nDrill report\n");
  REQUIRE(section != std::string::npos);
  CHECK(run.output.find("Walk in") < section); // after the KPI table
  const std::string report = run.output.substr(section);
  const std::map<std::string, double> kpis = kpi_means(folder / "kpis.json");
  REQUIRE(kpis.count("drill.ran_out.first") == 1);
  const double incident = (9 * 24 + 14) * 60.0; // day 10 (Wed) 14:00

  // The rules that fired after the incident, by mean time (ties: the file's order).
  const std::vector<std::string> rules{"major_incident", "ed_full", "amu_escalation"};
  std::vector<std::pair<double, std::string>> fired;
  for (const std::string& rule : rules) {
    const double after = kpis.at("drill.surge." + rule + ".fired_after_incident");
    if (std::isfinite(after))
      fired.emplace_back(after, rule);
    else
      CHECK(contains(report, "never                          rule '" + rule + "' fires"));
  }
  std::stable_sort(fired.begin(), fired.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  REQUIRE(fired.size() >= 1);
  CHECK(fired.front().second == "major_incident"); // it fires on the incident itself
  CHECK(kpis.at("drill.surge.major_incident.fired_after_incident") == 0);
  std::size_t previous = report.find("incident 'road_crash' declared");
  REQUIRE(previous != std::string::npos);
  CHECK(contains(report, clock(incident) + "             incident 'road_crash' declared"));
  for (const auto& [after, rule] : fired) {
    const std::size_t line = report.find("rule '" + rule + "' fires");
    REQUIRE(line != std::string::npos);
    CHECK(line > previous);
    previous = line;
    // The line starts with the clock time of the mean.
    const std::size_t start = report.rfind('\n', line) + 3;
    CHECK(report.substr(start, clock(incident + after).size()) == clock(incident + after));
  }
  // The surge plan's actions take effect 15 min after the incident and end 12 h later.
  CHECK(kpis.at("drill.surge.major_incident.effect_after_incident") == 15);
  CHECK(kpis.at("drill.surge.major_incident.undone_after_incident") == 15 + 12 * 60);
  CHECK(contains(report,
                 "day 10 (Wed) 14:15             rule 'major_incident': actions take effect"));
  CHECK(contains(report, "day 11 (Thu) 02:15             rule 'major_incident': actions undone"));

  // The KPIs, in words, with kpis.json's means.
  CHECK(contains(report, fmt::format("immediate casualties treated within 60 min: {:.1f} ",
                                     kpis.at("drill.immediate.treated_within_60min"))));
  CHECK(contains(report,
                 fmt::format("deaths while waiting: {:.1f} ", kpis.at("drill.deaths_waiting"))));
  CHECK(contains(
      report, fmt::format("immediate  {:.1f} ", kpis.at("drill.time_to_treatment.immediate.p50"))));
  CHECK(contains(
      report, fmt::format("first resource to run out: {:.1f} ", kpis.at("drill.ran_out.first"))));
  CHECK(contains(
      report, fmt::format("    ed                   {:.1f} ", kpis.at("drill.peak_occupancy.ed"))));
}

TEST_CASE("A scenario without drills prints no drill report", "[cli][drills]") {
  ScratchFolder folder;
  const CommandResult run =
      shell(quick_run + " --out " + quoted(folder.path.string()), folder.path);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.output, "wrote "));
  CHECK(!contains(run.output, "Drill report"));
}
