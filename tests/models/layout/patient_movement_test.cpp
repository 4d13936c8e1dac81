// SPDX-License-Identifier: MIT
// Movement at run time (models/layout/patient_movement.hpp): patients, porters, lifts and staff
// walk through small buildings built in code, checked to the millisecond through the observer.
#include "models/hospital/run_recorder.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/layout/layout_description.hpp"
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;
using sim::Duration;

namespace {

const sim::Time eight = sim::Time::start() + Duration::hours(8);

RoomSpec room(std::string name, std::string floor, double x, std::string door,
              std::vector<std::pair<std::string, std::size_t>> holds = {}) {
  RoomSpec spec;
  spec.name = std::move(name);
  spec.floor = std::move(floor);
  spec.x_m = x;
  spec.y_m = 1;
  spec.width_m = 4;
  spec.depth_m = 4;
  spec.door = std::move(door);
  spec.holds = std::move(holds);
  return spec;
}

/// One ground-floor corridor: a (0) - b (60) - c (180); rooms "entry" (a, the entrance),
/// "far" (b, holds the exam room and 2 beds) and "station" (c).
LayoutSpec corridor() {
  LayoutSpec layout;
  layout.floors = {FloorSpec{"ground", 0, 4}};
  layout.nodes = {CorridorNodeSpec{"a", "ground", 0, 0}, CorridorNodeSpec{"b", "ground", 60, 0},
                  CorridorNodeSpec{"c", "ground", 180, 0}};
  layout.edges = {CorridorEdgeSpec{"a", "b", std::nullopt, 2},
                  CorridorEdgeSpec{"b", "c", std::nullopt, 2}};
  layout.rooms = {room("entry", "ground", 0, "a"),
                  room("far", "ground", 58, "b", {{"exam", 1}, {"bed", 2}}),
                  room("station", "ground", 178, "c")};
  layout.rooms[0].entrance = true;
  return layout;
}

/// `patients` patients of class "p" arrive on Monday 08:00; pathway "path" of `steps`.
ScenarioSpec one_arrival(std::size_t patients, std::vector<StepSpec> steps) {
  ScenarioSpec spec;
  spec.name = "movement";
  spec.seed = 7;
  spec.horizon = Duration::days(1);
  spec.warmup = Duration{};
  ResourceSpec exam;
  exam.name = "exam";
  exam.kind = ResourceKind::Device;
  exam.count = 1;
  ResourceSpec bed;
  bed.name = "bed";
  bed.kind = ResourceKind::Bed;
  bed.count = 2;
  spec.resources = {exam, bed};
  PathwaySpec pathway;
  pathway.name = "path";
  pathway.steps = std::move(steps);
  for (std::size_t i = 0; i + 1 < pathway.steps.size(); ++i)
    pathway.steps[i].next = {BranchSpec{pathway.steps[i + 1].name, std::nullopt, {}}};
  spec.pathways = {pathway};
  PatientClassSpec patient;
  patient.name = "p";
  patient.pathway = "path";
  AppointmentArrivals arrivals;
  AppointmentSlot slot;
  slot.time = Duration::hours(8);
  slot.days = {true, false, false, false, false, false, false};
  slot.patients = patients;
  arrivals.slots = {slot};
  patient.appointments = arrivals;
  spec.classes = {patient};
  spec.layout = corridor();
  return spec;
}

StepSpec step(std::string name, std::vector<std::string> needs, double minutes,
              std::string room_name = "") {
  StepSpec spec;
  spec.name = std::move(name);
  spec.needs = std::move(needs);
  spec.duration = sim::Distribution::constant(minutes);
  spec.room = std::move(room_name);
  return spec;
}

struct Move {
  MoverKind kind;
  std::uint64_t agent;
  std::size_t resource, from, to;
  sim::Time start, end;
  double distance;
};

/// Keeps moves and service starts.
class Watcher final : public Observer {
public:
  std::vector<Move> moves;
  std::vector<std::pair<std::uint64_t, sim::Time>> starts; ///< (patient, service start)
  void on_move(MoverKind kind, std::uint64_t agent, std::size_t resource, std::size_t from,
               std::size_t to, sim::Time start, sim::Time end, double distance,
               std::span<const std::uint32_t>) override {
    moves.push_back({kind, agent, resource, from, to, start, end, distance});
  }
  void on_step_start(std::uint64_t patient, std::size_t, std::size_t, sim::Time,
                     sim::Time served) override {
    starts.emplace_back(patient, served);
  }
  std::vector<Move> of(MoverKind kind, std::uint64_t agent) const {
    std::vector<Move> found;
    for (const Move& move : moves)
      if (move.kind == kind && move.agent == agent)
        found.push_back(move);
    return found;
  }
};

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  FAIL("no KPI named " << name);
  return 0;
}

} // namespace

TEST_CASE("a patient walks a straight corridor in exactly its length over its speed") {
  ScenarioSpec spec = one_arrival(1, {step("exam", {"exam"}, 10)});
  spec.pathways[0].steps[0].door_to_doctor = true;
  spec.layout->speed_m_per_s[static_cast<std::size_t>(Mobility::Walking)] = 1.2;
  Watcher watcher;
  RunOptions options;
  options.observer = &watcher;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  const auto moves = watcher.of(MoverKind::Patient, 0);
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].from == 0);
  CHECK(moves[0].to == 1);
  CHECK(moves[0].start == eight);
  CHECK(moves[0].end == eight + Duration::milliseconds(50'000)); // 60 m at 1.2 m/s
  CHECK(moves[0].distance == Approx(60.0));
  REQUIRE(watcher.starts.size() == 1);
  CHECK(watcher.starts[0].second == eight + Duration::milliseconds(50'000));
  CHECK(kpi(kpis, "class.p.door_to_doctor.mean") == Approx(50.0 / 60.0));
  CHECK(kpi(kpis, "class.p.wait.exam.mean") == 0.0); // the queue wait leaves the travel out
  CHECK(kpi(kpis, "class.p.travel.distance.mean") == Approx(60.0));
  CHECK(kpi(kpis, "class.p.travel.time.mean") == Approx(50.0 / 60.0));
  // 10 minutes in "far" out of 24 hours.
  CHECK(kpi(kpis, "room.far.occupancy.mean") == Approx(10.0 / (24 * 60)));
}

TEST_CASE("a slower mobility gives the exact travel time at its speed") {
  ScenarioSpec spec = one_arrival(1, {step("exam", {"exam"}, 10)});
  spec.layout->speed_m_per_s[static_cast<std::size_t>(Mobility::Wheelchair)] = 0.75;
  spec.classes[0].mobility = Mobility::Walking;
  spec.classes[0].mobility_by_acuity[2] = Mobility::Wheelchair; // ESI 3, every patient here
  Watcher watcher;
  RunOptions options;
  options.observer = &watcher;
  run_scenario_replication(spec, 0, options);
  const auto moves = watcher.of(MoverKind::Patient, 0);
  REQUIRE(moves.size() == 1);
  CHECK(moves[0].end - moves[0].start == Duration::milliseconds(80'000)); // 60 m at 0.75 m/s
}

TEST_CASE("a second bed patient waits for the one lift car exactly the first one's ride") {
  ScenarioSpec spec = one_arrival(2, {step("scan", {"exam"}, 10, "up")});
  spec.resources[0].count = 2; // both patients get the exam room at once
  LayoutSpec& layout = *spec.layout;
  layout.floors.push_back(FloorSpec{"upper", 8, 4});
  layout.nodes.push_back(CorridorNodeSpec{"l0", "ground", 0, 40});
  layout.nodes.push_back(CorridorNodeSpec{"l1", "upper", 0, 40});
  layout.nodes.push_back(CorridorNodeSpec{"u", "upper", 30, 40});
  layout.edges.push_back(CorridorEdgeSpec{"a", "l0", std::nullopt, 2});
  layout.edges.push_back(CorridorEdgeSpec{"l1", "u", std::nullopt, 2});
  LiftSpec lift;
  lift.name = "main";
  lift.stops = {LiftStop{"ground", "l0"}, LiftStop{"upper", "l1"}};
  lift.speed_m_per_s = 2.0;
  lift.door_time = Duration::seconds(15);
  layout.lifts = {lift};
  layout.rooms.push_back(room("up", "upper", 30, "u", {{"exam", 1}}));
  layout.rooms[1].holds = {{"exam", 1}, {"bed", 2}};
  layout.speed_m_per_s[static_cast<std::size_t>(Mobility::Bed)] = 0.8;
  spec.classes[0].mobility = Mobility::Bed;
  Watcher watcher;
  RunOptions options;
  options.observer = &watcher;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);

  const Building building(*spec.layout, spec);
  const Route& route = building.route(0, 3, Mobility::Bed);
  const auto legs = building.legs(route);
  REQUIRE(legs.size() == 3);
  REQUIRE(legs[1].kind == RouteLeg::Kind::Lift);
  const Duration ride = legs[1].duration; // 2 x 15 s doors + 8 m at 2 m/s
  CHECK(ride == Duration::milliseconds(34'000));
  const auto first = watcher.of(MoverKind::Patient, 0);
  const auto second = watcher.of(MoverKind::Patient, 1);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  CHECK(first[0].start == eight);
  CHECK(second[0].start == eight);
  CHECK(first[0].end - first[0].start == route.duration); // 40/0.8 + 34 + 30/0.8 s
  CHECK(route.duration == Duration::milliseconds(50'000 + 34'000 + 37'500));
  CHECK(second[0].end - second[0].start == route.duration + ride);
  CHECK(kpi(kpis, "lift.main.wait.mean") == Approx(ride.to_minutes() / 2));
  CHECK(kpi(kpis, "lift.main.queue_length.max") == 1.0);
  CHECK(kpi(kpis, "lift.main.queue_length.mean") == Approx(34.0 / (24 * 3600)));
}

TEST_CASE("a bed move waits for a porter when none is free, and the porter walks to it") {
  ScenarioSpec spec = one_arrival(2, {step("exam", {"exam"}, 10)});
  spec.resources[0].count = 2;
  spec.layout->rooms[1].holds = {{"exam", 2}, {"bed", 2}};
  ResourceSpec porter;
  porter.name = "porter";
  porter.kind = ResourceKind::Staff;
  porter.count = 1;
  porter.returns_home = false;
  spec.resources.push_back(porter);
  spec.layout->porter = "porter";
  spec.layout->speed_m_per_s[static_cast<std::size_t>(Mobility::Bed)] = 0.8;
  spec.layout->speed_m_per_s[static_cast<std::size_t>(Mobility::Walking)] = 1.2;
  spec.classes[0].mobility = Mobility::Bed;
  Watcher watcher;
  RunOptions options;
  options.observer = &watcher;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  const auto first = watcher.of(MoverKind::Patient, 0);
  const auto second = watcher.of(MoverKind::Patient, 1);
  REQUIRE(first.size() == 1);
  REQUIRE(second.size() == 1);
  // The porter (no home: starts where it first works) pushes patient 0 for 75 s, then walks
  // back 60 m at 1.2 m/s (50 s) for patient 1, and pushes it for 75 s.
  CHECK(first[0].start == eight);
  CHECK(first[0].end == eight + Duration::seconds(75));
  CHECK(second[0].start == eight + Duration::seconds(125));
  CHECK(second[0].end == eight + Duration::seconds(200));
  const auto porter_moves = watcher.of(MoverKind::Staff, 0);
  REQUIRE(porter_moves.size() == 3);
  CHECK(porter_moves[1].from == 1);
  CHECK(porter_moves[1].to == 0);
  CHECK(porter_moves[1].start == eight + Duration::seconds(75));
  CHECK(kpi(kpis, "hospital.porter_wait.mean") == Approx(75.0 / 60 / 2));
  CHECK(kpi(kpis, "resource.porter.walking.distance") == Approx(180.0));
  CHECK(kpi(kpis, "resource.porter.walking.hours") == Approx(200.0 / 3600));
  CHECK(kpi(kpis, "resource.porter.walking.fraction") == Approx(1.0)); // held only to move
}

TEST_CASE("a nurse walks to the patient, delaying the service start, and walks home") {
  ScenarioSpec spec = one_arrival(1, {step("assess", {"nurse", "exam"}, 10)});
  spec.pathways[0].steps[0].door_to_doctor = true;
  ResourceSpec nurse;
  nurse.name = "nurse";
  nurse.kind = ResourceKind::Staff;
  nurse.count = 1;
  nurse.home_room = "station";
  spec.resources.push_back(nurse);
  spec.layout->speed_m_per_s[static_cast<std::size_t>(Mobility::Walking)] = 1.2;
  Watcher watcher;
  RunOptions options;
  options.observer = &watcher;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  // The patient needs 50 s from the entry; the nurse 120 m from the station, 100 s.
  REQUIRE(watcher.starts.size() == 1);
  CHECK(watcher.starts[0].second == eight + Duration::seconds(100));
  const auto walks = watcher.of(MoverKind::Staff, 0);
  REQUIRE(walks.size() == 2);
  CHECK(walks[0].from == 2);
  CHECK(walks[0].to == 1);
  CHECK(walks[0].end == eight + Duration::seconds(100));
  CHECK(walks[1].from == 1);
  CHECK(walks[1].to == 2);
  CHECK(walks[1].start == eight + Duration::seconds(100) + Duration::minutes(10));
  CHECK(kpi(kpis, "class.p.door_to_doctor.mean") == Approx(100.0 / 60));
  CHECK(kpi(kpis, "resource.nurse.walking.distance") == Approx(240.0));
  CHECK(kpi(kpis, "hospital.staff_walking.distance") == Approx(240.0));
  CHECK(kpi(kpis, "resource.nurse.walking.hours") == Approx(200.0 / 3600));
  // Walking is busy time: held 100 s + 10 min; walking 100 s of it (the walk home is after).
  CHECK(kpi(kpis, "resource.nurse.busy_hours") == Approx((100.0 + 600.0) / 3600));
  CHECK(kpi(kpis, "resource.nurse.walking.fraction") == Approx(100.0 / 700.0));
  CHECK(kpi(kpis, "resource.nurse.walking.distance_per_shift") ==
        Approx(240.0 / 2)); // 24 h = 2 shifts
}

TEST_CASE("the run recorder's moves give a patient's room sequence and seizes name their unit") {
  ScenarioSpec spec = one_arrival(
      2, {step("admit", {"bed"}, 30), step("exam", {"exam"}, 10), step("home", {}, 1, "entry")});
  spec.pathways[0].steps[0].keep = {"bed"};
  spec.pathways[0].steps[2].needs = {};
  RunRecorder recorder;
  RunOptions options;
  options.observer = &recorder;
  run_scenario_replication(spec, 0, options);
  const trace::ReplicationTrace& trace = recorder.trace();
  std::vector<std::pair<std::int64_t, std::int64_t>> rooms;
  for (const trace::MoveRecord& move : trace.moves)
    if (move.agent_kind == trace::AgentKind::Patient && move.agent == 1)
      rooms.emplace_back(move.from_room, move.to_room);
  // Patient 1: entry -> far (its bed), stays in far for the exam, then far -> entry.
  const std::vector<std::pair<std::int64_t, std::int64_t>> expected{{0, 1}, {1, 0}};
  CHECK(rooms == expected);
  for (std::size_t i = 1; i < trace.moves.size(); ++i)
    CHECK(trace.moves[i - 1].start_ms <= trace.moves[i].start_ms);
  for (const trace::MoveRecord& move : trace.moves)
    if (move.agent_kind == trace::AgentKind::Patient && move.agent == 1) {
      REQUIRE(move.path_nodes == 2);
      CHECK(trace.move_paths[move.first_path_node] == static_cast<std::uint32_t>(move.from_room));
    }
  // The two patients hold beds 0 and 1 (the lowest free number each), and give back the same.
  std::vector<std::int64_t> seized(2, -1);
  std::vector<std::int64_t> released(2, -1);
  for (const trace::EventRecord& event : trace.events)
    if (event.resource == 1 && event.patient >= 0 && event.patient < 2) {
      if (event.kind == trace::EventKind::Seize)
        seized[static_cast<std::size_t>(event.patient)] = event.unit;
      if (event.kind == trace::EventKind::Release)
        released[static_cast<std::size_t>(event.patient)] = event.unit;
    }
  CHECK(seized == std::vector<std::int64_t>{0, 1});
  CHECK(released == seized);
}

TEST_CASE("a scenario with a layout gives the same results on 1 and 2 threads") {
  ScenarioSpec spec = one_arrival(1, {step("assess", {"nurse", "exam"}, 10)});
  spec.horizon = Duration::days(3);
  spec.warmup = Duration::days(1);
  spec.resources[0].count = 2;
  spec.layout->rooms[1].holds = {{"exam", 2}, {"bed", 2}};
  ResourceSpec nurse;
  nurse.name = "nurse";
  nurse.kind = ResourceKind::Staff;
  nurse.count = 2;
  nurse.home_room = "station";
  ResourceSpec porter = nurse;
  porter.name = "porter";
  porter.count = 1;
  spec.resources.push_back(nurse);
  spec.resources.push_back(porter);
  spec.layout->porter = "porter";
  spec.classes[0].appointments.reset();
  PoissonArrivals poisson;
  poisson.per_hour.fill(3.0);
  spec.classes[0].poisson = poisson;
  spec.classes[0].acuity_mix = {0.2, 0.2, 0.6, 0, 0};
  spec.classes[0].mobility_by_acuity[0] = Mobility::Bed;
  spec.classes[0].mobility_by_acuity[1] = Mobility::Trolley;
  const Building building(*spec.layout, spec);
  RunOptions options;
  options.building = &building;
  auto run = [&](std::size_t threads) {
    std::vector<sim::KpiSet> results;
    sim::run_replications<sim::KpiSet>(
        4, threads, [&](std::uint64_t r) { return run_scenario_replication(spec, r, options); },
        [&](std::uint64_t, sim::KpiSet&& kpis) { results.push_back(std::move(kpis)); });
    return results;
  };
  const auto one = run(1);
  const auto two = run(2);
  REQUIRE(one.size() == two.size());
  for (std::size_t r = 0; r < one.size(); ++r) {
    REQUIRE(one[r].size() == two[r].size());
    for (std::size_t i = 0; i < one[r].size(); ++i) {
      INFO(one[r][i].name);
      CHECK((one[r][i].value == two[r][i].value ||
             (std::isnan(one[r][i].value) && std::isnan(two[r][i].value))));
    }
  }
  CHECK(kpi(one[0], "resource.nurse.walking.distance") > 0);
  CHECK(kpi(one[0], "resource.porter.walking.distance") > 0);
  // Without its own building, a replication builds one: the same results.
  const sim::KpiSet alone = run_scenario_replication(spec, 0, RunOptions{});
  CHECK(kpi(alone, "resource.nurse.walking.distance") ==
        kpi(one[0], "resource.nurse.walking.distance"));
}

TEST_CASE("a run database's moves give a hand-checked patient's rooms and path by name") {
  ScenarioSpec spec = one_arrival(2, {step("admit", {"bed"}, 30), step("exam", {"exam"}, 10),
                                      step("home", {}, 1, "entry")});
  spec.pathways[0].steps[0].keep = {"bed"};
  RunRecorder recorder;
  RunOptions options;
  options.observer = &recorder;
  run_scenario_replication(spec, 0, options);
  trace::RunInfo info = describe_run(spec);
  info.layout = describe_layout(Building(*spec.layout, spec), spec);
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("hospsim_movement_" + std::to_string(std::hash<std::string>{}(spec.name)) + ".db");
  std::filesystem::remove(file);
  {
    trace::RunDatabaseWriter writer(file, info);
    writer.write_replication(0, recorder.trace(), {});
    writer.finish({});
  }
  const trace::RunDatabaseReader reader(file);
  const trace::LayoutInfo layout = reader.layout();
  const trace::MoveList moves = reader.moves(0);
  // Hand-checked: patient 1 arrives in "entry" at 08:00, takes bed 1 (the lowest free after
  // patient 0's bed 0) in "far" (60 m at 1.2 m/s: 50 s), waits for the exam room there while
  // patient 0 is examined, then goes back to "entry" through nodes b, a.
  std::vector<std::string> rooms;
  std::vector<std::string> nodes;
  std::vector<std::pair<std::int64_t, std::int64_t>> times;
  for (std::size_t i = 0; i < moves.moves.size(); ++i) {
    const trace::MoveRecord& move = moves.moves[i];
    if (move.agent_kind != trace::AgentKind::Patient || move.agent != 1)
      continue;
    rooms.push_back(layout.rooms.at(static_cast<std::size_t>(move.from_room)).name + ">" +
                    layout.rooms.at(static_cast<std::size_t>(move.to_room)).name);
    for (std::uint32_t k = 0; k < move.path_nodes; ++k)
      nodes.push_back(layout.nodes.at(moves.paths.at(move.first_path_node + k)).name);
    times.emplace_back(move.start_ms, move.end_ms);
  }
  CHECK(rooms == std::vector<std::string>{"entry>far", "far>entry"});
  CHECK(nodes == std::vector<std::string>{"a", "b", "b", "a"});
  const std::int64_t at_eight = Duration::hours(8).count_ms();
  REQUIRE(times.size() == 2);
  CHECK(times[0] == std::pair<std::int64_t, std::int64_t>{at_eight, at_eight + 50'000});
  // Bed from 08:00:50; exam after patient 0's (08:30:50 to 08:40:50), then 10 min.
  const std::int64_t leaves = at_eight + 50'000 + Duration::minutes(50).count_ms();
  CHECK(times[1] == std::pair<std::int64_t, std::int64_t>{leaves, leaves + 50'000});
  std::vector<std::string> beds;
  for (const trace::UnitInfo& unit : layout.units)
    if (unit.resource == 1)
      beds.push_back(unit.name + "@" + layout.rooms.at(static_cast<std::size_t>(unit.room)).name);
  CHECK(beds == std::vector<std::string>{"bed 1@far", "bed 2@far"});
  std::filesystem::remove(file);
}
