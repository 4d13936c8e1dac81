// SPDX-License-Identifier: MIT
// Routes of a Building built in code: exact durations, lifts, stairs, the shorter corridor.
#include "models/layout/building.hpp"
#include "models/layout/layout_validation.hpp"
#include "sim/error.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {

using namespace hospsim::models;
using hospsim::sim::Duration;

ScenarioSpec scenario_with_beds() {
  ScenarioSpec scenario;
  scenario.units = {UnitSpec{"ed", UnitKind::Emergency}};
  ResourceSpec bed;
  bed.name = "bed";
  bed.kind = ResourceKind::Bed;
  bed.count = 4;
  scenario.resources = {bed};
  return scenario;
}

RoomSpec room(std::string name, std::string floor, double x, std::string door) {
  RoomSpec spec;
  spec.name = std::move(name);
  spec.floor = std::move(floor);
  spec.x_m = x;
  spec.y_m = 1;
  spec.width_m = 4;
  spec.depth_m = 4;
  spec.door = std::move(door);
  return spec;
}

/// A ground-floor corridor a (0,0) - b (60,0); room "entry" at a, room "far" at b.
LayoutSpec straight_corridor() {
  LayoutSpec layout;
  layout.floors = {FloorSpec{"ground", 0, 4}};
  layout.nodes = {CorridorNodeSpec{"a", "ground", 0, 0}, CorridorNodeSpec{"b", "ground", 60, 0}};
  layout.edges = {CorridorEdgeSpec{"a", "b", std::nullopt, 2}};
  layout.rooms = {room("entry", "ground", 0, "a"), room("far", "ground", 58, "b")};
  layout.rooms[0].entrance = true;
  return layout;
}

/// Two floors 8 m apart; stairs (s0-s1) and a lift (l0-l1) both join them. Ground: a - s0
/// (10 m), a - l0 (40 m). Upper: s1 - u (10 m), l1 - u (40 m). Room "entry" at a, "up" at u.
LayoutSpec two_floors(bool lift_takes_beds) {
  LayoutSpec layout;
  layout.floors = {FloorSpec{"ground", 0, 4}, FloorSpec{"upper", 8, 4}};
  layout.nodes = {CorridorNodeSpec{"a", "ground", 0, 0},   CorridorNodeSpec{"s0", "ground", 10, 0},
                  CorridorNodeSpec{"l0", "ground", 0, 40}, CorridorNodeSpec{"u", "upper", 20, 0},
                  CorridorNodeSpec{"s1", "upper", 10, 0},  CorridorNodeSpec{"l1", "upper", 0, 40}};
  layout.edges = {
      CorridorEdgeSpec{"a", "s0", std::nullopt, 0}, CorridorEdgeSpec{"a", "l0", std::nullopt, 0},
      CorridorEdgeSpec{"s1", "u", std::nullopt, 0}, CorridorEdgeSpec{"l1", "u", 40.0, 0}};
  LiftSpec lift;
  lift.name = "main";
  lift.stops = {LiftStop{"ground", "l0"}, LiftStop{"upper", "l1"}};
  lift.speed_m_per_s = 2.0;
  lift.door_time = Duration::seconds(15);
  lift.beds = lift_takes_beds;
  layout.lifts = {lift};
  layout.stairs = {StairsSpec{"east", {LiftStop{"ground", "s0"}, LiftStop{"upper", "s1"}}}};
  layout.rooms = {room("entry", "ground", 0, "a"), room("up", "upper", 20, "u")};
  layout.rooms[0].entrance = true;
  return layout;
}

} // namespace

TEST_CASE("a straight corridor of known length and speed gives the exact travel time") {
  LayoutSpec layout = straight_corridor();
  layout.speed_m_per_s[static_cast<std::size_t>(Mobility::Walking)] = 1.2;
  layout.speed_m_per_s[static_cast<std::size_t>(Mobility::Bed)] = 0.7;
  const Building building(layout, scenario_with_beds());
  REQUIRE(building.room_count() == 2);
  const Route& walk = building.route(0, 1, Mobility::Walking);
  CHECK(walk.reachable);
  CHECK(walk.distance_m == Approx(60.0));
  CHECK(walk.duration == Duration::milliseconds(50'000)); // 60 m / 1.2 m/s
  // 60 m / 0.7 m/s = 85.714285... s: rounded to the nearest millisecond.
  CHECK(building.route(0, 1, Mobility::Bed).duration == Duration::milliseconds(85'714));
  REQUIRE(building.legs(walk).size() == 1);
  CHECK(building.legs(walk)[0].kind == RouteLeg::Kind::Walk);
  CHECK(building.legs(walk)[0].duration == Duration::milliseconds(50'000));
  const auto nodes = building.nodes(walk);
  REQUIRE(nodes.size() == 2);
  CHECK(building.node(nodes[0]).name == "a");
  CHECK(building.node(nodes[1]).name == "b");
  // Back again: the same time; to itself: nothing.
  CHECK(building.route(1, 0, Mobility::Walking).duration == Duration::milliseconds(50'000));
  const Route& stay = building.route(1, 1, Mobility::Walking);
  CHECK(stay.duration == Duration{});
  CHECK(stay.leg_count == 0);
  CHECK(stay.node_count == 1);
}

TEST_CASE("an explicit corridor length replaces the distance between its nodes") {
  LayoutSpec layout = straight_corridor();
  layout.edges[0].length_m = 90.0;
  const Building building(layout, scenario_with_beds());
  CHECK(building.route(0, 1, Mobility::Walking).duration == Duration::milliseconds(75'000));
  CHECK(building.route(0, 1, Mobility::Walking).distance_m == Approx(90.0));
}

TEST_CASE("a walker takes the stairs when they are quicker than the lift") {
  const Building building(two_floors(true), scenario_with_beds());
  const Route& route = building.route(0, 1, Mobility::Walking);
  // a-s0 10 m / 1.2 + stairs 8 m / 0.5 (stops 0 m apart) + s1-u 10 m / 1.2 = 32.667 s
  // versus the lift way: 40 / 1.2 + 30 + 4 + 40 / 1.2 = 100.7 s.
  REQUIRE(building.legs(route).size() == 3);
  CHECK(building.legs(route)[1].kind == RouteLeg::Kind::Stairs);
  CHECK(building.legs(route)[1].duration == Duration::milliseconds(16'000));
  CHECK(route.duration == Duration::milliseconds(8'333 + 16'000 + 8'333));
  CHECK(route.distance_m == Approx(20.0));
}

TEST_CASE("a route through a lift adds twice the door time and the ride") {
  const Building building(two_floors(true), scenario_with_beds());
  const Route& route = building.route(0, 1, Mobility::Bed);
  // 40 m at 0.8 m/s, lift: 2 x 15 s + 8 m / 2 m/s, 40 m at 0.8 m/s.
  const auto legs = building.legs(route);
  REQUIRE(legs.size() == 3);
  CHECK(legs[0].kind == RouteLeg::Kind::Walk);
  CHECK(legs[0].duration == Duration::milliseconds(50'000));
  CHECK(legs[1].kind == RouteLeg::Kind::Lift);
  CHECK(legs[1].lift == 0);
  CHECK(legs[1].distance_m == Approx(8.0));
  CHECK(legs[1].duration == Duration::milliseconds(2 * 15'000 + 4'000));
  CHECK(legs[2].duration == Duration::milliseconds(50'000));
  CHECK(route.duration == Duration::milliseconds(134'000));
  CHECK(route.distance_m == Approx(80.0)); // the ride is not walked
  const auto lift_nodes = building.nodes(legs[1]);
  REQUIRE(lift_nodes.size() == 2);
  CHECK(building.node(lift_nodes[0]).name == "l0");
  CHECK(building.node(lift_nodes[1]).name == "l1");
  CHECK(building.node(lift_nodes[0]).kind == NodeKind::Lift);
  CHECK(building.nodes(route).size() == 4);
}

TEST_CASE("a bed cannot take the stairs and takes the lift even though it is longer") {
  const Building building(two_floors(true), scenario_with_beds());
  for (Mobility mobility : {Mobility::Wheelchair, Mobility::Trolley, Mobility::Bed}) {
    const Route& route = building.route(0, 1, mobility);
    REQUIRE(route.leg_count == 3);
    CHECK(building.legs(route)[1].kind == RouteLeg::Kind::Lift);
  }
  CHECK(building.legs(building.route(0, 1, Mobility::Walking))[1].kind == RouteLeg::Kind::Stairs);
}

TEST_CASE("a lift without beds: true leaves beds no way up, which the layout check reports") {
  ScenarioSpec scenario = scenario_with_beds();
  // Nobody uses beds: building is fine, the bed route is unreachable.
  const Building building(two_floors(false), scenario);
  CHECK_FALSE(building.route(0, 1, Mobility::Bed).reachable);
  CHECK(building.route(0, 1, Mobility::Wheelchair).reachable);
  // A class moving by bed: "up" holds a bed, so bed patients must reach it.
  LayoutSpec layout = two_floors(false);
  layout.rooms[1].holds = {{"bed", 2}};
  PatientClassSpec by_bed;
  by_bed.name = "inpatients";
  by_bed.mobility = Mobility::Bed;
  scenario.classes = {by_bed};
  const auto problem = find_layout_problem(layout, scenario);
  REQUIRE(problem);
  CHECK(problem->part == LayoutProblem::Part::Room);
  CHECK(problem->index == 1);
  CHECK(problem->message.find("room 'up' has no path to the entrance 'entry' for bed") == 0);
  CHECK_THROWS_AS(Building(layout, scenario), hospsim::sim::InputError);
}

TEST_CASE("the shortest path takes the shorter of two corridors") {
  // a - b directly is 100 m (given); a - c - b is 30 + 40 = 70 m around.
  LayoutSpec layout;
  layout.floors = {FloorSpec{"ground", 0, 4}};
  layout.nodes = {CorridorNodeSpec{"a", "ground", 0, 0}, CorridorNodeSpec{"b", "ground", 50, 0},
                  CorridorNodeSpec{"c", "ground", 25, 20}};
  layout.edges = {CorridorEdgeSpec{"a", "b", 100.0, 0}, CorridorEdgeSpec{"a", "c", 30.0, 0},
                  CorridorEdgeSpec{"c", "b", 40.0, 0}};
  layout.rooms = {room("entry", "ground", 0, "a"), room("far", "ground", 50, "b")};
  layout.rooms[0].entrance = true;
  const Building building(layout, scenario_with_beds());
  const Route& route = building.route(0, 1, Mobility::Walking);
  CHECK(route.distance_m == Approx(70.0));
  const auto nodes = building.nodes(route);
  REQUIRE(nodes.size() == 3);
  CHECK(building.node(nodes[1]).name == "c");
  // Make the detour longer than the direct corridor: the direct one is taken.
  layout.edges[2].length_m = 80.0;
  CHECK(Building(layout, scenario_with_beds()).route(0, 1, Mobility::Walking).distance_m ==
        Approx(100.0));
}

TEST_CASE("units of a resource belong to rooms in the order the rooms list them") {
  LayoutSpec layout = straight_corridor();
  layout.rooms[1].holds = {{"bed", 1}};
  layout.rooms[0].holds = {{"bed", 2}};
  const Building building(layout, scenario_with_beds());
  CHECK(building.unit_room(0, 0) == std::optional<std::size_t>(0));
  CHECK(building.unit_room(0, 1) == std::optional<std::size_t>(0));
  CHECK(building.unit_room(0, 2) == std::optional<std::size_t>(1));
  CHECK_FALSE(building.unit_room(0, 3)); // bed 4 is in no room
  CHECK(building.units_in_rooms(0) == 3);
  CHECK(building.default_entrance() == 0);
  CHECK(building.room_index("far") == std::optional<std::size_t>(1));
  CHECK_FALSE(building.room_index("nowhere"));
}

TEST_CASE("staff without a home room live in the first room of their unit") {
  ScenarioSpec scenario = scenario_with_beds();
  ResourceSpec nurse;
  nurse.name = "nurse";
  nurse.unit = "ed";
  nurse.count = 2;
  ResourceSpec porter = nurse;
  porter.name = "porter";
  porter.unit = "";
  scenario.resources.push_back(nurse);
  scenario.resources.push_back(porter);
  LayoutSpec layout = straight_corridor();
  layout.rooms[1].unit = "ed";
  PatientClassSpec walk_in;
  walk_in.name = "walk_in";
  walk_in.entrance = "entry";
  scenario.classes = {walk_in};
  const Building building(layout, scenario);
  CHECK(building.home_room(1) == std::optional<std::size_t>(1)); // "far", the unit's first room
  CHECK_FALSE(building.home_room(2));                            // no unit, no home_room
  CHECK_FALSE(building.home_room(0));                            // beds have no home
  CHECK(building.entrance_of(0) == 0);
  scenario.resources[1].home_room = "entry";
  CHECK(Building(layout, scenario).home_room(1) == std::optional<std::size_t>(0));
}

TEST_CASE("a layout built in code gets the loader's checks as InputError") {
  LayoutSpec layout = straight_corridor();
  layout.rooms[1].holds = {{"bed", 5}};
  try {
    const Building building(layout, scenario_with_beds());
    FAIL("no error");
  } catch (const hospsim::sim::InputError& error) {
    CHECK(std::string(error.what()) ==
          "layout: rooms hold 5 units of 'bed' up to room 'far', but it has only 4");
  }
}
