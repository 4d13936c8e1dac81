// SPDX-License-Identifier: MIT
// Drill sections: what they read into, and bad sections stop at file:line:col.
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::string base = R"(name: ed
horizon: 2 d
units: {ed: {kind: emergency}}
resources:
  doctor: {unit: ed, count: 2}
pathways:
  visit: {steps: {see: {needs: doctor, duration: 20 min}}}
classes:
  walk_in: {arrivals: {per_hour: 4}, pathway: visit}
  red: {arrivals: {per_hour: 0}, pathway: visit}
)";

std::string error_of(const std::string& text) {
  try {
    load_scenario_text(text, "drill.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("a drill section reads into the drill spec") {
  const ScenarioSpec spec = load_scenario_text(base + R"(
incidents:
  crash:
    at: {day: 2, time: "03:00"}
    casualties: 50
    triage: {immediate: 0.2, delayed: 0.3, minor: 0.5}
    classes: {immediate: red, delayed: red, minor: walk_in}
    walk_in: 0.3
    ambulances: 4
    per_ambulance: 2
    deterioration: {delayed: {exponential: {mean: 2 h}}}
surge:
  call_in:
    trigger: {occupancy: doctor, threshold: 0.9, for: 15 min}
    delay: 10 min
    stand_down: true
    actions:
      - {do: call_staff, resource: doctor, people: 6, share: 0.5}
      - {do: pause, class: walk_in}
      - {do: close, resource: doctor, units: 1}
)",
                                               "drill.yaml");
  REQUIRE(spec.drills.incidents.size() == 1);
  const IncidentSpec& crash = spec.drills.incidents[0];
  CHECK(crash.time == sim::Duration::hours(27));
  CHECK(crash.casualties == 50);
  CHECK(crash.triage_mix[1] == 0.3);
  CHECK(crash.classes[2] == "walk_in");
  CHECK(crash.per_ambulance == 2);
  CHECK(crash.deterioration[1].has_value());
  CHECK_FALSE(crash.deterioration[0].has_value());
  REQUIRE(spec.drills.surge.size() == 1);
  const SurgeRule& rule = spec.drills.surge[0];
  CHECK(rule.trigger.kind == TriggerKind::Occupancy);
  CHECK(rule.trigger.sustained == sim::Duration::minutes(15));
  CHECK(rule.stand_down);
  REQUIRE(rule.actions.size() == 3);
  CHECK(rule.actions[0].kind == SurgeActionKind::CallStaff);
  CHECK(rule.actions[0].share == 0.5);
  CHECK(rule.actions[2].change == -1);
}

TEST_CASE("bad drill sections are errors at the place they were written") {
  SECTION("an unknown triage colour") {
    CHECK_THAT(error_of(base + R"(
incidents:
  crash:
    at: 14 h
    casualties: 5
    triage: {red: 1}
    classes: {immediate: red}
)"),
               Catch::StartsWith("drill.yaml:16:14: ") &&
                   Catch::Contains("unknown triage colour 'red'"));
  }
  SECTION("a rule acting on a resource that does not exist") {
    CHECK_THAT(error_of(base + R"(
surge:
  beds:
    trigger: {queue: doctor, threshold: 3}
    actions: [{do: open, resource: escalation_beds, units: 4}]
)"),
               Catch::StartsWith("drill.yaml:15:36: ") &&
                   Catch::Contains("no resource named 'escalation_beds'"));
  }
  SECTION("a trigger on a resource that does not exist") {
    CHECK_THAT(error_of(base + R"(
surge:
  beds:
    trigger: {queue: doctr, threshold: 3}
    actions: [{do: divert}]
)"),
               Catch::StartsWith("drill.yaml:14:22: ") && Catch::Contains("did you mean 'doctor'"));
  }
  SECTION("an evacuation of a unit that does not exist") {
    std::string homed = base;
    homed.replace(homed.find("20 min}"), 7, "20 min, room: cubicles}");
    CHECK_THAT(error_of(homed + R"(
layout:
  floors: {ground: {}}
  nodes: {a: {floor: ground, x: 0 m, y: 0 m}, b: {floor: ground, x: 10 m, y: 0 m}}
  edges: [{from: a, to: b}]
  rooms:
    cubicles: {floor: ground, unit: ed, x: 0 m, y: 1 m, width: 4 m, depth: 4 m, door: a, entrance: true}
    car_park: {floor: ground, x: 10 m, y: 1 m, width: 4 m, depth: 4 m, door: b}
evacuation:
  fire: {unit: ward_3, at: 3 h, to: car_park}
)"),
               Catch::StartsWith("drill.yaml:20:16: ") &&
                   Catch::Contains("no unit named 'ward_3'"));
  }
  SECTION("an incident after the horizon") {
    CHECK_THAT(error_of(base + R"(
incidents:
  crash:
    at: {day: 3, time: "14:00"}
    casualties: 5
    triage: {minor: 1}
    classes: {minor: red}
)"),
               Catch::StartsWith("drill.yaml:14:9: ") &&
                   Catch::Contains("not before the end of the run"));
  }
  SECTION("an evacuation without a layout") {
    CHECK_THAT(error_of(base + R"(
evacuation:
  fire: {unit: ed, at: 3 h, to: car_park}
)"),
               Catch::StartsWith("drill.yaml:13:3: ") && Catch::Contains("needs a layout"));
  }
  SECTION("a discharge without a lounge, into the beds themselves, or with another kind's key") {
    CHECK_THAT(error_of(base + R"(
surge:
  beds:
    trigger: {queue: doctor, threshold: 3}
    actions: [{do: discharge, resource: doctor, patients: 2}]
)"),
               Catch::StartsWith("drill.yaml:15:15: ") && Catch::Contains("needs 'to'"));
    CHECK_THAT(error_of(base + R"(
surge:
  beds:
    trigger: {queue: doctor, threshold: 3}
    actions: [{do: discharge, resource: doctor, to: doctor, patients: 2}]
)"),
               Catch::StartsWith("drill.yaml:15:53: ") && Catch::Contains("another resource"));
    CHECK_THAT(error_of(base + R"(
surge:
  beds:
    trigger: {queue: doctor, threshold: 3}
    actions: [{do: open, resource: doctor, units: 2, patients: 3}]
)"),
               Catch::StartsWith("drill.yaml:15:64: ") &&
                   Catch::Contains("action 'open' of surge rule 'beds' takes no 'patients'"));
  }
  SECTION("a trigger naming an unknown incident") {
    CHECK_THAT(error_of(base + R"(
surge:
  major:
    trigger: {incident: crash}
    actions: [{do: divert}]
)"),
               Catch::StartsWith("drill.yaml:14:25: ") &&
                   Catch::Contains("no incident named 'crash'"));
  }
}

TEST_CASE("an incident's 'at' may be a weekday and time or a day on the scenario's clock") {
  std::string two_weeks = base;
  two_weeks.replace(two_weeks.find("horizon: 2 d"), 12, "horizon: 14 d");
  const auto incident_at = [&two_weeks](const std::string& start, const std::string& at) {
    const ScenarioSpec spec = load_scenario_text(two_weeks + start + R"(
incidents:
  crash:
    at: )" + at + R"(
    casualties: 2
    triage: {immediate: 1}
    classes: {immediate: red}
    walk_in: 1
)",
                                                 "drill.yaml");
    REQUIRE(spec.drills.incidents.size() == 1);
    return spec.drills.incidents[0].time.to_hours();
  };
  // The run starts Monday 00:00 unless `start:` says otherwise.
  CHECK(incident_at("", "\"Sun 03:00\"") == 6 * 24 + 3);
  CHECK(incident_at("", "\"Mon 00:00\"") == 0);
  CHECK(incident_at("", "\"sunday 03:00\"") == 6 * 24 + 3);
  CHECK(incident_at("", "\"day 10 14:00\"") == 9 * 24 + 14);
  CHECK(incident_at("", "{day: 10, time: \"14:00\"}") == 9 * 24 + 14);
  // From Saturday 12:00, the next Sunday 03:00 is 15 h away; Friday 12:00 is 6 d away; day 2
  // is the Sunday.
  CHECK(incident_at("start: \"Sat 12:00\"\n", "\"Sun 03:00\"") == 15);
  CHECK(incident_at("start: \"Sat 12:00\"\n", "\"Fri 12:00\"") == 6 * 24);
  CHECK(incident_at("start: \"Sat 12:00\"\n", "\"day 2 03:00\"") == 15);
  CHECK(incident_at("start: \"Sat 12:00\"\n", "\"Sat 12:00\"") == 0);
  CHECK(incident_at("start: \"Sat 12:00\"\n", "{day: 2, time: \"03:00\"}") == 15);
  CHECK(incident_at("", "36 h") == 36);

  CHECK_THAT(error_of(two_weeks + "incidents:\n  crash:\n    at: \"Sunday 25:00\"\n"
                                  "    casualties: 2\n    triage: {immediate: 1}\n"
                                  "    classes: {immediate: red}\n    walk_in: 1\n"),
             Catch::Matchers::Contains("expected a weekday and time such as 'Sun 03:00'"));
}
