// SPDX-License-Identifier: MIT
// docs/layout.md's complete example (docs/examples/layout_example.yaml): quoted verbatim by the
// page, loaded here, and its routes are the ones the page gives.
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using namespace hospsim::models;
using hospsim::sim::Duration;

const std::filesystem::path source_dir(HOSPSIM_SOURCE_DIR);

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("docs/layout.md quotes its example file verbatim") {
  const std::string page = read_text(source_dir / "docs" / "layout.md");
  const std::string example = read_text(source_dir / "docs" / "examples" / "layout_example.yaml");
  CHECK(page.find("```yaml\n" + example + "```\n") != std::string::npos);
}

TEST_CASE("the layout example loads and its routes are those the page gives") {
  const ScenarioSpec spec = load_scenario(source_dir / "docs" / "examples" / "layout_example.yaml");
  REQUIRE(spec.layout);
  const Building building(*spec.layout, spec);
  CHECK(building.room_count() == 7);
  CHECK(building.floor(1).elevation_m == 4.0);
  const std::size_t waiting = *building.room_index("waiting");
  const std::size_t ward = *building.room_index("ward_bays");
  CHECK(building.default_entrance() == waiting);

  // Walking: 50 m, the stairs (4 m up at 0.5 m/s), 10 m: 41.667 + 8 + 8.333 s.
  const Route& walk = building.route(waiting, ward, Mobility::Walking);
  REQUIRE(walk.leg_count == 3);
  CHECK(building.legs(walk)[1].kind == RouteLeg::Kind::Stairs);
  CHECK(walk.distance_m == Approx(60.0));
  CHECK(walk.duration == Duration::milliseconds(58'000));

  // A trolley cannot take the stairs: 50 m at 1 m/s, the lift (2 x 10 s + 4 m at 1 m/s), 10 m.
  const Route& trolley = building.route(waiting, ward, Mobility::Trolley);
  REQUIRE(trolley.leg_count == 3);
  CHECK(building.legs(trolley)[1].kind == RouteLeg::Kind::Lift);
  CHECK(building.legs(trolley)[1].duration == Duration::seconds(24));
  CHECK(trolley.duration == Duration::seconds(84));

  // The porter's walk to CT: 20 m at 1.2 m/s.
  CHECK(building
            .route(*building.room_index("porters"), *building.room_index("ct_room"),
                   Mobility::Walking)
            .duration == Duration::milliseconds(16'667));
  // CT unit 0 is in ct_room; bed 8 (unit 7) in ward_bays.
  CHECK(building.unit_room(4, 0) == building.room_index("ct_room"));
  CHECK(building.unit_room(5, 7) == std::optional<std::size_t>(ward));
  CHECK(spec.layout->porter == "porter");
  CHECK(spec.classes[0].mobility_by_acuity[1] == Mobility::Trolley);
  CHECK(patient_mobility(spec.classes[0], 2) == Mobility::Trolley);
  CHECK(patient_mobility(spec.classes[0], 3) == Mobility::Walking);
  CHECK(building.entrance_of(0) == waiting);
  // Home rooms: given (nurse: ed_station), or none for a device.
  CHECK(building.home_room(0) == building.room_index("ed_station"));
  CHECK(building.home_room(2) == building.room_index("porters"));
  CHECK_FALSE(building.home_room(4));
}
