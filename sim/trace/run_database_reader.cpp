// SPDX-License-Identifier: MIT
#include "sim/trace/run_database_reader.hpp"

#include "sim/trace/detail/layout_tables.hpp"
#include "sim/trace/detail/level_rows.hpp"
#include "sim/trace/detail/optional_columns.hpp"
#include "sim/trace/detail/seq_lower_bound.hpp"
#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/run_database_schema.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/core.h>
#include <limits>

namespace hospsim::trace {

using detail::SqliteConnection;
using detail::SqliteStatement;
using detail::level_columns;
using detail::level_row;
using detail::optional_int;

namespace {

std::int64_t pragma_value(SqliteConnection& connection, std::string_view pragma) {
  SqliteStatement query(connection, fmt::format("PRAGMA {}", pragma));
  return query.step() ? query.column_int(0) : 0;
}

/// Rows of "SELECT patient, class, arrival_ms, departure_ms, outcome".
std::vector<PatientRecord> read_patients(SqliteStatement& query) {
  std::vector<PatientRecord> rows;
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

/// Appends the node numbers of a path column ("[3,8,9]") to `nodes`.
void parse_path(const std::filesystem::path& file, std::string_view text,
                std::vector<std::uint32_t>& nodes) {
  const auto bad = [&file, text] {
    return DatabaseError(
        fmt::format("run database '{}': a move's path '{}' is not a list of node numbers",
                    file.string(), text));
  };
  if (text.size() < 2 || text.front() != '[' || text.back() != ']')
    throw bad();
  std::uint64_t value = 0;
  bool digits = false;
  for (const char c : text.substr(1, text.size() - 2)) {
    if (c >= '0' && c <= '9') {
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
      if (value > std::numeric_limits<std::uint32_t>::max())
        throw bad();
      digits = true;
    } else if (c == ',' && digits) {
      nodes.push_back(static_cast<std::uint32_t>(value));
      value = 0;
      digits = false;
    } else if (c != ' ') {
      throw bad();
    }
  }
  if (digits)
    nodes.push_back(static_cast<std::uint32_t>(value));
  else if (text.find_first_not_of("[ ]") != std::string_view::npos)
    throw bad(); // "[1,]"
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
  // The version's own tables may differ: read meta only once the version is known to have it
  // (every version so far has).
  std::optional<std::string> recorded;
  std::string wrote_it = "unknown";
  try {
    recorded = meta("schema_version");
    wrote_it = meta("hospsim_version").value_or(wrote_it);
  } catch (const DatabaseError&) {
    recorded.reset();
  }
  const std::string version = recorded.value_or(std::to_string(schema_version_));
  if (schema_version_ > trace::schema_version)
    throw DatabaseError(fmt::format(
        "'{}' is a hospsim run database of schema version {}, newer than this build reads "
        "(versions {} to {}); read it with the hospsim that wrote it ({}) or a newer one",
        path.string(), version, oldest_readable_schema_version, trace::schema_version, wrote_it));
  if (schema_version_ < oldest_readable_schema_version ||
      recorded != std::to_string(schema_version_))
    throw DatabaseError(fmt::format(
        "'{}' is a hospsim run database of schema version {} (PRAGMA user_version {}); this "
        "build reads versions {} to {} (re-run the simulation with this version, or use the "
        "hospsim that wrote it, {})",
        path.string(), recorded.value_or("?"), schema_version_, oldest_readable_schema_version,
        trace::schema_version, wrote_it));
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
  info.traced_replications =
      values.contains("traced_replications")
          ? meta_number<std::uint64_t>(path_, "traced_replications", text("traced_replications"))
          : info.replications;
  info.horizon_ms = number("horizon_ms");
  info.warmup_ms = number("warmup_ms");
  info.start_ms = number("start_ms"); // absent: Monday 00:00
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
  info.layout = layout();
  return info;
}

LayoutInfo RunDatabaseReader::layout() const {
  return schema_version_ < 2 ? LayoutInfo() : detail::read_layout(*connection_);
}

std::int64_t RunDatabaseReader::count_rows(std::string_view table) const {
  const auto names = table_names();
  if (std::find(names.begin(), names.end(), table) == names.end())
    throw sim::UsageError(
        fmt::format("RunDatabaseReader::count_rows(): no table '{}' in a run database", table));
  SqliteStatement exists(*connection_,
                         "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  exists.bind_static(1, table);
  exists.step();
  if (exists.column_int(0) == 0)
    return 0; // a table of a later version than the file's
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

bool RunDatabaseReader::traced(std::uint64_t replication) const {
  const std::optional<std::string> traced = meta("traced_replications");
  return !traced || replication < meta_number<std::uint64_t>(path_, "traced_replications", *traced);
}

std::vector<PatientRecord> RunDatabaseReader::patients(std::uint64_t replication) const {
  SqliteStatement query(*connection_,
                        "SELECT patient, class, arrival_ms, departure_ms, outcome FROM patients "
                        "WHERE replication = ?1 ORDER BY patient");
  query.bind(1, static_cast<std::int64_t>(replication));
  return read_patients(query);
}

std::vector<PatientRecord>
RunDatabaseReader::patients_present(std::uint64_t replication, std::int64_t time_ms) const {
  SqliteStatement query(*connection_,
                        "SELECT patient, class, arrival_ms, departure_ms, outcome FROM patients "
                        "WHERE replication = ?1 AND arrival_ms <= ?2 AND "
                        "(departure_ms IS NULL OR departure_ms > ?2) ORDER BY patient");
  query.bind(1, static_cast<std::int64_t>(replication));
  query.bind(2, time_ms);
  return read_patients(query);
}

RunDatabaseReader::SeqRange RunDatabaseReader::events_of(std::uint64_t replication) const {
  SqliteStatement query(*connection_,
                        "SELECT first_event, events FROM replications WHERE replication = ?1");
  query.bind(1, static_cast<std::int64_t>(replication));
  if (!query.step())
    return {};
  const detail::SeqSpan span = detail::safe_seq_span(query.column_int(0), query.column_int(1));
  return {span.first, span.count};
}

std::int64_t RunDatabaseReader::lower_bound(std::string_view table, std::string_view column,
                                            SeqRange range, std::int64_t value) const {
  return detail::seq_lower_bound(*connection_, path_, table, column, range.first, range.count,
                                 value);
}

void RunDatabaseReader::read_events(std::int64_t first_seq, std::int64_t end_seq,
                                    const std::function<void(const EventRecord&)>& visit) const {
  SqliteStatement query(
      *connection_,
      fmt::format("SELECT time_ms, kind, patient, resource, step, value, {} FROM events "
                  "WHERE seq >= ?1 AND seq < ?2 ORDER BY seq",
                  schema_version_ >= 2 ? "unit" : "NULL"));
  query.bind(1, first_seq);
  query.bind(2, end_seq);
  while (query.step()) {
    const std::string kind = query.column_text(1);
    const std::optional<EventKind> parsed = event_kind_from_string(kind);
    if (!parsed)
      throw DatabaseError(
          fmt::format("run database '{}': unknown event kind '{}'", path_.string(), kind));
    visit(EventRecord{query.column_int(0), *parsed, optional_int(query, 2), optional_int(query, 3),
                      optional_int(query, 4), query.column_double(5), optional_int(query, 6)});
  }
}

void RunDatabaseReader::for_each_event(std::uint64_t replication,
                                       const std::function<void(const EventRecord&)>& visit) const {
  const SeqRange range = events_of(replication);
  read_events(range.first, range.first + range.count, visit);
}

void RunDatabaseReader::for_each_event(std::uint64_t replication, std::int64_t from_ms,
                                       std::int64_t to_ms,
                                       const std::function<void(const EventRecord&)>& visit) const {
  if (to_ms <= from_ms)
    return;
  const SeqRange range = events_of(replication);
  const std::int64_t first = lower_bound("events", "time_ms", range, from_ms);
  const std::int64_t end =
      lower_bound("events", "time_ms", {first, range.first + range.count - first}, to_ms);
  read_events(first, end, visit);
}

MoveList RunDatabaseReader::moves(std::uint64_t replication) const {
  return read_moves(replication, std::numeric_limits<std::int64_t>::min(),
                    std::numeric_limits<std::int64_t>::max());
}

MoveList RunDatabaseReader::moves(std::uint64_t replication, std::int64_t from_ms,
                                  std::int64_t to_ms) const {
  if (to_ms <= from_ms)
    return {};
  return read_moves(replication, from_ms, to_ms);
}

MoveList RunDatabaseReader::read_moves(std::uint64_t replication, std::int64_t from_ms,
                                       std::int64_t to_ms) const {
  MoveList list;
  if (schema_version_ < 2)
    return list;
  SqliteStatement ranges(*connection_, "SELECT first_move, moves, longest_move_ms FROM "
                                       "replications WHERE replication = ?1");
  ranges.bind(1, static_cast<std::int64_t>(replication));
  if (!ranges.step())
    return list;
  const detail::SeqSpan span = detail::safe_seq_span(ranges.column_int(0), ranges.column_int(1));
  const SeqRange range{span.first, span.count};
  const std::int64_t longest = std::max<std::int64_t>(ranges.column_int(2), 0); // damaged: < 0
  // Moves are in start order: those under way in the window started at most `longest` before
  // it.
  const std::int64_t earliest_start = from_ms < std::numeric_limits<std::int64_t>::min() + longest
                                          ? std::numeric_limits<std::int64_t>::min()
                                          : from_ms - longest;
  const std::int64_t first = lower_bound("moves", "start_ms", range, earliest_start);
  const std::int64_t end =
      lower_bound("moves", "start_ms", {first, range.first + range.count - first}, to_ms);
  SqliteStatement query(*connection_,
                        "SELECT move, agent_kind, agent, resource, from_room, to_room, start_ms, "
                        "end_ms, distance_m, path FROM moves WHERE seq >= ?1 AND seq < ?2 "
                        "ORDER BY seq");
  query.bind(1, first);
  query.bind(2, end);
  while (query.step()) {
    MoveRecord move;
    move.start_ms = query.column_int(6);
    move.end_ms = query.column_int(7);
    if (move.end_ms <= from_ms && move.start_ms < from_ms)
      continue; // over before the window
    const std::string kind = query.column_text(1);
    const std::optional<AgentKind> agent_kind = agent_kind_from_string(kind);
    if (!agent_kind)
      throw DatabaseError(
          fmt::format("run database '{}': unknown agent kind '{}'", path_.string(), kind));
    move.agent_kind = *agent_kind;
    move.agent = optional_int(query, 2);
    move.resource = optional_int(query, 3);
    move.from_room = optional_int(query, 4);
    move.to_room = optional_int(query, 5);
    move.distance_m = query.column_double(8);
    move.first_path_node = static_cast<std::uint32_t>(list.paths.size());
    parse_path(path_, query.column_text(9), list.paths);
    move.path_nodes = static_cast<std::uint32_t>(list.paths.size() - move.first_path_node);
    list.numbers.push_back(static_cast<std::uint64_t>(query.column_int(0)));
    list.moves.push_back(move);
  }
  return list;
}

std::vector<std::uint32_t> RunDatabaseReader::move_path(std::uint64_t replication,
                                                        std::uint64_t move) const {
  std::vector<std::uint32_t> nodes;
  if (schema_version_ < 2)
    return nodes;
  SqliteStatement query(*connection_,
                        "SELECT path FROM moves WHERE seq = (SELECT first_move + ?2 FROM "
                        "replications WHERE replication = ?1 AND ?2 < moves)");
  query.bind(1, static_cast<std::int64_t>(replication));
  query.bind(2, static_cast<std::int64_t>(move));
  if (query.step())
    parse_path(path_, query.column_text(0), nodes);
  return nodes;
}

void RunDatabaseReader::for_each_level(std::uint64_t replication,
                                       const std::function<void(const LevelRecord&)>& visit) const {
  // Version 3 stores time_series by (replication, resource, time_ms, seq): the replication's
  // rows are one range of that key, put in seq order by SQLite's sorter. Before, seq was the
  // storage order.
  SqliteStatement query(
      *connection_,
      fmt::format("SELECT {} FROM time_series WHERE {} ORDER BY seq", level_columns,
                  schema_version_ >= 3
                      ? "replication = ?1"
                      : "seq >= (SELECT first_time_series FROM replications WHERE "
                        "replication = ?1) AND seq < (SELECT first_time_series + time_series "
                        "FROM replications WHERE replication = ?1)"));
  query.bind(1, static_cast<std::int64_t>(replication));
  while (query.step())
    visit(level_row(query));
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
    visit(CensusRecord{query.column_int(0), query.column_u32(1), query.column_u32(2)});
}

std::vector<LevelRecord> RunDatabaseReader::levels_at(std::uint64_t replication,
                                                      std::int64_t time_ms) const {
  std::vector<LevelRecord> levels;
  SqliteStatement resources(*connection_, "SELECT resource FROM resources ORDER BY resource");
  SqliteStatement query(*connection_,
                        fmt::format("SELECT {} FROM time_series WHERE replication = ?1 AND "
                                    "resource = ?2 AND time_ms <= ?3 ORDER BY time_ms DESC, seq "
                                    "DESC LIMIT 1",
                                    level_columns));
  query.bind(1, static_cast<std::int64_t>(replication));
  query.bind(3, time_ms);
  while (resources.step()) {
    query.bind(2, resources.column_int(0));
    if (query.step())
      levels.push_back(level_row(query));
    query.reset();
  }
  return levels;
}

std::optional<CensusRecord> RunDatabaseReader::census_at(std::uint64_t replication,
                                                         std::int64_t time_ms) const {
  SqliteStatement range(*connection_,
                        "SELECT first_census, census FROM replications WHERE replication = ?1");
  range.bind(1, static_cast<std::int64_t>(replication));
  if (!range.step())
    return std::nullopt;
  const detail::SeqSpan span = detail::safe_seq_span(range.column_int(0), range.column_int(1));
  const SeqRange rows{span.first, span.count};
  // The first row after time_ms, then the one before it.
  const std::int64_t after = time_ms == std::numeric_limits<std::int64_t>::max()
                                 ? rows.first + rows.count
                                 : lower_bound("census", "time_ms", rows, time_ms + 1);
  if (after == rows.first)
    return std::nullopt;
  SqliteStatement query(*connection_,
                        "SELECT time_ms, in_system, queueing FROM census WHERE seq = ?1");
  query.bind(1, after - 1);
  if (!query.step())
    return std::nullopt;
  return CensusRecord{query.column_int(0), query.column_u32(1), query.column_u32(2)};
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
