// SPDX-License-Identifier: MIT
// RunRecorder against the model's own KPIs: what the run database says about a replication of
// a shipped scenario must add up to exactly what the KPIs report.
#include "models/hospital/run_recorder.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <optional>

using namespace hospsim;
using namespace hospsim::models;
using trace::EventKind;

namespace {

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  FAIL("no KPI named " << name);
  return 0;
}

/// Time average over [from, to) of a step function given as (time, value) rows in time order.
template <class Rows, class Value>
double time_average(const Rows& rows, std::int64_t from, std::int64_t to, Value value) {
  double area = 0;
  double level = 0;
  std::int64_t at = from;
  for (const auto& row : rows) {
    if (row.time_ms > from) {
      area += level * static_cast<double>(std::min(row.time_ms, to) - at);
      at = std::min(row.time_ms, to);
    }
    level = value(row);
  }
  area += level * static_cast<double>(to - at);
  return area / static_cast<double>(to - from);
}

struct Recorded {
  ScenarioSpec spec;
  RunRecorder recorder;
  sim::KpiSet kpis;
  std::int64_t warmup_ms = 0;
  std::int64_t horizon_ms = 0;
};

void record(Recorded& run, const char* scenario, sim::Duration horizon, sim::Duration warmup) {
  run.spec = load_scenario(std::string(HOSPSIM_SOURCE_DIR "/scenarios/") + scenario);
  RunOptions options;
  options.horizon = horizon;
  options.warmup = warmup;
  options.observer = &run.recorder;
  run.kpis = run_scenario_replication(run.spec, 0, options);
  run.warmup_ms = warmup.count_ms();
  run.horizon_ms = horizon.count_ms();
}

void check_against_kpis(const Recorded& run) {
  const trace::ReplicationTrace& trace = run.recorder.trace();
  const ScenarioSpec& spec = run.spec;

  // Patients: numbered 0..n-1; one arrive event each; counts after the warm-up match the KPIs.
  std::size_t arrive_events = 0;
  for (const trace::EventRecord& e : trace.events)
    arrive_events += e.kind == EventKind::Arrive ? 1 : 0;
  CHECK(arrive_events == trace.patients.size());
  for (std::size_t c = 0; c < spec.classes.size(); ++c) {
    std::map<trace::PatientOutcome, double> counted;
    double arrivals = 0;
    for (const trace::PatientRecord& p : trace.patients)
      if (p.class_index == c && p.arrival_ms >= run.warmup_ms) {
        ++arrivals;
        ++counted[p.outcome];
      }
    const std::string prefix = "class." + spec.classes[c].name;
    INFO(prefix);
    CHECK(arrivals == kpi(run.kpis, prefix + ".arrivals"));
    CHECK(counted[trace::PatientOutcome::Completed] == kpi(run.kpis, prefix + ".completed"));
    CHECK(counted[trace::PatientOutcome::LeftWithoutBeingSeen] ==
          kpi(run.kpis, prefix + ".left_without_being_seen.count"));
    CHECK(counted[trace::PatientOutcome::Balked] == kpi(run.kpis, prefix + ".balked.count"));
  }

  // Events come in time order; every patient's first event is its arrival, its last (if it
  // left) its departure; it gives back exactly what it took.
  std::vector<std::map<std::int64_t, int>> held(trace.patients.size());
  std::vector<EventKind> last_kind(trace.patients.size(), EventKind::Arrive);
  std::vector<bool> seen(trace.patients.size(), false);
  std::int64_t last_time = 0;
  for (const trace::EventRecord& e : trace.events) {
    REQUIRE(e.time_ms >= last_time);
    last_time = e.time_ms;
    if (e.patient == trace::no_value)
      continue;
    const auto p = static_cast<std::size_t>(e.patient);
    REQUIRE(p < trace.patients.size());
    CHECK((e.kind == EventKind::Arrive) == !seen[p]);
    if (!seen[p])
      CHECK(e.time_ms == trace.patients[p].arrival_ms);
    seen[p] = true;
    CHECK(last_kind[p] != EventKind::Depart);
    last_kind[p] = e.kind;
    if (e.kind == EventKind::Seize)
      ++held[p][e.resource];
    if (e.kind == EventKind::Release)
      CHECK(--held[p][e.resource] >= 0);
  }
  std::size_t departed = 0;
  for (std::size_t p = 0; p < trace.patients.size(); ++p) {
    const bool gone = trace.patients[p].outcome != trace::PatientOutcome::InSystem;
    CHECK(gone == (last_kind[p] == EventKind::Depart));
    CHECK(gone == (trace.patients[p].departure_ms != trace::no_value));
    if (gone) {
      ++departed;
      for (const auto& [resource, units] : held[p])
        CHECK(units == 0);
    }
  }
  CHECK(departed > 0);

  // Census: patients present and queueing; its time average is the KPI's.
  REQUIRE_FALSE(trace.census.empty());
  CHECK(trace.census.back().in_system == trace.patients.size() - departed);
  for (std::size_t i = 1; i < trace.census.size(); ++i)
    CHECK(trace.census[i].time_ms > trace.census[i - 1].time_ms);
  CHECK(time_average(trace.census, run.warmup_ms, run.horizon_ms, [](const trace::CensusRecord& r) {
          return static_cast<double>(r.in_system);
        }) == Approx(kpi(run.kpis, "hospital.in_system.mean")).epsilon(1e-9));

  // Time series: one row per resource per change, in time order, starting at time 0; the time
  // averages of queue length and of units held by patients are the KPIs'.
  std::vector<std::vector<trace::LevelRecord>> by_resource(spec.resources.size());
  for (const trace::LevelRecord& row : trace.levels) {
    REQUIRE(row.resource < spec.resources.size());
    auto& rows = by_resource[row.resource];
    if (rows.empty())
      CHECK(row.time_ms == 0);
    else
      CHECK(row.time_ms > rows.back().time_ms);
    CHECK(row.cleaning + row.under_repair <= row.in_use);
    rows.push_back(row);
  }
  const double hours = static_cast<double>(run.horizon_ms - run.warmup_ms) / 3'600'000.0;
  for (std::size_t r = 0; r < spec.resources.size(); ++r) {
    const std::string prefix = "resource." + spec.resources[r].name;
    INFO(prefix);
    REQUIRE_FALSE(by_resource[r].empty());
    CHECK(time_average(
              by_resource[r], run.warmup_ms, run.horizon_ms,
              [](const trace::LevelRecord& l) { return static_cast<double>(l.queue_length); }) ==
          Approx(kpi(run.kpis, prefix + ".queue_length.mean")).epsilon(1e-9).margin(1e-12));
    const double busy =
        hours * time_average(by_resource[r], run.warmup_ms, run.horizon_ms,
                             [](const trace::LevelRecord& l) {
                               return static_cast<double>(l.in_use - l.cleaning - l.under_repair);
                             });
    CHECK(busy == Approx(kpi(run.kpis, prefix + ".busy_hours")).epsilon(1e-9).margin(1e-9));
  }
}

} // namespace

TEST_CASE("the recorder's rows add up to the emergency department's KPIs", "[trace]") {
  Recorded run;
  record(run, "emergency_department.yaml", sim::Duration::days(4), sim::Duration::days(1));
  check_against_kpis(run);
}

TEST_CASE("the recorder's rows add up to the imaging department's KPIs, failures included",
          "[trace]") {
  Recorded run;
  record(run, "imaging_department.yaml", sim::Duration::days(14), sim::Duration::days(2));
  check_against_kpis(run);
  std::size_t failures = 0;
  std::size_t repairs = 0;
  std::size_t capacity_changes = 0;
  for (const trace::EventRecord& e : run.recorder.trace().events) {
    failures += e.kind == EventKind::Failure ? 1 : 0;
    repairs += e.kind == EventKind::Repair ? 1 : 0;
    capacity_changes += e.kind == EventKind::CapacityChange ? 1 : 0;
  }
  std::size_t failing_units = 0;
  for (const ResourceSpec& resource : run.spec.resources)
    failing_units += resource.failures ? resource.count : 0;
  CHECK(failures > 0);
  CHECK(repairs <= failures);
  CHECK(failures - repairs <= failing_units); // each unit: at most one repair still going on
  CHECK(capacity_changes > 0);
}

TEST_CASE("a run without a recorder gives the same KPIs as a recorded run", "[trace]") {
  const ScenarioSpec spec =
      load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(2);
  options.warmup = sim::Duration::hours(12);
  const sim::KpiSet plain = run_scenario_replication(spec, 3, options);
  RunRecorder recorder;
  options.observer = &recorder;
  const sim::KpiSet recorded = run_scenario_replication(spec, 3, options);
  REQUIRE(plain.size() == recorded.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    INFO(plain[i].name);
    CHECK((plain[i].value == recorded[i].value ||
           (std::isnan(plain[i].value) && std::isnan(recorded[i].value))));
  }
}

TEST_CASE("describe_run lists the scenario's resources and pathway steps", "[trace]") {
  const ScenarioSpec spec =
      load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml");
  const trace::RunInfo info = describe_run(spec);
  CHECK(info.scenario_name == spec.name);
  REQUIRE(info.resources.size() == spec.resources.size());
  for (std::size_t r = 0; r < spec.resources.size(); ++r) {
    CHECK(info.resources[r].name == spec.resources[r].name);
    CHECK(info.resources[r].units > 0);
  }
  REQUIRE(info.classes.size() == spec.classes.size());
  CHECK_FALSE(info.classes[0].steps.empty());
}

namespace {

/// Every row of `a` and `b` equal, field by field.
void check_same_rows(const trace::ReplicationTrace& a, const trace::ReplicationTrace& b) {
  REQUIRE(a.patients.size() == b.patients.size());
  REQUIRE(a.events.size() == b.events.size());
  REQUIRE(a.levels.size() == b.levels.size());
  REQUIRE(a.census.size() == b.census.size());
  REQUIRE(a.moves.size() == b.moves.size());
  CHECK(a.move_paths == b.move_paths);
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.patients.size(); ++i) {
    const trace::PatientRecord& x = a.patients[i];
    const trace::PatientRecord& y = b.patients[i];
    differing += x.patient != y.patient || x.class_index != y.class_index ||
                 x.arrival_ms != y.arrival_ms || x.departure_ms != y.departure_ms ||
                 x.outcome != y.outcome;
  }
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    const trace::EventRecord& x = a.events[i];
    const trace::EventRecord& y = b.events[i];
    const bool same_value = x.value == y.value || (std::isnan(x.value) && std::isnan(y.value));
    differing += x.time_ms != y.time_ms || x.kind != y.kind || x.patient != y.patient ||
                 x.resource != y.resource || x.step != y.step || !same_value || x.unit != y.unit;
  }
  for (std::size_t i = 0; i < a.levels.size(); ++i) {
    const trace::LevelRecord& x = a.levels[i];
    const trace::LevelRecord& y = b.levels[i];
    differing += x.time_ms != y.time_ms || x.resource != y.resource || x.in_use != y.in_use ||
                 x.capacity != y.capacity || x.queue_length != y.queue_length ||
                 x.cleaning != y.cleaning || x.under_repair != y.under_repair;
  }
  for (std::size_t i = 0; i < a.census.size(); ++i)
    differing += a.census[i].time_ms != b.census[i].time_ms ||
                 a.census[i].in_system != b.census[i].in_system ||
                 a.census[i].queueing != b.census[i].queueing;
  for (std::size_t i = 0; i < a.moves.size(); ++i) {
    const trace::MoveRecord& x = a.moves[i];
    const trace::MoveRecord& y = b.moves[i];
    differing += x.agent_kind != y.agent_kind || x.agent != y.agent || x.resource != y.resource ||
                 x.from_room != y.from_room || x.to_room != y.to_room || x.start_ms != y.start_ms ||
                 x.end_ms != y.end_ms || x.distance_m != y.distance_m ||
                 x.first_path_node != y.first_path_node || x.path_nodes != y.path_nodes;
  }
  CHECK(differing == 0);
}

} // namespace

TEST_CASE("a recorder reusing a written trace records the same rows as a fresh one", "[trace]") {
  // The run database hands written traces back to new recorders (app/run_database.cpp): their
  // old rows must all go, whatever their sizes, and the new ones be the same.
  const ScenarioSpec spec = load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/general_hospital.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(2);
  options.warmup = sim::Duration::hours(12);
  const std::optional<Building> building =
      spec.layout ? std::optional<Building>(std::in_place, *spec.layout, spec) : std::nullopt;
  options.building = building ? &*building : nullptr;
  const auto record = [&](std::uint64_t replication, RunRecorder& recorder) {
    RunOptions own = options;
    own.observer = &recorder;
    run_scenario_replication(spec, replication, own);
    return recorder.take_trace();
  };
  RunRecorder fresh_0;
  trace::ReplicationTrace first = record(0, fresh_0);
  RunRecorder fresh_1;
  const trace::ReplicationTrace expected = record(1, fresh_1);
  REQUIRE(first.events.size() > 1000);
  REQUIRE_FALSE(first.moves.empty());
  REQUIRE(first.events.size() != expected.events.size()); // a different replication
  const std::size_t capacity = first.events.capacity();
  RunRecorder reusing(std::move(first));
  CHECK(reusing.trace().events.empty());
  CHECK(reusing.trace().patients.empty());
  CHECK(reusing.trace().moves.empty());
  CHECK(reusing.trace().events.capacity() == capacity);
  const trace::ReplicationTrace again = record(1, reusing);
  check_same_rows(again, expected);
}

TEST_CASE("a patients recorder keeps the whole recorder's patients rows and nothing else",
          "[trace]") {
  // `--db-trace N` records replications from N on with a PatientRecorder: it must agree with a
  // RunRecorder of the same replication on every patient (outcomes included), hear none of the
  // resources' hooks, and start afresh after take_trace().
  const ScenarioSpec spec = load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/emergency_department.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(3);
  options.warmup = sim::Duration::days(1);
  const auto record = [&](PatientRecorder& recorder) {
    RunOptions own = options;
    own.observer = &recorder;
    run_scenario_replication(spec, 0, own);
    return recorder.take_trace();
  };
  RunRecorder whole;
  PatientRecorder patients;
  CHECK(whole.hears_resources());
  CHECK_FALSE(patients.hears_resources());
  const trace::ReplicationTrace expected = record(whole);
  const trace::ReplicationTrace kept = record(patients);
  REQUIRE(expected.patients.size() > 100);
  REQUIRE(kept.patients.size() == expected.patients.size());
  for (std::size_t i = 0; i < kept.patients.size(); ++i) {
    const trace::PatientRecord& a = kept.patients[i];
    const trace::PatientRecord& b = expected.patients[i];
    INFO("patient " << i);
    CHECK(a.patient == b.patient);
    CHECK(a.class_index == b.class_index);
    CHECK(a.arrival_ms == b.arrival_ms);
    CHECK(a.departure_ms == b.departure_ms);
    CHECK(a.outcome == b.outcome);
  }
  CHECK(kept.events.empty());
  CHECK(kept.levels.empty());
  CHECK(kept.census.empty());
  CHECK(kept.moves.empty());
  CHECK(patients.trace().patients.empty());
  CHECK(record(patients).patients.size() == expected.patients.size());

  // No shipped scenario balks: the three outcomes of a patient who leaves, told directly.
  const sim::Time t0 = sim::Time::start();
  const sim::Time t1 = t0 + sim::Duration::minutes(7);
  for (PatientRecorder* recorder : {static_cast<PatientRecorder*>(&whole), &patients}) {
    for (std::uint64_t p = 0; p < 3; ++p)
      recorder->on_arrival(p, p, t0);
    recorder->on_left(0, 0, 0, t1, true);
    recorder->on_departure(0, 0, t1, true);
    recorder->on_left(1, 1, 0, t1, false);
    recorder->on_departure(1, 1, t1, true);
    recorder->on_departure(2, 2, t1, false);
    const std::vector<trace::PatientRecord>& rows = recorder->trace().patients;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].outcome == trace::PatientOutcome::Balked);
    CHECK(rows[1].outcome == trace::PatientOutcome::LeftWithoutBeingSeen);
    CHECK(rows[2].outcome == trace::PatientOutcome::Completed);
    CHECK(rows[2].class_index == 2);
    CHECK(rows[2].departure_ms == t1.count_ms());
  }
}

TEST_CASE("several changes at the same millisecond leave one time series and census row, the "
          "last",
          "[trace]") {
  RunRecorder recorder;
  const sim::Time start = sim::Time::start();
  const sim::Time later = start + sim::Duration::milliseconds(5);
  // Resource 1's change between two of resource 0's at the same millisecond: each resource
  // keeps its own last row at that millisecond.
  recorder.on_levels(0, start, ResourceLevels{0, 2, 0, 0, 0});
  recorder.on_levels(1, start, ResourceLevels{0, 4, 0, 0, 0});
  recorder.on_levels(0, start, ResourceLevels{1, 2, 3, 0, 0});
  recorder.on_levels(0, later, ResourceLevels{2, 2, 1, 1, 0});
  recorder.on_levels(1, later, ResourceLevels{1, 4, 0, 0, 1});
  recorder.on_levels(1, later, ResourceLevels{1, 3, 0, 0, 1});
  recorder.on_arrival(0, 0, start);
  recorder.on_arrival(1, 0, start);
  recorder.on_queue(1, 0, 0, start);
  recorder.on_arrival(2, 0, later);
  recorder.on_queue(2, 0, 0, later);
  recorder.on_step_start(1, 0, 0, start, later);
  const trace::ReplicationTrace& trace = recorder.trace();
  REQUIRE(trace.levels.size() == 4);
  const auto same = [](const trace::LevelRecord& row, std::int64_t time, std::uint32_t resource,
                       std::uint32_t in_use, std::uint32_t capacity, std::uint32_t queue,
                       std::uint32_t cleaning, std::uint32_t repair) {
    return row.time_ms == time && row.resource == resource && row.in_use == in_use &&
           row.capacity == capacity && row.queue_length == queue && row.cleaning == cleaning &&
           row.under_repair == repair;
  };
  CHECK(same(trace.levels[0], 0, 0, 1, 2, 3, 0, 0));
  CHECK(same(trace.levels[1], 0, 1, 0, 4, 0, 0, 0));
  CHECK(same(trace.levels[2], 5, 0, 2, 2, 1, 1, 0));
  CHECK(same(trace.levels[3], 5, 1, 1, 3, 0, 0, 1));
  REQUIRE(trace.census.size() == 2);
  CHECK(trace.census[0].time_ms == 0);
  CHECK(trace.census[0].in_system == 2);
  CHECK(trace.census[0].queueing == 1);
  CHECK(trace.census[1].time_ms == 5);
  CHECK(trace.census[1].in_system == 3);
  CHECK(trace.census[1].queueing == 1); // patient 2 queues, patient 1 starts
  CHECK(trace.events.size() == 6);
  CHECK(trace.events.back().kind == EventKind::StartStep);
  CHECK(trace.events.back().value == 5);
}
