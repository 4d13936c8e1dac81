// SPDX-License-Identifier: MIT
// Resource guards as a user meets them: typo-sized scenarios rejected by `validate` (exit 2,
// file:line:col, the limit), runaway models stopped by --max-events and --max-memory (exit 2,
// naming the queue), overloaded models warned of in the table and in kpis.json.
#include "tests/app/cli_test_support.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

namespace fs = std::filesystem;

using hospsim::app::testing::CommandResult;
using hospsim::app::testing::program;
using hospsim::app::testing::shell;
using TemporaryDirectory = hospsim::app::testing::ScratchFolder;
using Result = CommandResult;

/// M/M/1 with a 60 min mean service: rho = per_hour.
fs::path write_mm1(const fs::path& directory, const std::string& per_hour,
                   const std::string& horizon) {
  const fs::path file = directory / "mm1.yaml";
  std::ofstream(file) << "name: mm1\nhorizon: " << horizon
                      << "\nreplications: 4\nresources:\n  doctor: {count: 1}\n"
                         "pathways:\n  visit:\n    steps:\n"
                         "      see: {needs: doctor, duration: {exponential: {mean: 60 min}}}\n"
                         "classes:\n  walk_ins: {arrivals: {per_hour: "
                      << per_hour << "}, pathway: visit}\n";
  return file;
}

} // namespace

TEST_CASE("validate rejects a billion arrivals an hour with exit 2 at file:line:col") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "1000000000", "7 d");
  const Result result = shell(program + " validate '" + file.string() + "'", directory.path);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("mm1.yaml:11:35: 'per_hour' of class 'walk_ins' is "
                                            "1e+09 arrivals an hour, more than the limit of "
                                            "10000"));
}

TEST_CASE("validate rejects replications beyond the command line's cap") {
  const TemporaryDirectory directory;
  const fs::path file = directory.path / "reps.yaml";
  std::ofstream(file) << "name: reps\nreplications: 1000000000\nresources:\n"
                         "  doctor: {count: 1}\npathways:\n  visit:\n    steps:\n"
                         "      see: {needs: doctor, duration: 10 min}\n"
                         "classes:\n  walk_ins: {arrivals: {per_hour: 1}, pathway: visit}\n";
  const Result result = shell(program + " validate '" + file.string() + "'", directory.path);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("reps.yaml:2:15: 'replications' is 1000000000, "
                                            "more than the limit of 1000000"));
}

TEST_CASE("run refuses a command line asking for more than a billion patients") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "0.5", "7 d");
  const Result result =
      shell(program + " run '" + file.string() + "' --horizon '36500 d' --reps 1000000 --out '" +
                directory.path.string() + "'",
            directory.path);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("this run asks for about 4.38e+11 patients"));
}

TEST_CASE("a runaway model is stopped by --max-events with exit 2, naming the queue and the time") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "50", "365 d");
  const Result result = shell(program + " run '" + file.string() +
                                  "' --threads 1 --reps 1 --max-events 200000 --out '" +
                                  directory.path.string() + "'",
                              directory.path);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("scenario 'mm1', replication 0: stopped at "
                                            "simulated time d"));
  CHECK_THAT(result.output, Catch::Contains("more than the event budget of 200000 events; the "
                                            "longest queue is for 'doctor' (needed by "
                                            "visit/see)"));
  CHECK_FALSE(fs::exists(directory.path / "kpis.json"));
}

TEST_CASE("a model whose patients would exhaust memory is stopped by --max-memory") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "500", "365 d");
  const Result result = shell(program + " run '" + file.string() +
                                  "' --threads 1 --reps 1 --max-memory '10 MiB' --out '" +
                                  directory.path.string() + "'",
                              directory.path);
  CHECK(result.exit_code == 2);
  // 10 MiB / 2560 bytes a patient = 4096 patients.
  CHECK_THAT(result.output, Catch::Contains("more than 4096 patients in the hospital at once "
                                            "(the memory guard)"));
  const Result bad =
      shell(program + " run '" + file.string() + "' --max-memory lots", directory.path);
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("--max-memory: invalid size 'lots'"));
}

TEST_CASE("an overloaded model runs but is warned of in the table and in kpis.json") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "1.5", "40 d");
  const fs::path out = directory.path / "out";
  const Result result =
      shell(program + " run '" + file.string() + "' --threads 2 --out '" + out.string() + "'",
            directory.path);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains("WARNING: the queue for 'doctor' grows over the run"));
  std::ifstream in(out / "kpis.json");
  const nlohmann::json kpis = nlohmann::json::parse(in);
  REQUIRE(kpis.contains("warnings"));
  // One overload warning (besides, the precision warning of the wide intervals an overloaded
  // queue gives: kpi_report.hpp).
  std::size_t overload = 0;
  for (const auto& warning : kpis["warnings"])
    if (warning.get<std::string>().rfind("the queue for 'doctor' grows over the run", 0) == 0)
      ++overload;
  CHECK(overload == 1);

  const fs::path stable = write_mm1(directory.path, "0.5", "40 d");
  const Result quiet =
      shell(program + " run '" + stable.string() + "' --threads 2 --out '" + out.string() + "'",
            directory.path);
  REQUIRE(quiet.exit_code == 0);
  // No overload warning (4 replications give wide intervals: that warning may be there).
  CHECK_THAT(quiet.output, !Catch::Contains("grows over the run"));
  std::ifstream again(out / "kpis.json");
  const nlohmann::json stable_kpis = nlohmann::json::parse(again);
  for (const auto& warning : stable_kpis.value("warnings", nlohmann::json::array()))
    CHECK_THAT(warning.get<std::string>(), !Catch::Contains("grows over the run"));
}

TEST_CASE("the event budget is exact: --max-events 100 stops the run after 101 events") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "0.5", "7 d"); // ~2 events an hour
  const Result result =
      shell(program + " run '" + file.string() + "' --threads 1 --reps 1 --max-events 100 --out '" +
                directory.path.string() + "'",
            directory.path);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("after 101 events: more than the event budget of "
                                            "100 events"));
  CHECK_FALSE(fs::exists(directory.path / "kpis.json"));
}

TEST_CASE("negative or fractional or too large numbers for --max-events are refused with exit 2") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "0.5", "7 d");
  for (const std::string bad : {"-1", "99999999999999999999999", "1.5", "lots"}) {
    const Result result = shell(program + " run '" + file.string() + "' --reps 1 --max-events " +
                                    bad + " --out '" + directory.path.string() + "'",
                                directory.path);
    INFO(bad << ": " << result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("--max-events"));
    CHECK_FALSE(fs::exists(directory.path / "kpis.json"));
  }
}

TEST_CASE("the memory guard is per replication: it trips at the same patients for any --threads") {
  const TemporaryDirectory directory;
  const fs::path file = write_mm1(directory.path, "500", "365 d");
  for (const std::string threads : {"1", "4"}) {
    const Result result =
        shell(program + " run '" + file.string() + "' --threads " + threads +
                  " --reps 4 --max-memory '10 MiB' --out '" + directory.path.string() + "'",
              directory.path);
    INFO("--threads " << threads);
    CHECK(result.exit_code == 2);
    // 10 MiB / 2560 bytes a patient = 4096 patients, whatever the thread count.
    CHECK_THAT(result.output, Catch::Contains("more than 4096 patients in the hospital at once "
                                              "(the memory guard)"));
  }
}
