// SPDX-License-Identifier: MIT
// Bulk loading of a run database into a temporary file, then an atomic rename (see
// run_database_writer.hpp for the guarantees).
#include "sim/trace/run_database_writer.hpp"

#include "sim/trace/detail/layout_tables.hpp"
#include "sim/trace/detail/optional_columns.hpp"
#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/run_database_schema.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <limits>
#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/core.h>
#include <unistd.h>
#include <utility>

namespace hospsim::trace {

using detail::SqliteConnection;
using detail::SqliteStatement;
using detail::bind_optional;

namespace {

/// Rows per multi-row INSERT: one statement step stores this many rows, which makes the bulk
/// load about twice as fast as row by row.
constexpr std::size_t batch_rows = 64;

/// INSERTs of one table: `batch_rows` rows at a time, and one row at a time for the rest.
class TableInserter {
public:
  TableInserter() = default;
  /// `into`: the columns given, e.g. "(replication, time_ms)", or "" for all of them.
  TableInserter(SqliteConnection& connection, std::string_view table, int columns,
                std::string_view into = {})
      : columns_(columns), single_(connection, insert_sql(table, into, columns, 1)),
        batch_(connection, insert_sql(table, into, columns, batch_rows)) {}

  /// Inserts every row; `bind(statement, first_parameter, row)` binds one row's columns.
  template <class Row, class Bind>
  void insert(std::span<const Row> rows, Bind&& bind) {
    std::size_t i = 0;
    for (; i + batch_rows <= rows.size(); i += batch_rows) {
      for (std::size_t k = 0; k < batch_rows; ++k)
        bind(batch_, static_cast<int>(k) * columns_ + 1, rows[i + k]);
      batch_.run();
    }
    for (; i < rows.size(); ++i) {
      bind(single_, 1, rows[i]);
      single_.run();
    }
  }
  void finalize() {
    single_ = SqliteStatement();
    batch_ = SqliteStatement();
  }

private:
  static std::string insert_sql(std::string_view table, std::string_view into, int columns,
                                std::size_t rows) {
    std::string values = "(?";
    for (int c = 1; c < columns; ++c)
      values += ",?";
    values += ')';
    std::string sql = fmt::format("INSERT INTO {}{} VALUES {}", table, into, values);
    for (std::size_t r = 1; r < rows; ++r)
      sql += "," + values;
    return sql;
  }
  int columns_ = 0;
  SqliteStatement single_;
  SqliteStatement batch_;
};

} // namespace

struct RunDatabaseWriter::Database {
  explicit Database(const std::filesystem::path& path)
      : connection(path, SqliteConnection::Mode::ReadWrite) {}
  SqliteConnection connection;
  SqliteStatement replication;
  TableInserter patients;
  TableInserter events;
  TableInserter levels;
  TableInserter census;
  TableInserter moves;
  TableInserter kpis;
  /// seq of the next row of events, time_series and census (SQLite numbers from 1).
  std::int64_t next_event = 1;
  std::int64_t next_level = 1;
  std::int64_t next_census = 1;
  std::int64_t next_move = 1;
  /// The path column of the moves being bound (one batch: bound text must outlive the step).
  std::vector<std::string> paths;
  /// Positions of a replication's level rows in the time_series key order (reused).
  std::vector<std::uint32_t> level_order;
};

namespace {

/// Creates `<final>.partial-<pid>[-n]` exclusively, so that two writers never share a file.
std::filesystem::path create_temporary(const std::filesystem::path& final_path) {
  const std::string base = fmt::format("{}.partial-{}", final_path.string(), ::getpid());
  for (int attempt = 0;; ++attempt) {
    std::filesystem::path candidate = attempt == 0 ? base : fmt::format("{}-{}", base, attempt);
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::close(fd);
      return candidate;
    }
    if (errno != EEXIST || attempt > 1000)
      throw DatabaseError(fmt::format("cannot create run database '{}': {}", candidate.string(),
                                      std::strerror(errno)));
  }
}

void sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0)
      ::close(fd);
    throw DatabaseError(
        fmt::format("cannot sync run database '{}': {}", path.string(), std::strerror(error)));
  }
  ::close(fd);
}

void put_meta(SqliteStatement& insert, std::string_view key, const std::string& value) {
  insert.bind_static(1, key);
  insert.bind(2, value);
  insert.run();
}

/// `rows` in time order (by `time_of`, ties as given): `rows` itself when already so (as the
/// recorder appends them), else a stably sorted copy in `sorted`.
template <class Row, class TimeOf>
std::span<const Row> in_time_order(std::span<const Row> rows, std::vector<Row>& sorted,
                                   TimeOf time_of) {
  const auto earlier = [&time_of](const Row& a, const Row& b) { return time_of(a) < time_of(b); };
  if (std::is_sorted(rows.begin(), rows.end(), earlier))
    return rows;
  sorted.assign(rows.begin(), rows.end());
  std::stable_sort(sorted.begin(), sorted.end(), earlier);
  return sorted;
}

/// The positions of `levels` (given in time order, ties in the order they happened) in the
/// key order of time_series: by resource, then time, then position. A stable distribution by
/// resource, in O(n), when the rows are in time order (as the recorder appends them); a sort
/// otherwise.
void key_order(std::span<const LevelRecord> levels, std::vector<std::uint32_t>& order) {
  if (levels.size() > std::numeric_limits<std::uint32_t>::max())
    throw sim::UsageError(fmt::format("RunDatabaseWriter::write_replication(): {} level rows in "
                                      "one replication (at most 2^32 - 1)",
                                      levels.size()));
  order.resize(levels.size());
  const auto n = static_cast<std::uint32_t>(levels.size());
  const auto by_time = [](const LevelRecord& a, const LevelRecord& b) {
    return a.time_ms < b.time_ms;
  };
  std::uint64_t resources = 0;
  for (const LevelRecord& l : levels)
    resources = std::max(resources, std::uint64_t{l.resource} + 1);
  if (std::is_sorted(levels.begin(), levels.end(), by_time) && resources <= 4096) {
    std::vector<std::uint32_t> start(static_cast<std::size_t>(resources) + 1, 0);
    for (const LevelRecord& l : levels)
      ++start[std::size_t{l.resource} + 1];
    for (std::size_t r = 1; r < start.size(); ++r)
      start[r] += start[r - 1];
    for (std::uint32_t i = 0; i < n; ++i)
      order[start[levels[i].resource]++] = i;
    return;
  }
  for (std::uint32_t i = 0; i < n; ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [levels](std::uint32_t a, std::uint32_t b) {
    const LevelRecord& x = levels[a];
    const LevelRecord& y = levels[b];
    if (x.resource != y.resource)
      return x.resource < y.resource;
    if (x.time_ms != y.time_ms)
      return x.time_ms < y.time_ms;
    return a < b;
  });
}

/// A move's path as a JSON array of node numbers ("[3,8,9]"), for SQLite's json_each().
void format_path(std::string& out, std::span<const std::uint32_t> nodes) {
  // '[' + per node at most 10 digits and a ',' + ']'
  out.resize(2 + nodes.size() * 11);
  char* p = out.data();
  char* const end = p + out.size();
  *p++ = '[';
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (i > 0)
      *p++ = ',';
    p = std::to_chars(p, end, nodes[i]).ptr;
  }
  *p++ = ']';
  out.resize(static_cast<std::size_t>(p - out.data()));
}

void write_description(SqliteConnection& connection, const RunInfo& info) {
  SqliteStatement meta(connection, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  put_meta(meta, "schema_version", std::to_string(schema_version));
  put_meta(meta, "application", "hospsim");
  put_meta(meta, "hospsim_version", std::string(hospsim_version()));
  put_meta(meta, "created_utc", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now)));
  put_meta(meta, "command_line", info.command_line);
  put_meta(meta, "scenario_name", info.scenario_name);
  put_meta(meta, "scenario_file", info.scenario_file);
  put_meta(meta, "scenario_text", info.scenario_text);
  put_meta(meta, "seed", std::to_string(info.seed));
  put_meta(meta, "replications", std::to_string(info.replications));
  put_meta(meta, "traced_replications",
           std::to_string(std::min(info.traced_replications, info.replications)));
  put_meta(meta, "horizon_ms", std::to_string(info.horizon_ms));
  put_meta(meta, "warmup_ms", std::to_string(info.warmup_ms));
  if (info.start_ms == 0) {
    put_meta(meta, "time_unit", "ms since the simulation start (Monday 00:00)");
  } else {
    static constexpr const char* days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};
    const std::int64_t minutes = info.start_ms / 60'000;
    put_meta(meta, "start_ms", std::to_string(info.start_ms));
    put_meta(meta, "time_unit",
             fmt::format("ms since the simulation start ({} {:02}:{:02})",
                         days[static_cast<std::size_t>(minutes / 1440 % 7)], minutes / 60 % 24,
                         minutes % 60));
  }

  SqliteStatement resource(connection, "INSERT INTO resources VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (std::size_t i = 0; i < info.resources.size(); ++i) {
    const ResourceInfo& r = info.resources[i];
    resource.bind(1, static_cast<std::int64_t>(i));
    resource.bind(2, r.name);
    resource.bind(3, r.kind);
    resource.bind(4, r.department);
    resource.bind(5, r.role);
    resource.bind(6, static_cast<std::int64_t>(r.units));
    resource.run();
  }
  SqliteStatement patient_class(connection, "INSERT INTO classes VALUES (?1, ?2, ?3)");
  SqliteStatement step(connection, "INSERT INTO steps VALUES (?1, ?2, ?3)");
  for (std::size_t c = 0; c < info.classes.size(); ++c) {
    const ClassInfo& klass = info.classes[c];
    patient_class.bind(1, static_cast<std::int64_t>(c));
    patient_class.bind(2, klass.name);
    patient_class.bind(3, klass.pathway);
    patient_class.run();
    for (std::size_t s = 0; s < klass.steps.size(); ++s) {
      step.bind(1, static_cast<std::int64_t>(c));
      step.bind(2, static_cast<std::int64_t>(s));
      step.bind(3, klass.steps[s]);
      step.run();
    }
  }
  detail::write_layout(connection, info.layout);
}

} // namespace

RunDatabaseWriter::RunDatabaseWriter(std::filesystem::path final_path, const RunInfo& info)
    : final_path_(std::move(final_path)), temporary_path_(create_temporary(final_path_)),
      warmup_ms_(info.warmup_ms) {
  try {
    database_ = std::make_unique<Database>(temporary_path_);
    SqliteConnection& connection = database_->connection;
    // Safe without an on-disk journal or syncs: the file is renamed only once complete.
    connection.execute("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
                       "PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY;"
                       "PRAGMA cache_size = -65536;");
    connection.execute(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = {};",
                                   application_id, schema_version));
    connection.execute("BEGIN");
    connection.execute(schema_sql());
    write_description(connection, info);
    connection.execute("COMMIT");
    database_->replication = SqliteStatement(
        connection,
        "INSERT INTO replications VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    database_->patients = TableInserter(connection, "patients", 7);
    // `seq` left out: SQLite numbers each row max(seq) + 1, the order it is written in.
    database_->events =
        TableInserter(connection, "events", 8,
                      "(replication, time_ms, kind, patient, resource, step, value, unit)");
    // seq given: time_series is stored by (replication, resource, time_ms, seq), not by seq.
    database_->levels =
        TableInserter(connection, "time_series", 9,
                      "(seq, replication, time_ms, resource, in_use, capacity, queue_length, "
                      "cleaning, under_repair)");
    database_->census =
        TableInserter(connection, "census", 4, "(replication, time_ms, in_system, queueing)");
    database_->moves = TableInserter(connection, "moves", 11,
                                     "(replication, move, agent_kind, agent, resource, from_room, "
                                     "to_room, start_ms, end_ms, distance_m, path)");
    database_->kpis = TableInserter(connection, "kpis", 4);
  } catch (...) {
    fail_and_discard();
    throw;
  }
}

RunDatabaseWriter::~RunDatabaseWriter() {
  if (database_ || completed_)
    fail_and_discard();
}

void RunDatabaseWriter::fail_and_discard() {
  completed_ = false;
  database_.reset(); // finalises the statements and closes the connection
  std::error_code ignored;
  std::filesystem::remove(temporary_path_, ignored);
}

void RunDatabaseWriter::write_replication(std::uint64_t replication, const ReplicationTrace& trace,
                                          std::span<const KpiRow> kpis) {
  if (!database_)
    throw sim::UsageError(fmt::format("RunDatabaseWriter::write_replication(): '{}' is {}",
                                      final_path_.string(), "finished or failed"));
  Database& db = *database_;
  const auto rep = static_cast<std::int64_t>(replication);
  const auto count = [](const auto& rows) { return static_cast<std::int64_t>(rows.size()); };
  std::int64_t event_seq = db.next_event;
  std::int64_t level_seq = db.next_level;
  std::int64_t census_seq = db.next_census;
  std::int64_t move_seq = db.next_move;
  for (const MoveRecord& m : trace.moves)
    if (std::size_t{m.first_path_node} + m.path_nodes > trace.move_paths.size())
      throw sim::UsageError(fmt::format(
          "RunDatabaseWriter::write_replication(): a move's path (nodes {} to {}) lies outside "
          "the replication's {} path nodes",
          m.first_path_node, std::size_t{m.first_path_node} + m.path_nodes,
          trace.move_paths.size()));
  std::vector<EventRecord> sorted_events;
  const std::span<const EventRecord> events = in_time_order(
      std::span(trace.events), sorted_events, [](const EventRecord& e) { return e.time_ms; });
  std::vector<MoveRecord> sorted_moves;
  const std::span<const MoveRecord> moves = in_time_order(
      std::span(trace.moves), sorted_moves, [](const MoveRecord& m) { return m.start_ms; });
  std::int64_t longest_move = 0;
  for (const MoveRecord& m : moves)
    longest_move = std::max(longest_move, m.end_ms - m.start_ms);
  db.connection.execute("BEGIN");
  try {
    db.replication.bind(1, rep);
    db.replication.bind(2, count(trace.patients));
    db.replication.bind(3, count(trace.events));
    db.replication.bind(4, event_seq);
    db.replication.bind(5, count(trace.levels));
    db.replication.bind(6, level_seq);
    db.replication.bind(7, count(trace.census));
    db.replication.bind(8, census_seq);
    db.replication.bind(9, count(moves));
    db.replication.bind(10, move_seq);
    db.replication.bind(11, longest_move);
    db.replication.run();

    const std::int64_t warmup = warmup_ms_;
    db.patients.insert(std::span(trace.patients),
                       [rep, warmup](SqliteStatement& statement, int at, const PatientRecord& p) {
                         statement.bind(at, rep);
                         statement.bind(at + 1, static_cast<std::int64_t>(p.patient));
                         statement.bind(at + 2, static_cast<std::int64_t>(p.class_index));
                         statement.bind(at + 3, p.arrival_ms);
                         bind_optional(statement, at + 4, p.departure_ms);
                         statement.bind_static(at + 5, to_string(p.outcome));
                         statement.bind(at + 6, std::int64_t{p.arrival_ms >= warmup ? 1 : 0});
                       });
    db.events.insert(events,
                     [rep, &event_seq](SqliteStatement& statement, int at, const EventRecord& e) {
                       ++event_seq;
                       statement.bind(at, rep);
                       statement.bind(at + 1, e.time_ms);
                       statement.bind_static(at + 2, to_string(e.kind));
                       bind_optional(statement, at + 3, e.patient);
                       bind_optional(statement, at + 4, e.resource);
                       bind_optional(statement, at + 5, e.step);
                       statement.bind(at + 6, e.value);
                       bind_optional(statement, at + 7, e.unit);
                     });
    // seq numbers the rows in the order given (time order); they are inserted in the table's
    // key order, by resource then time, so that every insert appends.
    const std::span<const LevelRecord> levels(trace.levels);
    key_order(levels, db.level_order);
    db.levels.insert(std::span<const std::uint32_t>(db.level_order),
                     [rep, level_seq, levels](SqliteStatement& statement, int at,
                                              std::uint32_t index) {
                       const LevelRecord& l = levels[index];
                       statement.bind(at, level_seq + std::int64_t{index});
                       statement.bind(at + 1, rep);
                       statement.bind(at + 2, l.time_ms);
                       statement.bind(at + 3, std::int64_t{l.resource});
                       statement.bind(at + 4, std::int64_t{l.in_use});
                       statement.bind(at + 5, std::int64_t{l.capacity});
                       statement.bind(at + 6, std::int64_t{l.queue_length});
                       statement.bind(at + 7, std::int64_t{l.cleaning});
                       statement.bind(at + 8, std::int64_t{l.under_repair});
                     });
    level_seq += count(levels);
    db.census.insert(std::span(trace.census),
                     [rep, &census_seq](SqliteStatement& statement, int at, const CensusRecord& c) {
                       ++census_seq;
                       statement.bind(at, rep);
                       statement.bind(at + 1, c.time_ms);
                       statement.bind(at + 2, std::int64_t{c.in_system});
                       statement.bind(at + 3, std::int64_t{c.queueing});
                     });
    // Bound path texts must live until their batch runs: one string per row of a batch.
    db.paths.resize(batch_rows);
    std::size_t path_slot = 0;
    std::int64_t move_number = 0;
    db.moves.insert(moves, [&](SqliteStatement& statement, int at, const MoveRecord& m) {
      std::string& path = db.paths[path_slot];
      path_slot = (path_slot + 1) % batch_rows;
      format_path(path, std::span(trace.move_paths).subspan(m.first_path_node, m.path_nodes));
      ++move_seq;
      statement.bind(at, rep);
      statement.bind(at + 1, move_number++);
      statement.bind_static(at + 2, to_string(m.agent_kind));
      bind_optional(statement, at + 3, m.agent);
      bind_optional(statement, at + 4, m.resource);
      bind_optional(statement, at + 5, m.from_room);
      bind_optional(statement, at + 6, m.to_room);
      statement.bind(at + 7, m.start_ms);
      statement.bind(at + 8, m.end_ms);
      statement.bind(at + 9, m.distance_m);
      statement.bind_static(at + 10, path);
    });
    db.kpis.insert(kpis, [rep](SqliteStatement& statement, int at, const KpiRow& k) {
      statement.bind(at, rep);
      statement.bind_static(at + 1, k.name);
      statement.bind_static(at + 2, k.unit);
      statement.bind(at + 3, k.value);
    });
    db.connection.execute("COMMIT");
    db.next_event = event_seq;
    db.next_level = level_seq;
    db.next_census = census_seq;
    db.next_move = move_seq;
  } catch (...) {
    try {
      db.connection.execute("ROLLBACK");
    } catch (const DatabaseError&) {
      fail_and_discard(); // cannot undo: the file is useless
    }
    throw;
  }
}

void RunDatabaseWriter::finish(std::span<const KpiSummaryRow> summary) {
  complete(summary);
  publish();
}

void RunDatabaseWriter::complete(std::span<const KpiSummaryRow> summary) {
  if (!database_)
    throw sim::UsageError(fmt::format("RunDatabaseWriter::complete(): '{}' is {}",
                                      final_path_.string(), "completed or failed"));
  try {
    SqliteConnection& connection = database_->connection;
    connection.execute("BEGIN");
    {
      SqliteStatement row(connection,
                          "INSERT INTO kpi_summary VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      for (const KpiSummaryRow& k : summary) {
        row.bind(1, k.name);
        row.bind(2, k.unit);
        row.bind(3, k.mean);
        row.bind(4, k.half_width);
        row.bind(5, k.mean - k.half_width);
        row.bind(6, k.mean + k.half_width);
        row.bind(7, k.level);
        row.bind(8, static_cast<std::int64_t>(k.replications));
        row.run();
      }
    }
    connection.execute(index_sql());
    connection.execute("COMMIT");
    // Statistics for the query planner, from a sample of each index.
    connection.execute("PRAGMA analysis_limit = 1000; ANALYZE;");
    Database& db = *database_;
    db.replication = SqliteStatement();
    for (TableInserter* inserter :
         {&db.patients, &db.events, &db.levels, &db.census, &db.moves, &db.kpis})
      inserter->finalize();
    connection.close();
    database_.reset();
    completed_ = true;
    sync_path(temporary_path_, O_RDONLY);
  } catch (...) {
    fail_and_discard();
    throw;
  }
}

void RunDatabaseWriter::publish() {
  if (!completed_)
    throw sim::UsageError(fmt::format("RunDatabaseWriter::publish(): '{}' is not completed "
                                      "(or already published)",
                                      final_path_.string()));
  try {
    std::filesystem::rename(temporary_path_, final_path_);
    completed_ = false; // the file is the final one now: never removed
    std::filesystem::path directory = final_path_.parent_path();
    sync_path(directory.empty() ? std::filesystem::path(".") : directory, O_RDONLY | O_DIRECTORY);
  } catch (const std::filesystem::filesystem_error& error) {
    fail_and_discard();
    throw DatabaseError(fmt::format("cannot move run database to '{}': {}", final_path_.string(),
                                    error.code().message()));
  } catch (...) {
    fail_and_discard();
    throw;
  }
}

} // namespace hospsim::trace
