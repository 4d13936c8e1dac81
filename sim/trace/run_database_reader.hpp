// SPDX-License-Identifier: MIT
#pragma once
/// RunDatabaseReader: opens a run database read-only and checks that it is one (SQLite
/// application_id) of this build's schema version; then reads the run description, row counts,
/// and one replication's patients, events and time series in time order (for viewers and
/// tests). Throws DatabaseError with the path and the reason otherwise.
///
/// **Example**
/// ```
/// RunDatabaseReader run("run.db");
/// fmt::print("{} replications of {}\n", run.replications().size(), *run.meta("scenario_name"));
/// run.for_each_event(0, [](const EventRecord& e) { ... });   // in time order
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
  /// The scenario's resources and classes, and the numbers in the `meta` table.
  RunInfo run_info() const;

  /// Rows in `table` (one of table_names(); UsageError for another name).
  std::int64_t count_rows(std::string_view table) const;
  /// Replication numbers stored, ascending.
  std::vector<std::uint64_t> replications() const;
  /// Patients of a replication, by patient number.
  std::vector<PatientRecord> patients(std::uint64_t replication) const;
  /// Events of a replication in time order (ties in the order they happened).
  void for_each_event(std::uint64_t replication,
                      const std::function<void(const EventRecord&)>& visit) const;
  /// Resource levels of a replication in time order.
  void for_each_level(std::uint64_t replication,
                      const std::function<void(const LevelRecord&)>& visit) const;
  /// Census rows of a replication in time order.
  void for_each_census(std::uint64_t replication,
                       const std::function<void(const CensusRecord&)>& visit) const;
  /// KPIs of one replication, and the summary over all of them.
  std::vector<KpiRow> kpis(std::uint64_t replication) const;
  std::vector<KpiSummaryRow> kpi_summary() const;

private:
  std::filesystem::path path_;
  std::unique_ptr<detail::SqliteConnection> connection_;
  int schema_version_ = 0;
};

} // namespace hospsim::trace
