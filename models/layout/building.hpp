// SPDX-License-Identifier: MIT
#pragma once
/// Building: a LayoutSpec compiled into a graph of corridor nodes and the shortest route (by
/// time) between every pair of rooms for every mobility, computed once with Dijkstra
/// (Boost.Graph). Immutable after construction, shared by all replications (thread-safe to
/// read).
///
/// Graph: one node per LayoutSpec::nodes entry (same index). Edges: the corridor edges (walk),
/// one lift edge between every pair of stops of a lift, one stairs edge between every pair of
/// stops of a stairs. Weights (seconds): walk = length / speed of the mobility; lift =
/// 2 x door_time + vertical distance / lift speed (Bed and Trolley only when `beds: true`);
/// stairs (Walking only) = vertical distance / stairs speed + horizontal distance between the
/// stops / walking speed. A route runs from the door node of one room to the door node of the
/// other: walking inside a room (door to bed) is not modelled.
///
/// Example:
///   const Building building(*scenario.layout, scenario);
///   const Route& r = building.route(*building.room_index("ED"), *building.room_index("CT"),
///                                   Mobility::Trolley);
///   for (const RouteLeg& leg : building.legs(r)) ... leg.duration ...
#include "models/layout/layout_spec.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/time.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

struct RouteLeg {
  enum class Kind : std::uint8_t { Walk, Lift, Stairs } kind = Kind::Walk;
  double distance_m = 0;  ///< Horizontal walking distance (Walk/Stairs) or vertical (Lift).
  sim::Duration duration; ///< Walk/Stairs: at the route's mobility speed; Lift: doors + ride.
  std::uint32_t lift = 0; ///< Lift legs: index in LayoutSpec::lifts (Stairs: in ::stairs).
  /// Nodes of the leg, both ends included, as a range in the building's node list (nodes()).
  std::uint32_t first_node = 0, node_count = 0;
};

/// A route from one room's door to another's. `distance_m` is the horizontal distance walked
/// or pushed (lift rides not included); `duration` is the sum of the legs' durations. A route
/// from a room to itself (or to a room with the same door) has no legs and one node.
/// `reachable` is false only for mobilities the scenario does not use and that cannot reach
/// the room (e.g. a bed where only stairs lead); such a route has no legs and no nodes.
struct Route {
  double distance_m = 0;
  sim::Duration duration;
  std::uint32_t first_leg = 0, leg_count = 0;
  std::uint32_t first_node = 0, node_count = 0;
  bool reachable = true;
};

enum class NodeKind : std::uint8_t { Corridor, Lift, Stairs };
/// "corridor", "lift", "stairs".
std::string_view to_string(NodeKind kind);

/// A node of the graph. `kind` is Lift (or Stairs) when a lift (stairs) stops there.
struct BuildingNode {
  std::string name;
  std::uint32_t floor = 0; ///< Index in LayoutSpec::floors.
  double x_m = 0, y_m = 0;
  NodeKind kind = NodeKind::Corridor;
};

/// An edge of the graph. `length_m`: corridor length; for lifts and stairs the vertical
/// distance. `owner`: index in LayoutSpec::edges, ::lifts or ::stairs by kind.
struct BuildingEdge {
  std::uint32_t from = 0, to = 0;
  double length_m = 0;
  NodeKind kind = NodeKind::Corridor;
  std::uint32_t owner = 0;
};

class Building {
public:
  /// Throws InputError (message names the room/node) if the layout is inconsistent.
  Building(const LayoutSpec& layout, const ScenarioSpec& scenario);

  const LayoutSpec& layout() const { return layout_; }

  std::size_t room_count() const { return layout_.rooms.size(); }
  std::optional<std::size_t> room_index(std::string_view name) const;
  const RoomSpec& room(std::size_t index) const { return layout_.rooms.at(index); }
  std::uint32_t room_floor(std::size_t index) const { return room_floor_.at(index); }
  std::uint32_t door_node(std::size_t room) const { return door_node_.at(room); }
  /// Index in ScenarioSpec::units of the room's unit, or nothing.
  std::optional<std::size_t> room_unit(std::size_t room) const;
  std::size_t default_entrance() const { return default_entrance_; } ///< Room index.
  /// Where patients of class `patient_class` (index in ScenarioSpec::classes) arrive: its
  /// `entrance`, else default_entrance().
  std::size_t entrance_of(std::size_t patient_class) const {
    return class_entrance_.at(patient_class);
  }
  /// Home room of staff resource `resource`: its `home_room`, else the first room of its unit;
  /// nothing for other kinds, or staff without either (they stay where they last worked).
  std::optional<std::size_t> home_room(std::size_t resource) const;

  /// Shortest route by time for a mobility class (Dijkstra per source room, precomputed). O(1).
  const Route& route(std::size_t from_room, std::size_t to_room, Mobility mobility) const;
  std::span<const RouteLeg> legs(const Route& route) const;
  std::span<const std::uint32_t> nodes(const Route& route) const; ///< Node ids along the route.
  std::span<const std::uint32_t> nodes(const RouteLeg& leg) const;

  /// Room of unit `unit` of resource `resource` (index in ScenarioSpec::resources; units
  /// numbered 0.. in the order rooms list them), nullopt for units in no room.
  std::optional<std::size_t> unit_room(std::size_t resource, std::size_t unit) const;
  /// Units of `resource` some room holds (the first that many units are in rooms).
  std::size_t units_in_rooms(std::size_t resource) const;

  std::size_t floor_count() const { return layout_.floors.size(); }
  const FloorSpec& floor(std::size_t index) const { return layout_.floors.at(index); }
  std::size_t node_count() const {
    return nodes_.size();
  } ///< Corridor nodes (lift/stairs stops are corridor nodes).
  const BuildingNode& node(std::size_t id) const { return nodes_.at(id); }
  std::span<const BuildingEdge> edges() const { return edges_; }

private:
  void build_graph();
  void compute_routes(Mobility mobility);

  LayoutSpec layout_;
  std::vector<std::string> resource_names_;
  std::vector<std::string> unit_names_;
  std::vector<std::uint32_t> room_floor_;
  std::vector<std::uint32_t> door_node_;
  std::size_t default_entrance_ = 0;
  std::vector<BuildingNode> nodes_;
  std::vector<BuildingEdge> edges_;
  std::vector<Route> routes_; ///< [(from * rooms + to) * mobility_count + mobility]
  std::vector<RouteLeg> route_legs_;
  std::vector<std::uint32_t> route_nodes_;
  /// Per resource: the room of each unit held by a room, in unit order.
  std::vector<std::vector<std::uint32_t>> unit_rooms_;
  std::vector<std::size_t> class_entrance_;
  std::vector<std::optional<std::size_t>> home_rooms_;
};

/// The mobility of a patient of `patient_class` with ESI `acuity` (1..5): its
/// `mobility_by_acuity` entry if any, else its `mobility`.
Mobility patient_mobility(const PatientClassSpec& patient_class, int acuity);

} // namespace hospsim::models
