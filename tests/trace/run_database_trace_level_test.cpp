// SPDX-License-Identifier: MIT
// `hospsim run --db-trace N` (app::RunDatabase with RunDatabaseDescription::traced_replications):
// replications 0..N-1 are recorded whole, the others keep their `replications` row, patients and
// KPIs only; the same file for any thread count; the same KPIs as a run without a database.
#include "app/run_database.hpp"
#include "models/hospital/run_recorder.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"
#include "sim/experiment/replication_runner.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fmt/core.h>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>

using namespace hospsim;
using namespace hospsim::trace::testing;

namespace {

constexpr std::uint64_t replications = 3;
constexpr std::uint64_t all = std::numeric_limits<std::uint64_t>::max();

/// The general hospital (it has a layout: moves too) over 3 days, 1 of warm-up.
struct Scenario {
  std::string file = HOSPSIM_SOURCE_DIR "/scenarios/general_hospital.yaml";
  models::ScenarioSpec spec = models::load_scenario(file);
  std::optional<models::Building> building;
  models::RunOptions options;
  Scenario() {
    if (spec.layout)
      building.emplace(*spec.layout, spec);
    options.seed = spec.seed;
    options.horizon = sim::Duration::days(3);
    options.warmup = sim::Duration::days(1);
    options.building = building ? &*building : nullptr;
  }
};

const Scenario& scenario() {
  static const Scenario shared;
  return shared;
}

/// Records the replications as `hospsim run --db run.db --db-trace traced --threads threads`
/// does: one recorder per replication on the simulating thread, stored in replication order.
void record(const std::filesystem::path& path, std::uint64_t traced, std::size_t threads) {
  const Scenario& s = scenario();
  struct Recorded {
    sim::KpiSet kpis;
    std::unique_ptr<models::PatientRecorder> recorder;
  };
  app::RunDatabase database(path, s.spec,
                            {s.file, *s.options.seed, replications, *s.options.horizon,
                             *s.options.warmup, "hospsim run general_hospital.yaml --db run.db",
                             traced});
  std::vector<sim::KpiSet> results;
  sim::run_replications<Recorded>(
      replications, threads,
      [&](std::uint64_t r) {
        Recorded recorded{{}, database.recorder(r)};
        models::RunOptions own = s.options;
        own.observer = recorded.recorder.get();
        recorded.kpis = models::run_scenario_replication(s.spec, r, own);
        return recorded;
      },
      [&](std::uint64_t r, Recorded&& recorded) {
        database.write_replication(r, *recorded.recorder, recorded.kpis);
        results.push_back(std::move(recorded.kpis));
      });
  database.finish(sim::summarise(results));
}

/// Rows of `table` as the sqlite3 shell prints them (meta without created_utc), `where` added.
std::string rows(const std::filesystem::path& database, std::string_view table,
                 const std::string& where = {}) {
  std::string sql = fmt::format("SELECT * FROM {}", table);
  if (table == "meta")
    sql += " WHERE key <> 'created_utc'" + (where.empty() ? std::string() : " AND " + where);
  else if (!where.empty())
    sql += " WHERE " + where;
  const ShellResult result = run_sqlite3(database, sql + ";");
  REQUIRE(result.status == 0);
  return result.output;
}

bool same_value(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

TEST_CASE("With --db-trace 1 a run records replication 0 whole and only patients and KPIs of the others",
          "[trace]") {
  const ScratchDirectory directory;
  const auto full = directory / "full.db";
  const auto one = directory / "one.db";
  record(full, all, 1);
  record(one, 1, 1);

  const trace::RunDatabaseReader full_reader(full), one_reader(one);
  CHECK(full_reader.meta("traced_replications") == "3");
  CHECK(one_reader.meta("traced_replications") == "1");
  CHECK(one_reader.run_info().traced_replications == 1);
  CHECK(one_reader.replications() == std::vector<std::uint64_t>{0, 1, 2});
  CHECK(one_reader.traced(0));
  CHECK_FALSE(one_reader.traced(1));
  CHECK_FALSE(one_reader.traced(2));
  CHECK(full_reader.traced(2));

  // Replication 0: the same rows as with full tracing, table by table.
  for (const std::string_view table : {"events", "time_series", "census", "moves"}) {
    INFO(table);
    const std::string full_rows = rows(full, table, "replication = 0");
    CHECK(full_rows.size() > 0);
    CHECK(rows(one, table, "replication = 0") == full_rows);
    // Replications 1 and 2: none of them in the traced file, some in the full one.
    CHECK_FALSE(rows(full, table, "replication > 0").empty());
    CHECK(rows(one, table, "replication > 0").empty());
  }
  CHECK(rows(one, "replications", "replication = 0") ==
        rows(full, "replications", "replication = 0"));
  // Their replications rows say 0 of each.
  CHECK(rows(one, "replications",
             "replication > 0 AND (events > 0 OR time_series > 0 OR "
             "census > 0 OR moves > 0 OR longest_move_ms > 0)")
            .empty());
  const std::string patients_per_replication =
      "SELECT replication, patients FROM replications ORDER BY 1;";
  CHECK(run_sqlite3(one, patients_per_replication).output ==
        run_sqlite3(full, patients_per_replication).output);
  // Every replication: the same patients and KPIs as with full tracing.
  for (const std::string_view table : {"patients", "kpis", "kpi_summary", "resources", "classes",
                                       "steps", "floors", "rooms", "nodes", "edges", "units"}) {
    INFO(table);
    CHECK_FALSE(rows(full, table).empty());
    CHECK(rows(one, table) == rows(full, table));
  }
  for (std::uint64_t r = 0; r < replications; ++r) {
    CHECK(one_reader.patients(r).size() == full_reader.patients(r).size());
    CHECK(one_reader.patients(r).size() > 100);
  }
  CHECK(rows(one, "replications", "replication > 0") !=
        rows(full, "replications", "replication > 0"));
  // The meta table differs in traced_replications alone.
  CHECK(rows(one, "meta", "key <> 'traced_replications'") ==
        rows(full, "meta", "key <> 'traced_replications'"));
}

TEST_CASE("With --db-trace 0 a run records no trace, and with --db-trace beyond the replications every trace",
          "[trace]") {
  const ScratchDirectory directory;
  record(directory / "none.db", 0, 1);
  record(directory / "many.db", 7, 1);
  record(directory / "full.db", all, 1);
  const trace::RunDatabaseReader none(directory / "none.db");
  CHECK(none.meta("traced_replications") == "0");
  for (const std::string_view table : {"events", "time_series", "census", "moves"}) {
    INFO(table);
    CHECK(none.count_rows(table) == 0);
  }
  CHECK(none.count_rows("patients") > 300);
  CHECK(rows(directory / "none.db", "patients") == rows(directory / "full.db", "patients"));
  CHECK(rows(directory / "none.db", "kpis") == rows(directory / "full.db", "kpis"));
  CHECK_FALSE(none.traced(0));
  // 7 >= 3 replications: all traced, stored as 3; otherwise the same file as the default.
  CHECK(trace::RunDatabaseReader(directory / "many.db").meta("traced_replications") == "3");
  for (const std::string_view table : trace::table_names()) {
    INFO(table);
    CHECK(rows(directory / "many.db", table) == rows(directory / "full.db", table));
  }
}

TEST_CASE("With --db-trace 1 a run gives the same file with 1 and 2 threads, every table", "[trace]") {
  const ScratchDirectory directory;
  record(directory / "one-thread.db", 1, 1);
  record(directory / "two-threads.db", 1, 2);
  for (const std::string_view table : trace::table_names()) {
    INFO(table);
    CHECK(rows(directory / "two-threads.db", table) == rows(directory / "one-thread.db", table));
  }
}

TEST_CASE("With --db-trace 1 a run stores the KPIs of a run without a database, to the last bit", "[trace]") {
  const ScratchDirectory directory;
  record(directory / "run.db", 1, 2);
  const trace::RunDatabaseReader reader(directory / "run.db");
  const Scenario& s = scenario();
  for (std::uint64_t r = 0; r < replications; ++r) {
    const sim::KpiSet plain = models::run_scenario_replication(s.spec, r, s.options);
    const std::vector<trace::KpiRow> stored = reader.kpis(r);
    REQUIRE(stored.size() == plain.size());
    std::size_t i = 0;
    for (const sim::Kpi& kpi : plain) {
      INFO("replication " << r << ": " << kpi.name);
      CHECK(stored[i].name == kpi.name);
      CHECK(same_value(stored[i].value, kpi.value));
      ++i;
    }
  }
}

TEST_CASE("a replication beyond --db-trace gets a patients-only recorder, whatever the order",
          "[trace]") {
  const ScratchDirectory directory;
  const Scenario& s = scenario();
  app::RunDatabase database(
      directory / "run.db", s.spec,
      {s.file, *s.options.seed, replications, *s.options.horizon, *s.options.warmup, "test", 1});
  CHECK(database.traced(0));
  CHECK_FALSE(database.traced(1));
  std::vector<sim::KpiSet> results(replications);
  // Stored last first: which replications are traced depends on their numbers alone.
  for (std::uint64_t r = replications; r-- > 0;) {
    const auto recorder = database.recorder(r);
    CHECK((dynamic_cast<const models::RunRecorder*>(recorder.get()) != nullptr) == (r == 0));
    models::RunOptions own = s.options;
    own.observer = recorder.get();
    results[r] = models::run_scenario_replication(s.spec, r, own);
    if (r > 0) {
      CHECK(recorder->trace().events.empty());
      CHECK(recorder->trace().levels.empty());
      CHECK(recorder->trace().census.empty());
      CHECK(recorder->trace().moves.empty());
      CHECK(recorder->trace().patients.size() > 100);
    }
    database.write_replication(r, *recorder, results[r]);
  }
  // A patients-only recorder for a traced replication would lose its trace: refused.
  models::PatientRecorder patients_only;
  CHECK_THROWS_AS(database.write_replication(0, patients_only, results[0]), sim::UsageError);
  database.finish(sim::summarise(results));
  const trace::RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.count_rows("events") > 1000);
  std::size_t events_of_1 = 0;
  reader.for_each_event(1, [&](const trace::EventRecord&) { ++events_of_1; });
  CHECK(events_of_1 == 0);
  CHECK(reader.moves(2).moves.empty());
  CHECK_FALSE(reader.census_at(1, 86'400'000).has_value());
  CHECK(reader.census_at(0, 86'400'000).has_value());
}

TEST_CASE("a whole recorder of an untraced replication has its trace dropped", "[trace]") {
  const ScratchDirectory directory;
  const Scenario& s = scenario();
  sim::KpiSet kpis;
  {
    app::RunDatabase database(
        directory / "run.db", s.spec,
        {s.file, *s.options.seed, 1, *s.options.horizon, *s.options.warmup, "test", 0});
    models::RunRecorder whole;
    models::RunOptions own = s.options;
    own.observer = &whole;
    kpis = models::run_scenario_replication(s.spec, 0, own);
    CHECK_FALSE(whole.trace().events.empty());
    database.write_replication(0, whole, kpis);
    database.finish(sim::summarise(std::vector<sim::KpiSet>{kpis}));
  }
  const trace::RunDatabaseReader reader(directory / "run.db");
  CHECK(reader.count_rows("events") == 0);
  CHECK(reader.count_rows("time_series") == 0);
  CHECK(reader.count_rows("patients") > 100);
}

namespace {

/// Counts the hooks it hears; hears_resources() as told.
class CountingObserver final : public models::Observer {
public:
  explicit CountingObserver(bool resources) : resources_(resources) {}
  bool hears_resources() const override { return resources_; }
  void on_arrival(std::uint64_t, std::size_t, sim::Time) override { ++arrivals; }
  void on_departure(std::uint64_t, std::size_t, sim::Time, bool) override { ++departures; }
  void on_levels(std::size_t, sim::Time, const models::ResourceLevels&) override { ++levels; }
  void on_capacity_change(std::size_t, std::size_t, sim::Time) override { ++capacity_changes; }
  void on_move(models::MoverKind, std::uint64_t, std::size_t, std::size_t, std::size_t, sim::Time,
               sim::Time, double, std::span<const std::uint32_t>) override {
    ++moves;
  }
  std::size_t arrivals = 0, departures = 0, levels = 0, capacity_changes = 0, moves = 0;

private:
  bool resources_;
};

} // namespace

TEST_CASE("an observer that does not hear resources gets the patients' hooks and no levels, "
          "capacity changes or moves, and the KPIs do not change",
          "[trace]") {
  const Scenario& s = scenario();
  CountingObserver everything(true), patients(false);
  models::RunOptions options = s.options;
  options.observer = &everything;
  const sim::KpiSet with_everything = models::run_scenario_replication(s.spec, 1, options);
  options.observer = &patients;
  const sim::KpiSet with_patients = models::run_scenario_replication(s.spec, 1, options);
  const sim::KpiSet without = models::run_scenario_replication(s.spec, 1, s.options);
  CHECK(everything.levels > 1000);
  CHECK(everything.capacity_changes > 10);
  CHECK(everything.moves > 100);
  CHECK(patients.levels == 0);
  CHECK(patients.capacity_changes == 0);
  CHECK(patients.moves == 0);
  CHECK(patients.arrivals == everything.arrivals);
  CHECK(patients.departures == everything.departures);
  CHECK(patients.arrivals > 100);
  REQUIRE(with_patients.size() == without.size());
  REQUIRE(with_everything.size() == without.size());
  auto a = with_patients.begin();
  auto b = with_everything.begin();
  for (const sim::Kpi& kpi : without) {
    INFO(kpi.name);
    CHECK(same_value(a->value, kpi.value));
    CHECK(same_value(b->value, kpi.value));
    ++a;
    ++b;
  }
}
