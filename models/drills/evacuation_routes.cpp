// SPDX-License-Identifier: MIT
#include "models/drills/evacuation_routes.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <queue>

namespace hospsim::models {

Mobility layout_mobility(EvacueeMobility mobility) {
  switch (mobility) {
  case EvacueeMobility::Wheelchair:
    return Mobility::Wheelchair;
  case EvacueeMobility::Bed:
    return Mobility::Bed;
  default:
    return Mobility::Walking;
  }
}

EvacuationRoutes::EvacuationRoutes(const Building& building, std::size_t to_room, bool lifts)
    : building_(&building) {
  const LayoutSpec& layout = building.layout();
  const double walking = layout.speed_m_per_s[static_cast<std::size_t>(Mobility::Walking)];
  const std::size_t n = building.node_count();
  for (std::size_t m = 0; m < evacuee_mobility_count; ++m) {
    const Mobility mobility = layout_mobility(static_cast<EvacueeMobility>(m));
    const double speed = layout.speed_m_per_s[static_cast<std::size_t>(mobility)];
    std::vector<std::vector<std::pair<std::size_t, double>>> adjacent(n);
    for (const BuildingEdge& edge : building.edges()) {
      double seconds = 0;
      const BuildingNode& a = building.node(edge.from);
      const BuildingNode& b = building.node(edge.to);
      if (edge.kind == NodeKind::Corridor) {
        seconds = edge.length_m / speed;
      } else if (edge.kind == NodeKind::Stairs) {
        if (mobility != Mobility::Walking)
          continue;
        seconds = edge.length_m / layout.stairs_speed_m_per_s +
                  std::hypot(a.x_m - b.x_m, a.y_m - b.y_m) / walking;
      } else {
        const LiftSpec& lift = layout.lifts[edge.owner];
        if (!lifts || (mobility == Mobility::Bed && !lift.beds))
          continue;
        seconds = 2 * static_cast<double>(lift.door_time.count_ms()) / 1000.0 +
                  edge.length_m / lift.speed_m_per_s;
      }
      adjacent[edge.from].emplace_back(edge.to, seconds);
      adjacent[edge.to].emplace_back(edge.from, seconds);
    }
    std::vector<double>& distance = seconds_[m];
    distance.assign(n, std::numeric_limits<double>::infinity());
    using Entry = std::pair<double, std::size_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
    const std::size_t source = building.door_node(to_room);
    distance[source] = 0;
    frontier.emplace(0, source);
    while (!frontier.empty()) {
      const auto [d, node] = frontier.top();
      frontier.pop();
      if (d > distance[node])
        continue;
      for (const auto& [next, seconds] : adjacent[node])
        if (d + seconds < distance[next]) {
          distance[next] = d + seconds;
          frontier.emplace(distance[next], next);
        }
    }
  }
}

std::optional<sim::Duration> EvacuationRoutes::time_from(std::size_t room,
                                                         EvacueeMobility mobility) const {
  const double seconds = seconds_[static_cast<std::size_t>(mobility)][building_->door_node(room)];
  if (!std::isfinite(seconds))
    return std::nullopt;
  return sim::Duration::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

} // namespace hospsim::models
