// SPDX-License-Identifier: MIT
// The shipped layout scenario pairs (scenarios/layouts/): each variant loads, differs from its
// pair only where it should, and its building gives the routes its comments describe.
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace {

using namespace hospsim::models;
using hospsim::sim::Duration;

const std::filesystem::path layouts =
    std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios" / "layouts";

std::size_t room(const Building& building, const char* name) {
  const auto index = building.room_index(name);
  REQUIRE(index);
  return *index;
}

std::size_t resource(const ScenarioSpec& spec, const std::string& name) {
  for (std::size_t r = 0; r < spec.resources.size(); ++r)
    if (spec.resources[r].name == name)
      return r;
  FAIL("no resource " << name);
  return 0;
}

} // namespace

TEST_CASE("the STEMI variants differ only in where the cath lab is") {
  const ScenarioSpec adjacent = load_scenario(layouts / "stemi_cath_lab_adjacent.yaml");
  const ScenarioSpec upstairs = load_scenario(layouts / "stemi_cath_lab_two_floors_up.yaml");
  REQUIRE(adjacent.layout);
  REQUIRE(upstairs.layout);
  CHECK(adjacent.seed == upstairs.seed);
  CHECK(adjacent.resources.size() == upstairs.resources.size());
  CHECK(adjacent.layout->nodes.size() == upstairs.layout->nodes.size());
  REQUIRE(adjacent.layout->rooms.size() == upstairs.layout->rooms.size());
  for (std::size_t i = 0; i < adjacent.layout->rooms.size(); ++i) {
    const RoomSpec& a = adjacent.layout->rooms[i];
    const RoomSpec& b = upstairs.layout->rooms[i];
    INFO(a.name);
    CHECK(a.name == b.name);
    CHECK((a.floor == b.floor && a.door == b.door) == (a.name != "cath_lab"));
  }
  const Building near(*adjacent.layout, adjacent);
  const Building far(*upstairs.layout, upstairs);
  // The trolley from the majors cubicles to the cath lab: 20 m next door; two floors up, 35 m
  // to the lift, the ride (2 x 10 s doors + 9 m at 1 m/s) and 50 m.
  const Route& next_door =
      near.route(room(near, "majors"), room(near, "cath_lab"), Mobility::Trolley);
  CHECK(next_door.duration == Duration::seconds(20));
  CHECK(next_door.leg_count == 1);
  const Route& by_lift = far.route(room(far, "majors"), room(far, "cath_lab"), Mobility::Trolley);
  CHECK(by_lift.duration == Duration::seconds(35 + 29 + 50));
  REQUIRE(by_lift.leg_count == 3);
  CHECK(far.legs(by_lift)[1].kind == RouteLeg::Kind::Lift);
  CHECK(far.legs(by_lift)[1].distance_m == Approx(9.0));
  CHECK(far.unit_room(resource(upstairs, "cath_lab"), 0) == room(far, "cath_lab"));
  CHECK(far.room_floor(room(far, "cath_lab")) == 2);
  const StepSpec& cath = adjacent.pathways[0].steps[4];
  CHECK(cath.name == "cath");
  CHECK(cath.door_to_treatment);
}

TEST_CASE("decentralised nurse stations shorten the walk from a station to the beds") {
  const ScenarioSpec central = load_scenario(layouts / "ward_central_station.yaml");
  const ScenarioSpec local = load_scenario(layouts / "ward_decentralised_stations.yaml");
  REQUIRE(central.layout);
  REQUIRE(local.layout);
  const Building central_ward(*central.layout, central);
  const Building local_ward(*local.layout, local);
  double central_metres = 0;
  double local_metres = 0;
  std::size_t beds = 0;
  for (const char* zone : {"a", "b", "c"}) {
    const std::string bed = std::string("bed_") + zone;
    const std::string nurse = std::string("nurse_") + zone;
    CHECK(central.resources[resource(central, nurse)].home_room == "central_station");
    CHECK(local.resources[resource(local, nurse)].home_room == std::string("station_") + zone);
    CHECK(local.resources[resource(local, nurse)].returns_home);
    const std::size_t home_central = room(central_ward, "central_station");
    const std::size_t home_local = *local_ward.room_index(std::string("station_") + zone);
    for (std::size_t unit = 0; unit < 10; ++unit, ++beds) {
      const auto at_central = central_ward.unit_room(resource(central, bed), unit);
      const auto at_local = local_ward.unit_room(resource(local, bed), unit);
      REQUIRE(at_central);
      REQUIRE(at_local);
      central_metres += central_ward.route(home_central, *at_central, Mobility::Walking).distance_m;
      local_metres += local_ward.route(home_local, *at_local, Mobility::Walking).distance_m;
    }
  }
  CHECK(beds == 30);
  // One way, averaged over the 30 beds: zone A beds are 25 m (6 beds) or 15 m (4) from the
  // central station and 10 m or 0 m from station A; B: 5 m; C: 15 m or 25 m.
  CHECK(central_metres / 30 == Approx((6 * 25 + 4 * 15 + 6 * 5 + 4 * 5 + 6 * 15 + 4 * 25) / 30.0));
  CHECK(local_metres / 30 == Approx((6 * 10 + 4 * 0 + 6 * 10 + 4 * 0 + 6 * 10 + 4 * 0) / 30.0));
  CHECK(local_metres < 0.5 * central_metres);
}
