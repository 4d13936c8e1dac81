// SPDX-License-Identifier: MIT
// The replay model without rendering: agents on their recorded paths to the millimetre, agents
// at rest where their last move or their unit puts them, unit states from events and levels,
// a run without a layout laid out automatically, and reads bounded by the time window.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "tests/viz/viz_test_run.hpp"
#include "viz/building_model.hpp"
#include "viz/heat_map.hpp"
#include "viz/replay_model.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <limits>

using namespace hospsim;
using namespace hospsim::viz;
using namespace hospsim::viz::testing;

namespace {

constexpr std::int64_t minute = 60'000;

const AgentState* find_agent(const ReplayModel& replay, trace::AgentKind kind, std::int64_t agent) {
  for (const AgentState& state : replay.agents())
    if (state.kind == kind && state.agent == agent)
      return &state;
  return nullptr;
}

/// Where a move puts its agent at `time`, computed here from the database's rows alone: the
/// path's nodes (x, y, floor elevation) walked at constant speed over the move's duration.
Vec3 expected_position(const trace::LayoutInfo& layout, const std::vector<std::uint32_t>& path,
                       std::int64_t start, std::int64_t end, std::int64_t time) {
  std::vector<Vec3> points;
  for (const std::uint32_t node : path) {
    const auto& n = layout.nodes.at(node);
    points.push_back({n.x_m, n.y_m, layout.floors.at(n.floor).elevation_m});
  }
  std::vector<double> lengths;
  double total = 0;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const double dx = points[i].x - points[i - 1].x, dy = points[i].y - points[i - 1].y,
                 dz = points[i].z - points[i - 1].z;
    lengths.push_back(std::sqrt(dx * dx + dy * dy + dz * dz));
    total += lengths.back();
  }
  double along = total * static_cast<double>(time - start) / static_cast<double>(end - start);
  for (std::size_t i = 1; i < points.size(); ++i) {
    if (along <= lengths[i - 1]) {
      const double s = along / lengths[i - 1];
      return {points[i - 1].x + s * (points[i].x - points[i - 1].x),
              points[i - 1].y + s * (points[i].y - points[i - 1].y),
              points[i - 1].z + s * (points[i].z - points[i - 1].z)};
    }
    along -= lengths[i - 1];
  }
  return points.back();
}

} // namespace

TEST_CASE("Agents under way are where the database's moves put them, to the millimetre") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  trace::RunDatabaseReader reader(scratch / "run.db");
  const trace::RunInfo info = reader.run_info();
  const BuildingModel building(info);
  ReplayModel replay(reader, 0, building);
  const trace::MoveList moves = reader.moves(0);
  REQUIRE(moves.moves.size() == 2);
  std::size_t checked = 0;
  for (std::size_t m = 0; m < moves.moves.size(); ++m) {
    const trace::MoveRecord& move = moves.moves[m];
    const std::vector<std::uint32_t> path(moves.paths.begin() + move.first_path_node,
                                          moves.paths.begin() + move.first_path_node +
                                              move.path_nodes);
    // Every 7 s of the move, forwards; then a few times backwards (seeking back).
    std::vector<std::int64_t> times;
    for (std::int64_t t = move.start_ms; t < move.end_ms; t += 7'000)
      times.push_back(t);
    times.push_back(move.end_ms - 1);
    times.push_back(move.start_ms + (move.end_ms - move.start_ms) / 3);
    times.push_back(move.start_ms + 1);
    for (const std::int64_t t : times) {
      replay.seek(t);
      const AgentState* agent = find_agent(replay, move.agent_kind, move.agent);
      REQUIRE(agent != nullptr);
      CHECK(agent->move == static_cast<std::int64_t>(moves.numbers[m]));
      const Vec3 expected = expected_position(info.layout, path, move.start_ms, move.end_ms, t);
      INFO("move " << m << " at " << t << " ms");
      CHECK(std::abs(agent->position.x - expected.x) < 0.001);
      CHECK(std::abs(agent->position.y - expected.y) < 0.001);
      CHECK(std::abs(agent->position.z - expected.z) < 0.001);
      ++checked;
    }
  }
  CHECK(checked > 90);
  // Hand-checked: half way through patient 0's move (43.1245 m in 6 min), 21.562 m along:
  // 7.562 m past node 1 towards the lift.
  replay.seek(23 * minute);
  const AgentState* patient = find_agent(replay, trace::AgentKind::Patient, 0);
  REQUIRE(patient != nullptr);
  CHECK(patient->position.x == Approx(26.5623).margin(0.001));
  CHECK(patient->position.y == Approx(10.0).margin(0.001));
  CHECK(patient->position.z == Approx(0.0).margin(0.001));
  CHECK(patient->activity == AgentActivity::Moving);
  CHECK(std::abs(patient->heading_rad) < 1e-9); // heading east
  // In the lift: 14 + 9 + 2 m = 25 m of 43.1245 m, half way up.
  replay.seek(20 * minute + static_cast<std::int64_t>(360'000.0 * 25.0 / 43.1245));
  patient = find_agent(replay, trace::AgentKind::Patient, 0);
  REQUIRE(patient != nullptr);
  CHECK(patient->position.z == Approx(2.0).margin(0.001));
}

TEST_CASE("Agents at rest stand on their unit, in their last move's room, or where their next move "
          "starts") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  trace::RunDatabaseReader reader(scratch / "run.db");
  const BuildingModel building(reader.run_info());
  ReplayModel replay(reader, 0, building);
  replay.seek(2 * 60 * minute);
  const AgentState* patient = find_agent(replay, trace::AgentKind::Patient, 0);
  REQUIRE(patient != nullptr);
  const BuildingUnit& bed = building.units()[*building.unit_index(0, 1)];
  CHECK(patient->position.x == bed.position.x);
  CHECK(patient->position.y == bed.position.y);
  CHECK(patient->position.z == 4.0);
  CHECK(patient->activity == AgentActivity::InService);
  const AgentState* waiting = find_agent(replay, trace::AgentKind::Patient, 1);
  REQUIRE(waiting != nullptr);
  const BuildingUnit& trolley = building.units()[*building.unit_index(3, 0)];
  CHECK(waiting->position.x == trolley.position.x);
  CHECK(waiting->position.y == trolley.position.y);
  // The nurse walked to triage (room 0) by 00:45.
  const AgentState* nurse = find_agent(replay, trace::AgentKind::Staff, 0);
  REQUIRE(nurse != nullptr);
  CHECK(nurse->resource == 2);
  CHECK(nurse->position.x >= 0.0);
  CHECK(nurse->position.x <= 10.0);
  CHECK(nurse->position.y <= 8.0);
  CHECK(nurse->activity == AgentActivity::OnDuty);
  // Before her move she waits in ward a (room 2, first floor), where it starts.
  replay.seek(30 * minute);
  nurse = find_agent(replay, trace::AgentKind::Staff, 0);
  REQUIRE(nurse != nullptr);
  CHECK(nurse->position.z == 4.0);
  CHECK(nurse->position.y >= 14.0);
  // Before arriving, patient 1 is not there; nobody has left yet.
  replay.seek(15 * minute);
  CHECK(find_agent(replay, trace::AgentKind::Patient, 1) == nullptr);
  CHECK(find_agent(replay, trace::AgentKind::Patient, 0) != nullptr);
}

TEST_CASE("Units take their state from seizes, failures, repairs and the levels in force") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  trace::RunDatabaseReader reader(scratch / "run.db");
  const BuildingModel building(reader.run_info());
  ReplayModel replay(reader, 0, building);
  const auto state = [&](std::int64_t resource, std::int64_t unit) {
    return replay.units()[*building.unit_index(resource, unit)];
  };
  replay.seek(25 * minute);
  CHECK(state(0, 1) == UnitState::Free);
  CHECK(state(3, 0) == UnitState::Occupied);
  replay.seek(2 * 60 * minute);
  CHECK(state(0, 0) == UnitState::Free);
  CHECK(state(0, 1) == UnitState::Occupied);
  CHECK(state(1, 0) == UnitState::Failed);
  CHECK(state(1, 1) == UnitState::Free);
  REQUIRE(replay.figures().levels.at(1).has_value());
  CHECK(replay.figures().levels[1]->under_repair == 1);
  CHECK(replay.figures().in_system == 2);
  // Repaired at 30:00 (day 2 06:00).
  replay.seek(31 * 60 * minute);
  CHECK(state(1, 0) == UnitState::Free);
  // The bed was seized more than the 24 h lookback ago: the level still counts it in use, so
  // one ward bed shows occupied (the lowest free one, as the seize is out of the window).
  int occupied = 0;
  for (std::int64_t u = 0; u < 4; ++u)
    occupied += state(0, u) == UnitState::Occupied;
  CHECK(occupied == 1);
  // Back in time again.
  replay.seek(59 * minute);
  CHECK(state(1, 0) == UnitState::Free);
  replay.seek(61 * minute);
  CHECK(state(1, 0) == UnitState::Failed);
}

TEST_CASE("A run without a layout is laid out on a grid: a room per bed or device resource") {
  ScratchDirectory scratch;
  write_small_run_without_layout(scratch / "run.db");
  trace::RunDatabaseReader reader(scratch / "run.db");
  const BuildingModel building(reader.run_info());
  CHECK(building.automatic());
  REQUIRE(building.rooms().size() == 4); // waiting + ward bed + ct + triage trolley
  CHECK(building.rooms()[0].name == "waiting");
  CHECK(building.rooms()[1].name == "ward bed");
  CHECK(building.rooms()[2].name == "ct");
  CHECK(building.rooms()[3].name == "triage trolley");
  // Rooms do not overlap and every unit with a shape stands in its room.
  for (std::size_t a = 0; a < building.rooms().size(); ++a)
    for (std::size_t b = a + 1; b < building.rooms().size(); ++b) {
      const auto& p = building.rooms()[a];
      const auto& q = building.rooms()[b];
      const bool apart = p.x_m + p.width_m <= q.x_m || q.x_m + q.width_m <= p.x_m ||
                         p.y_m + p.depth_m <= q.y_m || q.y_m + q.depth_m <= p.y_m;
      CHECK(apart);
    }
  for (const BuildingUnit& unit : building.units()) {
    if (unit.shape == UnitShape::None)
      continue;
    REQUIRE(unit.room >= 0);
    const auto& room = building.rooms()[static_cast<std::size_t>(unit.room)];
    CHECK(unit.position.x > room.x_m);
    CHECK(unit.position.x < room.x_m + room.width_m);
    CHECK(unit.position.y > room.y_m);
    CHECK(unit.position.y < room.y_m + room.depth_m);
  }
  CHECK(building.units()[*building.unit_index(1, 0)].shape == UnitShape::Scanner);
  CHECK(building.units()[*building.unit_index(0, 0)].shape == UnitShape::Bed);
  CHECK(building.units()[*building.unit_index(3, 0)].shape == UnitShape::Trolley);
  ReplayModel replay(reader, 0, building);
  replay.seek(2 * 60 * minute);
  const AgentState* patient = find_agent(replay, trace::AgentKind::Patient, 0);
  REQUIRE(patient != nullptr);
  CHECK(patient->position.x == building.units()[*building.unit_index(0, 1)].position.x);
  CHECK(replay.units()[*building.unit_index(1, 0)] == UnitState::Failed);
}

TEST_CASE("Seeking reads a window of the replication, not the whole of it") {
  ScratchDirectory scratch;
  trace::RunInfo info = small_run_info();
  info.horizon_ms = 30 * 1440 * minute;
  trace::ReplicationTrace run;
  // 30 days: a patient every 10 minutes, each seizing and releasing a trolley, walking in.
  const double none = std::numeric_limits<double>::quiet_NaN();
  for (std::int64_t p = 0; p < 30 * 144; ++p) {
    const std::int64_t t = p * 10 * minute;
    run.patients.push_back(
        {static_cast<std::uint64_t>(p), 0, t, t + 8 * minute, trace::PatientOutcome::Completed});
    run.events.push_back({t, trace::EventKind::Arrive, p, -1, -1, none, -1});
    run.events.push_back({t + minute, trace::EventKind::Seize, p, 3, -1, none, p % 3});
    run.events.push_back({t + 7 * minute, trace::EventKind::Release, p, 3, -1, none, p % 3});
    run.events.push_back({t + 8 * minute, trace::EventKind::Depart, p, -1, -1, none, -1});
    trace::MoveRecord move;
    move.agent = p;
    move.from_room = 1;
    move.to_room = 0;
    move.start_ms = t;
    move.end_ms = t + 30'000;
    move.first_path_node = static_cast<std::uint32_t>(run.move_paths.size());
    move.path_nodes = 2;
    run.moves.push_back(move);
    run.move_paths.push_back(1);
    run.move_paths.push_back(0);
  }
  {
    trace::RunDatabaseWriter writer(scratch / "long.db", info);
    writer.write_replication(0, run, {});
    writer.finish({});
  }
  trace::RunDatabaseReader reader(scratch / "long.db");
  const BuildingModel building(reader.run_info());
  ReplayModel replay(reader, 0, building);
  replay.seek(20 * 1440 * minute + 3 * minute); // day 21 00:03
  // 25 h of a 30-day replication: 150 patients' events (4 each) and moves, not 4 320.
  CHECK(replay.rows_read() < 160 * 5);
  CHECK(replay.rows_read() > 100 * 5);
  const AgentState* patient = find_agent(replay, trace::AgentKind::Patient, 20 * 144);
  REQUIRE(patient != nullptr);
  CHECK(patient->activity == AgentActivity::Waiting);
  CHECK(replay.units()[*building.unit_index(3, (20 * 144) % 3)] == UnitState::Occupied);
  // Playing on an hour reads only the new hour.
  const std::uint64_t before = replay.rows_read();
  replay.seek(20 * 1440 * minute + 70 * minute);
  CHECK(replay.rows_read() - before < 8 * 5);
  CHECK(find_agent(replay, trace::AgentKind::Patient, 20 * 144) == nullptr); // departed
}

TEST_CASE("The heat map averages occupancy over time per room and counts corridor use per edge") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  trace::RunDatabaseReader reader(scratch / "run.db");
  const BuildingModel building(reader.run_info());
  // 00:00-02:00: ward a holds 4 beds, one in use from 00:30 -> 1.5 h / 2 h / 4 beds.
  const HeatMap heat = compute_heat_map(reader, 0, building, 0, 120 * minute);
  REQUIRE(heat.rooms.size() == 3);
  CHECK(heat.rooms[2] == Approx(1.5 / 2.0 / 4.0));
  // ct room: one of 2 units under repair (in use) from 01:00.
  CHECK(heat.rooms[1] == Approx(1.0 / 2.0 / 2.0));
  REQUIRE(heat.edges.size() == 4);
  for (const double edge : heat.edges)
    CHECK(edge == Approx(1.0)); // both moves used every edge
}

TEST_CASE("Write the small recorded run to $HOSPSIM_VIZ_SMALL_RUN (a helper, hidden)",
          "[.helper]") {
  const char* path = std::getenv("HOSPSIM_VIZ_SMALL_RUN");
  REQUIRE(path != nullptr);
  std::filesystem::remove(path);
  write_small_run(path);
  CHECK(std::filesystem::exists(path));
}

TEST_CASE("Seizes that name no unit (version-1 files) take the lowest free unit of the resource") {
  ScratchDirectory scratch;
  trace::RunInfo info = small_run_info();
  info.layout = {};
  trace::ReplicationTrace run = small_run_trace();
  run.moves.clear();
  run.move_paths.clear();
  for (auto& event : run.events)
    event.unit = trace::no_value;
  {
    trace::RunDatabaseWriter writer(scratch / "v1like.db", info);
    writer.write_replication(0, run, {});
    writer.finish({});
  }
  trace::RunDatabaseReader reader(scratch / "v1like.db");
  const BuildingModel building(reader.run_info());
  ReplayModel replay(reader, 0, building);
  replay.seek(2 * 60 * minute);
  CHECK(replay.units()[*building.unit_index(0, 0)] == UnitState::Occupied);
  CHECK(replay.units()[*building.unit_index(0, 1)] == UnitState::Free);
  CHECK(replay.units()[*building.unit_index(3, 0)] == UnitState::Occupied);
  const AgentState* patient = find_agent(replay, trace::AgentKind::Patient, 0);
  REQUIRE(patient != nullptr);
  CHECK(patient->position.x == building.units()[*building.unit_index(0, 0)].position.x);
  CHECK(patient->position.y == building.units()[*building.unit_index(0, 0)].position.y);
}

TEST_CASE("Patients present with no event or move for days are drawn where they rest") {
  ScratchDirectory scratch;
  trace::RunInfo info = small_run_info();
  info.horizon_ms = 6 * 1440 * minute;
  trace::ReplicationTrace run = small_run_trace();
  // Patient 2 walks into the ct room at 00:50-00:55 and stays there, holding nothing; patient 3
  // has come and gone (not drawn).
  const double none = std::numeric_limits<double>::quiet_NaN();
  const std::int64_t nv = trace::no_value;
  run.patients.push_back({2, 0, 40 * minute, nv, trace::PatientOutcome::InSystem});
  run.patients.push_back({3, 0, 41 * minute, 100 * minute, trace::PatientOutcome::Completed});
  run.events.push_back({40 * minute, trace::EventKind::Arrive, 2, nv, nv, none, nv});
  run.events.push_back({41 * minute, trace::EventKind::Arrive, 3, nv, nv, none, nv});
  run.events.push_back({100 * minute, trace::EventKind::Depart, 3, nv, nv, none, nv});
  // Patient 0 has an event within the day before the shown time, but its move and bed are older.
  const std::int64_t t = 4 * 1440 * minute + 60 * minute; // day 5 01:00, 4 days on
  run.events.push_back({t - 120 * minute, trace::EventKind::FinishStep, 0, nv, 1, 0.0, nv});
  std::stable_sort(run.events.begin(), run.events.end(),
                   [](const auto& a, const auto& b) { return a.time_ms < b.time_ms; });
  trace::MoveRecord move;
  move.agent_kind = trace::AgentKind::Patient;
  move.agent = 2;
  move.from_room = 0;
  move.to_room = 1;
  move.start_ms = 50 * minute;
  move.end_ms = 55 * minute;
  move.first_path_node = static_cast<std::uint32_t>(run.move_paths.size());
  move.path_nodes = 2;
  run.moves.push_back(move);
  run.move_paths.push_back(0);
  run.move_paths.push_back(1);
  std::stable_sort(run.moves.begin(), run.moves.end(),
                   [](const auto& a, const auto& b) { return a.start_ms < b.start_ms; });
  {
    trace::RunDatabaseWriter writer(scratch / "stay.db", info);
    writer.write_replication(0, run, {});
    writer.finish({});
  }
  trace::RunDatabaseReader reader(scratch / "stay.db");
  const BuildingModel building(reader.run_info());
  ReplayModel replay(reader, 0, building);
  replay.seek(t);
  // Patient 0 moved into ward a 4 days ago and holds ward bed 1: on the bed.
  const AgentState* on_bed = find_agent(replay, trace::AgentKind::Patient, 0);
  REQUIRE(on_bed != nullptr);
  const Vec3 bed = building.units()[*building.unit_index(0, 1)].position;
  CHECK(on_bed->position.x == bed.x);
  CHECK(on_bed->position.y == bed.y);
  CHECK(on_bed->position.z == bed.z);
  CHECK(building.units()[*building.unit_index(0, 1)].room == 2);
  // Patient 1 never moved and holds trolley 0: on the trolley.
  const AgentState* on_trolley = find_agent(replay, trace::AgentKind::Patient, 1);
  REQUIRE(on_trolley != nullptr);
  CHECK(on_trolley->position.x == building.units()[*building.unit_index(3, 0)].position.x);
  CHECK(on_trolley->position.y == building.units()[*building.unit_index(3, 0)].position.y);
  // Patient 2's last move (4 days ago) led to the ct room: there.
  const AgentState* in_room = find_agent(replay, trace::AgentKind::Patient, 2);
  REQUIRE(in_room != nullptr);
  const Vec3 spot = building.room_spot(1, 2);
  CHECK(in_room->position.x == spot.x);
  CHECK(in_room->position.y == spot.y);
  CHECK(find_agent(replay, trace::AgentKind::Patient, 3) == nullptr);
  // As many patients drawn as the patients table has present.
  std::size_t present = 0;
  for (const trace::PatientRecord& p : reader.patients(0))
    present += p.arrival_ms <= t && (p.departure_ms == nv || t < p.departure_ms);
  std::size_t drawn = 0;
  for (const AgentState& agent : replay.agents())
    drawn += agent.kind == trace::AgentKind::Patient;
  CHECK(present == 3);
  CHECK(drawn == present);
  // A jump back within the window (the history scan reused) draws them the same.
  replay.seek(t - 90 * minute);
  REQUIRE(find_agent(replay, trace::AgentKind::Patient, 0) != nullptr);
  CHECK(find_agent(replay, trace::AgentKind::Patient, 0)->position.x == bed.x);
  REQUIRE(find_agent(replay, trace::AgentKind::Patient, 2) != nullptr);
  CHECK(find_agent(replay, trace::AgentKind::Patient, 2)->position.x == spot.x);
  CHECK(replay.units()[*building.unit_index(0, 1)] == UnitState::Occupied);
  // Playing on a day (the window moves on) keeps them where they are.
  replay.seek(t + 3 * 3600'000);
  replay.seek(t + 27 * 3600'000);
  drawn = 0;
  for (const AgentState& agent : replay.agents())
    drawn += agent.kind == trace::AgentKind::Patient;
  CHECK(drawn == 3);
  const AgentState* later = find_agent(replay, trace::AgentKind::Patient, 2);
  REQUIRE(later != nullptr);
  CHECK(later->position.x == spot.x);
}

TEST_CASE("A patient queueing while holding a bed is boarding; one holding none, or a device, waits") {
  ScratchDirectory scratch;
  const trace::RunInfo info = small_run_info();
  trace::ReplicationTrace run;
  const double none = std::numeric_limits<double>::quiet_NaN();
  for (std::int64_t p = 0; p < 3; ++p)
    run.patients.push_back(
        {static_cast<std::uint64_t>(p), 0, 0, trace::no_value, trace::PatientOutcome::InSystem});
  for (std::int64_t p = 0; p < 3; ++p)
    run.events.push_back({0, trace::EventKind::Arrive, p, -1, -1, none, -1});
  run.events.push_back({minute, trace::EventKind::Seize, 0, 3, 0, none, 0}); // a trolley (bed)
  run.events.push_back({minute, trace::EventKind::Seize, 2, 1, 0, none, 0}); // a CT (device)
  run.events.push_back({10 * minute, trace::EventKind::Queue, 0, -1, 1, none, -1});
  run.events.push_back({10 * minute, trace::EventKind::Queue, 1, -1, 1, none, -1});
  run.events.push_back({10 * minute, trace::EventKind::Queue, 2, -1, 1, none, -1});
  {
    trace::RunDatabaseWriter writer(scratch / "boarding.db", info);
    writer.write_replication(0, run, {});
    writer.finish({});
  }
  trace::RunDatabaseReader reader(scratch / "boarding.db");
  const BuildingModel building(reader.run_info());
  ReplayModel replay(reader, 0, building);
  replay.seek(20 * minute);
  const AgentState* boarding = find_agent(replay, trace::AgentKind::Patient, 0);
  const AgentState* waiting = find_agent(replay, trace::AgentKind::Patient, 1);
  const AgentState* scanned = find_agent(replay, trace::AgentKind::Patient, 2);
  REQUIRE(boarding != nullptr);
  REQUIRE(waiting != nullptr);
  REQUIRE(scanned != nullptr);
  CHECK(boarding->activity == AgentActivity::Boarding);
  CHECK(std::string(to_string(boarding->activity)) == "boarding");
  CHECK(waiting->activity == AgentActivity::Waiting);
  CHECK(scanned->activity == AgentActivity::Waiting);
}
