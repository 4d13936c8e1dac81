// SPDX-License-Identifier: MIT
// `hospsim report` and `run --report`, `compare --report`: the numbers in the page are the
// run's (kpis.json, compare.json, the run database), and the page needs nothing outside itself.
#include "sim/trace/run_database_aggregates.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "tests/app/report_test_support.hpp"

#include <cmath>
#include <map>
#include <regex>

using namespace hospsim;
using namespace hospsim::app::testing;

TEST_CASE("the report's KPIs are exactly those of kpis.json") {
  const ScratchFolder folder;
  const CommandResult run = shell(recorded_run(folder), folder.path);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.output, (folder / "report.html").string()));
  const nlohmann::json page = embedded_report_data(read_file(folder / "report.html"));
  const nlohmann::json kpis = nlohmann::json::parse(read_file(folder / "kpis.json"));
  REQUIRE(page["kpis"].size() == kpis["kpis"].size());
  REQUIRE(page["kpis"].size() > 100);
  for (std::size_t i = 0; i < kpis["kpis"].size(); ++i) {
    const nlohmann::json& expected = kpis["kpis"][i];
    const nlohmann::json& shown = page["kpis"][i];
    INFO(expected["name"]);
    CHECK(shown["name"] == expected["name"]);
    CHECK(shown["unit"] == expected["unit"]);
    for (const char* field : {"mean", "half_width", "lower", "upper", "replications"})
      CHECK(shown[field] == expected[field]); // exact: the same doubles, or both null
  }
  CHECK(page["run"]["replications"] == 2);
  CHECK(page["run"]["seed"] == kpis["seed"]);
  CHECK(page["run"]["scenario"] == kpis["scenario"]);
}

TEST_CASE("hospsim report makes from the database the same page as run --report") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const fs::path again = folder / "again.html";
  const CommandResult report = shell(program + " report " + quoted((folder / "run.db").string()) +
                                         " -o " + quoted(again.string()),
                                     folder.path);
  REQUIRE(report.exit_code == 0);
  CHECK(read_file(again) == read_file(folder / "report.html"));
}

TEST_CASE("the report page refers to nothing outside itself") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const std::string page = read_file(folder / "report.html");
  // No element loads anything: no src/href to another place, no style sheet link, no import.
  const std::regex outside(R"((src|href)\s*=\s*["']?\s*(https?:|//|file:|ftp:))",
                           std::regex::icase);
  CHECK_FALSE(std::regex_search(page, outside));
  CHECK_FALSE(contains(page, "<link"));
  CHECK_FALSE(contains(page, "@import"));
  CHECK_FALSE(contains(page, "url("));
  const std::regex script_with_source(R"(<script[^>]*\ssrc\s*=)", std::regex::icase);
  CHECK_FALSE(std::regex_search(page, script_with_source));
  CHECK(contains(page, "Chart.js v3")); // the library itself is inlined
  CHECK(page.size() > 150'000);
}

TEST_CASE("the report's occupancy bins add up to the utilisation KPI") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const nlohmann::json page = embedded_report_data(read_file(folder / "report.html"));
  const nlohmann::json kpis = nlohmann::json::parse(read_file(folder / "kpis.json"));
  std::map<std::string, double> kpi_means;
  for (const nlohmann::json& kpi : kpis["kpis"])
    if (!kpi["mean"].is_null())
      kpi_means[kpi["name"]] = kpi["mean"];
  REQUIRE(page["levels"]["bin_hours"] == 1);
  REQUIRE(page["levels"]["bins"] == 72); // 3 days of hours
  // amu_bed: 56 beds at all times, so utilisation = mean occupied beds after warm-up / 56.
  std::size_t resource = 0;
  while (page["resources"][resource]["name"] != "amu_bed")
    ++resource;
  REQUIRE(page["resources"][resource]["units"] == 56);
  const nlohmann::json& series = page["levels"]["series"][resource];
  double occupied = 0;
  for (std::size_t hour = 24; hour < 72; ++hour) { // warm-up: 1 day
    CHECK(series["available"]["mean"][hour] == 56.0);
    occupied += series["occupied"]["mean"][hour].get<double>();
  }
  const double utilisation = occupied / 48 / 56;
  CHECK(utilisation > 0.2);
  CHECK(utilisation == Approx(kpi_means.at("resource.amu_bed.utilisation")).epsilon(1e-9));
  // The band holds the mean, for every resource and hour.
  for (const nlohmann::json& one : page["levels"]["series"])
    for (const char* level : {"occupied", "queued", "available"})
      for (std::size_t hour = 0; hour < 72; ++hour) {
        const double low = one[level]["min"][hour], mean = one[level]["mean"][hour],
                     high = one[level]["max"][hour];
        CHECK(low <= mean + 1e-12);
        CHECK(mean <= high + 1e-12);
      }
  // Utilisation by hour of day over all hours equals the KPI for a constant capacity too.
  double by_hour = 0;
  for (const nlohmann::json& value : page["utilisation_by_hour"][resource]["utilisation"])
    by_hour += value.get<double>();
  CHECK(by_hour / 24 == Approx(kpi_means.at("resource.amu_bed.utilisation")).epsilon(1e-9));
}

TEST_CASE("the report's wait bands count every step start of counted patients") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const nlohmann::json page = embedded_report_data(read_file(folder / "report.html"));
  // The same counts, band by band, from the events as the reader returns them.
  const trace::RunDatabaseReader run(folder / "run.db");
  std::map<std::array<std::uint64_t, 3>, std::int64_t> expected;
  for (const std::uint64_t replication : run.replications()) {
    std::map<std::int64_t, std::uint64_t> class_of;
    std::map<std::int64_t, bool> counted;
    const std::int64_t warmup = run.run_info().warmup_ms;
    for (const trace::PatientRecord& patient : run.patients(replication)) {
      class_of[static_cast<std::int64_t>(patient.patient)] = patient.class_index;
      counted[static_cast<std::int64_t>(patient.patient)] = patient.arrival_ms >= warmup;
    }
    run.for_each_event(replication, [&](const trace::EventRecord& event) {
      if (event.kind != trace::EventKind::StartStep || !counted.at(event.patient))
        return;
      std::uint64_t band = 0;
      while (band < trace::wait_band_upper_ms.size() &&
             event.value > static_cast<double>(trace::wait_band_upper_ms[band]))
        ++band;
      ++expected[{class_of.at(event.patient), static_cast<std::uint64_t>(event.step), band}];
    });
  }
  std::map<std::array<std::uint64_t, 3>, std::int64_t> shown;
  for (const nlohmann::json& step : page["waits"]["steps"])
    for (std::uint64_t band = 0; band < trace::wait_band_count; ++band)
      if (step["starts"][band] != 0)
        shown[{step["class"].get<std::uint64_t>(), step["step"].get<std::uint64_t>(), band}] =
            step["starts"][band];
  CHECK(expected.size() > 20);
  CHECK(shown == expected);
  CHECK(page["waits"]["bands"].size() == trace::wait_band_count);
  CHECK(page["waits"]["bands"][0] == "no wait");
}

TEST_CASE("a report without Chart.js installed is refused with exit code 2 and no file") {
  const ScratchFolder folder;
  REQUIRE(shell(quick_run + " --out " + quoted(folder.path.string()) + " --db " +
                    quoted((folder / "run.db").string()),
                folder.path)
              .exit_code == 0);
  const CommandResult report = shell(
      "HOSPSIM_CHART_JS=" + quoted((folder / "missing.js").string()) + " " + program + " report " +
          quoted((folder / "run.db").string()) + " -o " + quoted((folder / "r.html").string()),
      folder.path);
  CHECK(report.exit_code == 2);
  CHECK(contains(report.output, "libjs-chart.js"));
  CHECK_FALSE(fs::exists(folder / "r.html"));
  // And run --report checks it before simulating: nothing is written at all.
  const fs::path out = folder / "out";
  const CommandResult run = shell("HOSPSIM_CHART_JS=" + quoted((folder / "missing.js").string()) +
                                      " " + quick_run + " --out " + quoted(out.string()) +
                                      " --db " + quoted((out / "x.db").string()) + " --report",
                                  folder.path);
  CHECK(run.exit_code == 2);
  CHECK(contains(run.output, "libjs-chart.js"));
  CHECK_FALSE(fs::exists(out / "kpis.csv"));
  CHECK_FALSE(fs::exists(out / "x.db"));
}

TEST_CASE("report input that is not a run database or a compare.json is refused") {
  const ScratchFolder folder;
  std::ofstream(folder / "kpis.json") << R"({"kpis": []})";
  std::ofstream(folder / "notes.txt") << "not json";
  const CommandResult kpis = shell(program + " report " + quoted((folder / "kpis.json").string()) +
                                       " -o " + quoted((folder / "r.html").string()),
                                   folder.path);
  CHECK(kpis.exit_code == 2);
  CHECK(contains(kpis.output, "not a compare.json"));
  const CommandResult text = shell(program + " report " + quoted((folder / "notes.txt").string()) +
                                       " -o " + quoted((folder / "r.html").string()),
                                   folder.path);
  CHECK(text.exit_code == 2);
  CHECK(contains(text.output, "neither a hospsim run database nor a compare.json"));
  const CommandResult no_db =
      shell(quick_run + " --out " + quoted(folder.path.string()) + " --report", folder.path);
  CHECK(no_db.exit_code == 2);
  CHECK(contains(no_db.output, "--report needs --db"));
  CHECK_FALSE(fs::exists(folder / "r.html"));
}

TEST_CASE("compare --report draws the numbers of compare.json, as hospsim report does") {
  const ScratchFolder folder;
  const fs::path variants = sources / "scenarios" / "variants";
  const CommandResult compare =
      shell(program + " compare " + quoted((variants / "mri_base.yaml").string()) + " " +
                quoted((variants / "mri_extended_hours.yaml").string()) +
                " --reps 3 --horizon '10 d' --warmup '2 d' --quiet --threads 1 --out " +
                quoted(folder.path.string()) + " --report",
            folder.path);
  REQUIRE(compare.exit_code == 0);
  const std::string page = read_file(folder / "compare.html");
  nlohmann::json shown = embedded_report_data(page);
  CHECK(shown["kind"] == "comparison");
  shown.erase("kind");
  const nlohmann::json expected = nlohmann::json::parse(read_file(folder / "compare.json"));
  CHECK(shown == expected);
  REQUIRE(expected["comparisons"][0]["kpis"].size() > 10);
  const fs::path again = folder / "again.html";
  REQUIRE(shell(program + " report " + quoted((folder / "compare.json").string()) + " -o " +
                    quoted(again.string()),
                folder.path)
              .exit_code == 0);
  CHECK(read_file(again) == page);
}

TEST_CASE("a report replaces an older report, and another file only with --force") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const std::string report = program + " report " + quoted((folder / "run.db").string()) + " -o " +
                             quoted((folder / "notes.html").string());
  std::ofstream(folder / "notes.html") << "<!DOCTYPE html>\n<p>my notes</p>\n";
  const CommandResult refused = shell(report, folder.path);
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.output, "is not a hospsim HTML report"));
  CHECK(read_file(folder / "notes.html") == "<!DOCTYPE html>\n<p>my notes</p>\n");
  REQUIRE(shell(report + " --force", folder.path).exit_code == 0);
  CHECK(read_file(folder / "notes.html") == read_file(folder / "report.html"));
  // Now it is a report: replaced without --force, as run --report replaces report.html.
  CHECK(shell(report, folder.path).exit_code == 0);
  CHECK(shell(recorded_run(folder), folder.path).exit_code == 0);
}
