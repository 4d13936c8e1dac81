// SPDX-License-Identifier: MIT
// The report in a real browser: headless Chromium loads the page from disk (no network), runs
// its script, and the DOM it dumps shows every chart drawn (coloured pixels on each canvas) and
// the headline numbers of kpis.json (a sweep page: the means of sweep.json). Exits 77 (ctest:
// skipped) when chromium is not installed; scripts/dev.sh installs it.
#define CATCH_CONFIG_RUNNER
#include "tests/app/report_test_support.hpp"

#include <map>
#include <regex>

using namespace hospsim::app::testing;

namespace {

std::string chromium() {
  for (const char* name : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(name))
      return name;
  return {};
}

/// Chromium with a profile of its own in `folder`, nothing from the network, no GPU.
std::string headless(const ScratchFolder& folder) {
  return "timeout 120 " + chromium() +
         " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
         "--disable-extensions --user-data-dir=" +
         quoted((folder / "profile").string());
}

/// The DOM after the page's scripts ran.
std::string dump_dom(const ScratchFolder& folder, const fs::path& page) {
  const fs::path dom = folder / (page.stem().string() + ".dom.html");
  const int status =
      std::system((headless(folder) + " --dump-dom " + quoted("file://" + page.string()) + " > " +
                   quoted(dom.string()) + " 2> /dev/null")
                      .c_str());
  INFO("chromium --dump-dom exit status " << status);
  REQUIRE(fs::exists(dom));
  return read_file(dom);
}

/// data-colour-pixels of every canvas, in page order.
std::vector<long> coloured_pixels(const std::string& dom) {
  std::vector<long> counts;
  const std::regex canvas(R"re(<canvas[^>]*data-colour-pixels="(\d+)")re");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), canvas); it != std::sregex_iterator();
       ++it)
    counts.push_back(std::stol((*it)[1]));
  return counts;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("the run report renders every chart and shows kpis.json's numbers in Chromium") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const std::string dom = dump_dom(folder, folder / "report.html");
  REQUIRE(contains(dom, "data-rendered=\"true\""));
  // One chart of utilisation, one per resource over time, one per department by hour of day,
  // one per patient class of waits: 1 + 9 + 3 + 2 for the emergency department.
  const std::vector<long> pixels = coloured_pixels(dom);
  CHECK(count_of(dom, "<canvas") == 15);
  CHECK(pixels.size() == 15);
  CHECK(contains(dom, "data-charts=\"15\""));
  for (const long coloured : pixels)
    CHECK(coloured > 500); // the data was drawn, not only axes and grey grid lines
  // The headline cells hold kpis.json's means exactly (JavaScript writes the shortest text
  // that reads back as the same double).
  const nlohmann::json kpis = nlohmann::json::parse(read_file(folder / "kpis.json"));
  std::map<std::string, double> means;
  for (const nlohmann::json& kpi : kpis["kpis"])
    if (!kpi["mean"].is_null())
      means[kpi["name"]] = kpi["mean"];
  const std::regex cell(R"re(<td[^>]*data-kpi="([^"]+)" data-mean="([^"]+)")re");
  std::size_t cells = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), cell); it != std::sregex_iterator();
       ++it, ++cells) {
    INFO((*it)[1]);
    REQUIRE(means.count((*it)[1]) == 1);
    CHECK(std::stod((*it)[2]) == means.at((*it)[1]));
  }
  CHECK(cells > 40);
  CHECK(contains(dom, "door_to_doctor.mean"));
  CHECK(contains(dom, "resource.amu_bed.utilisation"));
}

TEST_CASE("the report's screenshot is a full page, not a blank one") {
  const ScratchFolder folder;
  REQUIRE(shell(recorded_run(folder), folder.path).exit_code == 0);
  const fs::path png = folder / "report.png";
  std::system((headless(folder) + " --screenshot=" + quoted(png.string()) +
               " --window-size=1280,2400 " + quoted("file://" + (folder / "report.html").string()) +
               " > /dev/null 2>&1")
                  .c_str());
  REQUIRE(fs::exists(png));
  const std::string image = read_file(png);
  CHECK(image.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  // A page of one colour compresses to a few kilobytes; tables and charts do not.
  CHECK(image.size() > 100'000);
}

TEST_CASE("the comparison report draws a forest plot per unit in Chromium") {
  const ScratchFolder folder;
  const fs::path variants = sources / "scenarios" / "variants";
  REQUIRE(shell(program + " compare " + quoted((variants / "mri_base.yaml").string()) + " " +
                    quoted((variants / "mri_extended_hours.yaml").string()) +
                    " --reps 3 --horizon '10 d' --warmup '2 d' --quiet --threads 1 --out " +
                    quoted(folder.path.string()) + " --report",
                folder.path)
              .exit_code == 0);
  const std::string dom = dump_dom(folder, folder / "compare.html");
  REQUIRE(contains(dom, "data-rendered=\"true\""));
  const std::vector<long> pixels = coloured_pixels(dom);
  CHECK(pixels.size() >= 3); // count, min, h, fraction: the units that changed
  for (const long coloured : pixels)
    CHECK(coloured > 100);
  // Every plotted row is a KPI of compare.json with its difference.
  const nlohmann::json compare = nlohmann::json::parse(read_file(folder / "compare.json"));
  std::map<std::string, double> differences;
  for (const nlohmann::json& kpi : compare["comparisons"][0]["kpis"])
    if (!kpi["difference"].is_null())
      differences[kpi["name"]] = kpi["difference"];
  const std::regex row(R"re(<tr data-kpi="([^"]+)" data-difference="([^"]+)")re");
  std::size_t rows = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), row); it != std::sregex_iterator();
       ++it, ++rows) {
    INFO((*it)[1]);
    REQUIRE(differences.count((*it)[1]) == 1);
    CHECK(std::stod((*it)[2]) == differences.at((*it)[1]));
    CHECK(std::stod((*it)[2]) != 0);
  }
  CHECK(rows > 5);
}

TEST_CASE("the sweep report draws one chart per KPI in Chromium, with sweep.json's means") {
  const ScratchFolder folder;
  REQUIRE(shell(program + " sweep " + ed + " --set resources.majors_trolley.count=14..16" +
                    " --kpi resource.majors_trolley.level.p_full" +
                    " --kpi class.walk_in.wait.triage.mean --reps 3 --horizon '3 d'" +
                    " --warmup '1 d' --quiet --threads 1 --out " + quoted(folder.path.string()) +
                    " --report",
                folder.path)
              .exit_code == 0);
  const std::string dom = dump_dom(folder, folder / "sweep.html");
  REQUIRE(contains(dom, "data-rendered=\"true\""));
  CHECK(contains(dom, "data-charts=\"2\""));
  const std::vector<long> pixels = coloured_pixels(dom);
  REQUIRE(pixels.size() == 2);
  for (const long coloured : pixels)
    CHECK(coloured > 1000);
  // The table rows under the charts hold sweep.json's means, in order.
  const nlohmann::json sweep = nlohmann::json::parse(read_file(folder / "sweep.json"));
  const std::regex row(R"re(<tr data-value="([^"]+)" data-mean="([^"]+)")re");
  std::size_t index = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), row); it != std::sregex_iterator();
       ++it, ++index) {
    REQUIRE(index < sweep["rows"].size());
    CHECK((*it)[1] == sweep["rows"][index]["value"].get<std::string>());
    CHECK(std::stod((*it)[2]) == sweep["rows"][index]["mean"].get<double>());
  }
  CHECK(index == sweep["rows"].size());
}

int main(int argc, char** argv) {
  if (chromium().empty()) {
    std::printf("skipped: chromium is not installed (scripts/dev.sh installs it; apt-get install "
                "chromium)\n");
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
