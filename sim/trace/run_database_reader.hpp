// SPDX-License-Identifier: MIT
#pragma once
/// RunDatabaseReader: opens a run database read-only and checks that it is one (SQLite
/// application_id) of a schema version this build reads (1 to schema_version; a version-1 file
/// has no layout and no moves: they read as empty, and events' `unit` as no_value); then reads
/// the run description and the layout, row counts, and one replication's patients, events,
/// moves and time series in time order, whole or by time window (for viewers and tests).
/// Throws DatabaseError with the path and the reason otherwise.
///
/// Time windows cost a binary search over the rows' numbers (a replication's rows are one
/// range of `seq`, in time order) and then read only the rows in the window: no index on time
/// is needed, and version-1 files are read the same way.
///
/// **Example**
/// ```
/// RunDatabaseReader run("run.db");
/// fmt::print("{} replications of {}\n", run.replications().size(), *run.meta("scenario_name"));
/// run.for_each_event(0, [](const EventRecord& e) { ... });   // in time order
/// run.for_each_event(0, 3'600'000, 7'200'000, visit);         // the second hour only
/// const MoveList moving = run.moves(0, 3'600'000, 3'660'000); // moving in that minute
/// ```
#include "sim/trace/replication_trace.hpp"
#include "sim/trace/run_database_error.hpp"
#include "sim/trace/run_info.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::trace {

namespace detail {
class SqliteConnection;
}

/// Moves as read back: the shape of ReplicationTrace::moves and move_paths, with each move's
/// number.
struct MoveList {
  std::vector<std::uint64_t> numbers; ///< numbers[i]: the `move` number of moves[i].
  std::vector<MoveRecord> moves;      ///< In start time order.
  std::vector<std::uint32_t> paths;   ///< moves[i]'s path: its first_path_node, path_nodes.
};

class RunDatabaseReader {
public:
  explicit RunDatabaseReader(const std::filesystem::path& path);
  RunDatabaseReader(const RunDatabaseReader&) = delete;
  RunDatabaseReader& operator=(const RunDatabaseReader&) = delete;
  ~RunDatabaseReader();

  const std::filesystem::path& path() const { return path_; }
  int schema_version() const { return schema_version_; }

  /// Every `meta` row (key -> value).
  std::map<std::string, std::string> meta() const;
  /// One `meta` value; nullopt when the key is absent.
  std::optional<std::string> meta(std::string_view key) const;
  /// The scenario's resources and classes, the numbers in the `meta` table and the layout.
  RunInfo run_info() const;
  /// The building (empty for a run without a layout and for a version-1 file).
  LayoutInfo layout() const;

  /// Rows in `table` (one of table_names(); UsageError for another name). Tables that a file
  /// of an older version lacks count 0.
  std::int64_t count_rows(std::string_view table) const;
  /// Replication numbers stored, ascending.
  std::vector<std::uint64_t> replications() const;
  /// Whether replication `replication` has its full trace (events, time series, census,
  /// moves): below meta `traced_replications` (`hospsim run --db-trace N`); true for every
  /// replication of a file without that key. Patients and KPIs are there either way.
  bool traced(std::uint64_t replication) const;
  /// Patients of a replication, by patient number.
  std::vector<PatientRecord> patients(std::uint64_t replication) const;
  /// Patients of a replication present at `time_ms` (arrival <= time < departure, or not
  /// departed), by patient number; one pass over the replication's patients, only those kept.
  std::vector<PatientRecord> patients_present(std::uint64_t replication,
                                              std::int64_t time_ms) const;
  /// Events of a replication in time order (ties in the order they happened).
  void for_each_event(std::uint64_t replication,
                      const std::function<void(const EventRecord&)>& visit) const;
  /// Events of a replication with from_ms <= time_ms < to_ms, in time order.
  void for_each_event(std::uint64_t replication, std::int64_t from_ms, std::int64_t to_ms,
                      const std::function<void(const EventRecord&)>& visit) const;
  /// Moves of a replication in start time order, with their paths.
  MoveList moves(std::uint64_t replication) const;
  /// Moves under way at some time of [from_ms, to_ms): start_ms < to_ms and either
  /// end_ms > from_ms or start_ms >= from_ms (a move of no duration at from_ms counts).
  MoveList moves(std::uint64_t replication, std::int64_t from_ms, std::int64_t to_ms) const;
  /// The path (node numbers) of move `move` of a replication; empty when there is no such move.
  std::vector<std::uint32_t> move_path(std::uint64_t replication, std::uint64_t move) const;
  /// Resource levels of a replication in time order.
  void for_each_level(std::uint64_t replication,
                      const std::function<void(const LevelRecord&)>& visit) const;
  /// The level of each resource at `time_ms` (its last time-series row at or before it), in
  /// resource order; resources with no row by then are left out. One search per resource (of
  /// time_series itself, stored by replication, resource and time since version 3; of the index
  /// time_series_by_resource in version 2; a version-1 file lacks it and is scanned instead).
  std::vector<LevelRecord> levels_at(std::uint64_t replication, std::int64_t time_ms) const;
  /// The census at `time_ms` (its last row at or before it); nullopt before the first row.
  std::optional<CensusRecord> census_at(std::uint64_t replication, std::int64_t time_ms) const;
  /// Census rows of a replication in time order.
  void for_each_census(std::uint64_t replication,
                       const std::function<void(const CensusRecord&)>& visit) const;
  /// KPIs of one replication, and the summary over all of them.
  std::vector<KpiRow> kpis(std::uint64_t replication) const;
  std::vector<KpiSummaryRow> kpi_summary() const;

private:
  /// Rows [first, first + count) of `seq` in a table: one replication's.
  struct SeqRange {
    std::int64_t first = 0;
    std::int64_t count = 0;
  };
  SeqRange events_of(std::uint64_t replication) const;
  /// First seq in `range` whose `column` of `table` is >= `value` (the rows being in order of
  /// it); range.first + range.count when none.
  std::int64_t lower_bound(std::string_view table, std::string_view column, SeqRange range,
                           std::int64_t value) const;
  void read_events(std::int64_t first_seq, std::int64_t end_seq,
                   const std::function<void(const EventRecord&)>& visit) const;
  MoveList read_moves(std::uint64_t replication, std::int64_t from_ms, std::int64_t to_ms) const;
  std::filesystem::path path_;
  std::unique_ptr<detail::SqliteConnection> connection_;
  int schema_version_ = 0;
};

} // namespace hospsim::trace
