// SPDX-License-Identifier: MIT
#pragma once
/// TimeSeriesWindow: the resource levels of one replication within a time window, read without
/// loading the series (for the replay viewer's forward steps and heat map; the levels at one
/// time are RunDatabaseReader::levels_at). Like
/// RunDatabaseReader's event windows it relies on a replication's rows being one range of `seq`
/// in time order: a binary search finds the window, so no index on time is needed and version-1
/// files read the same way.
///
/// Version 3 stores time_series by (replication, resource, time_ms, seq) rather than by seq: there
/// the window is one range of that key per resource (one search each), merged in seq order.
///
/// Opens its own read-only connection; construct it after a RunDatabaseReader has checked the
/// file (it does not check the application id or version again). Throws DatabaseError.
///
/// **Example**
/// ```
/// TimeSeriesWindow series("run.db");
/// series.for_each_level(0, 0, 86'400'000, visit); // the first day
/// ```
#include "sim/trace/replication_trace.hpp"
#include "sim/trace/run_database_error.hpp"

#include <filesystem>
#include <functional>
#include <memory>

namespace hospsim::trace {

namespace detail {
class SqliteConnection;
}

class TimeSeriesWindow {
public:
  explicit TimeSeriesWindow(const std::filesystem::path& path);
  TimeSeriesWindow(const TimeSeriesWindow&) = delete;
  TimeSeriesWindow& operator=(const TimeSeriesWindow&) = delete;
  ~TimeSeriesWindow();

  /// Level rows with from_ms <= time_ms < to_ms, in time order.
  void for_each_level(std::uint64_t replication, std::int64_t from_ms, std::int64_t to_ms,
                      const std::function<void(const LevelRecord&)>& visit) const;

private:
  struct SeqRange {
    std::int64_t first = 0;
    std::int64_t count = 0;
  };
  SeqRange range_of(std::string_view table, std::uint64_t replication) const;
  /// First seq in `range` with time_ms >= value.
  std::int64_t lower_bound(std::string_view table, SeqRange range, std::int64_t value) const;
  /// Version 3 and later: the window by resource (see above).
  void for_each_level_by_resource(std::uint64_t replication, std::int64_t from_ms,
                                  std::int64_t to_ms,
                                  const std::function<void(const LevelRecord&)>& visit) const;
  std::filesystem::path path_;
  std::unique_ptr<detail::SqliteConnection> connection_;
  bool by_resource_ = false; ///< Version 3 or later.
};

} // namespace hospsim::trace
