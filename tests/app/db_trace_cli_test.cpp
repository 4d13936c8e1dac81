// SPDX-License-Identifier: MIT
// `hospsim run --db FILE --db-trace N`: the value range-checked like every numeric option
// (exit 2, a message naming --db-trace), refused without --db and with --report at 0; a run
// with it writes the same kpis.csv and replications.csv as a run without a database, a run
// database whose replications >= N hold patients and KPIs but no trace, and a report that says
// which replications its charts come from.
#include "sim/trace/run_database_reader.hpp"
#include "tests/app/cli_test_support.hpp"

#include <vector>

using namespace hospsim;
using namespace hospsim::app::testing;

TEST_CASE("run: --db-trace values that are not whole numbers or too large exit with code 2") {
  const ScratchFolder folder;
  struct Case {
    std::string value;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"-1", "--db-trace: '-1' is not allowed: expected a whole number from 0 to 1000000"},
           {"abc", "--db-trace: 'abc' is not allowed"},
           {"1.5", "--db-trace: '1.5' is not allowed"},
           {"1000001", "--db-trace: 1000001 is out of range: expected a whole number from 0 to "
                       "1000000"},
           {"99999999999999999999999", "--db-trace: 99999999999999999999999 is out of range"},
       }) {
    const CommandResult result =
        shell(quick_run + " --db " + quoted((folder / "run.db").string()) + " --db-trace " +
                  quoted(c.value) + " --out " + quoted((folder / "out").string()),
              folder.path);
    INFO(c.value << ": " << result.output);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.output, c.message));
    CHECK_FALSE(fs::exists(folder / "run.db"));
    CHECK_FALSE(fs::exists(folder / "out"));
  }
}

TEST_CASE("run: --db-trace without --db, or 0 with --report, exits with code 2") {
  const ScratchFolder folder;
  CommandResult result =
      shell(quick_run + " --db-trace 1 --out " + quoted((folder / "out").string()), folder.path);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, "--db-trace needs --db FILE"));
  result = shell(quick_run + " --db " + quoted((folder / "run.db").string()) +
                     " --db-trace 0 --report --out " + quoted((folder / "out").string()),
                 folder.path);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, "--db-trace 0"));
  CHECK_FALSE(fs::exists(folder / "run.db"));
  CHECK_FALSE(fs::exists(folder / "out" / "kpis.csv"));
}

TEST_CASE("run: --db-trace 1 traces replication 0 alone, changes no KPI, and the report says so") {
  const ScratchFolder folder;
  const std::string three =
      program + " run " + ed + " --reps 3 --horizon '3 d' --warmup '1 d' --quiet --threads ";
  CommandResult result =
      shell(three + "1 --out " + quoted((folder / "plain").string()), folder.path);
  REQUIRE(result.exit_code == 0);
  result = shell(three + "2 --db " + quoted((folder / "run.db").string()) +
                     " --db-trace 1 --report --out " + quoted((folder / "traced").string()),
                 folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  for (const std::string file : {"kpis.csv", "replications.csv"}) {
    INFO(file);
    CHECK(read_file(folder / "traced" / file) == read_file(folder / "plain" / file));
    CHECK(read_file(folder / "plain" / file).size() > 100);
  }
  // The report says its charts come from the traced replication alone.
  const std::string report = read_file(folder / "traced" / "report.html");
  CHECK(contains(report, "\"traced_replications\":1"));
  CHECK(contains(report, "Traced (charts)"));
  const trace::RunDatabaseReader reader(folder / "run.db");
  CHECK(reader.meta("traced_replications") == "1");
  CHECK(reader.replications() == std::vector<std::uint64_t>{0, 1, 2});
  std::vector<std::size_t> events(3, 0);
  for (std::uint64_t r = 0; r < 3; ++r) {
    reader.for_each_event(r, [&](const trace::EventRecord&) { ++events[r]; });
    CHECK(reader.patients(r).size() > 50);
    CHECK(reader.kpis(r).size() > 50);
  }
  CHECK(events[0] > 1000);
  CHECK(events[1] == 0);
  CHECK(events[2] == 0);
}
