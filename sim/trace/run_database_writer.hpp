// SPDX-License-Identifier: MIT
#pragma once
/// RunDatabaseWriter: writes one run database (docs/rundb.md) so that nothing incomplete ever
/// appears under its final name.
///
/// - The constructor creates "<final>.partial-<pid>" (or "<final>.partial-<pid>-<n>" if taken)
///   in the same directory, creates the schema and writes the run description. The temporary
///   file is loaded without a rollback journal on disk and without syncs: it is not under its
///   final name until it is complete.
/// - write_replication() stores one replication in one transaction, with prepared statements;
///   its time-series rows go in in time_series's key order (replication, resource, time_ms,
///   seq), each numbered (`seq`) in the order given, so that every insert appends (across
///   replications too, when they are written in increasing number).
/// - complete() writes the KPI summary, builds the other indexes, closes the database and syncs the
///   file: the temporary file is then a whole run database that may be read (a report made from
///   it) but is still not under the final name.
/// - publish() renames the completed file over the final path (an atomic replacement: readers
///   of an older file at that path see the old file or the new one, never a mix), then syncs
///   the directory. Fast (no SQLite work): a caller can publish several files back to back.
/// - finish() is complete() then publish().
/// - Destroyed without publish() (an exception, an abandoned run), it deletes the temporary
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
/// // or: writer.complete(summary); read writer.temporary_path(); writer.publish();
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
  /// Completes the file (summary, indexes, closed, synced) at temporary_path(). Call once.
  void complete(std::span<const KpiSummaryRow> summary);
  /// Moves the completed file to the final path and syncs its directory. Call once, after
  /// complete(); UsageError otherwise.
  void publish();
  /// complete() then publish().
  void finish(std::span<const KpiSummaryRow> summary);
  /// True between complete() and publish().
  bool completed() const { return completed_; }

  const std::filesystem::path& final_path() const { return final_path_; }
  /// Where the file is while being written.
  const std::filesystem::path& temporary_path() const { return temporary_path_; }

private:
  struct Database;
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  std::int64_t warmup_ms_ = 0;
  std::unique_ptr<Database> database_; ///< Null once completed or failed.
  bool completed_ = false;             ///< Completed, not yet published: the file is ours.
  void fail_and_discard();
};

} // namespace hospsim::trace
