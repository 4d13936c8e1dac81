// SPDX-License-Identifier: MIT
#include "scenario_benchmark.hpp"

#include "models/hospital/compiled_scenario.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/layout/generated_layout.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "stopwatch.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace hospsim::bench {

ScenarioMeasurement run_scenario_benchmark(const std::string& file, std::size_t replications,
                                           std::uint64_t seed, LayoutMode mode,
                                           std::size_t rounds) {
  models::ScenarioSpec spec = models::load_scenario(file);
  if (mode == LayoutMode::Without)
    spec = models::without_layout(std::move(spec));
  else if (mode == LayoutMode::Generated)
    spec = models::with_generated_layout(std::move(spec), 2);
  models::RunOptions options;
  options.seed = seed;
  ScenarioMeasurement result;
  result.file = file;
  result.name = spec.name;
  result.replications = replications;
  result.horizon = sim::to_string(spec.horizon);
  // Compiled once, before timing, as the experiment runner does (the Building's routes too).
  const Stopwatch compile;
  const models::CompiledScenario compiled(spec);
  if (spec.layout)
    result.building_s = compile.wall_seconds();
  result.layout = mode == LayoutMode::Without     ? "no"
                  : mode == LayoutMode::Generated ? "generated"
                                                  : "";
  result.has_layout = spec.layout.has_value();
  result.rounds = std::max<std::size_t>(rounds, 1);
  for (std::size_t round = 0; round < result.rounds; ++round) {
    double events = 0;
    const Stopwatch watch;
    for (std::size_t rep = 0; rep < replications; ++rep) {
      const sim::KpiSet kpis = models::run_scenario_replication(compiled, rep, options);
      const auto found = std::find_if(kpis.begin(), kpis.end(), [](const sim::Kpi& k) {
        return k.name == "simulation.events";
      });
      if (found != kpis.end())
        events += found->value;
    }
    const double cpu_s = watch.cpu_seconds();
    if (round == 0 || cpu_s < result.cpu_s) {
      result.cpu_s = cpu_s;
      result.wall_s = watch.wall_seconds();
    }
    result.events = events; // the same every round (same seed)
  }
  result.events_per_s = result.cpu_s > 0 ? result.events / result.cpu_s : 0;
  return result;
}

RouteMeasurement run_route_benchmark(const std::string& file, std::size_t lookups) {
  const models::ScenarioSpec spec = models::load_scenario(file);
  if (!spec.layout)
    throw sim::InputError(file + ": the route benchmark needs a scenario with a layout");
  RouteMeasurement result;
  result.file = file;
  const Stopwatch compile;
  const models::Building building(*spec.layout, spec);
  result.building_s = compile.wall_seconds();
  const std::size_t rooms = building.room_count();
  constexpr std::array mobilities{models::Mobility::Walking, models::Mobility::Wheelchair,
                                  models::Mobility::Trolley, models::Mobility::Bed};
  result.rooms = rooms;
  result.routes = rooms * rooms * mobilities.size();
  const std::size_t passes =
      std::max<std::size_t>(lookups / std::max<std::size_t>(result.routes, 1), 1);
  result.lookups = static_cast<double>(passes * result.routes);
  for (int round = 0; round < 3; ++round) {
    std::int64_t checksum_ms = 0;
    const Stopwatch watch;
    // Rooms visited in a scattered order (a stride prime to the room count), as moves are.
    for (std::size_t pass = 0; pass < passes; ++pass)
      for (std::size_t i = 0; i < rooms; ++i) {
        const std::size_t from = (i * 7 + pass) % rooms;
        for (std::size_t j = 0; j < rooms; ++j)
          for (const models::Mobility mobility : mobilities)
            checksum_ms += building.route(from, (j * 13 + i) % rooms, mobility).duration.count_ms();
      }
    const double cpu_s = watch.cpu_seconds();
    if (round == 0 || cpu_s < result.cpu_s)
      result.cpu_s = cpu_s;
    result.checksum_s = static_cast<double>(checksum_ms) / 1000.0;
  }
  result.lookups_per_s = result.cpu_s > 0 ? result.lookups / result.cpu_s : 0;
  return result;
}

} // namespace hospsim::bench
