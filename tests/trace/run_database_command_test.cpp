// SPDX-License-Identifier: MIT
// app::RunDatabase, what `hospsim run --db` uses: a whole recorded run, abandoned runs, and
// observers it did not make.
#include "app/run_database.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/experiment/replication_runner.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <optional>

using namespace hospsim;
using namespace hospsim::trace::testing;

TEST_CASE("a recorded run holds every replication, its KPIs and the scenario text", "[trace]") {
  const ScratchDirectory directory;
  record_emergency_department(directory / "run.db", 3);
  CHECK(directory.files() == std::vector<std::string>{"run.db"});
  const trace::RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.replications() == std::vector<std::uint64_t>{0, 1, 2});
  const trace::RunInfo info = reader.run_info();
  CHECK(info.scenario_text == read_text(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml"));
  CHECK(info.warmup_ms == 86'400'000);
  CHECK_FALSE(reader.kpis(2).empty());
  CHECK_FALSE(reader.kpi_summary().empty());
  for (const std::uint64_t replication : reader.replications()) {
    std::int64_t last = 0;
    std::size_t arrivals = 0;
    reader.for_each_event(replication, [&](const trace::EventRecord& e) {
      CHECK(e.time_ms >= last);
      last = e.time_ms;
      arrivals += e.kind == trace::EventKind::Arrive ? 1 : 0;
    });
    CHECK(arrivals == reader.patients(replication).size());
  }
}

TEST_CASE("a run database abandoned before finish leaves no file", "[trace]") {
  const ScratchDirectory directory;
  const models::ScenarioSpec spec =
      models::load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml");
  {
    app::RunDatabase database(directory / "run.db", spec,
                              {"", spec.seed, 2, spec.horizon, spec.warmup, "test"});
    auto recorder = database.recorder(0);
    recorder->on_arrival(0, 0, sim::Time::start());
    database.write_replication(0, *recorder, {});
  }
  CHECK(directory.files().empty());
}

TEST_CASE("a run database refuses observers it did not make", "[trace]") {
  const ScratchDirectory directory;
  const models::ScenarioSpec spec =
      models::load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml");
  app::RunDatabase database(directory / "run.db", spec,
                            {"", spec.seed, 1, spec.horizon, spec.warmup, "test"});
  models::Observer stranger;
  CHECK_THROWS_AS(database.write_replication(0, stranger, {}), sim::UsageError);
}

TEST_CASE("a run database's next recorder has room for the rows of the replications before",
          "[trace]") {
  // Without a written trace to hand back, recorder() reserves room for the largest
  // replication handed over so far, so that recording does not regrow its vectors.
  const ScratchDirectory directory;
  const models::ScenarioSpec spec =
      models::load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml");
  app::RunDatabase database(directory / "run.db", spec,
                            {"", spec.seed, 3, spec.horizon, spec.warmup, "test"});
  const auto first = database.recorder(0);
  CHECK(first->trace().events.capacity() == 0); // nothing handed over yet
  models::RunOptions options;
  options.observer = first.get();
  const sim::KpiSet kpis = models::run_scenario_replication(spec, 0, options);
  const trace::ReplicationTrace& rows = first->trace();
  const std::size_t events = rows.events.size();
  const std::size_t levels = rows.levels.size();
  const std::size_t census = rows.census.size();
  const std::size_t patients = rows.patients.size();
  REQUIRE(events > 1000);
  database.write_replication(0, *first, kpis);
  const auto next = database.recorder(1);
  const trace::ReplicationTrace& room = next->trace();
  CHECK(room.events.empty());
  CHECK(room.levels.empty());
  CHECK(room.events.capacity() >= events);
  CHECK(room.levels.capacity() >= levels);
  CHECK(room.census.capacity() >= census);
  CHECK(room.patients.capacity() >= patients);
}

namespace {

/// Records 4 replications of the general hospital (2 days, with its building) on `threads`
/// threads as `hospsim run --db` does: recorders made on the simulating threads, stored in
/// replication order.
void record_general_hospital(const std::filesystem::path& path, std::size_t threads) {
  const std::string file = HOSPSIM_SOURCE_DIR "/scenarios/general_hospital.yaml";
  const models::ScenarioSpec spec = models::load_scenario(file);
  models::RunOptions options;
  options.horizon = sim::Duration::days(2);
  options.warmup = sim::Duration::hours(12);
  const std::optional<models::Building> building =
      spec.layout ? std::optional<models::Building>(std::in_place, *spec.layout, spec)
                  : std::nullopt;
  options.building = building ? &*building : nullptr;
  constexpr std::size_t replications = 4;
  app::RunDatabase database(path, spec,
                            {file, spec.seed, replications, *options.horizon, *options.warmup,
                             "hospsim run general_hospital.yaml --db run.db"});
  struct Recorded {
    sim::KpiSet kpis;
    std::unique_ptr<models::PatientRecorder> recorder;
  };
  std::vector<sim::KpiSet> results;
  sim::run_replications<Recorded>(
      replications, threads,
      [&](std::uint64_t r) {
        Recorded recorded{{}, database.recorder(r)};
        models::RunOptions own = options;
        own.observer = recorded.recorder.get();
        recorded.kpis = models::run_scenario_replication(spec, r, own);
        return recorded;
      },
      [&](std::uint64_t r, Recorded&& recorded) {
        database.write_replication(r, *recorded.recorder, recorded.kpis);
        results.push_back(std::move(recorded.kpis));
      });
  database.finish(sim::summarise(results));
}

/// Every table's rows in storage order, as the sqlite3 shell prints them (meta without the
/// time the file was made).
std::string every_row(const std::filesystem::path& path) {
  std::string sql;
  for (const std::string_view table : trace::table_names())
    sql += table == "meta" ? std::string("SELECT * FROM meta WHERE key <> 'created_utc';\n")
                           : fmt::format("SELECT '{0}', * FROM {0};\n", table);
  const ShellResult result = run_sqlite3(path, sql);
  REQUIRE(result.status == 0);
  return result.output;
}

} // namespace

TEST_CASE("a run database recorded on two threads holds the same rows as on one", "[trace]") {
  const ScratchDirectory directory;
  record_general_hospital(directory / "one.db", 1);
  record_general_hospital(directory / "two.db", 2);
  const std::string one = every_row(directory / "one.db");
  const std::string two = every_row(directory / "two.db");
  // The rows are there: events, levels and moves of every replication.
  CHECK(one.find("events|3|") != std::string::npos);
  CHECK(one.find("moves|") != std::string::npos);
  CHECK(one.find("time_series|") != std::string::npos);
  CHECK(one.size() > 1'000'000);
  CHECK(one == two);
  const trace::RunDatabaseReader reader(directory / "two.db");
  CHECK(reader.replications() == std::vector<std::uint64_t>{0, 1, 2, 3});
}
