// SPDX-License-Identifier: MIT
#pragma once
/// The binary search both readers of a run database use (RunDatabaseReader, TimeSeriesWindow):
/// rows of one replication are stored with consecutive `seq` numbers in time order, so the
/// first row at or after a time is found by bisecting `seq` with one indexed lookup a step.
///
/// **Example**
/// ```
/// const std::int64_t first = seq_lower_bound(connection, path, "events", "time_ms",
///                                            range.first, range.count, from_ms);
/// ```
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string_view>

namespace hospsim::trace::detail {

class SqliteConnection;

/// Rows [first, first + count) of one replication, as stored in `replications`.
struct SeqSpan {
  std::int64_t first = 0;
  std::int64_t count = 0;
};

/// `first` and `count` as read from a file that may be damaged, made safe to add: first at
/// least 0, count at least 0 and at most what keeps first + count within 64 bits (found by the
/// reader's fuzz regressions: `events = 9223372036854775807` overflowed the sum).
inline SeqSpan safe_seq_span(std::int64_t first, std::int64_t count) {
  first = std::max<std::int64_t>(first, 0);
  count = std::clamp<std::int64_t>(count, 0, std::numeric_limits<std::int64_t>::max() - first);
  return {first, count};
}

/// The smallest seq in [first, first + count) of `table` whose `column` is not less than
/// `value` (first + count when none is), assuming `column` does not decrease with seq over that
/// range. A seq missing in the range throws DatabaseError naming `path` (the database file).
std::int64_t seq_lower_bound(SqliteConnection& connection, const std::filesystem::path& path,
                             std::string_view table, std::string_view column, std::int64_t first,
                             std::int64_t count, std::int64_t value);

} // namespace hospsim::trace::detail
