// SPDX-License-Identifier: MIT
#include "sim/trace/detail/seq_lower_bound.hpp"

#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/run_database_error.hpp"

#include <fmt/core.h>

namespace hospsim::trace::detail {

std::int64_t seq_lower_bound(SqliteConnection& connection, const std::filesystem::path& path,
                             std::string_view table, std::string_view column, std::int64_t first,
                             std::int64_t count, std::int64_t value) {
  SqliteStatement at(connection, fmt::format("SELECT {} FROM {} WHERE seq = ?1", column, table));
  std::int64_t low = first;
  std::int64_t high = first + count;
  while (low < high) {
    const std::int64_t middle = low + (high - low) / 2;
    at.bind(1, middle);
    if (!at.step())
      throw DatabaseError(
          fmt::format("run database '{}': row {} of {} is missing", path.string(), middle, table));
    const std::int64_t found = at.column_int(0);
    at.reset();
    if (found < value)
      low = middle + 1;
    else
      high = middle;
  }
  return low;
}

} // namespace hospsim::trace::detail
