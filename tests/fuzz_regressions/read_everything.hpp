// SPDX-License-Identifier: MIT
#pragma once
/// Reads everything a viewer or a report would read from a run database, through every read
/// function of the reader (whole tables and time windows, layout, moves, levels at a time), and
/// returns the number of rows seen. Shared by the reader's fuzz target (fuzz/) and its regression
/// test (tests/fuzz_regressions/), so both exercise the same reads. Replications are capped so
/// that a forged `replications` table cannot turn one input into a long loop of empty queries.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/time_series_window.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>

namespace hospsim::trace::testing {

inline std::size_t read_everything(const RunDatabaseReader& run,
                                   const std::filesystem::path& path) {
  std::size_t seen = run.meta().size();
  const RunInfo info = run.run_info();
  seen += info.resources.size() + info.classes.size();
  const LayoutInfo layout = run.layout();
  seen += layout.rooms.size() + layout.nodes.size() + layout.edges.size() + layout.units.size();
  for (const std::string_view table : table_names())
    seen += static_cast<std::size_t>(run.count_rows(table) > 0);
  const TimeSeriesWindow window(path);
  constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  std::size_t replications_read = 0;
  for (const std::uint64_t replication : run.replications()) {
    if (++replications_read > 4)
      break;
    seen += run.patients(replication).size();
    seen += run.patients_present(replication, 3'600'000).size();
    run.for_each_event(replication, [&seen](const EventRecord&) { ++seen; });
    for (const auto& [from, to] :
         {std::pair{lowest, highest}, std::pair{std::int64_t{-5}, std::int64_t{7'200'000}}}) {
      run.for_each_event(replication, from, to, [&seen](const EventRecord&) { ++seen; });
      seen += run.moves(replication, from, to).moves.size();
      window.for_each_level(replication, from, to, [&seen](const LevelRecord&) { ++seen; });
    }
    const MoveList moves = run.moves(replication);
    seen += moves.moves.size();
    if (!moves.numbers.empty())
      seen += run.move_path(replication, moves.numbers.front()).size();
    run.for_each_level(replication, [&seen](const LevelRecord&) { ++seen; });
    run.for_each_census(replication, [&seen](const CensusRecord&) { ++seen; });
    for (const std::int64_t time : {lowest, std::int64_t{0}, std::int64_t{3'600'000}, highest}) {
      seen += run.levels_at(replication, time).size();
      seen += static_cast<std::size_t>(run.census_at(replication, time).has_value());
    }
    seen += run.kpis(replication).size();
  }
  return seen + run.kpi_summary().size();
}

} // namespace hospsim::trace::testing
