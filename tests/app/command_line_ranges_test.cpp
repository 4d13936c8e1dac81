// SPDX-License-Identifier: MIT
// Every numeric option of run, compare and demo is range-checked on the text as typed: exit
// code 2 and a message naming the option, the value and the range; nothing wraps around.
#include "tests/app/cli_test_support.hpp"

#include <nlohmann/json.hpp>
#include <vector>

using namespace hospsim::app::testing;

namespace {

struct Case {
  std::string arguments;
  std::string message;
};

/// Each case refused; `with_out`: the command takes --out (a folder that must not appear).
void check_refused(const std::string& command, const std::vector<Case>& cases,
                   bool with_out = true) {
  const ScratchFolder folder;
  for (const Case& c : cases) {
    const std::string out = with_out ? " --out " + quoted((folder / "out").string()) : "";
    const CommandResult result = shell(command + " " + c.arguments + out, folder.path);
    INFO(command + " " + c.arguments);
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.output, c.message));
    CHECK_FALSE(fs::exists(folder / "out"));
  }
}

} // namespace

TEST_CASE("run: threads and seed and reps and horizon out of range exit with code 2") {
  const std::string range64 = "from 0 to 18446744073709551615";
  check_refused(
      program + " run " + ed + " --quiet",
      {
          {"--threads -1", "--threads: '-1' is not allowed: expected a whole number from 0 to "
                           "1024 (0: all cores)"},
          {"--threads 4294967296", "--threads: 4294967296 is out of range: expected a whole "
                                   "number from 0 to 1024"},
          {"--threads 1025", "--threads: 1025 is out of range"},
          {"--threads 2.5", "--threads: '2.5' is not allowed"},
          {"--seed -1", "--seed: '-1' is not allowed: expected a whole number " + range64},
          {"--seed 99999999999999999999999",
           "--seed: 99999999999999999999999 is out of range: expected a whole number " + range64},
          {"--seed 18446744073709551616", "--seed: 18446744073709551616 is out of range"},
          {"--seed 1.5", "--seed: '1.5' is not allowed"},
          {"--seed 0x10", "--seed: '0x10' is not allowed"},
          {"--seed ' 7'", "--seed: ' 7' is not allowed"},
          {"--reps 0", "--reps: 0 is out of range: expected a whole number from 1 to 1000000"},
          {"--reps 1000001", "--reps: 1000001 is out of range"},
          {"--reps -3", "--reps: '-3' is not allowed"},
          {"--horizon '0 d'", "--horizon 0 d: out of range: expected more than 0 and at most "
                              "36525 d (100 years)"},
          {"--horizon '1000000 h'", "--horizon 1000000 h: out of range"},
      });
}

TEST_CASE("compare: the shared options are checked the same way") {
  check_refused(program + " compare " + ed + " " + ed + " --quiet",
                {{"--threads -1", "--threads: '-1' is not allowed"},
                 {"--seed -1", "--seed: '-1' is not allowed"},
                 {"--reps 0", "--reps: 0 is out of range"}});
}

TEST_CASE("demo: hours and rates and counts must be finite and positive and bounded") {
  check_refused(
      program + " demo",
      {
          {"--hours 1e12", "--hours: 1e12 is out of range: expected a number greater than 0 and "
                           "at most 87600"},
          {"--hours nan", "--hours: 'nan' is not allowed"},
          {"--hours inf", "--hours: 'inf' is not allowed"},
          {"--hours 0", "--hours: 0 is out of range"},
          {"--warmup-hours -1", "--warmup-hours: -1 is out of range"},
          {"--arrivals-per-hour 1e9", "--arrivals-per-hour: 1e9 is out of range"},
          {"--consultation nan", "--consultation: 'nan' is not allowed"},
          {"--doctors 0", "--doctors: 0 is out of range"},
          {"--doctors -1", "--doctors: '-1' is not allowed"},
          {"--reps 1", "--reps: 1 is out of range: expected a whole number from 2 to 100000"},
          {"--seed -1", "--seed: '-1' is not allowed"},
          {"--hours 87600 --arrivals-per-hour 5000 --consultation 0.01 --reps 100",
           "patients (--arrivals-per-hour x --hours x --reps); at most 1e+09"},
      },
      false);
}

TEST_CASE("the largest seed is taken exactly without wrap-around") {
  const ScratchFolder folder;
  const CommandResult result = shell(
      quick_run + " --seed 18446744073709551615 --out '" + folder.path.string() + "'", folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(read_file(folder / "kpis.json"));
  CHECK(json["seed"].get<std::uint64_t>() == 18446744073709551615ULL);
}
