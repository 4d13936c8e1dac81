// SPDX-License-Identifier: MIT
#pragma once
/// Reading time_series rows, for both readers of a run database (RunDatabaseReader,
/// TimeSeriesWindow): the columns of a LevelRecord, in the order level_row() reads them.
///
/// **Example**
/// ```
/// SqliteStatement query(connection, fmt::format("SELECT {} FROM time_series ...", level_columns));
/// while (query.step()) visit(level_row(query));
/// ```
#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/replication_trace.hpp"

namespace hospsim::trace::detail {

inline constexpr const char* level_columns =
    "time_ms, resource, in_use, capacity, queue_length, cleaning, under_repair";

/// The LevelRecord of the current row, whose level_columns start at column `first`.
inline LevelRecord level_row(const SqliteStatement& query, int first = 0) {
  return {query.column_int(first),     query.column_u32(first + 1), query.column_u32(first + 2),
          query.column_u32(first + 3), query.column_u32(first + 4), query.column_u32(first + 5),
          query.column_u32(first + 6)};
}

} // namespace hospsim::trace::detail
