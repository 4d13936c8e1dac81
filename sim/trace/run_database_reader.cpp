// SPDX-License-Identifier: MIT
#include "sim/trace/run_database_reader.hpp"

#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/run_database_schema.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/core.h>

namespace hospsim::trace {

using detail::SqliteConnection;
using detail::SqliteStatement;

namespace {

std::int64_t pragma_value(SqliteConnection& connection, std::string_view pragma) {
  SqliteStatement query(connection, fmt::format("PRAGMA {}", pragma));
  return query.step() ? query.column_int(0) : 0;
}

std::int64_t optional_int(const SqliteStatement& query, int column) {
  return query.is_null(column) ? no_value : query.column_int(column);
}

std::uint32_t column_u32(const SqliteStatement& query, int column) {
  return static_cast<std::uint32_t>(query.column_int(column));
}

/// A number stored as text in `meta` ("" reads as 0). Anything else than the whole text being
/// one number of type T (a sign on an unsigned number, trailing text, out of range) is a
/// damaged database, not a crash: found by fuzzing (tests/fuzz_regressions/).
template <class T>
T meta_number(const std::filesystem::path& path, const char* key, const std::string& value) {
  T number{};
  if (value.empty())
    return number;
  const char* end = value.data() + value.size();
  const auto [stop, error] = std::from_chars(value.data(), end, number);
  if (error != std::errc() || stop != end)
    throw DatabaseError(fmt::format("run database '{}': meta value '{}' is not a number: '{}'",
                                    path.string(), key, value));
  return number;
}

} // namespace

RunDatabaseReader::RunDatabaseReader(const std::filesystem::path& path) : path_(path) {
  if (!std::filesystem::is_regular_file(path))
    throw DatabaseError(fmt::format("cannot open run database '{}': no such file", path.string()));
  connection_ = std::make_unique<SqliteConnection>(path, SqliteConnection::Mode::ReadOnly);
  std::int64_t id = 0;
  try {
    id = pragma_value(*connection_, "application_id");
  } catch (const DatabaseError& error) {
    throw DatabaseError(
        fmt::format("'{}' is not a hospsim run database ({})", path.string(), error.what()));
  }
  if (id != application_id)
    throw DatabaseError(fmt::format("'{}' is not a hospsim run database (SQLite application_id "
                                    "{:#x}, expected {:#x})",
                                    path.string(), id, application_id));
  schema_version_ = static_cast<int>(pragma_value(*connection_, "user_version"));
  const std::optional<std::string> recorded = meta("schema_version");
  if (schema_version_ != trace::schema_version || recorded != std::to_string(schema_version_))
    throw DatabaseError(fmt::format(
        "'{}' is a hospsim run database of schema version {}; this build reads version {} "
        "(re-run the simulation with this version, or use the hospsim that wrote it, {})",
        path.string(), recorded.value_or("?"), trace::schema_version,
        meta("hospsim_version").value_or("unknown")));
}

RunDatabaseReader::~RunDatabaseReader() = default;

std::map<std::string, std::string> RunDatabaseReader::meta() const {
  std::map<std::string, std::string> values;
  SqliteStatement query(*connection_, "SELECT key, value FROM meta");
  while (query.step())
    values.emplace(query.column_text(0), query.column_text(1));
  return values;
}

std::optional<std::string> RunDatabaseReader::meta(std::string_view key) const {
  SqliteStatement query(*connection_, "SELECT value FROM meta WHERE key = ?1");
  query.bind_static(1, key);
  if (!query.step())
    return std::nullopt;
  return query.column_text(0);
}

RunInfo RunDatabaseReader::run_info() const {
  RunInfo info;
  const auto values = meta();
  auto text = [&values](const char* key) {
    const auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  };
  auto number = [this, &text](const char* key) {
    return meta_number<std::int64_t>(path_, key, text(key));
  };
  info.scenario_name = text("scenario_name");
  info.scenario_file = text("scenario_file");
  info.scenario_text = text("scenario_text");
  info.command_line = text("command_line");
  info.seed = meta_number<std::uint64_t>(path_, "seed", text("seed"));
  info.replications = meta_number<std::uint64_t>(path_, "replications", text("replications"));
  info.horizon_ms = number("horizon_ms");
  info.warmup_ms = number("warmup_ms");
  SqliteStatement resources(*connection_,
                            "SELECT name, kind, department, role, units FROM resources "
                            "ORDER BY resource");
  while (resources.step())
    info.resources.push_back({resources.column_text(0), resources.column_text(1),
                              resources.column_text(2), resources.column_text(3),
                              static_cast<std::uint64_t>(resources.column_int(4))});
  SqliteStatement classes(*connection_, "SELECT name, pathway FROM classes ORDER BY class");
  while (classes.step())
    info.classes.push_back({classes.column_text(0), classes.column_text(1), {}});
  SqliteStatement steps(*connection_, "SELECT class, name FROM steps ORDER BY class, step");
  while (steps.step()) {
    const auto c = static_cast<std::size_t>(steps.column_int(0));
    if (c < info.classes.size())
      info.classes[c].steps.push_back(steps.column_text(1));
  }
  return info;
}

std::int64_t RunDatabaseReader::count_rows(std::string_view table) const {
  const auto names = table_names();
  if (std::find(names.begin(), names.end(), table) == names.end())
    throw sim::UsageError(
        fmt::format("RunDatabaseReader::count_rows(): no table '{}' in a run database", table));
  SqliteStatement query(*connection_, fmt::format("SELECT count(*) FROM {}", table));
  query.step();
  return query.column_int(0);
}

std::vector<std::uint64_t> RunDatabaseReader::replications() const {
  std::vector<std::uint64_t> numbers;
  SqliteStatement query(*connection_, "SELECT replication FROM replications ORDER BY 1");
  while (query.step())
    numbers.push_back(static_cast<std::uint64_t>(query.column_int(0)));
  return numbers;
}

std::vector<PatientRecord> RunDatabaseReader::patients(std::uint64_t replication) const {
  std::vector<PatientRecord> rows;
  SqliteStatement query(*connection_,
                        "SELECT patient, class, arrival_ms, departure_ms, outcome FROM patients "
                        "WHERE replication = ?1 ORDER BY patient");
  query.bind(1, static_cast<std::int64_t>(replication));
  while (query.step()) {
    PatientRecord& row = rows.emplace_back();
    row.patient = static_cast<std::uint64_t>(query.column_int(0));
    row.class_index = static_cast<std::uint64_t>(query.column_int(1));
    row.arrival_ms = query.column_int(2);
    row.departure_ms = optional_int(query, 3);
    row.outcome =
        patient_outcome_from_string(query.column_text(4)).value_or(PatientOutcome::InSystem);
  }
  return rows;
}

void RunDatabaseReader::for_each_event(std::uint64_t replication,
                                       const std::function<void(const EventRecord&)>& visit) const {
  SqliteStatement query(
      *connection_, "SELECT time_ms, kind, patient, resource, step, value FROM events "
                    "WHERE seq >= (SELECT first_event FROM replications WHERE replication = ?1) "
                    "AND seq < (SELECT first_event + events FROM replications "
                    "WHERE replication = ?1) ORDER BY seq");
  query.bind(1, static_cast<std::int64_t>(replication));
  while (query.step()) {
    const std::string kind = query.column_text(1);
    const std::optional<EventKind> parsed = event_kind_from_string(kind);
    if (!parsed)
      throw DatabaseError(
          fmt::format("run database '{}': unknown event kind '{}'", path_.string(), kind));
    visit(EventRecord{query.column_int(0), *parsed, optional_int(query, 2), optional_int(query, 3),
                      optional_int(query, 4), query.column_double(5)});
  }
}

void RunDatabaseReader::for_each_level(std::uint64_t replication,
                                       const std::function<void(const LevelRecord&)>& visit) const {
  SqliteStatement query(*connection_,
                        "SELECT time_ms, resource, in_use, capacity, queue_length, cleaning, "
                        "under_repair FROM time_series WHERE seq >= (SELECT first_time_series "
                        "FROM replications WHERE replication = ?1) AND seq < (SELECT "
                        "first_time_series + time_series FROM replications WHERE replication = ?1) "
                        "ORDER BY seq");
  query.bind(1, static_cast<std::int64_t>(replication));
  while (query.step())
    visit(LevelRecord{query.column_int(0), column_u32(query, 1), column_u32(query, 2),
                      column_u32(query, 3), column_u32(query, 4), column_u32(query, 5),
                      column_u32(query, 6)});
}

void RunDatabaseReader::for_each_census(
    std::uint64_t replication, const std::function<void(const CensusRecord&)>& visit) const {
  SqliteStatement query(*connection_,
                        "SELECT time_ms, in_system, queueing FROM census WHERE seq >= (SELECT "
                        "first_census FROM replications WHERE replication = ?1) AND seq < (SELECT "
                        "first_census + census FROM replications WHERE replication = ?1) "
                        "ORDER BY seq");
  query.bind(1, static_cast<std::int64_t>(replication));
  while (query.step())
    visit(CensusRecord{query.column_int(0), column_u32(query, 1), column_u32(query, 2)});
}

std::vector<KpiRow> RunDatabaseReader::kpis(std::uint64_t replication) const {
  std::vector<KpiRow> rows;
  SqliteStatement query(*connection_, "SELECT name, unit, value FROM kpis WHERE replication = ?1 "
                                      "ORDER BY rowid");
  query.bind(1, static_cast<std::int64_t>(replication));
  while (query.step())
    rows.push_back({query.column_text(0), query.column_text(1), query.column_double(2)});
  return rows;
}

std::vector<KpiSummaryRow> RunDatabaseReader::kpi_summary() const {
  std::vector<KpiSummaryRow> rows;
  SqliteStatement query(*connection_, "SELECT name, unit, mean, half_width, level, replications "
                                      "FROM kpi_summary ORDER BY rowid");
  while (query.step()) {
    KpiSummaryRow& row = rows.emplace_back();
    row.name = query.column_text(0);
    row.unit = query.column_text(1);
    row.mean = query.column_double(2);
    row.half_width =
        query.is_null(3) ? std::numeric_limits<double>::infinity() : query.column_double(3);
    row.level = query.column_double(4);
    row.replications = static_cast<std::uint64_t>(query.column_int(5));
  }
  return rows;
}

} // namespace hospsim::trace
