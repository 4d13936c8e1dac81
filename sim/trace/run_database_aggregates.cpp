// SPDX-License-Identifier: MIT
#include "sim/trace/run_database_aggregates.hpp"

#include "sim/trace/detail/sqlite_connection.hpp"

#include <fmt/core.h>

namespace hospsim::trace {

using detail::SqliteConnection;
using detail::SqliteStatement;

namespace {

// The step function of each (replication, resource) cut into spans between its rows (the last
// one ends at the horizon), then each span into pieces that do not cross a bin boundary
// (a recursive CTE), summed per bin.
constexpr std::string_view level_bins_sql = R"sql(
WITH RECURSIVE
run(horizon) AS (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'horizon_ms'),
spans AS (
  SELECT t.replication, t.resource, t.time_ms AS start_ms,
         min(coalesce(lead(t.time_ms) OVER (PARTITION BY t.replication, t.resource
                                            ORDER BY t.seq), run.horizon), run.horizon) AS end_ms,
         t.in_use - t.cleaning - t.under_repair AS occupied, t.queue_length AS queued,
         max(t.capacity - t.under_repair, 0) AS available
  FROM time_series AS t, run),
pieces(replication, resource, piece_start, piece_end, end_ms, occupied, queued, available) AS (
  SELECT replication, resource, start_ms, min(end_ms, (start_ms / ?1 + 1) * ?1), end_ms,
         occupied, queued, available
  FROM spans WHERE end_ms > start_ms
  UNION ALL
  SELECT replication, resource, piece_end, min(end_ms, piece_end + ?1), end_ms,
         occupied, queued, available
  FROM pieces WHERE piece_end < end_ms)
SELECT replication, resource, piece_start / ?1 AS bin,
       sum(occupied * (piece_end - piece_start)), sum(queued * (piece_end - piece_start)),
       sum(available * (piece_end - piece_start)), sum(piece_end - piece_start)
FROM pieces
GROUP BY replication, resource, bin
ORDER BY replication, resource, bin
)sql";

std::string wait_bands_sql() {
  std::string cases = "CASE";
  for (std::size_t band = 0; band < wait_band_upper_ms.size(); ++band)
    cases += fmt::format(" WHEN e.value <= {} THEN {}", wait_band_upper_ms[band], band);
  cases += fmt::format(" ELSE {} END", wait_band_upper_ms.size());
  return fmt::format("SELECT p.class, e.step, {} AS band, count(*) FROM events AS e "
                     "JOIN patients AS p ON p.replication = e.replication AND "
                     "p.patient = e.patient "
                     "WHERE e.kind = 'start_step' AND p.counted "
                     "GROUP BY p.class, e.step, band ORDER BY p.class, e.step, band",
                     cases);
}

} // namespace

RunDatabaseAggregates::RunDatabaseAggregates(const RunDatabaseReader& reader)
    : connection_(
          std::make_unique<SqliteConnection>(reader.path(), SqliteConnection::Mode::ReadOnly)) {}

RunDatabaseAggregates::~RunDatabaseAggregates() = default;

void RunDatabaseAggregates::for_each_level_bin(
    std::int64_t width_ms, const std::function<void(const LevelBin&)>& visit) const {
  if (width_ms <= 0)
    throw sim::UsageError(
        fmt::format("RunDatabaseAggregates::for_each_level_bin(): width {} ms", width_ms));
  SqliteStatement query(*connection_, level_bins_sql);
  query.bind(1, width_ms);
  while (query.step())
    visit(LevelBin{static_cast<std::uint64_t>(query.column_int(0)),
                   static_cast<std::uint32_t>(query.column_int(1)), query.column_int(2),
                   query.column_double(3), query.column_double(4), query.column_double(5),
                   query.column_double(6)});
}

std::vector<WaitBandCount> RunDatabaseAggregates::wait_bands() const {
  std::vector<WaitBandCount> rows;
  SqliteStatement query(*connection_, wait_bands_sql());
  while (query.step())
    rows.push_back({static_cast<std::uint64_t>(query.column_int(0)),
                    static_cast<std::uint64_t>(query.column_int(1)),
                    static_cast<std::size_t>(query.column_int(2)), query.column_int(3)});
  return rows;
}

} // namespace hospsim::trace
