// SPDX-License-Identifier: MIT
// SpecWriter: the layout, written inline.
#include "models/scenario/spec_writer.hpp"

#include <fmt/core.h>

namespace hospsim::models::detail {

void SpecWriter::layout(const LayoutSpec& l) {
  const Scope scope(*this, "layout");
  key("layout");
  out_ << YAML::BeginMap;
  key("floors");
  out_ << YAML::BeginMap;
  for (const FloorSpec& floor : l.floors) {
    key(floor.name);
    out_ << YAML::Flow << YAML::BeginMap;
    key("elevation"), metres(floor.elevation_m);
    key("height"), metres(floor.height_m);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
  key("nodes");
  out_ << YAML::BeginMap;
  for (const CorridorNodeSpec& node : l.nodes) {
    key(node.name);
    out_ << YAML::Flow << YAML::BeginMap;
    key("floor"), text(node.floor);
    key("x"), metres(node.x_m);
    key("y"), metres(node.y_m);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
  if (!l.edges.empty()) {
    key("edges");
    out_ << YAML::BeginSeq;
    for (const CorridorEdgeSpec& edge : l.edges) {
      out_ << YAML::Flow << YAML::BeginMap;
      key("from"), text(edge.from);
      key("to"), text(edge.to);
      if (edge.length_m)
        key("length"), metres(*edge.length_m);
      if (edge.width_m != 0)
        key("width"), metres(edge.width_m);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  key("rooms");
  out_ << YAML::BeginMap;
  for (const RoomSpec& room : l.rooms) {
    key(room.name);
    out_ << YAML::BeginMap;
    key("floor"), text(room.floor);
    if (!room.unit.empty())
      key("unit"), text(room.unit);
    key("x"), metres(room.x_m);
    key("y"), metres(room.y_m);
    key("width"), metres(room.width_m);
    key("depth"), metres(room.depth_m);
    key("door"), text(room.door);
    if (!room.holds.empty()) {
      key("holds");
      out_ << YAML::Flow << YAML::BeginMap;
      for (const auto& [resource, n] : room.holds)
        key(resource), count(n);
      out_ << YAML::EndMap;
    }
    if (room.entrance)
      key("entrance"), boolean(true);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
  const auto stops = [&](const std::vector<LiftStop>& list) {
    key("stops");
    out_ << YAML::Flow << YAML::BeginMap;
    for (const LiftStop& stop : list)
      key(stop.floor), text(stop.node);
    out_ << YAML::EndMap;
  };
  if (!l.lifts.empty()) {
    key("lifts");
    out_ << YAML::BeginMap;
    for (const LiftSpec& lift : l.lifts) {
      key(lift.name);
      out_ << YAML::BeginMap;
      stops(lift.stops);
      key("cars"), count(lift.cars);
      key("speed"), speed(lift.speed_m_per_s);
      key("door_time"), duration(lift.door_time);
      key("beds"), boolean(lift.beds);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  if (!l.stairs.empty()) {
    key("stairs");
    out_ << YAML::BeginMap;
    for (const StairsSpec& stairs : l.stairs) {
      key(stairs.name);
      out_ << YAML::BeginMap;
      stops(stairs.stops);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  key("speeds");
  out_ << YAML::BeginMap;
  for (std::size_t m = 0; m < mobility_count; ++m)
    key(to_string(static_cast<Mobility>(m))), speed(l.speed_m_per_s[m]);
  key("stairs"), speed(l.stairs_speed_m_per_s);
  out_ << YAML::EndMap;
  if (!l.porter.empty())
    key("porter"), text(l.porter);
  out_ << YAML::EndMap;
}

} // namespace hospsim::models::detail
