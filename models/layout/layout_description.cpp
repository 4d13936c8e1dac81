// SPDX-License-Identifier: MIT
// The building as run-database rows (see layout_description.hpp).
#include "models/layout/layout_description.hpp"

#include "models/hospital/weekly_schedule.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models {
namespace {

/// Units of a resource as the run describes them: the count, or the most people on duty.
std::size_t unit_count(const ResourceSpec& resource) {
  if (resource.roster.empty())
    return resource.count;
  std::size_t units = 0;
  const WeeklySchedule on_duty = WeeklySchedule::roster(resource.roster);
  for (const WeeklySchedule::Segment& segment : on_duty.segments())
    units = std::max(units, segment.level);
  return units;
}

} // namespace

trace::LayoutInfo describe_layout(const Building& building, const ScenarioSpec& scenario) {
  trace::LayoutInfo info;
  for (std::size_t f = 0; f < building.floor_count(); ++f) {
    const FloorSpec& floor = building.floor(f);
    info.floors.push_back({floor.name, floor.elevation_m, floor.height_m});
  }
  for (std::size_t r = 0; r < building.room_count(); ++r) {
    const RoomSpec& room = building.room(r);
    info.rooms.push_back({room.name, room.unit, building.room_floor(r), room.x_m, room.y_m,
                          room.width_m, room.depth_m,
                          static_cast<std::int64_t>(building.door_node(r))});
  }
  for (std::size_t n = 0; n < building.node_count(); ++n) {
    const BuildingNode& node = building.node(n);
    info.nodes.push_back(
        {node.name, node.floor, node.x_m, node.y_m, std::string(to_string(node.kind))});
  }
  for (const BuildingEdge& edge : building.edges())
    info.edges.push_back({edge.from, edge.to, edge.length_m, std::string(to_string(edge.kind))});
  for (std::size_t r = 0; r < scenario.resources.size(); ++r) {
    const ResourceSpec& resource = scenario.resources[r];
    std::optional<std::size_t> home;
    if (resource.kind == ResourceKind::Staff) {
      if (!resource.home_room.empty())
        home = building.room_index(resource.home_room);
      else if (!resource.unit.empty())
        for (std::size_t room = 0; room < building.room_count() && !home; ++room)
          if (building.room(room).unit == resource.unit)
            home = room;
    }
    const std::size_t units = std::max(unit_count(resource), building.units_in_rooms(r));
    for (std::size_t u = 0; u < units; ++u) {
      std::optional<std::size_t> room = building.unit_room(r, u);
      if (!room)
        room = home;
      info.units.push_back({static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(u),
                            fmt::format("{} {}", resource.name, u + 1),
                            room ? static_cast<std::int64_t>(*room) : trace::no_value});
    }
  }
  return info;
}

} // namespace hospsim::models
