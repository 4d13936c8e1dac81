// SPDX-License-Identifier: MIT
#pragma once
/// Throughput of the hospital model on a scenario file: events per second of
/// models::run_scenario_replication over a few replications (the model as users run it:
/// loader excluded, KPI collection included); and the speed of route look-ups in a building.
#include <cstddef>
#include <cstdint>
#include <string>

namespace hospsim::bench {

/// Which building a scenario runs in.
enum class LayoutMode {
  AsWritten, ///< The file's own `layout:` (or none).
  Without,   ///< models::without_layout: the file's layout removed (what the layout costs).
  Generated, ///< models::with_generated_layout (2 porters): for files without a layout.
};

struct ScenarioMeasurement {
  std::string file;
  std::string name;
  std::size_t replications = 0;
  std::string horizon;
  double events = 0; ///< Summed over replications.
  double wall_s = 0;
  double cpu_s = 0;        ///< The best (least) CPU time of `rounds` runs of the replications.
  double events_per_s = 0; ///< By that CPU time.
  std::size_t rounds = 1;
  /// "" the scenario as written; "no": without its layout (models::without_layout);
  /// "generated": in models::with_generated_layout's building (2 porters). A building is
  /// compiled once before timing (building_s).
  std::string layout;
  bool has_layout = false; ///< The scenario as run has a building.
  double building_s = 0;
};

/// `rounds` runs of the same replications; the one with the least CPU time is kept (the
/// machine may be loaded by other work: the best of a few runs is the least disturbed).
ScenarioMeasurement run_scenario_benchmark(const std::string& file, std::size_t replications,
                                           std::uint64_t seed,
                                           LayoutMode mode = LayoutMode::AsWritten,
                                           std::size_t rounds = 1);

/// Route look-ups (models::Building::route) in a scenario's own building.
struct RouteMeasurement {
  std::string file;
  std::size_t rooms = 0;
  std::size_t routes = 0;   ///< rooms x rooms x 4 mobilities, precomputed.
  double building_s = 0;    ///< Compiling the building (Dijkstra from every room, 4 mobilities).
  double lookups = 0;       ///< Look-ups timed.
  double cpu_s = 0;         ///< Best of 3.
  double lookups_per_s = 0; ///< By CPU time.
  double checksum_s = 0;    ///< Sum of the looked-up durations (keeps the loop honest).
};

/// Looks up every room pair for every mobility, over and over (`lookups` in all), in the
/// building of `file`'s layout (InputError when it has none).
RouteMeasurement run_route_benchmark(const std::string& file, std::size_t lookups);

} // namespace hospsim::bench
