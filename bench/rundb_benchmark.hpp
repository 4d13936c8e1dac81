// SPDX-License-Identifier: MIT
#pragma once
/// The run database's cost (`hospsim run --db`): the same replications of a scenario with and
/// without recording, through the same runner (sim::run_replications) and the same
/// app::RunDatabase as the command, for each thread count; the overhead is wall time with /
/// wall time without, measured in one bench run (docs/performance.md, "Run database overhead").
/// Both sides include what differs between them: with --db, the recorders, the writer thread,
/// complete() (summary, remaining indexes, fsync) and the rename; the scenario is loaded and
/// its building compiled once, outside the timings. `--db-trace 1` is measured alongside
/// (rundb_overhead_<stem>_trace_1: only replication 0 traced).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hospsim::bench {

struct RundbMeasurement {
  std::size_t threads = 0;
  double wall_without_s = 0; ///< Best of the rounds (the least disturbed by other processes).
  double wall_with_s = 0;
  double cpu_without_s = 0; ///< Process CPU time (all threads) of the same rounds.
  double cpu_with_s = 0;
  double overhead() const { return wall_without_s > 0 ? wall_with_s / wall_without_s : 0; }
  double cpu_overhead() const { return cpu_without_s > 0 ? cpu_with_s / cpu_without_s : 0; }
  /// `--db --db-trace 1`: replication 0 recorded whole, the others patients and KPIs only
  /// (best of the same rounds, alternated with the two above).
  double wall_trace_1_s = 0;
  double cpu_trace_1_s = 0;
  double trace_1_overhead() const {
    return wall_without_s > 0 ? wall_trace_1_s / wall_without_s : 0;
  }
  double trace_1_cpu_overhead() const {
    return cpu_without_s > 0 ? cpu_trace_1_s / cpu_without_s : 0;
  }
  /// The database's rows (every table) are the same, row for row, as with one thread (with
  /// --db-trace 1 too).
  bool identical = true;
};

/// The writer alone: replication 0 recorded once, then stored `replications` times by
/// trace::RunDatabaseWriter on this thread (thread CPU time, which other processes on the
/// machine disturb little), and the simulating thread's cost of recording it.
struct RundbWriterMeasurement {
  std::uint64_t rows = 0;    ///< Rows of one replication (all tables but kpis).
  double simulate_cpu_s = 0; ///< One replication without an observer (best of 4).
  double record_cpu_s = 0;   ///< The same replication with a RunRecorder.
  /// The same with a patients-only RunRecorder (a replication beyond --db-trace; best of 3).
  double record_patients_cpu_s = 0;
  double write_cpu_s = 0;    ///< Storing it, per replication (mean).
  double complete_cpu_s = 0; ///< complete(): summary, remaining indexes, ANALYZE, fsync.
  double rows_per_cpu_s = 0; ///< rows / write_cpu_s.
  /// SQLite's cost of storing the same rows the writer's way (sqlite_floor.hpp): each table's
  /// rows with as many columns as the writer binds, and the same rows with one column each
  /// (best of 5, thread CPU).
  double floor_cpu_s = 0;
  double floor_one_column_cpu_s = 0;
  double floor_one_column_per_row_s() const {
    return rows > 0 ? floor_one_column_cpu_s / static_cast<double>(rows) : 0;
  }
};

struct RundbBenchmark {
  std::string file;
  std::size_t replications = 0;
  std::string horizon;
  std::size_t rounds = 0;
  std::uint64_t database_bytes = 0; ///< The file written with one thread.
  std::uint64_t rows = 0;           ///< Rows of events, time_series, census, moves, patients.
  std::uint64_t trace_1_database_bytes = 0; ///< The same with --db-trace 1.
  std::uint64_t trace_1_rows = 0;
  std::vector<RundbMeasurement> rows_by_threads;
  RundbWriterMeasurement writer;
  unsigned cores = 0; ///< Processors online (std::thread::hardware_concurrency).
};

/// The least wall-time overhead (with / without recording) of `threads` simulating threads on
/// `cores` cores when storing a replication costs `store` CPU seconds on the one writer thread
/// and simulating it `simulate`: the writer stores the replications one after another while
/// the threads simulate `threads` at a time (threads * store / simulate), and all the CPU must
/// fit on the cores (threads * (simulate + store) / (min(threads + 1, cores) * simulate)).
/// Recording's own cost on the simulating threads is left out, so this is a lower bound.
double least_rundb_overhead(double store, double simulate, std::size_t threads, unsigned cores);

/// The most rows a replication could have for least_rundb_overhead() to stay within `target`,
/// at `store_per_row` CPU seconds a row.
double rows_within_overhead(double target, double store_per_row, double simulate,
                            std::size_t threads, unsigned cores);

/// The overhead target of issue 15: wall time with --db / without <= 1.5.
inline constexpr double rundb_overhead_target = 1.5;

/// `thread_counts` must start with 1 (the reference for `identical`). The databases are written
/// in `directory` (created if needed; its files rundb-bench-*.db are removed afterwards).
RundbBenchmark run_rundb_benchmark(const std::string& file, std::size_t replications,
                                   const std::vector<std::size_t>& thread_counts,
                                   std::uint64_t seed, std::size_t rounds,
                                   const std::filesystem::path& directory);

} // namespace hospsim::bench
