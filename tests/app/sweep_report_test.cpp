// SPDX-License-Identifier: MIT
// `hospsim sweep --report`: the page draws exactly the numbers of sweep.json, needs nothing
// outside itself, is written with the other outputs, and is refused before simulating when the
// plotting library is missing.
#include "tests/app/report_test_support.hpp"

#include <regex>

using namespace hospsim::app::testing;

namespace {

/// A short sweep of the emergency department over three trolley counts, two KPIs.
std::string sweep_command(const fs::path& out, const std::string& report) {
  std::string command = program + " sweep " + ed + " --set resources.majors_trolley.count=14..16" +
                        " --kpi resource.majors_trolley.level.p_full" +
                        " --kpi class.walk_in.wait.triage.mean --reps 3 --horizon '3 d'" +
                        " --warmup '1 d' --quiet --threads 1 --out " + quoted(out.string()) +
                        " --report";
  if (!report.empty())
    command.append(" ").append(quoted(report));
  return command;
}

} // namespace

TEST_CASE("sweep --report embeds exactly sweep.json in a page that refers to nothing outside "
          "itself") {
  const ScratchFolder folder;
  const CommandResult sweep = shell(sweep_command(folder.path, ""), folder.path);
  INFO(sweep.output);
  REQUIRE(sweep.exit_code == 0);
  CHECK(contains(sweep.output, (folder / "sweep.html").string()));
  const std::string page = read_file(folder / "sweep.html");
  const nlohmann::json shown = embedded_report_data(page);
  const nlohmann::json written = nlohmann::json::parse(read_file(folder / "sweep.json"));
  CHECK(shown == written); // every value, difference and half-width: the same doubles
  CHECK(written["kind"] == "sweep");
  CHECK(written["replications"] == 3);
  REQUIRE(written["rows"].size() == 2 * 3);
  CHECK(written["rows"][1].contains("difference"));
  CHECK(written["rows"][1]["mean"] != written["rows"][0]["mean"]); // a real sweep, not a copy
  CHECK(contains(page, "<title>Emergency department: sweep of resources.majors_trolley.count"));

  const std::regex outside(R"((src|href)\s*=\s*["']?\s*(https?:|//|file:|ftp:))",
                           std::regex::icase);
  CHECK_FALSE(std::regex_search(page, outside));
  const std::regex script_with_source(R"(<script[^>]*\ssrc\s*=)", std::regex::icase);
  CHECK_FALSE(std::regex_search(page, script_with_source));
  CHECK_FALSE(contains(page, "<link"));
  CHECK_FALSE(contains(page, "@import"));
  CHECK_FALSE(contains(page, "url("));
  CHECK(contains(page, "Chart.js v3")); // the library itself is inlined
  CHECK(contains(page, "function sweepReport()"));

  // --report PATH writes there instead; the numbers are the same (the same seed).
  const fs::path elsewhere = folder / "pages" / "trolleys.html";
  fs::create_directories(elsewhere.parent_path());
  const fs::path second = folder / "second";
  const CommandResult again = shell(sweep_command(second, elsewhere.string()), folder.path);
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK_FALSE(fs::exists(second / "sweep.html"));
  CHECK(embedded_report_data(read_file(elsewhere)) == written);

  // hospsim report makes the same page later from sweep.json alone.
  const fs::path later = folder / "later.html";
  const CommandResult report =
      shell(program + " report " + quoted((folder / "sweep.json").string()) + " -o " +
                quoted(later.string()),
            folder.path);
  INFO(report.output);
  REQUIRE(report.exit_code == 0);
  CHECK(read_file(later) == page);
}

TEST_CASE("sweep --report without Chart.js is refused before simulating, writing nothing") {
  const ScratchFolder folder;
  const fs::path out = folder / "out";
  const CommandResult sweep = shell("HOSPSIM_CHART_JS=" + quoted((folder / "missing.js").string()) +
                                        " " + sweep_command(out, ""),
                                    folder.path);
  CHECK(sweep.exit_code == 2);
  CHECK(contains(sweep.output, "libjs-chart.js"));
  CHECK_FALSE(fs::exists(out / "sweep.json"));
  CHECK_FALSE(fs::exists(out / "sweep.csv"));
  CHECK_FALSE(fs::exists(out / "sweep.html"));
  CHECK_FALSE(fs::exists(out)); // the library is read before the outputs are prepared
}
