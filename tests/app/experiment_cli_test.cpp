// SPDX-License-Identifier: MIT
// `hospsim run` and `hospsim compare` as a user runs them: output files byte-identical for any
// thread count and for 1 or 2 MPI ranks; compare with common random numbers; policies ranked.
#include "tests/app/cli_test_support.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using hospsim::app::testing::CommandResult;
using hospsim::app::testing::ed;
using hospsim::app::testing::program;
using hospsim::app::testing::shell;
using hospsim::app::testing::sources;
using TemporaryDirectory = hospsim::app::testing::ScratchFolder;
using Result = CommandResult;

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("hospsim run: kpis.csv and kpis.json are byte-identical for 1, 2 and 4 threads") {
  TemporaryDirectory tmp;
  std::array<std::string, 3> csv;
  std::array<std::string, 3> json;
  const std::array<std::string, 3> threads{"1", "2", "4"};
  for (std::size_t i = 0; i < threads.size(); ++i) {
    const fs::path out = tmp.path / threads[i];
    const Result run = shell(program + " run " + ed + " --reps 6 --horizon '7 d' --warmup '1 d'" +
                                 " --quiet --threads " + threads[i] + " --out " + out.string(),
                             tmp.path);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    csv[i] = read(out / "kpis.csv");
    json[i] = read(out / "kpis.json");
  }
  CHECK(csv[0].size() > 1000);
  CHECK(csv[1] == csv[0]);
  CHECK(csv[2] == csv[0]);
  CHECK(json[1] == json[0]);
  CHECK(json[2] == json[0]);
}

TEST_CASE("hospsim run --mpi: 2 MPI ranks give the same files as one process") {
  TemporaryDirectory tmp;
  const std::string mpirun =
      std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + HOSPSIM_MPIEXEC +
      " --oversubscribe -np 2 ";
  const std::string args = " run " + ed + " --reps 5 --horizon '7 d' --quiet --threads 1";
  const Result single = shell(program + args + " --out " + (tmp.path / "one").string(), tmp.path);
  REQUIRE(single.exit_code == 0);
  const Result ranks =
      shell(mpirun + program + args + " --mpi --out " + (tmp.path / "two").string(), tmp.path);
  INFO(ranks.output);
  REQUIRE(ranks.exit_code == 0);
  CHECK(read(tmp.path / "two" / "kpis.csv") == read(tmp.path / "one" / "kpis.csv"));
  CHECK(read(tmp.path / "two" / "kpis.json") == read(tmp.path / "one" / "kpis.json"));
  // Only rank 0 reports: one table, not two.
  std::size_t tables = 0;
  for (std::size_t at = ranks.output.find("wrote "); at != std::string::npos;
       at = ranks.output.find("wrote ", at + 1))
    ++tables;
  CHECK(tables == 1);
}

TEST_CASE("hospsim run --warmup auto: MSER-5 finds the filling of an empty hospital") {
  TemporaryDirectory tmp;
  const Result run =
      shell(program + " run " + ed + " --reps 4 --warmup auto --quiet --out " + tmp.path.string(),
            tmp.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK(run.output.find("detected by MSER-5") != std::string::npos);
  const auto json = nlohmann::json::parse(read(tmp.path / "kpis.json"));
  CHECK(json["warmup_detected"] == true);
  // The AMU starts empty and patients stay about two days there: the transient is hours to
  // days long, never zero and never most of the 14 days.
  const std::string warmup = json["warmup"];
  CHECK(warmup != "0 min");
  CHECK((warmup.find(" d") == std::string::npos || std::stoi(warmup) <= 7));
}

TEST_CASE("hospsim compare: a scenario against itself differs by exactly zero, every KPI") {
  TemporaryDirectory tmp;
  const Result run = shell(program + " compare " + ed + " " + ed +
                               " --reps 4 --horizon '5 d' --quiet --out " + tmp.path.string(),
                           tmp.path);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  const auto json = nlohmann::json::parse(read(tmp.path / "compare.json"));
  const auto& kpis = json["comparisons"][0]["kpis"];
  REQUIRE(kpis.size() > 50);
  for (const auto& kpi : kpis) {
    INFO(kpi["name"]);
    if (kpi["difference"].is_null())
      continue; // no pairs (a mean over no patients)
    CHECK(kpi["difference"] == 0.0);
    CHECK(kpi["half_width"] == 0.0);
    CHECK(kpi["significant"] == false);
  }
}

TEST_CASE("hospsim compare --policies: CRN gives narrower intervals than independent streams") {
  TemporaryDirectory tmp;
  auto ranking = [&tmp](const std::string& extra) {
    const fs::path out = tmp.path / (extra.empty() ? "crn" : "independent");
    const Result run = shell(program + " compare --policies " + ed +
                                 " --reps 8 --horizon '7 d' --warmup '1 d' --quiet --out " +
                                 out.string() + " " + extra,
                             tmp.path);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(read(out / "compare.json"))["ranking"];
  };
  const auto crn = ranking("");
  const auto independent = ranking("--independent");
  REQUIRE(crn["policies"].size() == 4);
  CHECK(crn["kpi"] == "class.ambulance.door_to_doctor.mean");
  double crn_width = 0;
  double independent_width = 0;
  for (std::size_t i = 1; i < 4; ++i) {
    crn_width += crn["policies"][i]["versus_best_half_width"].get<double>();
    independent_width += independent["policies"][i]["versus_best_half_width"].get<double>();
  }
  CHECK(crn_width < 0.8 * independent_width);
  // Ranked best first on a lower-is-better KPI.
  for (std::size_t i = 1; i < 4; ++i)
    CHECK(crn["policies"][i]["mean"].get<double>() >= crn["policies"][i - 1]["mean"].get<double>());
}

TEST_CASE("experiment input errors: exit code 2 and a message that says what to do") {
  TemporaryDirectory tmp;
  const Result warmup = shell(program + " run " + ed + " --warmup 'soon' --quiet", tmp.path);
  CHECK(warmup.exit_code == 2);
  CHECK(warmup.output.find("--warmup") != std::string::npos);
  const Result rank =
      shell(program + " compare --policies " + ed +
                " --reps 2 --horizon '1 d' --warmup '0 min' --quiet --rank-by class.ambulance."
                "door_to_docter.mean --out " +
                tmp.path.string(),
            tmp.path);
  CHECK(rank.exit_code == 2);
  CHECK(rank.output.find("no KPI named 'class.ambulance.door_to_docter.mean'; did you mean "
                         "'class.ambulance.door_to_doctor.mean'?") != std::string::npos);
  const Result one = shell(program + " compare " + ed + " --quiet", tmp.path);
  CHECK(one.exit_code == 2);
  CHECK(one.output.find("at least two scenario files") != std::string::npos);
  const Result no_policies = shell(program + " compare --policies " +
                                       (sources / "scenarios" / "imaging_department.yaml").string(),
                                   tmp.path);
  CHECK(no_policies.exit_code == 2);
  CHECK(no_policies.output.find("has no 'policies' section") != std::string::npos);
}

TEST_CASE("hospsim run/compare --without: a surge rule switched off never fires; unknown: exit 2") {
  TemporaryDirectory tmp;
  const std::string surge = (sources / "scenarios" / "drills" / "road_crash_surge.yaml").string();
  const std::string options = " --reps 2 --quiet --out " + tmp.path.string();
  const auto fired = [&](const std::string& extra) {
    const Result run = shell(program + " run " + surge + options + extra, tmp.path);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    const auto json = nlohmann::json::parse(read(tmp.path / "kpis.json"));
    for (const auto& kpi : json["kpis"])
      if (kpi["name"] == "drill.surge.major_incident.fired")
        return kpi["mean"].get<double>();
    return -1.0;
  };
  CHECK(fired("") == 1.0);
  CHECK(fired(" --without major_incident") == -1.0); // the rule is gone, with its KPIs
  const Result unknown =
      shell(program + " run " + surge + options + " --without no_such_rule", tmp.path);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.find("no_such_rule") != std::string::npos);
  const std::string plain = (sources / "scenarios" / "drills" / "road_crash_weekday.yaml").string();
  const Result compare = shell(program + " compare " + plain + " " + surge + options +
                                   " --without ed_full --without amu_escalation",
                               tmp.path);
  INFO(compare.output);
  CHECK(compare.exit_code == 0);
}
