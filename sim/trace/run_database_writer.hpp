// SPDX-License-Identifier: MIT
#pragma once
/// RunDatabaseWriter: writes one run database (docs/rundb.md) so that nothing incomplete ever
/// appears under its final name.
///
/// - The constructor creates "<final>.partial-<pid>" (or "<final>.partial-<pid>-<n>" if taken)
///   in the same directory, creates the schema and writes the run description. The temporary
///   file is loaded without a rollback journal on disk and without syncs: it is not under its
///   final name until it is complete.
/// - write_replication() stores one replication in one transaction, with prepared statements.
/// - finish() writes the KPI summary, builds the indexes, closes the database, syncs the file
///   and renames it over the final path (an atomic replacement: readers of an older file at
///   that path see the old file or the new one, never a mix), then syncs the directory.
/// - Destroyed without finish() (an exception, an abandoned run), it deletes the temporary
///   file. A process killed outright (SIGKILL, power loss) leaves the temporary file behind,
///   never a file under the final name; such leftovers may be deleted (`hospsim run` deletes
///   those of dead processes, and removes its own on SIGINT/SIGTERM/SIGHUP: docs/reliability.md).
///
/// Not thread-safe: one thread at a time calls it. Errors throw DatabaseError; after one, the
/// writer can only be destroyed.
///
/// **Example**
/// ```
/// RunDatabaseWriter writer("run.db", info);
/// for (std::uint64_t r = 0; r < info.replications; ++r)
///   writer.write_replication(r, traces[r], kpis[r]);
/// writer.finish(summary);          // run.db appears now, complete
/// ```
#include "sim/trace/replication_trace.hpp"
#include "sim/trace/run_database_error.hpp"
#include "sim/trace/run_info.hpp"

#include <filesystem>
#include <memory>
#include <span>

namespace hospsim::trace {

class RunDatabaseWriter {
public:
  RunDatabaseWriter(std::filesystem::path final_path, const RunInfo& info);
  RunDatabaseWriter(const RunDatabaseWriter&) = delete;
  RunDatabaseWriter& operator=(const RunDatabaseWriter&) = delete;
  ~RunDatabaseWriter();

  /// Stores replication `replication` (each number at most once; any order).
  void write_replication(std::uint64_t replication, const ReplicationTrace& trace,
                         std::span<const KpiRow> kpis);
  /// Completes the file and moves it to the final path. Call once.
  void finish(std::span<const KpiSummaryRow> summary);

  const std::filesystem::path& final_path() const { return final_path_; }
  /// Where the file is while being written.
  const std::filesystem::path& temporary_path() const { return temporary_path_; }

private:
  struct Database;
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  std::int64_t warmup_ms_ = 0;
  std::unique_ptr<Database> database_; ///< Null once finished or failed.
  void fail_and_discard();
};

} // namespace hospsim::trace
