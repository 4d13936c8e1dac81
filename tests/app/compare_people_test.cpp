// SPDX-License-Identifier: MIT
// `hospsim compare` for people (issue 14): a variant that changes only a downstream step
// changes only the downstream KPIs (the upstream ones are exactly 0 and not significant),
// structural counters are not compared, KPIs without a value are dropped with a note, the
// largest effects come first, filters that match nothing or everything say so, and --rank-by
// without --policies is an error.
#include "cli_test_support.hpp"

#include <nlohmann/json.hpp>

using namespace hospsim::app::testing;

namespace {

/// Triage (nurse) then treatment (doctor); `treat` sets the treatment's mean. A second class
/// arrives so rarely that no patient of it comes in the run: its waits have no value.
fs::path write_tandem(const fs::path& folder, const std::string& name, const std::string& treat) {
  const fs::path file = folder / name;
  std::ofstream(file)
      << "name: tandem\nhorizon: 5 d\nwarmup: 1 d\nreplications: 6\nseed: 11\n"
         "resources:\n  nurse: {count: 1}\n  doctor: {count: 2}\n"
         "pathways:\n  visit:\n    steps:\n"
         "      triage: {needs: nurse, duration: {exponential: {mean: 10 min}}, next: treat}\n"
         "      treat: {needs: doctor, duration: {exponential: {mean: "
      << treat
      << "}}}\n"
         "classes:\n  walk_in: {arrivals: {per_hour: 3}, pathway: visit}\n"
         "  rare: {arrivals: {per_hour: 0.00001}, pathway: visit}\n";
  return file;
}

} // namespace

TEST_CASE("compare: a downstream change marks only the downstream KPIs") {
  ScratchFolder folder;
  const fs::path base = write_tandem(folder.path, "base.yaml", "30 min");
  const fs::path slower = write_tandem(folder.path, "slower.yaml", "35 min");
  const CommandResult run = shell(program + " compare '" + base.string() + "' '" +
                                      slower.string() + "' --quiet --out " + folder.path.string(),
                                  folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto json = nlohmann::json::parse(read_file(folder / "compare.json"));
  const auto& kpis = json["comparisons"][0]["kpis"];
  std::size_t upstream = 0;
  std::size_t downstream_changed = 0;
  for (const auto& kpi : kpis) {
    const std::string name = kpi["name"];
    INFO(name);
    CHECK(name != "simulation.events");
    CHECK_FALSE(kpi["difference"].is_null()); // nan rows dropped
    CHECK((name.rfind("class.rare.", 0) != 0 || !contains(name, ".wait.")));
    if (contains(name, ".wait.triage") || name.rfind("resource.nurse.", 0) == 0 ||
        contains(name, "arrivals")) {
      ++upstream;
      CHECK(kpi["difference"] == 0.0);
      CHECK(kpi["half_width"] == 0.0);
      CHECK(kpi["significant"] == false);
    }
    if ((contains(name, "walk_in.wait.treat") || name == "resource.doctor.utilisation") &&
        kpi["difference"] != 0.0)
      ++downstream_changed;
  }
  CHECK(upstream >= 8);
  CHECK(downstream_changed >= 5);
  // The table: largest effects first, the unchanged and undefined ones accounted for.
  CHECK(contains(run.output, "Left out: "));
  CHECK(contains(run.output, "KPIs with no value in any replication"));
  CHECK(contains(run.output, "Not compared: 2 counters of the run itself"));
  CHECK(contains(run.output, "are identical in every replication (not listed"));
  CHECK(contains(run.output, "over the "));
  CHECK_FALSE(contains(run.output, "Simulation: events processed"));
  CHECK_FALSE(contains(run.output, "Walk in: wait for triage"));
  CHECK_FALSE(contains(run.output, " nan "));
  const std::size_t header = run.output.find("KPI ");
  const std::size_t first_row = run.output.find('\n', header) + 1;
  const std::string first = run.output.substr(first_row, run.output.find('\n', first_row) - first_row);
  CHECK(contains(first, " yes "));
  CHECK(kpis[0]["significant"] == true);
}

TEST_CASE("compare: --kpi that matches nothing or everything says so; --rank-by needs --policies") {
  ScratchFolder folder;
  const fs::path base = write_tandem(folder.path, "base.yaml", "30 min");
  const std::string compare =
      program + " compare '" + base.string() + "' '" + base.string() + "' --quiet --reps 2 ";
  const CommandResult nothing =
      shell(compare + "--kpi mri --out " + folder.path.string(), folder.path);
  INFO(nothing.output);
  CHECK(nothing.exit_code == 0);
  CHECK(contains(nothing.output, "--kpi mri: matches no KPI"));
  const CommandResult everything =
      shell(compare + "--kpi '*' --out " + folder.path.string(), folder.path);
  CHECK(contains(everything.output, "--kpi *: matches every KPI, so it filters nothing"));
  const CommandResult some =
      shell(compare + "--kpi '*doctor*' --out " + folder.path.string(), folder.path);
  CHECK_FALSE(contains(some.output, "--kpi *doctor*: matches"));
  CHECK(contains(some.output, "Doctor: utilisation")); // filtered rows listed even if unchanged

  const CommandResult rank =
      shell(compare + "--rank-by class.walk_in.wait.treat.mean --out " + folder.path.string(),
            folder.path);
  CHECK(rank.exit_code == 2);
  CHECK(contains(rank.output, "--rank-by ranks policies: it needs --policies"));
}
