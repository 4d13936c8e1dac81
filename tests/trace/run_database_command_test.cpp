// SPDX-License-Identifier: MIT
// app::RunDatabase, what `hospsim run --db` uses: a whole recorded run, abandoned runs, and
// observers it did not make.
#include "app/run_database.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>

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
