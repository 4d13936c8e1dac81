// SPDX-License-Identifier: MIT
// hospsim sweep and --set: the swept values parsed, each value's KPIs equal to a run with that
// --set, paired differences of exactly zero between equal values (common random numbers), and
// --set errors reported at the --set.
#include "app/sweep_values.hpp"
#include "sim/error.hpp"
#include "tests/app/cli_test_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace hospsim::app;
using namespace hospsim::app::testing;

TEST_CASE("sweep values are an integer range a..b or a list outside brackets and quotes") {
  CHECK(sweep_values("23..26") == std::vector<std::string>{"23", "24", "25", "26"});
  CHECK(sweep_values("-1..1") == std::vector<std::string>{"-1", "0", "1"});
  CHECK(sweep_values("4 h, 6 h,8 h") == std::vector<std::string>{"4 h", "6 h", "8 h"});
  CHECK_FALSE(sweep_values("14 d").has_value());
  CHECK_FALSE(sweep_values("{lognormal: {mean: 3 d, sd: 1 d}}").has_value());
  CHECK_FALSE(sweep_values("'a, b'").has_value());
  CHECK(sweep_values("[1, 2],[3]") == std::vector<std::string>{"[1, 2]", "[3]"});
  CHECK_THROWS_AS(sweep_values("5..2"), hospsim::sim::InputError);
  CHECK_THROWS_AS(sweep_values("0..5000"), hospsim::sim::InputError);
  CHECK_THROWS_AS(sweep_values("1,,2"), hospsim::sim::InputError);
}

TEST_CASE("hospsim sweep: each value gives the KPIs of a run with that --set, and equal values "
          "differ by exactly zero (common random numbers)") {
  ScratchFolder folder;
  const std::string common = " --reps 3 --horizon '3 d' --warmup '1 d' --quiet --threads 1";
  const CommandResult sweep =
      shell(program + " sweep " + ed + " --set resources.majors_trolley.count=14,14,16" +
                " --kpi resource.majors_trolley.level.p_full --kpi 'class.walk_in.wait.triage.*'" +
                common + " --out " + folder.path.string(),
            folder.path);
  INFO(sweep.output);
  REQUIRE(sweep.exit_code == 0);
  CHECK(contains(sweep.output, "resource.majors_trolley.level.p_full"));
  const auto json = nlohmann::json::parse(read_file(folder / "sweep.json"));
  CHECK(json["parameter"] == "resources.majors_trolley.count");
  CHECK(json["values"] == nlohmann::json::array({"14", "14", "16"}));
  const auto& rows = json["rows"];
  REQUIRE(rows.size() == 3 * 6); // p_full and triage's mean, p50, p90, p95, max
  CHECK(rows[0]["kpi"] == "resource.majors_trolley.level.p_full");
  CHECK_FALSE(rows[0].contains("difference"));
  CHECK(rows[1]["difference"] == 0.0); // the same value, the same random numbers
  CHECK(rows[1]["difference_half_width"] == 0.0);
  CHECK(rows[1]["mean"] == rows[0]["mean"]);
  CHECK(rows[2]["mean"] != rows[0]["mean"]);

  ScratchFolder run_folder;
  const CommandResult run =
      shell(program + " run " + ed + " --set resources.majors_trolley.count=16" + common +
                " --out " + run_folder.path.string(),
            run_folder.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto kpis = nlohmann::json::parse(read_file(run_folder / "kpis.json"));
  bool found = false;
  for (const auto& kpi : kpis["kpis"])
    if (kpi["name"] == "resource.majors_trolley.level.p_full") {
      found = true;
      CHECK(kpi["mean"].get<double>() == Approx(rows[2]["mean"].get<double>()).epsilon(1e-3));
    }
  CHECK(found);
}

TEST_CASE("hospsim --set: a bad value is reported at the --set, a wrong path with a suggestion, "
          "and a sweep needs exactly one swept --set") {
  ScratchFolder folder;
  const CommandResult bad = shell(
      program + " validate " + ed + " --set resources.majors_trolley.count=lots", folder.path);
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.output, "--set resources.majors_trolley.count: 'count' must be"));
  const CommandResult typo =
      shell(program + " validate " + ed + " --set resorces.majors_trolley.count=3", folder.path);
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.output, "did you mean 'resources'?"));
  const CommandResult none =
      shell(program + " sweep " + ed + " --set resources.majors_trolley.count=3 --kpi x --quiet",
            folder.path);
  CHECK(none.exit_code == 2);
  CHECK(contains(none.output, "sweep needs one --set PATH=VALUES with several values"));
  const CommandResult two = shell(program + " sweep " + ed +
                                      " --set resources.majors_trolley.count=3..4"
                                      " --set seed=1,2 --kpi x --quiet",
                                  folder.path);
  CHECK(two.exit_code == 2);
  CHECK(contains(two.output, "one parameter at a time"));
}

TEST_CASE("validate and run warn about a pathway and a resource that nothing uses") {
  ScratchFolder folder;
  {
    std::ofstream yaml(folder / "unused.yaml");
    yaml << "name: unused\n"
            "resources:\n  doctor: {count: 1}\n  spare: {kind: room, count: 2}\n"
            "pathways:\n  see: {steps: {consult: {needs: doctor, duration: 5 min}}}\n"
            "  old: {steps: {wait: {duration: 5 min}}}\n"
            "classes: {x: {arrivals: {per_hour: 1}, pathway: see}}\n";
  }
  const std::string file = (folder / "unused.yaml").string();
  const CommandResult validate = shell(program + " validate " + file, folder.path);
  INFO(validate.output);
  CHECK(validate.exit_code == 0);
  CHECK(contains(validate.output,
                 "warning: pathway 'old' is followed by no patient class and used by no other "
                 "pathway"));
  CHECK(contains(validate.output, "warning: resource 'spare' is needed by no step of any pathway"));
  const CommandResult run = shell(
      program + " run " + file + " --reps 1 --horizon '1 d' --quiet --out " + folder.path.string(),
      folder.path);
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK(contains(run.output, "warning: resource 'spare' is needed by no step of any pathway"));
  const CommandResult clean = shell(program + " validate " + ed, folder.path);
  CHECK_FALSE(contains(clean.output, "warning:"));
}
