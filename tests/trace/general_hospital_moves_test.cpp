// SPDX-License-Identifier: MIT
// A run database of the general hospital in its own building (what `hospsim run --db` writes):
// the moves of an elective orthopaedic patient reproduce its pathway's rooms in order with the
// route lengths of the layout, porters' walks are recorded and the triage nurses (who work in
// their home room) make none.
#include "app/run_database.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::trace::testing;

TEST_CASE("the general hospital's run database holds each patient's moves in pathway order",
          "[trace][layout]") {
  const std::string file = HOSPSIM_SOURCE_DIR "/scenarios/general_hospital.yaml";
  const models::ScenarioSpec spec = models::load_scenario(file);
  REQUIRE(spec.layout);
  const models::Building building(*spec.layout, spec);
  models::RunOptions options;
  options.horizon = sim::Duration::days(4); // Monday to Thursday: electives Monday 07:00
  options.warmup = sim::Duration::days(1);
  options.building = &building;
  const ScratchDirectory directory;
  {
    app::RunDatabase database(directory / "run.db", spec,
                              {file, spec.seed, 1, *options.horizon, *options.warmup,
                               "hospsim run general_hospital.yaml --db run.db"});
    const auto recorder = database.recorder(0);
    options.observer = recorder.get();
    std::vector<sim::KpiSet> results{models::run_scenario_replication(spec, 0, options)};
    database.write_replication(0, *recorder, results.back());
    database.finish(sim::summarise(results));
  }
  const trace::RunDatabaseReader reader(directory / "run.db");
  const trace::LayoutInfo layout = reader.layout();
  REQUIRE(layout.rooms.size() == spec.layout->rooms.size());
  const auto room_name = [&](std::int64_t room) {
    return room >= 0 && static_cast<std::size_t>(room) < layout.rooms.size()
               ? layout.rooms[static_cast<std::size_t>(room)].name
               : std::string("?");
  };
  const trace::MoveList moves = reader.moves(0);
  REQUIRE_FALSE(moves.moves.empty());

  // Elective orthopaedic patients: main entrance -> an orthopaedic ward (60 m to the west
  // lifts, up two floors, 20 m) -> a theatre suite (20 m, down a floor, 20 m) -> back to the
  // same ward bed; each move ends after it starts and its rooms follow on.
  std::size_t class_index = spec.classes.size();
  for (std::size_t c = 0; c < spec.classes.size(); ++c)
    if (spec.classes[c].name == "elective_orthopaedic")
      class_index = c;
  REQUIRE(class_index < spec.classes.size());
  std::size_t checked = 0;
  for (const trace::PatientRecord& patient : reader.patients(0)) {
    if (patient.class_index != class_index)
      continue;
    std::vector<trace::MoveRecord> own;
    for (const trace::MoveRecord& move : moves.moves)
      if (move.agent_kind == trace::AgentKind::Patient &&
          move.agent == static_cast<std::int64_t>(patient.patient))
        own.push_back(move);
    if (own.size() < 3)
      continue; // still waiting for theatre at the horizon
    INFO("patient " << patient.patient);
    REQUIRE(own.size() == 3);
    CHECK(room_name(own[0].from_room) == "main_entrance");
    const std::string ward = room_name(own[0].to_room);
    CHECK(ward.rfind("orthopaedic_ward_", 0) == 0);
    CHECK(own[0].distance_m == Approx(80.0));
    CHECK(own[1].from_room == own[0].to_room);
    CHECK(room_name(own[1].to_room).rfind("theatres_", 0) == 0);
    CHECK(own[1].distance_m == Approx(40.0));
    CHECK(own[2].from_room == own[1].to_room);
    CHECK(room_name(own[2].to_room) == ward);
    CHECK(own[2].distance_m == Approx(40.0));
    for (std::size_t i = 0; i < own.size(); ++i) {
      CHECK(own[i].end_ms > own[i].start_ms);
      if (i > 0)
        CHECK(own[i].start_ms >= own[i - 1].end_ms);
    }
    ++checked;
  }
  CHECK(checked >= 4); // 4 a weekday, Monday to Wednesday

  // Staff walks per resource: porters walk, triage nurses never leave the triage room.
  const auto resource_index = [&](const std::string& name) {
    for (std::size_t r = 0; r < spec.resources.size(); ++r)
      if (spec.resources[r].name == name)
        return static_cast<std::int64_t>(r);
    return std::int64_t{-1};
  };
  double porter_m = 0;
  std::size_t triage_moves = 0;
  for (const trace::MoveRecord& move : moves.moves) {
    if (move.agent_kind != trace::AgentKind::Staff)
      continue;
    if (move.resource == resource_index("porter"))
      porter_m += move.distance_m;
    if (move.resource == resource_index("triage_nurse"))
      ++triage_moves;
  }
  CHECK(porter_m > 1000.0);
  CHECK(triage_moves == 0);
}
