// SPDX-License-Identifier: MIT
// Drills at run time: no drill changes nothing, a surge rule fires when its trigger is crossed
// and acts after its delay, evacuation times follow the routes and the escorts, incidents.
#include "models/hospital/run_recorder.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_writer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;

namespace {

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  FAIL("no KPI " << name);
  return 0;
}

const std::string clinic = R"(name: clinic
horizon: 2 d
seed: 11
units: {ed: {kind: emergency}}
resources:
  doctor: {unit: ed, count: 2}
  bay: {kind: bed, unit: ed, count: 3}
pathways:
  visit:
    steps:
      see: {needs: [doctor, bay], duration: {exponential: {mean: 20 min}}, door_to_treatment: true}
classes:
  walk_in: {arrivals: {per_hour: 4}, pathway: visit}
  casualty_red: {arrivals: {per_hour: 0}, pathway: visit, acuity: {1: 1}}
  casualty_green: {arrivals: {per_hour: 0}, pathway: visit}
)";

/// Records capacity changes and service starts.
struct Recorder : Observer {
  std::vector<std::pair<sim::Time, std::size_t>> capacity; // of resource 0
  std::vector<sim::Time> starts;
  void on_capacity_change(std::size_t resource, std::size_t level, sim::Time time) override {
    if (resource == 0)
      capacity.emplace_back(time, level);
  }
  void on_step_start(std::uint64_t, std::size_t, std::size_t, sim::Time,
                     sim::Time served) override {
    starts.push_back(served);
  }
};

} // namespace

TEST_CASE("a drill scenario whose rules never fire gives its base scenario's results") {
  const ScenarioSpec base = load_scenario_text(clinic, "base.yaml");
  const ScenarioSpec drill = load_scenario_text(clinic + R"(
surge:
  never:
    trigger: {queue: doctor, threshold: 10000, for: 1 h}
    delay: 30 min
    actions: [{do: open, resource: bay, units: 5}]
)",
                                                "drill.yaml");
  REQUIRE(drill.drills.surge.size() == 1);
  // A discharge action watches the stays (the bay is held at the pathway's last step): while
  // its rule does not fire, nothing changes either.
  const ScenarioSpec watching = load_scenario_text(clinic + R"(
surge:
  never:
    trigger: {queue: doctor, threshold: 10000, for: 1 h}
    actions: [{do: discharge, resource: bay, to: doctor, patients: 2}]
)",
                                                   "watching.yaml");
  for (std::uint64_t replication : {0u, 1u}) {
    const sim::KpiSet a = run_scenario_replication(base, replication);
    const sim::KpiSet b = run_scenario_replication(watching, replication);
    for (const sim::Kpi& k : a) {
      INFO(k.name);
      // The watched stays wait on one more event each (their cut): more events, same results.
      if (!std::isnan(k.value) && k.name != "simulation.events")
        CHECK(kpi(b, k.name) == k.value);
    }
    CHECK(kpi(b, "drill.surge.never.early_discharges") == 0);
  }
  for (std::uint64_t replication : {0u, 1u}) {
    const sim::KpiSet a = run_scenario_replication(base, replication);
    const sim::KpiSet b = run_scenario_replication(drill, replication);
    REQUIRE(b.size() > a.size());
    for (const sim::Kpi& k : a) {
      INFO(k.name);
      if (!std::isnan(k.value))
        CHECK(kpi(b, k.name) == k.value);
    }
    CHECK(kpi(b, "drill.surge.never.fired") == 0);
  }
}

TEST_CASE("a surge rule fires when its trigger has held its time and acts after its delay") {
  // Three patients at 08:00 for two beds held 10 h: one queues from 08:00. The rule watches
  // the queue (>= 1 for 30 min: fires 08:30) and opens a bed 15 min later (08:45).
  const std::string text = R"(name: surge
horizon: 1 d
units: {ward: {kind: ward}}
resources:
  bed: {kind: bed, unit: ward, count: 2}
pathways:
  stay: {steps: {lie: {needs: bed, duration: 10 h}}}
classes:
  booked: {appointments: {slots: [{time: "08:00", patients: 3}]}, pathway: stay}
surge:
  open_escalation_bed:
    trigger: {queue: bed, threshold: 1, for: 30 min}
    delay: 15 min
    actions: [{do: open, resource: bed, units: 1}]
)";
  const ScenarioSpec spec = load_scenario_text(text, "surge.yaml");
  Recorder recorder;
  RunOptions options;
  options.observer = &recorder;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  const sim::Time eight = sim::Time::start() + sim::Duration::hours(8);
  CHECK(kpi(kpis, "drill.surge.open_escalation_bed.fired") == 1);
  CHECK(kpi(kpis, "drill.surge.open_escalation_bed.fired_at") == 8.5);
  REQUIRE(recorder.capacity.size() == 1);
  CHECK(recorder.capacity[0].first == eight + sim::Duration::minutes(45));
  CHECK(recorder.capacity[0].second == 3);
  REQUIRE(recorder.starts.size() == 3);
  CHECK(recorder.starts[2] == eight + sim::Duration::minutes(45));

  SECTION("the run database holds the firing and the actions as drill events") {
    RunRecorder recorder2;
    RunOptions o;
    o.observer = &recorder2;
    run_scenario_replication(spec, 0, o);
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / "hospsim_drill_surge_events.db";
    std::filesystem::remove(file);
    {
      trace::RunDatabaseWriter writer(file, describe_run(spec));
      writer.write_replication(0, recorder2.trace(), {});
      writer.finish({});
    }
    std::vector<std::pair<std::string, std::int64_t>> drill_events;
    trace::RunDatabaseReader(file).for_each_event(0, [&](const trace::EventRecord& event) {
      if (event.kind == trace::EventKind::SurgeFired ||
          event.kind == trace::EventKind::SurgeActions ||
          event.kind == trace::EventKind::CapacityChange)
        drill_events.emplace_back(std::string(trace::to_string(event.kind)), event.time_ms);
    });
    std::filesystem::remove(file);
    const std::int64_t fired = (eight + sim::Duration::minutes(30)).count_ms();
    const std::int64_t effect = (eight + sim::Duration::minutes(45)).count_ms();
    CHECK(drill_events ==
          std::vector<std::pair<std::string, std::int64_t>>{
              {"surge_fired", fired}, {"surge_actions", effect}, {"capacity_change", effect}});
  }
  SECTION("with a longer hold time it fires later") {
    ScenarioSpec later = spec;
    later.drills.surge[0].trigger.sustained = sim::Duration::hours(2);
    const sim::KpiSet k = run_scenario_replication(later, 0);
    CHECK(kpi(k, "drill.surge.open_escalation_bed.fired_at") == 10);
  }
  SECTION("without the rule (--without) the third patient waits for a bed to be vacated") {
    ScenarioSpec without = spec;
    without.drills = without_rules(spec.drills, {"open_escalation_bed"});
    Recorder plain;
    RunOptions o;
    o.observer = &plain;
    run_scenario_replication(without, 0, o);
    REQUIRE(plain.starts.size() == 3);
    CHECK(plain.starts[2] == eight + sim::Duration::hours(10));
    CHECK_THROWS_WITH(without_rules(spec.drills, {"nope"}),
                      Catch::Contains("no surge rule of that name"));
  }
}

namespace {

/// A ward on the third floor of a 60 m corridor with a safe compartment at its far end
/// (x = 90 m) and stairs/lift down to the ground floor.
std::string ward(const std::string& evacuation) {
  return R"(name: ward fire
horizon: 1 d
units: {ward: {kind: ward}, safe: {kind: other}}
resources:
  bed: {kind: bed, unit: ward, count: 8}
pathways:
  stay: {steps: {lie: {needs: bed, duration: 20 h}}}
classes:
  inpatient: {arrivals: {per_hour: 0}, pathway: stay}
layout:
  floors: {ground: {elevation: 0 m}, third: {elevation: 12 m}}
  nodes:
    w0: {floor: third, x: 0 m, y: 0 m}
    w30: {floor: third, x: 30 m, y: 0 m}
    w60: {floor: third, x: 60 m, y: 0 m}
    w90: {floor: third, x: 90 m, y: 0 m}
    g0: {floor: ground, x: 0 m, y: 0 m}
    g20: {floor: ground, x: 20 m, y: 0 m}
  edges:
    - {from: w0, to: w30}
    - {from: w30, to: w60}
    - {from: w60, to: w90}
    - {from: g0, to: g20}
  lifts:
    main: {stops: {ground: g0, third: w0}, speed: 1 m/s, door_time: 10 s}
  stairs:
    west: {stops: {ground: g0, third: w0}}
  rooms:
    bay_west: {floor: third, unit: ward, x: 0 m, y: 2 m, width: 10 m, depth: 8 m, door: w0, holds: {bed: 4}}
    bay_mid: {floor: third, unit: ward, x: 30 m, y: 2 m, width: 10 m, depth: 8 m, door: w30, holds: {bed: 4}}
    compartment: {floor: third, unit: safe, x: 90 m, y: 2 m, width: 10 m, depth: 8 m, door: w90}
    street: {floor: ground, x: 20 m, y: 2 m, width: 10 m, depth: 8 m, door: g20, entrance: true}
  speeds: {walking: 1.2 m/s, wheelchair: 0.9 m/s, bed: 0.8 m/s, stairs: 0.5 m/s}
)" + evacuation;
}

double last_out_ms(const std::string& evacuation) {
  const ScenarioSpec spec = load_scenario_text(ward(evacuation), "ward.yaml");
  const sim::KpiSet kpis = run_scenario_replication(spec, 0);
  return std::round(kpi(kpis, "drill.evacuation.fire.last_out") * 60'000.0);
}

} // namespace

TEST_CASE("walking patients are all out after the longest route over walking speed") {
  // Patients in both bays; the farthest (bay_west, 90 m from the compartment) sets the time.
  const double ms = last_out_ms(R"(evacuation:
  fire: {unit: ward, at: 3 h, to: compartment, patients: 6, mobility: {walking: 1}}
)");
  CHECK(ms == std::llround(90.0 / 1.2 * 1000.0)); // 75 000 ms
  SECTION("to the street without lifts: stairs (12 m at 0.5 m/s) and the ground corridor") {
    const double street = last_out_ms(R"(evacuation:
  fire: {unit: ward, at: 3 h, to: street, patients: 6, mobility: {walking: 1}}
)");
    // From bay_mid: 30 m, stairs 12 m / 0.5 = 24 s, 20 m: (50 / 1.2 + 24) s.
    CHECK(street == std::llround((50.0 / 1.2 + 24.0) * 1000.0));
  }
}

TEST_CASE("bed-bound patients are moved in rounds of the escorts available") {
  // Four bed patients in bay_west (one route of 90 m): 2 escort pairs take two at a time.
  const double bed = 90.0 / 0.8, back = 90.0 / 1.2;
  const double two_rounds = last_out_ms(R"(evacuation:
  fire: {floor: third, at: 3 h, to: compartment, escorts: 4, patients: 4, mobility: {bed: 1}}
)");
  // patients: 4 over the two rooms in turn: west, mid, west, mid (mid: 60 m). Round one takes
  // the first two; the mid pair is back first (75 + 50 s) and takes the second west patient,
  // the west pair (112.5 + 75 s) the second mid patient, out at 187.5 + 75 s.
  const double mid = 60.0 / 0.8, mid_back = 60.0 / 1.2;
  CHECK(two_rounds == std::llround((bed + back + mid) * 1000.0));
  CHECK(mid + mid_back + bed < bed + back + mid);
  SECTION("one pair: four rounds") {
    const double one_pair = last_out_ms(R"(evacuation:
  fire: {floor: third, at: 3 h, to: compartment, escorts: 2, patients: 4, mobility: {bed: 1}}
)");
    // order west, mid, west, mid: each round trip = out + walk back.
    const double t = bed + back + mid + mid_back + bed + back + mid;
    CHECK(one_pair == std::llround(t * 1000.0));
  }
}

TEST_CASE("without lifts a bed on another floor has no route and the run says so") {
  const ScenarioSpec spec = load_scenario_text(ward(R"(evacuation:
  fire: {unit: ward, at: 3 h, to: street, escorts: 2, patients: 1, mobility: {bed: 1}}
)"),
                                               "ward.yaml");
  CHECK_THROWS_WITH(run_scenario_replication(spec, 0), Catch::Contains("without lifts"));
  ScenarioSpec lifts = spec;
  lifts.drills.evacuations[0].lifts = true;
  const sim::KpiSet kpis = run_scenario_replication(lifts, 0);
  // bay_west door is the lift's stop: lift 2 x 10 s + 12 m / 1 m/s, then 20 m at 0.8 m/s.
  CHECK(std::round(kpi(kpis, "drill.evacuation.fire.last_out") * 60'000.0) ==
        std::llround((20.0 + 12.0 + 20.0 / 0.8) * 1000.0));
}

TEST_CASE("without a patients count the beds in use at the time are evacuated") {
  // Six inpatients booked at 01:00 for 20 h: at 03:00 six beds are in use.
  std::string text = ward(R"(evacuation:
  fire: {unit: ward, at: 3 h, to: compartment}
)");
  text.replace(text.find("{arrivals: {per_hour: 0}, pathway: stay}"),
               std::string("{arrivals: {per_hour: 0}, pathway: stay}").size(),
               "{appointments: {slots: [{time: \"01:00\", patients: 6}]}, pathway: stay}");
  const sim::KpiSet kpis = run_scenario_replication(load_scenario_text(text, "w.yaml"), 0);
  CHECK(kpi(kpis, "drill.evacuation.fire.patients") == 6);
  // Units 0-3 are in bay_west (90 m), the farthest.
  CHECK(std::round(kpi(kpis, "drill.evacuation.fire.last_out") * 60'000.0) == 75'000);
}

TEST_CASE("casualties arrive in ambulance round trips and untreated expectant casualties die") {
  const std::string incident = R"(
incidents:
  crash:
    at: {day: 1, time: "14:00"}
    casualties: 6
    triage: {immediate: 0.5, minor: 0.5}
    classes: {immediate: casualty_red, minor: casualty_green}
    ambulances: 2
    travel: 20 min
    loading: 10 min
)";
  const ScenarioSpec spec = load_scenario_text(clinic + incident, "crash.yaml");
  const sim::KpiSet kpis = run_scenario_replication(spec, 0);
  CHECK(kpi(kpis, "drill.casualties") == 6);
  CHECK(kpi(kpis, "drill.casualties.arrived") == 6);
  CHECK(kpi(kpis, "drill.deaths_waiting") == 0);
  CHECK(kpi(kpis, "drill.casualties.diverted") == 0);

  SECTION("the expectant die before the ambulances reach them") {
    const ScenarioSpec dying = load_scenario_text(clinic + R"(
incidents:
  crash:
    at: 14 h
    casualties: 4
    triage: {expectant: 1}
    classes: {expectant: casualty_red}
    ambulances: 1
    travel: 20 min
    loading: 10 min
    deterioration: {expectant: 45 min}
)",
                                                  "dying.yaml");
    // Trip 1 leaves 14:10, arrives 14:30 (one casualty), back 14:50 — the other three died at
    // 14:45. The one admitted dies too unless treated by 14:45.
    const sim::KpiSet k = run_scenario_replication(dying, 0);
    CHECK(kpi(k, "drill.casualties.arrived") == 1);
    CHECK(kpi(k, "drill.deaths_waiting") >= 3);
    CHECK(kpi(k, "drill.untreated_at_end") == 0);
  }
  SECTION("a divert action sends ambulance casualties elsewhere") {
    const ScenarioSpec divert = load_scenario_text(clinic + incident + R"(
surge:
  major_incident:
    trigger: {incident: crash}
    delay: 35 min
    actions: [{do: divert}]
)",
                                                   "divert.yaml");
    const sim::KpiSet k = run_scenario_replication(divert, 0);
    // Trips arrive 14:30 (two casualties), then 15:10 and 15:50: diversion from 14:35.
    CHECK(kpi(k, "drill.casualties.arrived") == 2);
    CHECK(kpi(k, "drill.casualties.diverted") == 4);
    CHECK(kpi(k, "drill.surge.major_incident.fired_at") == 14);
  }
}

TEST_CASE("surge actions: lasts undoes them, staff called in come and go, a paused class is "
          "cancelled") {
  const std::string text = R"(name: actions
horizon: 1 d
units: {ward: {kind: ward}}
resources:
  bed: {kind: bed, unit: ward, count: 2}
  nurse: {unit: ward, count: 1}
pathways:
  stay: {steps: {lie: {needs: bed, duration: 10 h}}}
  visit: {steps: {see: {needs: nurse, duration: 5 min}}}
classes:
  booked: {appointments: {slots: [{time: "08:00", patients: 3}]}, pathway: stay}
  elective: {appointments: {slots: [{from: "00:00", to: "23:00", every: 1 h}]}, pathway: visit}
surge:
  escalation:
    trigger: {queue: bed, threshold: 1}
    delay: 15 min
    lasts: 1 h
    actions:
      - {do: open, resource: bed, units: 1}
      - {do: call_staff, resource: nurse, people: 2, response: 20 min, stay: 3 h}
      - {do: pause, class: elective}
)";
  const ScenarioSpec spec = load_scenario_text(text, "actions.yaml");
  struct Levels : Observer {
    std::vector<std::tuple<std::size_t, sim::Time, std::size_t>> changes;
    void on_capacity_change(std::size_t r, std::size_t level, sim::Time time) override {
      changes.emplace_back(r, time, level);
    }
  } levels;
  RunOptions options;
  options.observer = &levels;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  const sim::Time effect =
      sim::Time::start() + sim::Duration::hours(8) + sim::Duration::minutes(15);
  using Change = std::tuple<std::size_t, sim::Time, std::size_t>;
  CHECK(levels.changes == std::vector<Change>{{0, effect, 3},
                                              {1, effect + sim::Duration::minutes(20), 2},
                                              {1, effect + sim::Duration::minutes(20), 3},
                                              {0, effect + sim::Duration::hours(1), 2},
                                              {1, effect + sim::Duration::minutes(200), 2},
                                              {1, effect + sim::Duration::minutes(200), 1}});
  CHECK(kpi(kpis, "drill.surge.escalation.staff_arrived") == 2);
  // Electives at 09:00 (in the hour the pause held: 08:15-09:15) are cancelled; none other.
  CHECK(kpi(kpis, "drill.surge.cancelled_arrivals") == 1);
}

TEST_CASE("a casualty who dies while queueing leaves the queue and delays nobody behind it") {
  // The doctor is busy 13:00-15:00 with a booked patient. Casualty A (expectant: dies 30 min
  // after the incident, at 14:30) walks in at 14:05, B (minor) at 14:10; both queue. A's death
  // takes it out of the queue at 14:30, so B is seen when the doctor frees at 15:00 (had A
  // kept its place, it would have been served 15:00-16:00 and B at 16:00).
  const std::string text = R"(name: queue death
horizon: 1 d
seed: 3
units: {ed: {kind: emergency}}
resources:
  doctor: {unit: ed, count: 1}
pathways:
  visit: {steps: {see: {needs: doctor, duration: 1 h, door_to_treatment: true}}}
  long: {steps: {see: {needs: doctor, duration: 2 h}}}
classes:
  booked: {appointments: {slots: [{time: "13:00", patients: 1}]}, pathway: long}
  casualty_red: {arrivals: {per_hour: 0}, pathway: visit}
  casualty_green: {arrivals: {per_hour: 0}, pathway: visit}
incidents:
  first:
    at: 14 h
    casualties: 1
    triage: {expectant: 1}
    classes: {expectant: casualty_red}
    walk_in: 1
    walk_in_delay: 5 min
    deterioration: {expectant: 30 min}
  second:
    at: 14 h
    casualties: 1
    triage: {minor: 1}
    classes: {minor: casualty_green}
    walk_in: 1
    walk_in_delay: 10 min
)";
  struct Queue : Recorder {
    std::vector<std::pair<sim::Time, std::size_t>> lengths; // of the doctor's queue
    void on_levels(std::size_t resource, sim::Time time, const ResourceLevels& levels) override {
      if (resource == 0 && (lengths.empty() || lengths.back().second != levels.queue_length))
        lengths.emplace_back(time, levels.queue_length);
    }
  };
  const ScenarioSpec spec = load_scenario_text(text, "queue_death.yaml");
  Queue observer;
  RunOptions options;
  options.observer = &observer;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  const auto at = [](int hours, int minutes) {
    return sim::Time::start() + sim::Duration::hours(hours) + sim::Duration::minutes(minutes);
  };
  CHECK(observer.starts == std::vector<sim::Time>{at(13, 0), at(15, 0)});
  const std::vector<std::pair<sim::Time, std::size_t>> lengths{
      {at(14, 5), 1}, {at(14, 10), 2}, {at(14, 30), 1}, {at(15, 0), 0}};
  std::vector<std::pair<sim::Time, std::size_t>> seen;
  for (const auto& change : observer.lengths)
    if (change.first >= at(14, 0))
      seen.push_back(change);
  CHECK(seen == lengths);
  CHECK(kpi(kpis, "drill.deaths_waiting") == 1);
  CHECK(kpi(kpis, "drill.left_unseen") == 0);
  CHECK(kpi(kpis, "drill.time_to_treatment.minor.p50") == 50);
  CHECK(kpi(kpis, "class.casualty_red.completed") == 0);
  CHECK(kpi(kpis, "class.casualty_green.completed") == 1);
}

namespace {

/// Starts and departures of the early-discharge ward, by patient.
struct Stays : Observer {
  std::vector<std::pair<std::uint64_t, sim::Time>> starts, departures;
  std::vector<std::pair<std::uint64_t, sim::Time>> lounge; // seizes of resource 1
  void on_step_start(std::uint64_t patient, std::size_t, std::size_t, sim::Time,
                     sim::Time served) override {
    starts.emplace_back(patient, served);
  }
  void on_seize(std::uint64_t patient, std::span<const std::size_t> resources,
                sim::Time time) override {
    if (resources.size() == 1 && resources[0] == 1)
      lounge.emplace_back(patient, time);
  }
  void on_departure(std::uint64_t patient, std::size_t, sim::Time time, bool) override {
    departures.emplace_back(patient, time);
  }
};

/// Four beds taken at 08:00 by two 10-hour and two 30-hour stays; a fifth patient at 09:00
/// queues. The rule fires at 09:30 (queue >= 1 for 30 min) and discharges at 10:00.
std::string discharge_ward(const std::string& action, int lounge_places = 2) {
  return R"(name: early discharge
horizon: 3 d
units: {ward: {kind: ward}}
resources:
  bed: {kind: bed, unit: ward, count: 4}
  lounge: {kind: room, unit: ward, count: )" + std::to_string(lounge_places) + R"(}
pathways:
  short_stay: {steps: {lie: {needs: bed, duration: 10 h}}}
  long_stay: {steps: {lie: {needs: bed, duration: 30 h}}}
classes:
  short: {appointments: {slots: [{time: "08:00", patients: 2}]}, pathway: short_stay}
  long: {appointments: {slots: [{time: "08:00", patients: 2}]}, pathway: long_stay}
  late: {appointments: {slots: [{time: "09:00", patients: 1}]}, pathway: short_stay}
surge:
  clear_beds:
    trigger: {queue: bed, threshold: 1, for: 30 min}
    delay: 30 min
    actions: [)" + action + R"(]
)";
}

} // namespace

TEST_CASE("an early discharge ends the stays due soonest, as many as the lounge takes") {
  const sim::Time eight = sim::Time::start() + sim::Duration::hours(8);
  const sim::Time ten = eight + sim::Duration::hours(2);
  const auto run = [](const std::string& action, Stays& stays, int lounge_places = 2) {
    RunOptions options;
    options.observer = &stays;
    return run_scenario_replication(
        load_scenario_text(discharge_ward(action, lounge_places), "d.yaml"), 0, options);
  };
  const auto departure = [](const Stays& stays, std::uint64_t patient) {
    for (const auto& [p, t] : stays.departures)
      if (p == patient)
        return t;
    FAIL("patient " << patient << " never left");
    return sim::Time::start();
  };
  const auto started = [](const Stays& stays, std::uint64_t patient) {
    for (const auto& [p, t] : stays.starts)
      if (p == patient)
        return t;
    FAIL("patient " << patient << " never started");
    return sim::Time::start();
  };
  SECTION("both short stays (due 18:00) go, the long ones (due tomorrow) stay") {
    Stays stays;
    const sim::KpiSet kpis = run(
        "{do: discharge, resource: bed, to: lounge, patients: 3, within: 12 h, stay: 1 h}", stays);
    CHECK(kpi(kpis, "drill.surge.clear_beds.early_discharges") == 2);
    REQUIRE(stays.lounge.size() == 2);
    for (const auto& [patient, time] : stays.lounge) {
      CHECK(time == ten);
      CHECK(departure(stays, patient) == ten + sim::Duration::hours(1));
    }
    // The late patient (number 4) gets a freed bed at 10:00 instead of 18:00.
    CHECK(started(stays, 4) == ten);
    CHECK(departure(stays, 4) == ten + sim::Duration::hours(10));
    const sim::Time tomorrow_two = eight + sim::Duration::hours(30);
    CHECK(departure(stays, 2) == tomorrow_two);
    CHECK(departure(stays, 3) == tomorrow_two);
  }
  SECTION("one lounge place: only the first of the two short stays goes") {
    Stays stays;
    CHECK(kpi(run("{do: discharge, resource: bed, to: lounge, patients: 3, stay: 1 h}", stays, 1),
              "drill.surge.clear_beds.early_discharges") == 1);
    REQUIRE(stays.lounge.size() == 1);
    CHECK(stays.lounge[0] == std::pair<std::uint64_t, sim::Time>{0, ten});
    CHECK(departure(stays, 1) == eight + sim::Duration::hours(10));
  }
  SECTION("patients: 1 takes one; within 6 h takes none (due 18:00 is after 16:00)") {
    Stays one;
    CHECK(kpi(run("{do: discharge, resource: bed, to: lounge, patients: 1, stay: 1 h}", one),
              "drill.surge.clear_beds.early_discharges") == 1);
    REQUIRE(one.lounge.size() == 1);
    CHECK(one.lounge[0] == std::pair<std::uint64_t, sim::Time>{0, ten});
    Stays none;
    CHECK(kpi(run("{do: discharge, resource: bed, to: lounge, patients: 3, within: 6 h}", none),
              "drill.surge.clear_beds.early_discharges") == 0);
    CHECK(none.lounge.empty());
    CHECK(started(none, 4) == eight + sim::Duration::hours(10));
  }
}

TEST_CASE("a casualty who dies while served at a step that is not treatment leaves after it") {
  // Casualty A (expectant: dies 30 min after the incident, at 14:30) walks in at 14:05 and is
  // assessed by the nurse 14:05-15:05 (not treatment); it dies during the assessment, so it
  // leaves at 15:05 instead of going on to the doctor, who sees B (minor, assessed 15:05-16:05)
  // at 16:05.
  const std::string text = R"(name: death in service
horizon: 1 d
seed: 3
units: {ed: {kind: emergency}}
resources:
  nurse: {unit: ed, count: 1}
  doctor: {unit: ed, count: 1}
pathways:
  visit:
    steps:
      assess: {needs: nurse, duration: 1 h, next: see}
      see: {needs: doctor, duration: 1 h, door_to_treatment: true}
classes:
  casualty_red: {arrivals: {per_hour: 0}, pathway: visit}
  casualty_green: {arrivals: {per_hour: 0}, pathway: visit}
incidents:
  first:
    at: 14 h
    casualties: 1
    triage: {expectant: 1}
    classes: {expectant: casualty_red}
    walk_in: 1
    walk_in_delay: 5 min
    deterioration: {expectant: 30 min}
  second:
    at: 14 h
    casualties: 1
    triage: {minor: 1}
    classes: {minor: casualty_green}
    walk_in: 1
    walk_in_delay: 10 min
)";
  Recorder observer;
  RunOptions options;
  options.observer = &observer;
  const sim::KpiSet kpis =
      run_scenario_replication(load_scenario_text(text, "death_in_service.yaml"), 0, options);
  const auto at = [](int hours, int minutes) {
    return sim::Time::start() + sim::Duration::hours(hours) + sim::Duration::minutes(minutes);
  };
  // Step starts: A assessed 14:05, B assessed 15:05, B seen 16:05; A never reaches the doctor.
  CHECK(observer.starts == std::vector<sim::Time>{at(14, 5), at(15, 5), at(16, 5)});
  CHECK(kpi(kpis, "drill.deaths_waiting") == 1);
  CHECK(kpi(kpis, "drill.left_unseen") == 0);
  CHECK(kpi(kpis, "class.casualty_red.completed") == 0);
  CHECK(kpi(kpis, "class.casualty_green.completed") == 1);
}
