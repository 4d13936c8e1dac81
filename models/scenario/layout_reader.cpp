// SPDX-License-Identifier: MIT
#include "models/scenario/layout_reader.hpp"

#include "models/scenario/measure_reader.hpp"
#include "models/scenario/value_reader.hpp"

#include <array>
#include <filesystem>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

constexpr std::array layout_keys{
    KeySpec{"floors", true, "floor name -> {elevation, height}, from the lowest up"},
    KeySpec{"nodes", true, "corridor nodes: name -> {floor, x, y}"},
    KeySpec{"edges", false, "corridors: a list of {from, to, length, width}"},
    KeySpec{"rooms", true, "room name -> room"},
    KeySpec{"lifts", false, "lift name -> lift"},
    KeySpec{"stairs", false, "stairs name -> {stops}; walking only"},
    KeySpec{"speeds", false, "speeds by mobility and on stairs"},
    KeySpec{"porter", false, "staff resource that moves trolley and bed patients"}};
constexpr std::array floor_keys{
    KeySpec{"elevation", false,
            "height above the ground floor (a length); default the floor below's elevation plus "
            "its height, 0 m for the first"},
    KeySpec{"height", false, "storey height (a length); default 4 m"}};
constexpr std::array node_keys{
    KeySpec{"floor", true, "the floor it is on"},
    KeySpec{"x", true, "x coordinate on its floor (a length, may be negative)"},
    KeySpec{"y", true, "y coordinate on its floor (a length, may be negative)"}};
constexpr std::array edge_keys{
    KeySpec{"from", true, "a node"}, KeySpec{"to", true, "a node on the same floor"},
    KeySpec{"length", false,
            "corridor length, more than 0; default the distance between the nodes"},
    KeySpec{"width", false, "corridor width (drawing only); default not given"}};
constexpr std::array room_keys{
    KeySpec{"floor", true, "the floor it is on"},
    KeySpec{"unit", false, "the unit (department) it belongs to"},
    KeySpec{"x", true, "x of the footprint's corner (a length)"},
    KeySpec{"y", true, "y of the footprint's corner (a length)"},
    KeySpec{"width", true, "footprint along x, more than 0"},
    KeySpec{"depth", true, "footprint along y, more than 0"},
    KeySpec{"door", true, "the corridor node (on the same floor) the room opens onto"},
    KeySpec{"holds", false, "resource -> how many of its units are in this room (not staff)"},
    KeySpec{"entrance", false, "true: patients arrive here; default false"}};
constexpr std::array lift_keys{
    KeySpec{"stops", true, "floor -> the node where the doors open; two floors or more"},
    KeySpec{"cars", false, "number of cars; default 1"},
    KeySpec{"speed", false, "vertical speed; default 1 m/s"},
    KeySpec{"door_time", false, "doors opening and closing at each stop; default 10 s"},
    KeySpec{"beds", false, "a car takes a bed or trolley; default true"}};
constexpr std::array stairs_keys{
    KeySpec{"stops", true, "floor -> the node where the stairs open; two floors or more"}};
constexpr std::array speed_keys{
    KeySpec{"walking", false, "walking patients and all staff; default 1.2 m/s"},
    KeySpec{"wheelchair", false, "default 0.9 m/s"}, KeySpec{"trolley", false, "default 1.0 m/s"},
    KeySpec{"bed", false, "default 0.8 m/s"},
    KeySpec{"stairs", false, "vertical speed on stairs; default 0.5 m/s"}};

const KeyTable layout_table{"layout", layout_keys};
const KeyTable floor_table{"layout floor", floor_keys};
const KeyTable node_table{"layout node", node_keys};
const KeyTable edge_table{"layout edge", edge_keys};
const KeyTable room_table{"layout room", room_keys};
const KeyTable lift_table{"layout lift", lift_keys};
const KeyTable stairs_table{"layout stairs", stairs_keys};
const KeyTable speed_table{"layout speeds", speed_keys};

const DocumentNode& mapping_of(const DocumentNode& node, std::string_view what) {
  if (!node.is_mapping())
    fail(node.location,
         fmt::format("{} must be a mapping of name -> entry, got {}", what, node.describe()));
  return node;
}

std::vector<LiftStop> read_stops(const DocumentNode& node, const std::string& owner) {
  if (!node.is_mapping())
    fail(node.location, fmt::format("'stops' of {} must be a mapping floor -> node, got {}", owner,
                                    node.describe()));
  std::vector<LiftStop> stops;
  for (const DocumentEntry& entry : node.entries)
    stops.push_back(LiftStop{entry.key, read_string(entry.value, "a stop's node")});
  return stops;
}

RoomSpec read_room(const DocumentEntry& entry) {
  const std::string owner = fmt::format("room '{}'", entry.key);
  const CheckedMapping map(entry.value, room_table, owner);
  RoomSpec room;
  room.name = entry.key;
  room.floor = read_string(*map.get("floor"), "'floor'");
  if (const DocumentNode* unit = map.get("unit"))
    room.unit = read_string(*unit, "'unit'");
  room.x_m = read_metres(*map.get("x"), "'x'", true);
  room.y_m = read_metres(*map.get("y"), "'y'", true);
  room.width_m = read_metres(*map.get("width"), "'width'");
  room.depth_m = read_metres(*map.get("depth"), "'depth'");
  room.door = read_string(*map.get("door"), "'door'");
  if (const DocumentNode* holds = map.get("holds")) {
    if (!holds->is_mapping())
      fail(holds->location, fmt::format("'holds' of {} must be a mapping resource -> count, got {}",
                                        owner, holds->describe()));
    for (const DocumentEntry& held : holds->entries) {
      const std::size_t count = read_count(held.value, "a 'holds' count");
      if (count == 0)
        fail(held.value.location,
             fmt::format("{} holds 0 units of '{}'; leave it out", owner, held.key));
      room.holds.emplace_back(held.key, count);
    }
  }
  if (const DocumentNode* entrance = map.get("entrance"))
    room.entrance = read_bool(*entrance, "'entrance'");
  return room;
}

LiftSpec read_lift(const DocumentEntry& entry) {
  const std::string owner = fmt::format("lift '{}'", entry.key);
  const CheckedMapping map(entry.value, lift_table, owner);
  LiftSpec lift;
  lift.name = entry.key;
  lift.stops = read_stops(*map.get("stops"), owner);
  if (const DocumentNode* cars = map.get("cars")) {
    lift.cars = read_count(*cars, "'cars'");
    if (lift.cars < 1)
      fail(cars->location, fmt::format("{} needs at least 1 car", owner));
  }
  if (const DocumentNode* speed = map.get("speed"))
    lift.speed_m_per_s = read_speed(*speed, "'speed'");
  if (const DocumentNode* door_time = map.get("door_time"))
    lift.door_time = read_duration(*door_time, "'door_time'");
  if (const DocumentNode* beds = map.get("beds"))
    lift.beds = read_bool(*beds, "'beds'");
  return lift;
}

const DocumentNode* entry_value(const DocumentNode* mapping, std::size_t index) {
  if (mapping == nullptr || !mapping->is_mapping() || index >= mapping->entries.size())
    return nullptr;
  return &mapping->entries[index].value;
}

/// The location of `key` in the entry `index` of `mapping` (or of the entry's key).
Location entry_location(const DocumentNode* mapping, std::size_t index, const std::string& key,
                        const Location& fallback) {
  if (mapping == nullptr || !mapping->is_mapping() || index >= mapping->entries.size())
    return fallback;
  const DocumentEntry& entry = mapping->entries[index];
  if (!key.empty())
    if (const DocumentNode* value = entry.value.is_mapping() ? entry.value.find(key) : nullptr)
      return value->location;
  return entry.key_location;
}

/// The location of entry `item` of the mapping at `key` in entry `index` (holds, stops).
Location item_location(const DocumentNode* mapping, std::size_t index, const std::string& key,
                       std::size_t item, const Location& fallback) {
  const DocumentNode* entry = entry_value(mapping, index);
  const DocumentNode* inner = entry && entry->is_mapping() ? entry->find(key) : nullptr;
  if (inner != nullptr && inner->is_mapping() && item < inner->entries.size())
    return inner->entries[item].key_location;
  return entry_location(mapping, index, key, fallback);
}

Location step_location(const DocumentNode& scenario, const LayoutProblem& problem) {
  const DocumentNode* pathways = scenario.find("pathways");
  const DocumentNode* pathway = entry_value(pathways, problem.index);
  const DocumentNode* steps = pathway && pathway->is_mapping() ? pathway->find("steps") : nullptr;
  if (steps == nullptr)
    return scenario.location;
  if (steps->is_mapping())
    return entry_location(steps, problem.item, problem.key, steps->location);
  if (!steps->is_sequence() || problem.item >= steps->items.size())
    return steps->location;
  const DocumentNode& step = steps->items[problem.item];
  const DocumentNode* at = step.find(problem.key.empty() ? "name" : problem.key);
  return at != nullptr ? at->location : step.location;
}

} // namespace

DocumentNode layout_document(const DocumentNode& node) {
  if (node.is_mapping())
    return node;
  if (!node.is_scalar() || node.scalar.empty())
    fail(node.location, fmt::format("'layout' must be a mapping (floors, nodes, rooms, ...) or "
                                    "the path of a layout file, got {}",
                                    node.describe()));
  const std::filesystem::path file =
      std::filesystem::path(node.location.file ? *node.location.file : std::string())
          .parent_path() /
      node.scalar;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    fail(node.location, fmt::format("layout file '{}' is not a regular file", file.string()));
  DocumentNode document = read_document(file, &node.location);
  if (!document.is_mapping())
    fail(document.location,
         fmt::format("layout file '{}' must hold a mapping of layout keys, got {}", file.string(),
                     document.describe()));
  return document;
}

LayoutSpec read_layout(const DocumentNode& document) {
  const CheckedMapping map(document, layout_table, "the layout");
  LayoutSpec layout;
  double next_elevation = 0;
  for (const DocumentEntry& entry : mapping_of(*map.get("floors"), "'floors'").entries) {
    FloorSpec floor{entry.key, next_elevation, 4};
    if (!entry.value.is_null()) {
      const CheckedMapping floor_map(entry.value, floor_table,
                                     fmt::format("floor '{}'", entry.key));
      if (const DocumentNode* elevation = floor_map.get("elevation"))
        floor.elevation_m = read_metres(*elevation, "'elevation'", true);
      if (const DocumentNode* height = floor_map.get("height"))
        floor.height_m = read_metres(*height, "'height'");
    }
    next_elevation = floor.elevation_m + floor.height_m;
    layout.floors.push_back(floor);
  }
  for (const DocumentEntry& entry : mapping_of(*map.get("nodes"), "'nodes'").entries) {
    const CheckedMapping node_map(entry.value, node_table, fmt::format("node '{}'", entry.key));
    layout.nodes.push_back(CorridorNodeSpec{entry.key,
                                            read_string(*node_map.get("floor"), "'floor'"),
                                            read_metres(*node_map.get("x"), "'x'", true),
                                            read_metres(*node_map.get("y"), "'y'", true)});
  }
  if (const DocumentNode* edges = map.get("edges"))
    for (const DocumentNode& item : read_list(*edges, "'edges'")) {
      const CheckedMapping edge_map(item, edge_table, "a corridor edge");
      CorridorEdgeSpec edge{read_string(*edge_map.get("from"), "'from'"),
                            read_string(*edge_map.get("to"), "'to'"), std::nullopt, 0};
      if (const DocumentNode* length = edge_map.get("length"))
        edge.length_m = read_metres(*length, "'length'", true);
      if (const DocumentNode* width = edge_map.get("width"))
        edge.width_m = read_metres(*width, "'width'");
      layout.edges.push_back(edge);
    }
  for (const DocumentEntry& entry : mapping_of(*map.get("rooms"), "'rooms'").entries)
    layout.rooms.push_back(read_room(entry));
  if (const DocumentNode* lifts = map.get("lifts"))
    for (const DocumentEntry& entry : mapping_of(*lifts, "'lifts'").entries)
      layout.lifts.push_back(read_lift(entry));
  if (const DocumentNode* stairs = map.get("stairs"))
    for (const DocumentEntry& entry : mapping_of(*stairs, "'stairs'").entries) {
      const std::string owner = fmt::format("stairs '{}'", entry.key);
      const CheckedMapping stairs_map(entry.value, stairs_table, owner);
      layout.stairs.push_back(StairsSpec{entry.key, read_stops(*stairs_map.get("stops"), owner)});
    }
  if (const DocumentNode* speeds = map.get("speeds")) {
    const CheckedMapping speed_map(*speeds, speed_table, "the layout's speeds");
    for (std::size_t m = 0; m < mobility_count; ++m) {
      const std::string key(to_string(static_cast<Mobility>(m)));
      if (const DocumentNode* speed = speed_map.get(key))
        layout.speed_m_per_s[m] = read_speed(*speed, fmt::format("'{}'", key));
    }
    if (const DocumentNode* stairs = speed_map.get("stairs"))
      layout.stairs_speed_m_per_s = read_speed(*stairs, "'stairs'");
  }
  if (const DocumentNode* porter = map.get("porter"))
    layout.porter = read_string(*porter, "'porter'");
  return layout;
}

Location layout_problem_location(const LayoutProblem& problem, const DocumentNode& document,
                                 const DocumentNode& scenario) {
  using Part = LayoutProblem::Part;
  const Location& whole = document.location;
  switch (problem.part) {
  case Part::Layout: {
    for (const DocumentEntry& entry : document.entries)
      if (entry.key == problem.key)
        return entry.key_location;
    return whole;
  }
  case Part::Floor:
    return entry_location(document.find("floors"), problem.index, problem.key, whole);
  case Part::Node:
    return entry_location(document.find("nodes"), problem.index, problem.key, whole);
  case Part::Edge: {
    const DocumentNode* edges = document.find("edges");
    if (edges == nullptr || !edges->is_sequence() || problem.index >= edges->items.size())
      return whole;
    const DocumentNode& edge = edges->items[problem.index];
    const DocumentNode* value = problem.key.empty() ? nullptr : edge.find(problem.key);
    return value != nullptr ? value->location : edge.location;
  }
  case Part::Room:
    if (problem.key == "holds")
      return item_location(document.find("rooms"), problem.index, "holds", problem.item, whole);
    return entry_location(document.find("rooms"), problem.index, problem.key, whole);
  case Part::Lift:
  case Part::Stairs: {
    const DocumentNode* owners = document.find(problem.part == Part::Lift ? "lifts" : "stairs");
    if (problem.key == "stops")
      return item_location(owners, problem.index, "stops", problem.item, whole);
    return entry_location(owners, problem.index, problem.key, whole);
  }
  case Part::Step:
    return step_location(scenario, problem);
  case Part::Class:
    return entry_location(scenario.find("classes"), problem.index, problem.key, scenario.location);
  case Part::Resource:
    return entry_location(scenario.find("resources"), problem.index, problem.key,
                          scenario.location);
  }
  return whole;
}

std::vector<KeyTable> layout_key_tables() {
  return {layout_table, floor_table, node_table,   edge_table,
          room_table,   lift_table,  stairs_table, speed_table};
}

} // namespace hospsim::models::detail
