// SPDX-License-Identifier: MIT
#pragma once
/// Integer columns that may be absent: the trace's no_value is stored as SQL NULL and read back
/// as no_value, by the writer, the reader and the layout tables alike.
#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/replication_trace.hpp"

namespace hospsim::trace::detail {

inline void bind_optional(SqliteStatement& statement, int index, std::int64_t value) {
  if (value == no_value)
    statement.bind_null(index);
  else
    statement.bind(index, value);
}

inline std::int64_t optional_int(const SqliteStatement& query, int column) {
  return query.is_null(column) ? no_value : query.column_int(column);
}

} // namespace hospsim::trace::detail
