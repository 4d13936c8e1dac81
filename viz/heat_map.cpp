// SPDX-License-Identifier: MIT
#include "viz/heat_map.hpp"

#include "sim/trace/time_series_window.hpp"

#include <algorithm>
#include <map>

namespace hospsim::viz {

HeatMap compute_heat_map(const trace::RunDatabaseReader& reader, std::uint64_t replication,
                         const BuildingModel& building, std::int64_t from_ms, std::int64_t to_ms) {
  HeatMap heat;
  heat.rooms.assign(building.rooms().size(), 0.0);
  heat.edges.assign(building.edges().size(), 0.0);
  if (to_ms <= from_ms)
    return heat;
  const std::size_t resources = building.resources().size();
  // Time-averaged units in use per resource over the window.
  trace::TimeSeriesWindow series(reader.path());
  std::vector<double> in_use(resources, 0.0), area(resources, 0.0);
  std::vector<std::int64_t> since(resources, from_ms);
  for (const trace::LevelRecord& row : reader.levels_at(replication, from_ms))
    if (row.resource < resources)
      in_use[row.resource] = row.in_use;
  series.for_each_level(replication, from_ms, to_ms, [&](const trace::LevelRecord& row) {
    if (row.resource >= resources)
      return;
    area[row.resource] +=
        in_use[row.resource] * static_cast<double>(row.time_ms - since[row.resource]);
    since[row.resource] = row.time_ms;
    in_use[row.resource] = row.in_use;
  });
  const auto span = static_cast<double>(to_ms - from_ms);
  std::vector<double> mean(resources);
  for (std::size_t r = 0; r < resources; ++r)
    mean[r] = (area[r] + in_use[r] * static_cast<double>(to_ms - since[r])) / span;
  // Shared out over the rooms holding the resource's units.
  std::vector<double> used(building.rooms().size(), 0.0), held(building.rooms().size(), 0.0);
  for (std::size_t r = 0; r < resources; ++r) {
    const auto [first, count] = building.units_of(r);
    if (count == 0)
      continue;
    for (std::size_t u = first; u < first + count; ++u) {
      const std::int64_t room = building.units()[u].room;
      if (room < 0)
        continue;
      used[static_cast<std::size_t>(room)] += mean[r] / static_cast<double>(count);
      held[static_cast<std::size_t>(room)] += 1.0;
    }
  }
  for (std::size_t room = 0; room < used.size(); ++room)
    heat.rooms[room] = held[room] > 0 ? std::clamp(used[room] / held[room], 0.0, 1.0) : 0.0;
  // Corridor use: each step of each move's path counts for its edge.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> edge_of;
  for (std::size_t e = 0; e < building.edges().size(); ++e) {
    const auto& edge = building.edges()[e];
    edge_of[{std::min(edge.from, edge.to), std::max(edge.from, edge.to)}] = e;
  }
  const trace::MoveList moves = reader.moves(replication, from_ms, to_ms);
  for (const auto& move : moves.moves)
    for (std::uint32_t k = 1; k < move.path_nodes; ++k) {
      const std::uint32_t a = moves.paths[move.first_path_node + k - 1];
      const std::uint32_t b = moves.paths[move.first_path_node + k];
      if (const auto it = edge_of.find({std::min(a, b), std::max(a, b)}); it != edge_of.end())
        heat.edges[it->second] += 1.0;
    }
  const double busiest =
      heat.edges.empty() ? 0.0 : *std::max_element(heat.edges.begin(), heat.edges.end());
  if (busiest > 0)
    for (double& value : heat.edges)
      value /= busiest;
  return heat;
}

} // namespace hospsim::viz
