// SPDX-License-Identifier: MIT
#pragma once
/// BuildingModel: where everything of a run stands, in metres (x east, y north, z up), built
/// once from the run database's description (RunInfo) without OpenGL.
///
/// - With a layout (schema 2 and a scenario with `layout:`): its floors at their elevations, its
///   rooms, corridor nodes and edges, and every unit with a room placed on a grid of slots in it.
/// - Without one (a version-1 file, or a scenario without a layout): an automatic building of
///   one floor, one room per bed/device/room resource on a grid (sized for its units as slots)
///   plus a waiting room, so that every run database can be replayed.
///
/// Units of staff resources have no shape; staff appear as agents when they move.
#include "sim/trace/run_info.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::viz {

struct Vec3 {
  double x = 0, y = 0, z = 0;
};

/// How a unit is drawn.
enum class UnitShape : std::uint8_t { None, Bed, Trolley, Scanner, Device };

struct BuildingFloor {
  std::string name;
  double elevation_m = 0, height_m = 4;
};

struct BuildingRoom {
  std::string name;
  std::string department;       ///< "" when none.
  std::size_t department_index; ///< Position in BuildingModel::departments(), for colours.
  std::uint32_t floor = 0;
  double x_m = 0, y_m = 0, width_m = 0, depth_m = 0;
  Vec3 centre() const;
};

struct BuildingNode {
  std::string name;
  std::string kind; ///< "corridor", "lift", "stairs".
  std::uint32_t floor = 0;
  Vec3 position;
};

struct BuildingEdge {
  std::uint32_t from = 0, to = 0;
  std::string kind;
};

struct BuildingUnit {
  std::uint32_t resource = 0, unit = 0;
  std::string name;
  std::int64_t room = -1; ///< Room index, -1 for none.
  Vec3 position;          ///< Centre of its footprint on the floor.
  UnitShape shape = UnitShape::None;
};

class BuildingModel {
public:
  explicit BuildingModel(const trace::RunInfo& info);

  /// True when the building was made up (no layout in the database).
  bool automatic() const { return automatic_; }
  const std::vector<BuildingFloor>& floors() const { return floors_; }
  const std::vector<BuildingRoom>& rooms() const { return rooms_; }
  const std::vector<BuildingNode>& nodes() const { return nodes_; }
  const std::vector<BuildingEdge>& edges() const { return edges_; }
  const std::vector<BuildingUnit>& units() const { return units_; }
  const std::vector<std::string>& departments() const { return departments_; }
  const std::vector<trace::ResourceInfo>& resources() const { return resources_; }

  /// Index in units() of unit `unit` of `resource`; nullopt when it has none.
  std::optional<std::size_t> unit_index(std::int64_t resource, std::int64_t unit) const;
  /// Units of a resource: indexes [first, first + count) of units().
  std::pair<std::size_t, std::size_t> units_of(std::size_t resource) const;
  /// Node position; (0,0,0) for a number out of range.
  Vec3 node_position(std::uint32_t node) const;
  /// A spot in `room` for agent `key` at rest (spread on a grid, the same for the same key).
  Vec3 room_spot(std::size_t room, std::uint64_t key) const;
  /// Room where waiting patients stand: the automatic waiting room, or the first room.
  std::optional<std::size_t> waiting_room() const { return waiting_room_; }
  /// Floor elevation (0 for a floor out of range).
  double elevation(std::uint32_t floor) const;
  /// Bounding box of the building (min, max corners).
  std::pair<Vec3, Vec3> bounds() const;

private:
  void build_from_layout(const trace::LayoutInfo& layout);
  void build_automatic();
  void place_units_in_rooms();
  std::size_t department_of(const std::string& name);
  bool automatic_ = false;
  std::vector<trace::ResourceInfo> resources_;
  std::vector<BuildingFloor> floors_;
  std::vector<BuildingRoom> rooms_;
  std::vector<BuildingNode> nodes_;
  std::vector<BuildingEdge> edges_;
  std::vector<BuildingUnit> units_;
  std::vector<std::string> departments_;
  std::vector<std::pair<std::size_t, std::size_t>> resource_units_;
  std::optional<std::size_t> waiting_room_;
};

/// The shape of a resource's units from its kind and role ("device" with role CT/MRI: Scanner).
UnitShape unit_shape(const trace::ResourceInfo& resource);

} // namespace hospsim::viz
