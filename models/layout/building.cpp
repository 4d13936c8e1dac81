// SPDX-License-Identifier: MIT
#include "models/layout/building.hpp"

#include "models/layout/layout_validation.hpp"
#include "sim/assert.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>

namespace hospsim::models {
namespace {

struct EdgeWeight {
  double seconds = 0;
  std::uint32_t edge = 0; ///< Index in Building::edges().
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                    boost::no_property, EdgeWeight>;
using GraphEdge = boost::graph_traits<Graph>::edge_descriptor;

template <class T>
std::size_t index_of(const std::vector<T>& items, std::string_view name) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name)
      return i;
  HOSPSIM_ASSERT(false, "Building: a name check_layout accepted does not resolve");
  return 0;
}

sim::Duration milliseconds_of(double seconds) {
  return sim::Duration::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

} // namespace

std::string_view to_string(NodeKind kind) {
  switch (kind) {
  case NodeKind::Corridor:
    return "corridor";
  case NodeKind::Lift:
    return "lift";
  case NodeKind::Stairs:
    return "stairs";
  }
  return "corridor";
}

Building::Building(const LayoutSpec& layout, const ScenarioSpec& scenario) : layout_(layout) {
  check_layout(layout_, scenario);
  for (const ResourceSpec& resource : scenario.resources)
    resource_names_.push_back(resource.name);
  for (const UnitSpec& unit : scenario.units)
    unit_names_.push_back(unit.name);
  build_graph();
  default_entrance_ =
      static_cast<std::size_t>(std::find_if(layout_.rooms.begin(), layout_.rooms.end(),
                                            [](const RoomSpec& room) { return room.entrance; }) -
                               layout_.rooms.begin());
  unit_rooms_.resize(scenario.resources.size());
  for (std::size_t room = 0; room < layout_.rooms.size(); ++room)
    for (const auto& [name, count] : layout_.rooms[room].holds)
      unit_rooms_[index_of(scenario.resources, name)].insert(
          unit_rooms_[index_of(scenario.resources, name)].end(), count,
          static_cast<std::uint32_t>(room));
  for (const PatientClassSpec& patient_class : scenario.classes)
    class_entrance_.push_back(patient_class.entrance.empty()
                                  ? default_entrance_
                                  : index_of(layout_.rooms, patient_class.entrance));
  for (const ResourceSpec& resource : scenario.resources) {
    std::optional<std::size_t> home;
    if (resource.kind == ResourceKind::Staff && !resource.home_room.empty())
      home = index_of(layout_.rooms, resource.home_room);
    else if (resource.kind == ResourceKind::Staff && !resource.unit.empty())
      for (std::size_t room = 0; room < layout_.rooms.size() && !home; ++room)
        if (layout_.rooms[room].unit == resource.unit)
          home = room;
    home_rooms_.push_back(home);
  }
  routes_.resize(room_count() * room_count() * mobility_count);
  for (std::size_t m = 0; m < mobility_count; ++m)
    compute_routes(static_cast<Mobility>(m));
}

void Building::build_graph() {
  for (const CorridorNodeSpec& spec : layout_.nodes)
    nodes_.push_back(BuildingNode{spec.name,
                                  static_cast<std::uint32_t>(index_of(layout_.floors, spec.floor)),
                                  spec.x_m, spec.y_m, NodeKind::Corridor});
  for (const RoomSpec& room : layout_.rooms) {
    room_floor_.push_back(static_cast<std::uint32_t>(index_of(layout_.floors, room.floor)));
    door_node_.push_back(static_cast<std::uint32_t>(index_of(layout_.nodes, room.door)));
  }
  for (std::size_t i = 0; i < layout_.edges.size(); ++i) {
    const CorridorEdgeSpec& spec = layout_.edges[i];
    const auto from = static_cast<std::uint32_t>(index_of(layout_.nodes, spec.from));
    const auto to = static_cast<std::uint32_t>(index_of(layout_.nodes, spec.to));
    const double length = spec.length_m ? *spec.length_m
                                        : std::hypot(nodes_[from].x_m - nodes_[to].x_m,
                                                     nodes_[from].y_m - nodes_[to].y_m);
    edges_.push_back(
        BuildingEdge{from, to, length, NodeKind::Corridor, static_cast<std::uint32_t>(i)});
  }
  const auto add_stops = [&](const std::vector<LiftStop>& stops, NodeKind kind, std::size_t owner) {
    for (const LiftStop& stop : stops) {
      BuildingNode& node = nodes_[index_of(layout_.nodes, stop.node)];
      if (node.kind != NodeKind::Lift)
        node.kind = kind;
    }
    for (std::size_t a = 0; a < stops.size(); ++a)
      for (std::size_t b = a + 1; b < stops.size(); ++b) {
        const double rise =
            std::abs(layout_.floors[index_of(layout_.floors, stops[a].floor)].elevation_m -
                     layout_.floors[index_of(layout_.floors, stops[b].floor)].elevation_m);
        edges_.push_back(
            BuildingEdge{static_cast<std::uint32_t>(index_of(layout_.nodes, stops[a].node)),
                         static_cast<std::uint32_t>(index_of(layout_.nodes, stops[b].node)), rise,
                         kind, static_cast<std::uint32_t>(owner)});
      }
  };
  for (std::size_t i = 0; i < layout_.lifts.size(); ++i)
    add_stops(layout_.lifts[i].stops, NodeKind::Lift, i);
  for (std::size_t i = 0; i < layout_.stairs.size(); ++i)
    add_stops(layout_.stairs[i].stops, NodeKind::Stairs, i);
}

void Building::compute_routes(Mobility mobility) {
  const double speed = layout_.speed_m_per_s[static_cast<std::size_t>(mobility)];
  const double walking_speed = layout_.speed_m_per_s[static_cast<std::size_t>(Mobility::Walking)];
  const auto horizontal = [&](const BuildingEdge& edge) {
    return std::hypot(nodes_[edge.from].x_m - nodes_[edge.to].x_m,
                      nodes_[edge.from].y_m - nodes_[edge.to].y_m);
  };
  // Seconds to cross each edge for this mobility; infinity: not allowed.
  const double not_allowed = std::numeric_limits<double>::infinity();
  std::vector<double> seconds(edges_.size(), not_allowed);
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    const BuildingEdge& edge = edges_[e];
    switch (edge.kind) {
    case NodeKind::Corridor:
      seconds[e] = edge.length_m / speed;
      break;
    case NodeKind::Lift: {
      const LiftSpec& lift = layout_.lifts[edge.owner];
      if (lift_takes(lift, mobility))
        seconds[e] = 2.0 * static_cast<double>(lift.door_time.count_ms()) / 1000.0 +
                     edge.length_m / lift.speed_m_per_s;
      break;
    }
    case NodeKind::Stairs:
      if (mobility == Mobility::Walking)
        seconds[e] =
            edge.length_m / layout_.stairs_speed_m_per_s + horizontal(edge) / walking_speed;
      break;
    }
  }
  Graph graph(nodes_.size());
  for (std::size_t e = 0; e < edges_.size(); ++e)
    if (seconds[e] != not_allowed)
      boost::add_edge(edges_[e].from, edges_[e].to,
                      EdgeWeight{seconds[e], static_cast<std::uint32_t>(e)}, graph);

  std::vector<double> distance(nodes_.size());
  std::vector<GraphEdge> via(nodes_.size());
  std::vector<std::uint32_t> path;       // node ids, destination first
  std::vector<std::uint32_t> path_edges; // edge ids, destination first
  const std::size_t rooms = room_count();
  for (std::size_t from = 0; from < rooms; ++from) {
    const std::uint32_t source = door_node_[from];
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(boost::get(&EdgeWeight::seconds, graph))
            .distance_map(boost::make_iterator_property_map(distance.begin(),
                                                            boost::get(boost::vertex_index, graph)))
            .visitor(boost::make_dijkstra_visitor(boost::record_edge_predecessors(
                boost::make_iterator_property_map(via.begin(),
                                                  boost::get(boost::vertex_index, graph)),
                boost::on_edge_relaxed()))));
    // Every vertex reached (finite distance) other than the source has its last relaxed edge
    // in `via`: the route is read backwards from the destination.
    for (std::size_t to = 0; to < rooms; ++to) {
      Route& route =
          routes_[(from * rooms + to) * mobility_count + static_cast<std::size_t>(mobility)];
      const std::uint32_t target = door_node_[to];
      if (distance[target] == std::numeric_limits<double>::max() ||
          distance[target] == not_allowed) {
        route = Route{};
        route.reachable = false;
        route.first_leg = static_cast<std::uint32_t>(route_legs_.size());
        route.first_node = static_cast<std::uint32_t>(route_nodes_.size());
        continue;
      }
      path.assign(1, target);
      path_edges.clear();
      for (std::uint32_t at = target; at != source;) {
        const GraphEdge edge = via[at];
        const std::uint32_t e = graph[edge].edge;
        const auto previous = static_cast<std::uint32_t>(boost::source(edge, graph) == at
                                                             ? boost::target(edge, graph)
                                                             : boost::source(edge, graph));
        path_edges.push_back(e);
        path.push_back(previous);
        at = previous;
      }
      std::reverse(path.begin(), path.end());
      std::reverse(path_edges.begin(), path_edges.end());
      route = Route{};
      route.first_leg = static_cast<std::uint32_t>(route_legs_.size());
      route.first_node = static_cast<std::uint32_t>(route_nodes_.size());
      route.node_count = static_cast<std::uint32_t>(path.size());
      route_nodes_.insert(route_nodes_.end(), path.begin(), path.end());
      for (std::size_t k = 0; k < path_edges.size(); ++k) {
        const BuildingEdge& edge = edges_[path_edges[k]];
        const auto leg_start = static_cast<std::uint32_t>(route.first_node + k);
        if (edge.kind == NodeKind::Corridor) {
          if (route.leg_count > 0 && route_legs_.back().kind == RouteLeg::Kind::Walk) {
            route_legs_.back().distance_m += edge.length_m;
            ++route_legs_.back().node_count;
          } else {
            route_legs_.push_back(
                RouteLeg{RouteLeg::Kind::Walk, edge.length_m, {}, 0, leg_start, 2});
            ++route.leg_count;
          }
          continue;
        }
        RouteLeg leg{edge.kind == NodeKind::Lift ? RouteLeg::Kind::Lift : RouteLeg::Kind::Stairs,
                     edge.kind == NodeKind::Lift ? edge.length_m : horizontal(edge),
                     milliseconds_of(seconds[path_edges[k]]),
                     edge.owner,
                     leg_start,
                     2};
        if (edge.kind == NodeKind::Lift) // doors exactly, ride rounded to the millisecond
          leg.duration = layout_.lifts[edge.owner].door_time * 2 +
                         milliseconds_of(edge.length_m / layout_.lifts[edge.owner].speed_m_per_s);
        route_legs_.push_back(leg);
        ++route.leg_count;
      }
      for (std::uint32_t l = route.first_leg; l < route.first_leg + route.leg_count; ++l) {
        RouteLeg& leg = route_legs_[l];
        if (leg.kind == RouteLeg::Kind::Walk)
          leg.duration = milliseconds_of(leg.distance_m / speed);
        if (leg.kind != RouteLeg::Kind::Lift)
          route.distance_m += leg.distance_m;
        route.duration += leg.duration;
      }
    }
  }
}

std::optional<std::size_t> Building::room_index(std::string_view name) const {
  for (std::size_t i = 0; i < layout_.rooms.size(); ++i)
    if (layout_.rooms[i].name == name)
      return i;
  return std::nullopt;
}

std::optional<std::size_t> Building::room_unit(std::size_t room) const {
  const std::string& unit = layout_.rooms.at(room).unit;
  for (std::size_t i = 0; i < unit_names_.size(); ++i)
    if (unit_names_[i] == unit)
      return i;
  return std::nullopt;
}

const Route& Building::route(std::size_t from_room, std::size_t to_room, Mobility mobility) const {
  HOSPSIM_ASSERT(from_room < room_count() && to_room < room_count(),
                 "Building::route: room index out of range");
  return routes_[(from_room * room_count() + to_room) * mobility_count +
                 static_cast<std::size_t>(mobility)];
}

std::span<const RouteLeg> Building::legs(const Route& route) const {
  return std::span<const RouteLeg>(route_legs_).subspan(route.first_leg, route.leg_count);
}

std::span<const std::uint32_t> Building::nodes(const Route& route) const {
  return std::span<const std::uint32_t>(route_nodes_).subspan(route.first_node, route.node_count);
}

std::span<const std::uint32_t> Building::nodes(const RouteLeg& leg) const {
  return std::span<const std::uint32_t>(route_nodes_).subspan(leg.first_node, leg.node_count);
}

std::optional<std::size_t> Building::unit_room(std::size_t resource, std::size_t unit) const {
  if (resource >= unit_rooms_.size() || unit >= unit_rooms_[resource].size())
    return std::nullopt;
  return unit_rooms_[resource][unit];
}

std::optional<std::size_t> Building::home_room(std::size_t resource) const {
  return resource < home_rooms_.size() ? home_rooms_[resource] : std::nullopt;
}

Mobility patient_mobility(const PatientClassSpec& patient_class, int acuity) {
  if (acuity >= 1 && acuity <= 5)
    if (const auto& by_acuity =
            patient_class.mobility_by_acuity[static_cast<std::size_t>(acuity - 1)])
      return *by_acuity;
  return patient_class.mobility;
}

std::size_t Building::units_in_rooms(std::size_t resource) const {
  return resource < unit_rooms_.size() ? unit_rooms_[resource].size() : 0;
}

} // namespace hospsim::models
