// SPDX-License-Identifier: MIT
// The merged document written back as YAML (best.yaml of hospsim optimise) reads back as the
// same document, and as a scenario that gives the same results, for every shipped scenario.
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/document_writer.hpp"
#include "models/scenario/merged_scenario.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path scenario_dir = std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios";

/// The same KPIs, values equal to the bit (NaN equal to NaN).
bool same_kpis(const sim::KpiSet& a, const sim::KpiSet& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const sim::Kpi& x, const sim::Kpi& y) {
                      return x.name == y.name && x.unit == y.unit &&
                             (x.value == y.value || (std::isnan(x.value) && std::isnan(y.value)));
                    });
}

} // namespace

TEST_CASE("Every shipped scenario, merged and written as YAML, reads back to the same document "
          "and the same results") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(scenario_dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::size_t checked = 0;
  for (const std::filesystem::path& file : files) {
    INFO(file.string());
    const MergedScenario merged = MergedScenario::load(file);
    const detail::DocumentNode& document = merged.document();
    if (document.find("classes") == nullptr)
      continue; // a layout file named by a scenario, not a scenario
    // Written as if to the scenario's own folder, so relative paths stay as they are.
    const std::string text = merged.to_yaml(file.parent_path(), true);
    const detail::DocumentNode back = detail::parse_document(text, file.string());
    CHECK(detail::same_document(document, back));
    CHECK(detail::write_document(back) == text);
    const ScenarioSpec original = merged.read();
    const ScenarioSpec written = MergedScenario::from_text(text, file.string()).read();
    RunOptions options;
    options.horizon = sim::Duration::days(2);
    options.warmup = sim::Duration::days(1);
    if (!original.layout) // one replication each; with a layout, reading it back suffices
      CHECK(same_kpis(run_scenario_replication(written, 0, options),
                      run_scenario_replication(original, 0, options)));
    ++checked;
  }
  CHECK(checked >= 15);
}

TEST_CASE("Scalars that would read differently unquoted are written quoted") {
  detail::DocumentNode root = detail::parse_document(
      "a: 'null'\nb: '~'\nc: ''\nd: 'x: y'\ne: '#not a comment'\nf: \"08:00\"\ng: ~\nh: '- item'\n",
      "quotes.yaml");
  const std::string text = detail::write_document(root);
  const detail::DocumentNode back = detail::parse_document(text, "quotes.yaml");
  INFO(text);
  CHECK(detail::same_document(root, back));
  CHECK(back.find("a")->is_scalar());
  CHECK(back.find("g")->is_null());
}

TEST_CASE("Times of day, which YAML 1.1 would read as base-60 numbers, are written quoted") {
  const detail::DocumentNode root = detail::parse_document(
      "start: 00:00\nend: 12:30\nlong: 8:30:00\nratio: 1:2.5\nword: a:b\nnumber: 1230\n",
      "times.yaml");
  const std::string text = detail::write_document(root);
  INFO(text);
  CHECK(text.find("start: \"00:00\"\n") != std::string::npos);
  CHECK(text.find("end: \"12:30\"\n") != std::string::npos);
  CHECK(text.find("long: \"8:30:00\"\n") != std::string::npos);
  CHECK(text.find("word: a:b\n") != std::string::npos);
  CHECK(text.find("number: 1230\n") != std::string::npos);
  CHECK(detail::same_document(root, detail::parse_document(text, "times.yaml")));
}

TEST_CASE("Written to another folder, the paths of files a scenario names are rewritten "
          "relative to it, and the optimise: section is left out unless kept") {
  const MergedScenario merged = MergedScenario::from_text(
      "name: x\nlayout: plans/building.yaml\nclasses:\n  a:\n    arrivals: {from_csv: "
      "data/a.csv}\noptimise: {variables: []}\n",
      "/srv/hospital/scenario.yaml");
  const std::string text = merged.to_yaml("/srv/results/run1", false);
  INFO(text);
  CHECK(text.find("layout: ../../hospital/plans/building.yaml\n") != std::string::npos);
  CHECK(text.find("from_csv: ../../hospital/data/a.csv") != std::string::npos);
  CHECK(text.find("optimise") == std::string::npos);
  CHECK(merged.to_yaml("/srv/hospital", true).find("layout: plans/building.yaml\n") !=
        std::string::npos);
  CHECK(merged.to_yaml("/srv/hospital", true).find("optimise:") != std::string::npos);
}
