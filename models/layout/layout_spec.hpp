// SPDX-License-Identifier: MIT
#pragma once
/// LayoutSpec: a building as plain values (floors, rooms, a corridor graph, lifts and stairs),
/// all lengths in metres and speeds in metres per second. The scenario loader builds one from a
/// `layout:` section (docs/layout.md); models::Building compiles it into routes. Names refer to
/// other entries by `name`; check_layout (models/layout/layout_validation.hpp) resolves them.
#include "sim/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hospsim::models {

/// How a patient moves; a member of staff always walks.
enum class Mobility : std::uint8_t { Walking, Wheelchair, Trolley, Bed };
inline constexpr std::size_t mobility_count = 4;

/// "walking", "wheelchair", "trolley", "bed".
std::string_view to_string(Mobility mobility);
/// The mobility named `name` (as to_string writes it), or nothing.
std::optional<Mobility> mobility_from_string(std::string_view name);

struct FloorSpec {
  std::string name;
  double elevation_m = 0; ///< Height of the floor above the ground floor.
  double height_m = 4;    ///< Storey height (drawing only).
  bool operator==(const FloorSpec&) const = default;
};

struct RoomSpec {
  std::string name;
  std::string floor;
  std::string unit;                                  ///< A ScenarioSpec unit name ("" none).
  double x_m = 0, y_m = 0, width_m = 0, depth_m = 0; ///< Footprint on its floor (corner, size).
  std::string door; ///< Corridor node the room opens onto (on the room's floor).
  /// Resource name -> units in this room. Units of a resource are numbered in the order the
  /// rooms (then their `holds`) list them.
  std::vector<std::pair<std::string, std::size_t>> holds;
  bool entrance = false; ///< Patients can arrive here.
  bool operator==(const RoomSpec&) const = default;
};

struct CorridorNodeSpec {
  std::string name;
  std::string floor;
  double x_m = 0, y_m = 0;
  bool operator==(const CorridorNodeSpec&) const = default;
};

struct CorridorEdgeSpec {
  std::string from, to;
  std::optional<double> length_m; ///< Default: the Euclidean distance between the nodes.
  double width_m = 0;             ///< 0: not given (drawing only).
  bool operator==(const CorridorEdgeSpec&) const = default;
};

struct LiftStop {
  std::string floor;
  std::string node; ///< Corridor node (on that floor) where the lift doors open.
  bool operator==(const LiftStop&) const = default;
};

struct LiftSpec {
  std::string name;
  std::vector<LiftStop> stops;
  std::size_t cars = 1;
  double speed_m_per_s = 1.0;                           ///< Vertical speed.
  sim::Duration door_time = sim::Duration::seconds(10); ///< Per stop: doors open + close.
  bool beds = true;                                     ///< A car takes a bed (or trolley).
  bool operator==(const LiftSpec&) const = default;
};

/// Stairs: walking only.
struct StairsSpec {
  std::string name;
  std::vector<LiftStop> stops;
  bool operator==(const StairsSpec&) const = default;
};

struct LayoutSpec {
  std::vector<FloorSpec> floors;
  std::vector<RoomSpec> rooms;
  std::vector<CorridorNodeSpec> nodes;
  std::vector<CorridorEdgeSpec> edges;
  std::vector<LiftSpec> lifts;
  std::vector<StairsSpec> stairs;
  std::array<double, mobility_count> speed_m_per_s{1.2, 0.9, 1.0, 0.8}; ///< By Mobility.
  double stairs_speed_m_per_s = 0.5; ///< Vertical metres per second on stairs.
  std::string porter; ///< Staff resource that moves Trolley/Bed patients ("" = unescorted).
  bool operator==(const LayoutSpec&) const = default;
};

} // namespace hospsim::models
