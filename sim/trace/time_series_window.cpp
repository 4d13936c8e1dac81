// SPDX-License-Identifier: MIT
#include "sim/trace/time_series_window.hpp"

#include "sim/trace/detail/level_rows.hpp"
#include "sim/trace/detail/seq_lower_bound.hpp"
#include "sim/trace/detail/sqlite_connection.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <limits>
#include <utility>
#include <vector>

namespace hospsim::trace {

using detail::SqliteConnection;
using detail::SqliteStatement;
using detail::level_columns;
using detail::level_row;

TimeSeriesWindow::TimeSeriesWindow(const std::filesystem::path& path)
    : path_(path),
      connection_(std::make_unique<SqliteConnection>(path, SqliteConnection::Mode::ReadOnly)) {
  SqliteStatement version(*connection_, "PRAGMA user_version");
  by_resource_ = version.step() && version.column_int(0) >= 3;
}

TimeSeriesWindow::~TimeSeriesWindow() = default;

TimeSeriesWindow::SeqRange TimeSeriesWindow::range_of(std::string_view table,
                                                      std::uint64_t replication) const {
  SqliteStatement query(
      *connection_,
      fmt::format("SELECT first_{0}, {0} FROM replications WHERE replication = ?1", table));
  query.bind(1, static_cast<std::int64_t>(replication));
  if (!query.step())
    return {};
  const detail::SeqSpan span = detail::safe_seq_span(query.column_int(0), query.column_int(1));
  return {span.first, span.count};
}

std::int64_t TimeSeriesWindow::lower_bound(std::string_view table, SeqRange range,
                                           std::int64_t value) const {
  return detail::seq_lower_bound(*connection_, path_, table, "time_ms", range.first, range.count,
                                 value);
}

void TimeSeriesWindow::for_each_level(std::uint64_t replication, std::int64_t from_ms,
                                      std::int64_t to_ms,
                                      const std::function<void(const LevelRecord&)>& visit) const {
  if (to_ms <= from_ms)
    return;
  if (by_resource_) {
    for_each_level_by_resource(replication, from_ms, to_ms, visit);
    return;
  }
  const SeqRange range = range_of("time_series", replication);
  const std::int64_t first = lower_bound("time_series", range, from_ms);
  const std::int64_t end =
      lower_bound("time_series", {first, range.first + range.count - first}, to_ms);
  SqliteStatement query(*connection_,
                        fmt::format("SELECT {} FROM time_series WHERE seq >= ?1 AND seq < ?2 "
                                    "ORDER BY seq",
                                    level_columns));
  query.bind(1, first);
  query.bind(2, end);
  while (query.step())
    visit(level_row(query));
}

void TimeSeriesWindow::for_each_level_by_resource(
    std::uint64_t replication, std::int64_t from_ms, std::int64_t to_ms,
    const std::function<void(const LevelRecord&)>& visit) const {
  // Each resource present in the replication in turn (one key search each), its window (one
  // range of the key, in time order), then all of them in seq order.
  SqliteStatement next(*connection_, "SELECT resource FROM time_series WHERE replication = ?1 "
                                     "AND resource > ?2 ORDER BY resource LIMIT 1");
  SqliteStatement window(*connection_,
                         fmt::format("SELECT seq, {} FROM time_series WHERE replication = ?1 AND "
                                     "resource = ?2 AND time_ms >= ?3 AND time_ms < ?4",
                                     level_columns));
  const auto rep = static_cast<std::int64_t>(replication);
  next.bind(1, rep);
  window.bind(1, rep);
  window.bind(3, from_ms);
  window.bind(4, to_ms);
  std::vector<std::pair<std::int64_t, LevelRecord>> rows;
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  for (;;) {
    next.bind(2, after);
    if (!next.step())
      break;
    after = next.column_int(0);
    next.reset();
    window.bind(2, after);
    while (window.step()) {
rows.emplace_back(window.column_int(0), level_row(window, 1));
    }
    window.reset();
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& row : rows)
    visit(row.second);
}

} // namespace hospsim::trace
