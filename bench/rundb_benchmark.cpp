// SPDX-License-Identifier: MIT
#include "rundb_benchmark.hpp"

#include "sqlite_floor.hpp"

#include "app/run_database.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"
#include "sim/experiment/replication_runner.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "stopwatch.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/core.h>
#include <limits>
#include <optional>
#include <sqlite3.h>
#include <string_view>
#include <thread>

namespace hospsim::bench {
namespace {

struct Timing {
  double wall_s = 0;
  double cpu_s = 0;
};

/// The replications as `hospsim run` makes them, without recording.
Timing run_without(const models::ScenarioSpec& spec, const models::RunOptions& options,
                   std::size_t replications, std::size_t threads) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu = Stopwatch::process_cpu_seconds();
  std::vector<sim::KpiSet> results;
  sim::run_replications<sim::KpiSet>(
      replications, threads,
      [&](std::uint64_t r) { return models::run_scenario_replication(spec, r, options); },
      [&](std::uint64_t, sim::KpiSet&& kpis) { results.push_back(std::move(kpis)); });
  const std::vector<sim::KpiSummary> summary = sim::summarise(results);
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          Stopwatch::process_cpu_seconds() - cpu};
}

/// The same with a run database, as `hospsim run --db` records it (models/experiment/experiment.cpp): one
/// recorder per replication on the simulating thread, stored in replication order.
Timing run_with(const models::ScenarioSpec& spec, const models::RunOptions& options,
                std::size_t replications, std::size_t threads, const std::string& file,
                const std::filesystem::path& path,
                std::uint64_t traced = std::numeric_limits<std::uint64_t>::max()) {
  struct Recorded {
    sim::KpiSet kpis;
    std::unique_ptr<models::Observer> observer;
  };
  const auto start = std::chrono::steady_clock::now();
  const double cpu = Stopwatch::process_cpu_seconds();
  std::vector<sim::KpiSet> results;
  app::RunDatabase database(path, spec,
                            {file, *options.seed, replications, *options.horizon, *options.warmup,
                             "hospsim-bench --only rundb", traced});
  sim::run_replications<Recorded>(
      replications, threads,
      [&](std::uint64_t r) {
        Recorded recorded{{}, database.recorder(r)};
        models::RunOptions own = options;
        own.observer = recorded.observer.get();
        recorded.kpis = models::run_scenario_replication(spec, r, own);
        return recorded;
      },
      [&](std::uint64_t r, Recorded&& recorded) {
        database.write_replication(r, *recorded.observer, recorded.kpis);
        results.push_back(std::move(recorded.kpis));
      });
  database.finish(sim::summarise(results));
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          Stopwatch::process_cpu_seconds() - cpu};
}

/// FNV-1a over every table's rows in storage order (meta without `created_utc`), and the rows
/// of the big tables.
struct Content {
  std::uint64_t hash = 14695981039346656037ULL;
  std::uint64_t rows = 0;
};

Content database_content(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw sim::InputError(fmt::format("cannot open {}", path.string()));
  }
  Content content;
  const auto mix = [&content](const void* data, int bytes) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (int i = 0; i < bytes; ++i)
      content.hash = (content.hash ^ p[i]) * 1099511628211ULL;
  };
  for (const std::string_view table : trace::table_names()) {
    const std::string sql = table == "meta"
                                ? std::string("SELECT * FROM meta WHERE key <> 'created_utc'")
                                : fmt::format("SELECT * FROM {}", table);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      sqlite3_close(db);
      throw sim::InputError(fmt::format("{}: cannot read table {}", path.string(), table));
    }
    const bool big = table == "events" || table == "time_series" || table == "census" ||
                     table == "moves" || table == "patients";
    while (sqlite3_step(statement) == SQLITE_ROW) {
      content.rows += big ? 1 : 0;
      for (int c = 0; c < sqlite3_column_count(statement); ++c) {
        const int type = sqlite3_column_type(statement, c);
        mix(&type, sizeof type);
        const unsigned char* text = sqlite3_column_text(statement, c);
        if (text != nullptr)
          mix(text, sqlite3_column_bytes(statement, c));
      }
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return content;
}

RundbWriterMeasurement measure_writer(const models::ScenarioSpec& spec,
                                      const models::RunOptions& options, std::size_t replications,
                                      const std::filesystem::path& path) {
  RundbWriterMeasurement result;
  {
    const Stopwatch watch;
    models::run_scenario_replication(spec, 0, options);
    result.simulate_cpu_s = watch.cpu_seconds();
  }
  models::RunRecorder recorder;
  models::RunOptions own = options;
  own.observer = &recorder;
  {
    const Stopwatch watch;
    models::run_scenario_replication(spec, 0, own);
    result.record_cpu_s = watch.cpu_seconds();
  }
  // Without an observer and with a patients-only recorder, alternated, best of 3 each: the two
  // differ by a few per cent, less than one timing's noise.
  models::RunOptions patients_only = options;
  for (int round = 0; round < 3; ++round) {
    models::PatientRecorder patients;
    patients_only.observer = &patients;
    const Stopwatch with_patients;
    models::run_scenario_replication(spec, 0, patients_only);
    const double patients_s = with_patients.cpu_seconds();
    result.record_patients_cpu_s =
        round == 0 ? patients_s : std::min(result.record_patients_cpu_s, patients_s);
    const Stopwatch without;
    models::run_scenario_replication(spec, 0, options);
    result.simulate_cpu_s = std::min(result.simulate_cpu_s, without.cpu_seconds());
  }
  const trace::ReplicationTrace trace = recorder.take_trace();
  result.rows = trace.patients.size() + trace.events.size() + trace.levels.size() +
                trace.census.size() + trace.moves.size();
  trace::RunInfo info = models::describe_run(spec);
  info.replications = replications;
  trace::RunDatabaseWriter writer(path, info);
  double written = 0;
  for (std::size_t r = 0; r < replications; ++r) {
    const Stopwatch watch;
    writer.write_replication(r, trace, {});
    written += watch.cpu_seconds();
  }
  result.write_cpu_s = written / static_cast<double>(std::max<std::size_t>(replications, 1));
  const Stopwatch watch;
  writer.complete({});
  result.complete_cpu_s = watch.cpu_seconds();
  result.rows_per_cpu_s =
      result.write_cpu_s > 0 ? static_cast<double>(result.rows) / result.write_cpu_s : 0;

  std::vector<TableShape> tables{
      {"patients", trace.patients.size(), bound_columns("patients")},
      {"events", trace.events.size(), bound_columns("events")},
      {"time_series", trace.levels.size(), bound_columns("time_series")},
      {"census", trace.census.size(), bound_columns("census")},
      {"moves", trace.moves.size(), bound_columns("moves")}};
  const std::filesystem::path floor_path = path.parent_path() / "rundb-bench-floor.db";
  result.floor_cpu_s = sqlite_insert_cpu_s(floor_path, tables, 5);
  for (TableShape& table : tables)
    table.columns = 1;
  result.floor_one_column_cpu_s = sqlite_insert_cpu_s(floor_path, tables, 5);
  return result; // the writer, destroyed unpublished, removes its file
}

} // namespace

double least_rundb_overhead(double store, double simulate, std::size_t threads, unsigned cores) {
  if (simulate <= 0 || threads == 0)
    return 0;
  const auto t = static_cast<double>(threads);
  const auto busy = static_cast<double>(std::min<std::size_t>(threads + 1, std::max(cores, 1U)));
  return std::max({1.0, t * store / simulate, t * (simulate + store) / (busy * simulate)});
}

double rows_within_overhead(double target, double store_per_row, double simulate,
                            std::size_t threads, unsigned cores) {
  if (store_per_row <= 0 || threads == 0)
    return 0;
  const auto t = static_cast<double>(threads);
  const auto busy = static_cast<double>(std::min<std::size_t>(threads + 1, std::max(cores, 1U)));
  const double store = std::min(target * simulate / t, simulate * (busy * target / t - 1));
  return std::max(store, 0.0) / store_per_row;
}

RundbBenchmark run_rundb_benchmark(const std::string& file, std::size_t replications,
                                   const std::vector<std::size_t>& thread_counts,
                                   std::uint64_t seed, std::size_t rounds,
                                   const std::filesystem::path& directory) {
  const models::ScenarioSpec spec = models::load_scenario(file);
  std::optional<models::Building> building;
  if (spec.layout)
    building.emplace(*spec.layout, spec);
  models::RunOptions options;
  options.seed = seed;
  options.horizon = spec.horizon;
  options.warmup = spec.warmup;
  options.building = building ? &*building : nullptr;
  std::filesystem::create_directories(directory);

  RundbBenchmark result;
  result.file = file;
  result.replications = replications;
  result.horizon = sim::to_string(spec.horizon);
  result.rounds = std::max<std::size_t>(rounds, 1);
  std::optional<Content> reference, trace_1_reference;
  for (const std::size_t threads : thread_counts) {
    RundbMeasurement row;
    row.threads = threads;
    const std::filesystem::path path = directory / fmt::format("rundb-bench-{}.db", threads);
    const std::filesystem::path trace_1_path =
        directory / fmt::format("rundb-bench-{}-trace-1.db", threads);
    // Alternated, so that a change in the machine's load falls on both sides alike.
    for (std::size_t round = 0; round < result.rounds; ++round) {
      const Timing without = run_without(spec, options, replications, threads);
      const Timing with = run_with(spec, options, replications, threads, file, path);
      if (round == 0 || without.wall_s < row.wall_without_s) {
        row.wall_without_s = without.wall_s;
        row.cpu_without_s = without.cpu_s;
      }
      if (round == 0 || with.wall_s < row.wall_with_s) {
        row.wall_with_s = with.wall_s;
        row.cpu_with_s = with.cpu_s;
      }
      const Timing trace_1 = run_with(spec, options, replications, threads, file, trace_1_path, 1);
      if (round == 0 || trace_1.wall_s < row.wall_trace_1_s) {
        row.wall_trace_1_s = trace_1.wall_s;
        row.cpu_trace_1_s = trace_1.cpu_s;
      }
    }
    const Content content = database_content(path);
    const Content trace_1_content = database_content(trace_1_path);
    if (!reference) {
      reference = content;
      trace_1_reference = trace_1_content;
      result.rows = content.rows;
      result.trace_1_rows = trace_1_content.rows;
      result.database_bytes = std::filesystem::file_size(path);
      result.trace_1_database_bytes = std::filesystem::file_size(trace_1_path);
    } else {
      row.identical = content.hash == reference->hash && content.rows == reference->rows &&
                      trace_1_content.hash == trace_1_reference->hash &&
                      trace_1_content.rows == trace_1_reference->rows;
    }
    std::filesystem::remove(path);
    std::filesystem::remove(trace_1_path);
    result.rows_by_threads.push_back(row);
  }
  result.writer = measure_writer(spec, options, replications, directory / "rundb-bench-writer.db");
  result.cores = std::thread::hardware_concurrency();
  return result;
}

} // namespace hospsim::bench
