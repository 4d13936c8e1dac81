// SPDX-License-Identifier: MIT
#pragma once
/// The heat map's figures (no OpenGL): time-averaged occupancy per room and use per corridor
/// edge over a window of a replication, read by time window (levels and moves), never whole.
#include "sim/trace/run_database_reader.hpp"
#include "viz/building_model.hpp"

#include <vector>

namespace hospsim::viz {

struct HeatMap {
  /// By room: time-averaged units in use over units there (0..1), for the units the room holds.
  std::vector<double> rooms;
  /// By edge: moves that used it over the busiest edge's count (0..1).
  std::vector<double> edges;
};

/// Over [from_ms, to_ms) of `replication`.
HeatMap compute_heat_map(const trace::RunDatabaseReader& reader, std::uint64_t replication,
                         const BuildingModel& building, std::int64_t from_ms, std::int64_t to_ms);

} // namespace hospsim::viz
