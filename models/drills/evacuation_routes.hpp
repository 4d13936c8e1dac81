// SPDX-License-Identifier: MIT
#pragma once
/// Evacuation routes: the time from every room's door to one room's door for each evacuee
/// mobility, over the building's graph (Building::edges), with or without its lifts. Without
/// lifts (a fire), walking patients take the stairs and wheelchairs and beds only corridors;
/// a room they cannot reach that way has no route. Edge times as in Building (corridor:
/// length / speed of the mobility; stairs: vertical / stairs speed + horizontal / walking
/// speed; lift: 2 x doors + vertical / lift speed, no waiting for a car); Dijkstra from the
/// target (the graph is undirected). O(E log V) per mobility.
#include "models/drills/drill_spec.hpp"
#include "models/layout/building.hpp"

#include <array>
#include <optional>
#include <vector>

namespace hospsim::models {

class EvacuationRoutes {
public:
  EvacuationRoutes(const Building& building, std::size_t to_room, bool lifts);
  /// Time from `room` to the target for `mobility` (rounded to the ms once, at the end), or
  /// nothing when unreachable.
  std::optional<sim::Duration> time_from(std::size_t room, EvacueeMobility mobility) const;

private:
  const Building* building_;
  /// Seconds from each node to the target's door, per mobility (infinity: unreachable).
  std::array<std::vector<double>, evacuee_mobility_count> seconds_;
};

/// The layout mobility an evacuee moves at (Walking, Wheelchair, Bed).
Mobility layout_mobility(EvacueeMobility mobility);

} // namespace hospsim::models
