// SPDX-License-Identifier: MIT
#pragma once
/// The building a run took place in, as the run database stores it (the `floors`, `rooms`,
/// `nodes`, `edges` and `units` tables, docs/rundb.md): plain values, numbered by their position
/// in each vector (a room's `floor` is an index in `floors`, an edge's ends are indexes in
/// `nodes`, a move's path is a list of node indexes). A run without a layout has an empty
/// LayoutInfo (and a version-1 database reads as one).
#include "sim/trace/replication_trace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hospsim::trace {

struct FloorInfo {
  std::string name;
  double elevation_m = 0; ///< Height of the floor above the ground floor's.
  double height_m = 0;    ///< Floor to floor.
};

struct RoomInfo {
  std::string name;
  std::string department; ///< The scenario's unit ("" when none).
  std::uint32_t floor = 0;
  double x_m = 0, y_m = 0, width_m = 0, depth_m = 0; ///< Footprint on its floor.
  std::int64_t door_node = no_value;                 ///< Corridor node its door opens onto.
};

struct NodeInfo {
  std::string name;
  std::uint32_t floor = 0;
  double x_m = 0, y_m = 0;
  std::string kind; ///< "corridor", "lift" or "stairs".
};

struct EdgeInfo {
  std::uint32_t from = 0, to = 0; ///< Node indexes (edges are walkable both ways).
  double length_m = 0;
  std::string kind; ///< "corridor", "lift" or "stairs".
};

/// One unit of a pooled resource with an identity ("bed 12") and where it stands.
struct UnitInfo {
  std::uint32_t resource = 0; ///< Position in RunInfo::resources.
  std::uint32_t unit = 0;     ///< 0.. within its resource (EventRecord::unit).
  std::string name;
  std::int64_t room = no_value; ///< Room index, or no_value for a unit in no room.
};

struct LayoutInfo {
  std::vector<FloorInfo> floors;
  std::vector<RoomInfo> rooms;
  std::vector<NodeInfo> nodes;
  std::vector<EdgeInfo> edges;
  std::vector<UnitInfo> units;
  bool empty() const { return rooms.empty(); }
};

} // namespace hospsim::trace
