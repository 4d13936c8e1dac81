// SPDX-License-Identifier: MIT
// Broken layouts, each with the exact error a user sees (file:line:column: message), and the
// layout read from a file of its own.
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using hospsim::models::load_scenario;
using hospsim::models::load_scenario_text;
using hospsim::models::ScenarioError;

// A valid scenario with a two-floor layout; each case replaces one line (1-based).
const std::vector<std::string> base_lines{
    "name: layout test",                                                         // 1
    "units: {ed: emergency, ward: ward}",                                        // 2
    "resources:",                                                                // 3
    "  nurse: {count: 2, unit: ed, home_room: station}",                         // 4
    "  cubicle: {kind: room, count: 4, unit: ed}",                               // 5
    "  bed: {kind: bed, count: 6, unit: ward}",                                  // 6
    "pathways:",                                                                 // 7
    "  visit:",                                                                  // 8
    "    steps:",                                                                // 9
    "      triage: {needs: nurse, duration: 5 min, room: waiting, next: treat}", // 10
    "      treat: {needs: [nurse, cubicle], duration: 20 min, next: admit}",     // 11
    "      admit: {needs: bed, duration: 1 d}",                                  // 12
    "classes:",                                                                  // 13
    "  walk_in: {arrivals: {per_hour: 2}, pathway: visit, mobility: walking}",   // 14
    "layout:",                                                                   // 15
    "  floors:",                                                                 // 16
    "    ground: {}",                                                            // 17
    "    upper: {height: 4 m}",                                                  // 18
    "  nodes:",                                                                  // 19
    "    hall: {floor: ground, x: 0 m, y: 0 m}",                                 // 20
    "    corridor: {floor: ground, x: 20 m, y: 0 m}",                            // 21
    "    lift_g: {floor: ground, x: 30 m, y: 0 m}",                              // 22
    "    lift_u: {floor: upper, x: 30 m, y: 0 m}",                               // 23
    "    ward_hall: {floor: upper, x: 10 m, y: 0 m}",                            // 24
    "  edges:",                                                                  // 25
    "    - {from: hall, to: corridor}",                                          // 26
    "    - {from: corridor, to: lift_g}",                                        // 27
    "    - {from: lift_u, to: ward_hall}",                                       // 28
    "  lifts:",                                                                  // 29
    "    main: {stops: {ground: lift_g, upper: lift_u}, door_time: 10 s}",       // 30
    "  rooms:",                                                                  // 31
    "    waiting: {floor: ground, unit: ed, x: 0 m, y: 2 m, width: 8 m, depth: 6 m, door: hall, "
    "entrance: true}", // 32
    "    station: {floor: ground, unit: ed, x: 12 m, y: 2 m, width: 4 m, depth: 4 m, door: "
    "corridor}", // 33
    "    cubicles: {floor: ground, unit: ed, x: 18 m, y: 2 m, width: 10 m, depth: 6 m, door: "
    "corridor, holds: {cubicle: 4}}", // 34
    "    ward_bay: {floor: upper, unit: ward, x: 0 m, y: 2 m, width: 20 m, depth: 8 m, door: "
    "ward_hall, holds: {bed: 6}}"}; // 35

std::string with_line(std::size_t line, const std::string& text) {
  std::string yaml;
  for (std::size_t i = 0; i < base_lines.size(); ++i)
    yaml += (i + 1 == line ? text : base_lines[i]) + "\n";
  return yaml;
}

std::string error_of(const std::string& yaml) {
  try {
    load_scenario_text(yaml, "ward.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

struct BrokenLayout {
  const char* what;
  std::size_t line;
  std::string text;
  std::string expected;
};

} // namespace

TEST_CASE("the base layout scenario loads with its layout") {
  const auto spec = load_scenario_text(with_line(0, ""), "ward.yaml");
  REQUIRE(spec.layout);
  CHECK(spec.layout->rooms.size() == 4);
  CHECK(spec.layout->floors[1].elevation_m == 4.0); // the floor below's elevation + height
  CHECK(spec.resources[0].home_room == "station");
  CHECK(spec.pathways[0].steps[0].room == "waiting");
  const hospsim::models::Building building(*spec.layout, spec);
  CHECK(building.unit_room(1, 3) == std::optional<std::size_t>(2)); // cubicle 4 in "cubicles"
  CHECK(building.unit_room(2, 5) == std::optional<std::size_t>(3)); // bed 6 in "ward_bay"
}

TEST_CASE("each broken layout reports the offending node and what was expected") {
  const std::vector<BrokenLayout> cases{
      {"a room with no path to the entrance", 27, "    - {from: hall, to: corridor, length: 25 m}",
       "ward.yaml:35:5: room 'ward_bay' has no path to the entrance 'waiting'"},
      {"a step whose resources sit in no room", 10,
       "      triage: {needs: nurse, duration: 5 min, next: treat}",
       "ward.yaml:10:7: step 'triage' of pathway 'visit' needs resources that sit in no room "
       "(nurse); give the step a 'room:' or list a resource in a room's 'holds'"},
      {"a lift serving one floor", 30, "    main: {stops: {ground: lift_g}, door_time: 10 s}",
       "ward.yaml:30:20: lift 'main' serves 1 floor; it must serve two or more"},
      {"a footprint overlapping another room", 33,
       "    station: {floor: ground, unit: ed, x: 5 m, y: 2 m, width: 4 m, depth: 4 m, door: "
       "corridor}",

       "ward.yaml:33:5: the footprint of room 'station' overlaps room 'waiting' on floor 'ground'"},
      {"a corridor of length 0", 26, "    - {from: hall, to: corridor, length: 0 m}",
       "ward.yaml:26:42: the corridor hall - corridor has length 0 m; it must be more than 0"},
      {"a corridor of negative length", 26, "    - {from: hall, to: corridor, length: -3 m}",
       "ward.yaml:26:42: the corridor hall - corridor has length -3 m; it must be more than 0"},
      {"a corridor whose nodes are at one point", 26, "    - {from: hall, to: hall}",
       "ward.yaml:26:7: the corridor hall - hall has length 0 (its nodes are at the same point); "
       "give 'length' or move a node"},
      {"an unknown floor", 20, "    hall: {floor: grund, x: 0 m, y: 0 m}",
       "ward.yaml:20:19: node 'hall' is on floor 'grund', which is not a floor; did you mean "
       "'ground'?"},
      {"an unknown door node", 32,
       "    waiting: {floor: ground, unit: ed, x: 0 m, y: 2 m, width: 8 m, depth: 6 m, door: hal, "
       "entrance: true}",
       "ward.yaml:32:86: the door of room 'waiting' opens onto 'hal', which is not a node; did you "
       "mean 'hall'?"},
      {"an unknown corridor end", 28, "    - {from: lift_u, to: ward_hal}",
       "ward.yaml:28:26: a corridor goes to 'ward_hal', which is not a node; did you mean "
       "'ward_hall'?"},
      {"an unknown lift stop node", 30, "    main: {stops: {ground: lift_g, upper: lift_uu}}",
       "ward.yaml:30:36: lift 'main' stops at 'lift_uu', which is not a node; did you mean "
       "'lift_u'?"},
      {"a lift stop on the wrong floor", 30, "    main: {stops: {ground: lift_g, upper: ward_hal}}",
       "ward.yaml:30:36: lift 'main' stops at 'ward_hal', which is not a node; did you mean "
       "'ward_hall'?"},
      {"an unknown room in a step", 10,
       "      triage: {needs: nurse, duration: 5 min, room: waitng, next: treat}",
       "ward.yaml:10:53: step 'triage' of pathway 'visit' takes place in 'waitng', which is not a "
       "room; did you mean 'waiting'?"},
      {"an unknown unit", 33,
       "    station: {floor: ground, unit: edd, x: 12 m, y: 2 m, width: 4 m, depth: 4 m, door: "
       "corridor}",

       "ward.yaml:33:36: room 'station' belongs to 'edd', which is not a unit; did you mean 'ed'?"},
      {"an unknown resource held", 34,
       "    cubicles: {floor: ground, unit: ed, x: 18 m, y: 2 m, width: 10 m, depth: 6 m, door: "
       "corridor, holds: {cubical: 4}}",
       "ward.yaml:34:107: room 'cubicles' holds 'cubical', which is not a resource; did you mean "
       "'cubicle'?"},
      {"holds exceeding the count", 34,
       "    cubicles: {floor: ground, unit: ed, x: 18 m, y: 2 m, width: 10 m, depth: 6 m, door: "
       "corridor, holds: {cubicle: 5}}",
       "ward.yaml:34:107: rooms hold 5 units of 'cubicle' up to room 'cubicles', but it has only "
       "4"},
      {"a room holding staff", 34,
       "    cubicles: {floor: ground, unit: ed, x: 18 m, y: 2 m, width: 10 m, depth: 6 m, door: "
       "corridor, holds: {cubicle: 4, nurse: 1}}",
       "ward.yaml:34:119: room 'cubicles' holds staff resource 'nurse'; staff are not held by "
       "rooms: give the resource a 'home_room'"},
      {"an unknown home room", 4, "  nurse: {count: 2, unit: ed, home_room: statoin}",
       "ward.yaml:4:42: the home room of 'nurse' is 'statoin', which is not a room; did you mean "
       "'station'?"},
      {"a home room for a device", 5,
       "  cubicle: {kind: room, count: 4, unit: ed, home_room: station}",

       "ward.yaml:5:45: 'home_room' applies only to resources of kind staff; resource 'cubicle' is "
       "of kind room"},
      {"an entrance that is not one", 14,
       "  walk_in: {arrivals: {per_hour: 2}, pathway: visit, entrance: station}",
       "ward.yaml:14:64: class 'walk_in' enters at room 'station', which is not an entrance "
       "(entrance: true)"},
      {"an unknown mobility", 14,
       "  walk_in: {arrivals: {per_hour: 2}, pathway: visit, mobility: bedd}",
       "ward.yaml:14:64: 'mobility' must be one of: walking, wheelchair, trolley, bed; got 'bedd'; "
       "did you mean 'bed'?"},
      {"a length without its unit", 20, "    hall: {floor: ground, x: 0, y: 0 m}",
       "ward.yaml:20:30: 'x' must be a length with its unit (m, km, cm or mm), e.g. '25 m', got "
       "'0'"},
      {"a speed without its unit", 30,
       "    main: {stops: {ground: lift_g, upper: lift_u}, speed: 2}",

       "ward.yaml:30:59: 'speed' must be a speed with its unit (m/s, km/h or m/min), e.g. '1.2 "
       "m/s', got '2'"},
      {"an unknown layout key", 16, "  flors:",
       "ward.yaml:16:3: unknown key 'flors' in the layout; did you mean 'floors'? (expected one "
       "of: floors, nodes, edges, rooms, lifts, stairs, speeds, porter)"},
      {"a room without a footprint", 33,
       "    station: {floor: ground, unit: ed, x: 12 m, y: 2 m, width: 0 m, depth: 4 m, door: "
       "corridor}",

       "ward.yaml:33:64: room 'station' needs a width and a depth of more than 0"},
      {"no entrance", 32,
       "    waiting: {floor: ground, unit: ed, x: 0 m, y: 2 m, width: 8 m, depth: 6 m, door: hall}",
       "ward.yaml:31:3: the layout has no entrance; mark a room with 'entrance: true'"},
  };
  for (const BrokenLayout& broken : cases) {
    INFO(broken.what);
    CHECK(error_of(with_line(broken.line, broken.text)) == broken.expected);
  }
}

TEST_CASE("a room patients in beds must reach, only by a lift without beds, is reported") {
  std::string yaml =
      with_line(30, "    main: {stops: {ground: lift_g, upper: lift_u}, beds: false}");
  CHECK(error_of(yaml) == "no error"); // everyone walks
  yaml = with_line(14, "  walk_in: {arrivals: {per_hour: 2}, pathway: visit, mobility: bed}");
  CHECK(error_of(yaml) == "no error"); // the lift takes beds
  const auto at = yaml.find("door_time: 10 s}");
  yaml.replace(at, 16, "beds: false}");
  CHECK(error_of(yaml) ==
        "ward.yaml:35:5: room 'ward_bay' has no path to the entrance 'waiting' for bed patients "
        "(stairs are for walking only; a lift takes beds and trolleys only with 'beds: true')");
}

TEST_CASE("a nurse's visit needs no room when the patient holds a bed in a room") {
  // admit keeps the bed; visit (nurse only) then happens at the bed, on every path into it.
  std::string yaml =
      with_line(12, "      admit: {needs: bed, keep: bed, duration: 1 h, next: visit}\n"
                    "      visit: {needs: nurse, duration: 5 min, next: [{to: visit, "
                    "probability: 0.5}, {to: exit, probability: 0.5}]}");
  CHECK(error_of(yaml) == "no error");
  // Without the kept bed, the visit sits nowhere.
  const auto at = yaml.find("keep: bed, ");
  yaml.erase(at, 11);
  CHECK(error_of(yaml) == "ward.yaml:13:7: step 'visit' of pathway 'visit' needs resources that "
                          "sit in no room (nurse); give the step a 'room:' or list a resource in "
                          "a room's 'holds'");
  // A path into the visit that skips the bed: not held on every path.
  yaml =
      with_line(11, "      treat: {needs: [nurse, cubicle], duration: 20 min, next: [{to: admit, "
                    "probability: 0.5}, {to: visit, probability: 0.5}]}");
  yaml = yaml.substr(0, yaml.find("      admit:")) +
         "      admit: {needs: bed, keep: bed, duration: 1 h, next: visit}\n"
         "      visit: {needs: nurse, duration: 5 min}\n" +
         yaml.substr(yaml.find("classes:"));
  CHECK(error_of(yaml).find("ward.yaml:13:7: step 'visit' of pathway 'visit' needs resources that "
                            "sit in no room") == 0);
}

TEST_CASE("rooms, entrances and home rooms need a layout") {
  const std::string no_layout = R"(name: no layout
resources: {nurse: {count: 1}}
pathways: {visit: {steps: {triage: {needs: nurse, duration: 5 min, room: waiting}}}}
classes: {walk_in: {arrivals: {per_hour: 2}, pathway: visit, mobility: bed}}
)";
  CHECK(error_of(no_layout) ==
        "ward.yaml:3:74: step 'triage' takes place in room 'waiting'; rooms need a 'layout:' "
        "section, which this scenario does not have");
  std::string without_room = no_layout;
  without_room.replace(without_room.find(", room: waiting"), 15, "");
  // `mobility` alone is allowed (a base scenario a layout variant extends) and ignored.
  const auto spec = load_scenario_text(without_room, "ward.yaml");
  CHECK_FALSE(spec.layout);
  CHECK(spec.classes[0].mobility == hospsim::models::Mobility::Bed);
}

namespace {

struct TemporaryDirectory {
  std::filesystem::path path;
  explicit TemporaryDirectory(const std::string& name)
      : path(std::filesystem::temp_directory_path() / name) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path / "layouts");
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

/// base_lines up to line 14, then `layout: <value>`.
std::string scenario_naming(const std::string& layout) {
  std::string yaml;
  for (std::size_t i = 0; i < 14; ++i)
    yaml += base_lines[i] + "\n";
  return yaml + "layout: " + layout + "\n";
}

/// The layout part of base_lines (16..35) without its two-space indent.
std::string layout_file() {
  std::string yaml;
  for (std::size_t i = 15; i < base_lines.size(); ++i)
    yaml += base_lines[i].substr(2) + "\n";
  return yaml;
}

} // namespace

TEST_CASE("a layout in a file of its own is read relative to the scenario") {
  const TemporaryDirectory dir("hospsim_layout_file_test");
  dir.write("ward.yaml", scenario_naming("layouts/two_floors.yaml"));
  dir.write("layouts/two_floors.yaml", layout_file());
  const auto spec = load_scenario(dir.path / "ward.yaml");
  REQUIRE(spec.layout);
  CHECK(spec.layout->rooms.size() == 4);
  CHECK(spec.layout->rooms[3].holds ==
        std::vector<std::pair<std::string, std::size_t>>{{"bed", 6}});

  // A problem in the layout file is reported in that file.
  std::string broken = layout_file();
  broken.replace(broken.find("x: 0 m, y: 0 m"), 4, "x: 0,");
  dir.write("layouts/two_floors.yaml", broken);
  try {
    load_scenario(dir.path / "ward.yaml");
    FAIL("no error");
  } catch (const ScenarioError& error) {
    CHECK(error.file() == (dir.path / "layouts" / "two_floors.yaml").string());
    CHECK(error.line() == 5);
  }

  // A missing file, and a directory, are reported at the `layout:` value.
  dir.write("missing.yaml", scenario_naming("layouts/nowhere.yaml"));
  dir.write("directory.yaml", scenario_naming("layouts"));
  for (const char* name : {"missing.yaml", "directory.yaml"}) {
    INFO(name);
    try {
      load_scenario(dir.path / name);
      FAIL("no error");
    } catch (const ScenarioError& error) {
      CHECK(error.line() == 15);
      CHECK(error.column() == 9);
      CHECK(std::string(error.what()).find("is not a regular file") != std::string::npos);
    }
  }
}
