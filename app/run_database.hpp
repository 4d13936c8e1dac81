// SPDX-License-Identifier: MIT
#pragma once
/// RunDatabase: `hospsim run --db FILE`: records every replication of a run into one SQLite
/// run database (docs/rundb.md); with `--db-trace N` only the first N whole (the others:
/// patients and KPIs). Nothing appears under FILE until finish() (or publish())
/// succeeds; an older
/// FILE stays intact until then, and is replaced atomically.
///
/// Writing happens on a thread of its own: write_replication() takes the recorder's rows and
/// returns at once, so the next replications simulate while SQLite stores the earlier ones
/// (at most two replications wait in memory; a third write_replication() waits for room).
/// Written traces go back to recorder() (at most two kept, emptied but with their capacity,
/// until complete(); none once the last traced replication is written), so that recording does
/// not regrow and fault in its vectors each time;
/// when none is free, recorder() reserves room for as many rows as the largest replication
/// handed over so far (so its vectors do not regrow, copying their rows, as they fill).
/// An error while storing is thrown by the next write_replication() or by finish().
///
/// Threads: recorder() may be called from any thread (each replication gets its own
/// recorder); write_replication() and finish() from one thread at a time (serially), in any
/// replication order. Destroyed without finish(), it stops and deletes the temporary file; the
/// temporary file is also removed on SIGINT, SIGTERM and SIGHUP (interrupt_cleanup.hpp). Errors
/// name the final path, never the temporary file.
///
/// **Example**
/// ```
/// RunDatabase database(path, spec, {.scenario_file = file, .seed = seed, .replications = n,
///                                   .horizon = horizon, .warmup = warmup});
/// for (std::size_t rep = 0; rep < n; ++rep) {
///   std::unique_ptr<models::PatientRecorder> recorder = database.recorder(rep);
///   options.observer = recorder.get();
///   results.push_back(models::run_scenario_replication(spec, rep, options));
///   database.write_replication(rep, *recorder, results.back());
/// }
/// database.finish(sim::summarise(results));
/// ```
#include "models/hospital/run_recorder.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/experiment/kpi.hpp"

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <span>
#include <string>

namespace hospsim::app {

/// How the run was made (what the `meta` table says besides the scenario itself).
struct RunDatabaseDescription {
  std::string scenario_file; ///< The file as given; its text is stored when it can be read.
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  sim::Duration horizon;
  sim::Duration warmup;
  /// Empty: this process's command line (/proc/self/cmdline), arguments separated by spaces.
  std::string command_line;
  /// `--db-trace N`: replications 0 .. N-1 are recorded whole; the others (the same numbers
  /// whatever the thread count) keep only their `replications` row, patients and KPIs.
  /// Default: every replication.
  std::uint64_t traced_replications = std::numeric_limits<std::uint64_t>::max();
};

class RunDatabase {
public:
  /// Creates the temporary file next to `final_path` and writes the run description; throws
  /// trace::DatabaseError (an InputError) if it cannot (e.g. the directory does not exist).
  RunDatabase(std::filesystem::path final_path, const models::ScenarioSpec& spec,
              const RunDatabaseDescription& description);
  RunDatabase(const RunDatabase&) = delete;
  RunDatabase& operator=(const RunDatabase&) = delete;
  ~RunDatabase();

  /// A fresh recorder for one replication: set it as RunOptions::observer. Below
  /// RunDatabaseDescription::traced_replications a RunRecorder, which records everything;
  /// from there on a PatientRecorder, which keeps the patients only.
  std::unique_ptr<models::PatientRecorder> recorder(std::uint64_t replication) const;
  /// Whether replication `replication` is recorded whole.
  bool traced(std::uint64_t replication) const { return replication < traced_replications_; }
  /// Stores what `recorder` saw in replication `replication` (taking its rows: the recorder
  /// is empty afterwards), and the replication's KPIs.
  void write_replication(std::uint64_t replication, models::PatientRecorder& recorder,
                         const sim::KpiSet& kpis);
  /// The same for an Observer that recorder() made (UsageError for any other observer).
  void write_replication(std::uint64_t replication, models::Observer& recorder,
                         const sim::KpiSet& kpis);
  /// Waits for the stores, writes the summary and moves the file to the final path:
  /// complete() then publish().
  void finish(std::span<const sim::KpiSummary> summary);
  /// Waits for the stores, writes the summary, builds the indexes and syncs the file, which
  /// stays at completed_path() (still removed on Ctrl-C or if destroyed unpublished). Slow
  /// (seconds for a long run): done before anything is renamed.
  void complete(std::span<const sim::KpiSummary> summary);
  /// The completed file, readable (trace::RunDatabaseReader) until publish(); UsageError before
  /// complete().
  const std::filesystem::path& completed_path() const;
  /// Renames the completed file over the final path (milliseconds at most).
  void publish();

  const std::filesystem::path& path() const { return final_path_; }

private:
  struct Writer;
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_; ///< Registered for removal on Ctrl-C.
  std::unique_ptr<Writer> writer_;
  std::uint64_t traced_replications_ = std::numeric_limits<std::uint64_t>::max();
  bool completed_ = false;
};

} // namespace hospsim::app
