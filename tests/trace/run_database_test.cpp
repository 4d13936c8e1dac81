// SPDX-License-Identifier: MIT
// The run database's writer and reader on made-up replications: schema and description,
// round trips, error messages, and the sqlite3 shell reading the files.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

using namespace hospsim;
using namespace hospsim::trace;
using namespace hospsim::trace::testing;

namespace {

void write_small_database(const std::filesystem::path& path, std::uint64_t seed = 7) {
  RunDatabaseWriter writer(path, small_run_info(seed));
  const std::vector<KpiRow> kpis{{"class.walk_in.arrivals", "count", 10},
                                 {"class.walk_in.wait.triage.mean", "min", std::nan("")}};
  writer.write_replication(0, synthetic_trace(10), kpis);
  writer.write_replication(1, synthetic_trace(20), kpis);
  writer.finish(std::vector<KpiSummaryRow>{{"class.walk_in.arrivals", "count", 10, 0, 0.95, 2}});
}

} // namespace

TEST_CASE("a finished run database has the schema, the run description and every row", "[trace]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_small_database(path);
  CHECK(directory.files() == std::vector<std::string>{"run.db"});

  const RunDatabaseReader reader(path);
  CHECK(reader.schema_version() == schema_version);
  CHECK(reader.meta("schema_version") == std::to_string(schema_version));
  CHECK(reader.meta("hospsim_version") == std::string(hospsim_version()));
  CHECK(reader.meta("no such key") == std::nullopt);
  const RunInfo info = reader.run_info();
  const RunInfo expected = small_run_info();
  CHECK(info.scenario_name == expected.scenario_name);
  CHECK(info.scenario_file == expected.scenario_file);
  CHECK(info.scenario_text == expected.scenario_text);
  CHECK(info.command_line == expected.command_line);
  CHECK(info.seed == 7);
  CHECK(info.replications == 2);
  CHECK(info.horizon_ms == expected.horizon_ms);
  CHECK(info.warmup_ms == expected.warmup_ms);
  REQUIRE(info.resources.size() == 2);
  CHECK(info.resources[1].name == "cubicle");
  CHECK(info.resources[1].kind == "bed");
  CHECK(info.resources[1].units == 3);
  REQUIRE(info.classes.size() == 1);
  CHECK(info.classes[0].steps == std::vector<std::string>{"triage", "consultation"});

  CHECK(reader.replications() == std::vector<std::uint64_t>{0, 1});
  CHECK(reader.count_rows("patients") == 30);
  CHECK(reader.count_rows("events") ==
        static_cast<std::int64_t>(synthetic_trace(10).events.size() +
                                  synthetic_trace(20).events.size()));
  CHECK(reader.count_rows("time_series") == 30);
  CHECK(reader.count_rows("census") == 30);
  CHECK(reader.count_rows("kpis") == 4);
  CHECK(reader.count_rows("kpi_summary") == 1);
  CHECK_THROWS_AS(reader.count_rows("sqlite_master; DROP TABLE meta"), sim::UsageError);
}

TEST_CASE("the reader gives back what the writer was given, in time order", "[trace]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_small_database(path);
  const RunDatabaseReader reader(path);
  const ReplicationTrace written = synthetic_trace(20);

  const std::vector<PatientRecord> patients = reader.patients(1);
  REQUIRE(patients.size() == written.patients.size());
  for (std::size_t i = 0; i < patients.size(); ++i) {
    CHECK(patients[i].patient == written.patients[i].patient);
    CHECK(patients[i].arrival_ms == written.patients[i].arrival_ms);
    CHECK(patients[i].departure_ms == written.patients[i].departure_ms);
    CHECK(patients[i].outcome == written.patients[i].outcome);
  }

  std::vector<EventRecord> events;
  reader.for_each_event(1, [&events](const EventRecord& e) { events.push_back(e); });
  REQUIRE(events.size() == written.events.size());
  std::int64_t last = 0;
  std::size_t departures = 0;
  for (const EventRecord& e : events) {
    CHECK(e.time_ms >= last);
    last = e.time_ms;
    departures += e.kind == EventKind::Depart ? 1 : 0;
    if (e.kind == EventKind::Seize) {
      CHECK(e.resource == 0);
      CHECK(e.step == no_value);
      CHECK(e.value == 1.0);
    }
    if (e.kind == EventKind::Arrive)
      CHECK(std::isnan(e.value));
  }
  CHECK(departures == 18);

  std::size_t levels = 0;
  reader.for_each_level(1, [&levels](const LevelRecord& l) {
    CHECK(l.capacity == 2);
    ++levels;
  });
  CHECK(levels == written.levels.size());
  std::size_t census = 0;
  reader.for_each_census(0, [&census](const CensusRecord&) { ++census; });
  CHECK(census == 10);

  const std::vector<KpiRow> kpis = reader.kpis(0);
  REQUIRE(kpis.size() == 2);
  CHECK(kpis[0].value == 10);
  CHECK(std::isnan(kpis[1].value));
  const std::vector<KpiSummaryRow> summary = reader.kpi_summary();
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].replications == 2);
  CHECK(summary[0].half_width == 0);
}

TEST_CASE("event kind and outcome names read back to the same values", "[trace]") {
  for (std::size_t i = 0; i < event_kind_count; ++i) {
    const auto kind = static_cast<EventKind>(i);
    CHECK(event_kind_from_string(to_string(kind)) == kind);
  }
  CHECK(event_kind_from_string("teleport") == std::nullopt);
  CHECK(patient_outcome_from_string(to_string(PatientOutcome::Balked)) == PatientOutcome::Balked);
}

TEST_CASE("the sqlite3 shell opens a run database and its integrity check passes", "[trace]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_small_database(path);
  const ShellResult count = run_sqlite3(path, "SELECT count(*) FROM events WHERE kind = 'seize';");
  CHECK(count.status == 0);
  CHECK(count.output == "30\n");
  const ShellResult check = run_sqlite3(path, "PRAGMA integrity_check;");
  CHECK(check.output == "ok\n");
  const ShellResult entities =
      run_sqlite3(path, "SELECT kind, count(*) FROM entities GROUP BY kind ORDER BY kind;");
  CHECK(entities.output == "bed|2\npatient|30\nstaff|2\n");
  // The indexes are built by finish().
  const ShellResult indexes =
      run_sqlite3(path, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE "
                        "type = 'index' AND sql IS NOT NULL ORDER BY name);");
  CHECK(indexes.output == "kpis_by_name,patients_by_number\n");
  // Version 3: time_series is its own index by resource and time (WITHOUT ROWID, keyed by
  // replication, resource, time_ms, seq), and the documented level look-up searches it.
  const ShellResult plan = run_sqlite3(
      path, "EXPLAIN QUERY PLAN SELECT in_use FROM time_series WHERE replication = 0 AND "
            "resource = 1 AND time_ms <= 5000 ORDER BY time_ms DESC, seq DESC LIMIT 1;");
  CHECK(plan.output.find("SEARCH time_series USING PRIMARY KEY (replication=? AND resource=? "
                         "AND time_ms<?)") != std::string::npos);
  CHECK(plan.output.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("a writer destroyed without finish leaves no file behind", "[trace]") {
  const ScratchDirectory directory;
  {
    RunDatabaseWriter writer(directory / "run.db", small_run_info());
    CHECK(std::filesystem::exists(writer.temporary_path()));
    CHECK(writer.temporary_path().parent_path() == directory.path());
    writer.write_replication(0, synthetic_trace(100), {});
  }
  CHECK(directory.files().empty());
}

TEST_CASE("a replication number written twice is refused and the writer goes on", "[trace]") {
  const ScratchDirectory directory;
  RunDatabaseWriter writer(directory / "run.db", small_run_info());
  writer.write_replication(0, synthetic_trace(5), {});
  CHECK_THROWS_AS(writer.write_replication(0, synthetic_trace(5), {}), DatabaseError);
  writer.write_replication(1, synthetic_trace(5), {});
  writer.finish({});
  const RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.count_rows("patients") == 10);
  CHECK_THROWS_AS(writer.finish({}), sim::UsageError);
}

TEST_CASE("two writers to the same final path use different temporary files", "[trace]") {
  const ScratchDirectory directory;
  RunDatabaseWriter first(directory / "run.db", small_run_info(1));
  RunDatabaseWriter second(directory / "run.db", small_run_info(2));
  CHECK(first.temporary_path() != second.temporary_path());
  first.finish({});
  second.finish({});
  CHECK(RunDatabaseReader(directory / "run.db").meta("seed") == "2");
  CHECK(directory.files() == std::vector<std::string>{"run.db"});
}

TEST_CASE("errors name the file and the reason", "[trace]") {
  const ScratchDirectory directory;
  SECTION("a directory that does not exist") {
    const auto path = directory / "missing" / "run.db";
    try {
      RunDatabaseWriter writer(path, small_run_info());
      FAIL("no error");
    } catch (const DatabaseError& error) {
      CHECK_THAT(error.what(), Catch::Contains("missing/run.db.partial-"));
      CHECK_THAT(error.what(), Catch::Contains("No such file or directory"));
    }
  }
  SECTION("no file at all") {
    CHECK_THROWS_WITH(RunDatabaseReader(directory / "absent.db"),
                      Catch::Contains("absent.db") && Catch::Contains("no such file"));
  }
  SECTION("a file that is not SQLite") {
    std::ofstream(directory / "notes.db") << "name: this is YAML, not a database\n";
    CHECK_THROWS_WITH(RunDatabaseReader(directory / "notes.db"),
                      Catch::Contains("notes.db") &&
                          Catch::Contains("is not a hospsim run database"));
  }
  SECTION("a SQLite file of another application") {
    const ShellResult made =
        run_sqlite3(directory / "other.db", "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    REQUIRE(made.status == 0);
    CHECK_THROWS_WITH(RunDatabaseReader(directory / "other.db"),
                      Catch::Contains("is not a hospsim run database") &&
                          Catch::Contains("application_id 0"));
  }
  SECTION("a run database of another schema version") {
    write_small_database(directory / "old.db");
    const ShellResult changed = run_sqlite3(
        directory / "old.db",
        "PRAGMA user_version = 99; UPDATE meta SET value = '99' WHERE key = 'schema_version';");
    REQUIRE(changed.status == 0);
    CHECK_THROWS_WITH(RunDatabaseReader(directory / "old.db"),
                      Catch::Contains("schema version 99") &&
                          Catch::Contains("newer than this build reads (versions 1 to 3)"));
  }
}

TEST_CASE("the patients present at a time are those arrived and not yet departed", "[trace]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_small_database(path);
  const RunDatabaseReader reader(path);
  const ReplicationTrace written = synthetic_trace(20);
  std::size_t times_with_patients = 0;
  for (const PatientRecord& probe : written.patients) {
    // At each arrival, and just before and at each departure.
    for (std::int64_t time : {probe.arrival_ms, probe.departure_ms - 1, probe.departure_ms}) {
      if (time < 0)
        continue;
      std::vector<std::uint64_t> expected;
      for (const PatientRecord& p : written.patients)
        if (p.arrival_ms <= time && (p.departure_ms == no_value || time < p.departure_ms))
          expected.push_back(p.patient);
      std::vector<std::uint64_t> present;
      for (const PatientRecord& p : reader.patients_present(1, time))
        present.push_back(p.patient);
      CHECK(present == expected);
      times_with_patients += !expected.empty();
    }
  }
  CHECK(times_with_patients > 0);
  CHECK(reader.patients_present(1, -1).empty());
}
