// SPDX-License-Identifier: MIT
// Schema version 2 of the run database: the building (floors, rooms, nodes, edges, units), the
// moves with their paths and the unit of each seize, read back whole and by time window;
// version-1 files still read (with no layout), newer versions refused.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "sim/trace/run_database_writer.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace hospsim;
using namespace hospsim::trace;
using namespace hospsim::trace::testing;

namespace {

/// The tables and view of schema version 1 (hospsim 0.1.0 before issue 10), as that version
/// created them: a version-1 file for the reader's compatibility.
constexpr std::string_view schema_v1 = R"sql(CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE resources(
  resource   INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  department TEXT NOT NULL,
  role       TEXT NOT NULL,
  units      INTEGER NOT NULL
);
CREATE TABLE classes(
  class   INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  pathway TEXT NOT NULL
);
CREATE TABLE steps(
  class INTEGER NOT NULL,
  step  INTEGER NOT NULL,
  name  TEXT NOT NULL,
  PRIMARY KEY(class, step)
) WITHOUT ROWID;
CREATE TABLE replications(
  replication      INTEGER PRIMARY KEY,
  patients         INTEGER NOT NULL,
  events           INTEGER NOT NULL,
  first_event      INTEGER NOT NULL,
  time_series      INTEGER NOT NULL,
  first_time_series INTEGER NOT NULL,
  census           INTEGER NOT NULL,
  first_census     INTEGER NOT NULL
);
CREATE TABLE patients(
  replication  INTEGER NOT NULL,
  patient      INTEGER NOT NULL,
  class        INTEGER NOT NULL,
  arrival_ms   INTEGER NOT NULL,
  departure_ms INTEGER,
  outcome      TEXT NOT NULL,
  counted      INTEGER NOT NULL
);
CREATE TABLE events(
  seq         INTEGER PRIMARY KEY,
  replication INTEGER NOT NULL,
  time_ms     INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  patient     INTEGER,
  resource    INTEGER,
  step        INTEGER,
  value       REAL
);
CREATE TABLE time_series(
  seq          INTEGER PRIMARY KEY,
  replication  INTEGER NOT NULL,
  time_ms      INTEGER NOT NULL,
  resource     INTEGER NOT NULL,
  in_use       INTEGER NOT NULL,
  capacity     INTEGER NOT NULL,
  queue_length INTEGER NOT NULL,
  cleaning     INTEGER NOT NULL,
  under_repair INTEGER NOT NULL
);
CREATE TABLE census(
  seq         INTEGER PRIMARY KEY,
  replication INTEGER NOT NULL,
  time_ms     INTEGER NOT NULL,
  in_system   INTEGER NOT NULL,
  queueing    INTEGER NOT NULL
);
CREATE TABLE kpis(
  replication INTEGER NOT NULL,
  name        TEXT NOT NULL,
  unit        TEXT NOT NULL,
  value       REAL
);
CREATE TABLE kpi_summary(
  name         TEXT PRIMARY KEY,
  unit         TEXT NOT NULL,
  mean         REAL,
  half_width   REAL,
  lower        REAL,
  upper        REAL,
  level        REAL NOT NULL,
  replications INTEGER NOT NULL
);
CREATE VIEW entities AS
  SELECT p.replication, 'patient' AS kind, p.patient AS entity, c.name AS name,
         p.class AS class, NULL AS resource
    FROM patients AS p JOIN classes AS c USING (class)
  UNION ALL
  SELECT r.replication, s.kind, s.resource, s.name, NULL, s.resource
    FROM replications AS r CROSS JOIN resources AS s;
)sql";

/// A version-1 run database as hospsim wrote it before the layout: one replication of three
/// patients, with events (two of them seizes) and a time series.
void write_version_1_database(const std::filesystem::path& path) {
  std::string sql = "PRAGMA application_id = " + std::to_string(application_id) +
                    "; PRAGMA user_version = 1; BEGIN;\n" + std::string(schema_v1);
  sql += R"sql(
INSERT INTO meta VALUES ('schema_version', '1'), ('application', 'hospsim'),
  ('hospsim_version', '0.1.0'), ('scenario_name', 'old clinic'), ('seed', '11'),
  ('replications', '1'), ('horizon_ms', '86400000'), ('warmup_ms', '0');
INSERT INTO resources VALUES (0, 'doctor', 'staff', 'clinic', 'doctor', 2);
INSERT INTO classes VALUES (0, 'walk_in', 'visit');
INSERT INTO steps VALUES (0, 0, 'consultation');
INSERT INTO replications VALUES (0, 3, 6, 1, 1, 1, 0, 1);
INSERT INTO patients VALUES (0, 0, 0, 1000, 5000, 'completed', 1),
  (0, 1, 0, 2000, NULL, 'in_system', 1), (0, 2, 0, 3000, NULL, 'in_system', 1);
INSERT INTO events(replication, time_ms, kind, patient, resource, step, value) VALUES
  (0, 1000, 'arrive', 0, NULL, NULL, NULL), (0, 1000, 'seize', 0, 0, NULL, 1),
  (0, 2000, 'arrive', 1, NULL, NULL, NULL), (0, 3000, 'arrive', 2, NULL, NULL, NULL),
  (0, 3000, 'seize', 2, 0, NULL, 1), (0, 5000, 'depart', 0, NULL, NULL, NULL);
INSERT INTO time_series(replication, time_ms, resource, in_use, capacity, queue_length,
  cleaning, under_repair) VALUES (0, 1000, 0, 1, 2, 0, 0, 0);
COMMIT;
)sql";
  const ShellResult made = run_sqlite3(path, sql);
  INFO(made.output);
  REQUIRE(made.status == 0);
}

std::vector<EventRecord> all_events(const RunDatabaseReader& reader, std::uint64_t replication) {
  std::vector<EventRecord> events;
  reader.for_each_event(replication, [&events](const EventRecord& e) { events.push_back(e); });
  return events;
}

std::vector<EventRecord> window_events(const RunDatabaseReader& reader, std::uint64_t replication,
                                       std::int64_t from_ms, std::int64_t to_ms) {
  std::vector<EventRecord> events;
  reader.for_each_event(replication, from_ms, to_ms,
                        [&events](const EventRecord& e) { events.push_back(e); });
  return events;
}

bool same_event(const EventRecord& a, const EventRecord& b) {
  return a.time_ms == b.time_ms && a.kind == b.kind && a.patient == b.patient &&
         a.resource == b.resource && a.step == b.step && a.unit == b.unit;
}

bool same_move(const MoveRecord& a, std::span<const std::uint32_t> a_paths, const MoveRecord& b,
               std::span<const std::uint32_t> b_paths) {
  const auto path_a = a_paths.subspan(a.first_path_node, a.path_nodes);
  const auto path_b = b_paths.subspan(b.first_path_node, b.path_nodes);
  return a.agent_kind == b.agent_kind && a.agent == b.agent && a.resource == b.resource &&
         a.from_room == b.from_room && a.to_room == b.to_room && a.start_ms == b.start_ms &&
         a.end_ms == b.end_ms && a.distance_m == b.distance_m &&
         std::equal(path_a.begin(), path_a.end(), path_b.begin(), path_b.end());
}

} // namespace

TEST_CASE("a layout and its moves read back as they were written", "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_layout_database(path);
  const RunDatabaseReader reader(path);
  CHECK(reader.schema_version() == 3);

  const LayoutInfo written = synthetic_layout();
  const LayoutInfo layout = reader.layout();
  CHECK_FALSE(layout.empty());
  REQUIRE(layout.floors.size() == 2);
  CHECK(layout.floors[1].name == "first");
  CHECK(layout.floors[1].elevation_m == 4.5);
  CHECK(layout.floors[0].height_m == 4.5);
  REQUIRE(layout.rooms.size() == written.rooms.size());
  for (std::size_t i = 0; i < layout.rooms.size(); ++i) {
    const RoomInfo& a = layout.rooms[i];
    const RoomInfo& b = written.rooms[i];
    INFO("room " << b.name);
    CHECK(a.name == b.name);
    CHECK(a.department == b.department);
    CHECK(a.floor == b.floor);
    CHECK(a.x_m == b.x_m);
    CHECK(a.y_m == b.y_m);
    CHECK(a.width_m == b.width_m);
    CHECK(a.depth_m == b.depth_m);
    CHECK(a.door_node == b.door_node);
  }
  REQUIRE(layout.nodes.size() == written.nodes.size());
  for (std::size_t i = 0; i < layout.nodes.size(); ++i) {
    INFO("node " << written.nodes[i].name);
    CHECK(layout.nodes[i].name == written.nodes[i].name);
    CHECK(layout.nodes[i].floor == written.nodes[i].floor);
    CHECK(layout.nodes[i].x_m == written.nodes[i].x_m);
    CHECK(layout.nodes[i].y_m == written.nodes[i].y_m);
    CHECK(layout.nodes[i].kind == written.nodes[i].kind);
  }
  REQUIRE(layout.edges.size() == written.edges.size());
  for (std::size_t i = 0; i < layout.edges.size(); ++i) {
    CHECK(layout.edges[i].from == written.edges[i].from);
    CHECK(layout.edges[i].to == written.edges[i].to);
    CHECK(layout.edges[i].length_m == written.edges[i].length_m);
    CHECK(layout.edges[i].kind == written.edges[i].kind);
  }
  REQUIRE(layout.units.size() == written.units.size());
  for (std::size_t i = 0; i < layout.units.size(); ++i) {
    CHECK(layout.units[i].resource == written.units[i].resource);
    CHECK(layout.units[i].unit == written.units[i].unit);
    CHECK(layout.units[i].name == written.units[i].name);
    CHECK(layout.units[i].room == written.units[i].room);
  }
  CHECK(reader.run_info().layout.rooms.size() == 3);

  ReplicationTrace expected = synthetic_trace(20);
  add_synthetic_moves(expected, 20);
  const MoveList moves = reader.moves(1);
  REQUIRE(moves.moves.size() == 60);
  REQUIRE(moves.numbers.size() == 60);
  for (std::size_t i = 0; i < moves.moves.size(); ++i) {
    INFO("move " << i);
    CHECK(moves.numbers[i] == i);
    CHECK(same_move(moves.moves[i], moves.paths, expected.moves[i], expected.move_paths));
  }
  CHECK(moves.moves[0].agent_kind == AgentKind::Staff);
  CHECK(moves.moves[0].resource == 0);
  CHECK(reader.move_path(1, 59) == std::vector<std::uint32_t>{2, 3, 4, 5});
  CHECK(reader.move_path(0, 0) == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(reader.move_path(0, 30).empty()); // replication 0 has 30 moves: 0 to 29
  CHECK(reader.move_path(5, 0).empty());
  CHECK(reader.count_rows("moves") == 90);
  CHECK(reader.count_rows("units") == 5);
  CHECK(reader.count_rows("edges") == 5);

  const std::vector<EventRecord> events = all_events(reader, 1);
  REQUIRE(events.size() == expected.events.size());
  std::size_t with_unit = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(same_event(events[i], expected.events[i]));
    with_unit += events[i].unit != no_value ? 1U : 0U;
    if (events[i].kind == EventKind::Seize)
      CHECK(events[i].unit == events[i].patient % 2);
  }
  CHECK(with_unit == 40); // a seize and a release per patient
}

TEST_CASE("moves given out of start order are stored in start order with their own paths",
          "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  ReplicationTrace trace = synthetic_trace(6);
  add_synthetic_moves(trace, 6);
  ReplicationTrace reversed = trace;
  std::reverse(reversed.moves.begin(), reversed.moves.end());
  std::reverse(reversed.events.begin(), reversed.events.end());
  {
    RunDatabaseWriter writer(path, small_run_info_with_layout());
    writer.write_replication(0, reversed, {});
    writer.finish({});
  }
  const RunDatabaseReader reader(path);
  const MoveList moves = reader.moves(0);
  REQUIRE(moves.moves.size() == trace.moves.size());
  // Equal start times keep the order given (here reversed), so compare start times and the
  // path of each move with its own.
  for (std::size_t i = 0; i < moves.moves.size(); ++i) {
    CHECK(moves.moves[i].start_ms == trace.moves[i].start_ms);
    const MoveRecord& m = moves.moves[i];
    const std::vector<std::uint32_t> path_read(moves.paths.begin() + m.first_path_node,
                                               moves.paths.begin() + m.first_path_node +
                                                   m.path_nodes);
    CHECK(path_read == (m.to_room == 2 ? std::vector<std::uint32_t>{2, 3, 4, 5}
                                       : std::vector<std::uint32_t>{0, 1, 2}));
  }
  const std::vector<EventRecord> events = all_events(reader, 0);
  REQUIRE(events.size() == trace.events.size());
  for (std::size_t i = 1; i < events.size(); ++i)
    CHECK(events[i - 1].time_ms <= events[i].time_ms);
}

TEST_CASE("a move whose path lies outside the replication's path nodes is refused",
          "[trace][layout]") {
  const ScratchDirectory directory;
  RunDatabaseWriter writer(directory / "run.db", small_run_info_with_layout());
  ReplicationTrace trace = synthetic_trace(3);
  add_synthetic_moves(trace, 3);
  trace.moves.back().path_nodes = 100;
  CHECK_THROWS_WITH(writer.write_replication(0, trace, {}),
                    Catch::Contains("a move's path") && Catch::Contains("outside"));
  trace.moves.back().path_nodes = 3;
  writer.write_replication(0, trace, {}); // the writer goes on
  writer.finish({});
  CHECK(RunDatabaseReader(directory / "run.db").moves(0).moves.size() == 9);
}

TEST_CASE("a run without a layout has empty layout tables and no moves", "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  {
    RunDatabaseWriter writer(path, small_run_info());
    writer.write_replication(0, synthetic_trace(4), {});
    writer.finish({});
  }
  const RunDatabaseReader reader(path);
  CHECK(reader.layout().empty());
  CHECK(reader.layout().floors.empty());
  CHECK(reader.layout().units.empty());
  CHECK(reader.moves(0).moves.empty());
  CHECK(reader.moves(0, 0, 86'400'000).moves.empty());
  CHECK(reader.count_rows("rooms") == 0);
  CHECK(reader.count_rows("moves") == 0);
}

TEST_CASE("time windows give exactly the events and moves in the window", "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_layout_database(path);
  const RunDatabaseReader reader(path);
  ReplicationTrace expected = synthetic_trace(20);
  add_synthetic_moves(expected, 20);
  const std::vector<EventRecord> events = all_events(reader, 1);
  const MoveList moves = reader.moves(1);
  REQUIRE(events.size() == expected.events.size());

  constexpr std::int64_t minute = 60'000;
  constexpr std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  constexpr std::int64_t highest = std::numeric_limits<std::int64_t>::max();
  // Boundaries on and between event times, empty and reversed windows, all and nothing.
  const std::vector<std::pair<std::int64_t, std::int64_t>> windows{
      {0, 1},
      {0, minute},
      {5 * minute, 5 * minute + 1},
      {3 * minute, 10 * minute},
      {10 * minute + 1, 30 * minute},
      {25 * minute, 25 * minute},
      {30 * minute, 20 * minute},
      {lowest, highest},
      {-100, 0},
      {48 * minute, highest},
      {24 * minute, 25 * minute},
      {7 * minute + 30'000, 7 * minute + 30'001}};
  std::size_t nonempty = 0;
  for (const auto& [from, to] : windows) {
    INFO("window [" << from << ", " << to << ")");
    std::vector<EventRecord> want;
    for (const EventRecord& e : events)
      if (e.time_ms >= from && e.time_ms < to)
        want.push_back(e);
    const std::vector<EventRecord> got = window_events(reader, 1, from, to);
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      CHECK(same_event(got[i], want[i]));

    std::vector<std::uint64_t> want_moves;
    for (std::size_t i = 0; i < moves.moves.size(); ++i) {
      const MoveRecord& m = moves.moves[i];
      if (from < to && m.start_ms < to && (m.end_ms > from || m.start_ms >= from))
        want_moves.push_back(i);
    }
    const MoveList got_moves = reader.moves(1, from, to);
    CHECK(got_moves.numbers == want_moves);
    REQUIRE(got_moves.moves.size() == want_moves.size());
    for (std::size_t i = 0; i < want_moves.size(); ++i)
      CHECK(
          same_move(got_moves.moves[i], got_moves.paths, moves.moves[want_moves[i]], moves.paths));
    nonempty += !got.empty() && !want_moves.empty() ? 1U : 0U;
  }
  CHECK(nonempty >= 5);
  // Hand-checked: in [24 min, 25 min) patients 0 to 4 are on their way to the ward (p + 20
  // to p + 26 min), patients 18 and 19 to consultation (p + 5 to p + 7 min), doctor 0 walks
  // from 22 to 25 min (for patient 18: 18 % 4 + 1 = 3 min) and doctor 1 from 23 to 27 min
  // (patient 19); patient 17's move (22 to 24 min) ended as the window began.
  const MoveList minute_24 = reader.moves(1, 24 * minute, 25 * minute);
  std::vector<std::int64_t> agents;
  for (const MoveRecord& m : minute_24.moves)
    agents.push_back(m.agent_kind == AgentKind::Staff ? 100 + m.agent : m.agent);
  std::sort(agents.begin(), agents.end());
  CHECK(agents == std::vector<std::int64_t>{0, 1, 2, 3, 4, 18, 19, 100, 101});
}

TEST_CASE("a version-1 run database reads with an empty layout and no units", "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "v1.db";
  write_version_1_database(path);
  const RunDatabaseReader reader(path);
  CHECK(reader.schema_version() == 1);
  const RunInfo info = reader.run_info();
  CHECK(info.scenario_name == "old clinic");
  CHECK(info.seed == 11);
  CHECK(info.layout.empty());
  CHECK(reader.layout().floors.empty());
  CHECK(reader.layout().nodes.empty());
  CHECK(reader.moves(0).moves.empty());
  CHECK(reader.moves(0, 0, 10'000).moves.empty());
  CHECK(reader.move_path(0, 0).empty());
  CHECK(reader.count_rows("moves") == 0);
  CHECK(reader.count_rows("rooms") == 0);
  CHECK(reader.count_rows("events") == 6);
  const std::vector<EventRecord> events = all_events(reader, 0);
  REQUIRE(events.size() == 6);
  CHECK(events[1].kind == EventKind::Seize);
  CHECK(events[1].resource == 0);
  for (const EventRecord& e : events)
    CHECK(e.unit == no_value);
  // Time windows work on version 1 too (by row number, with no index on time).
  const std::vector<EventRecord> window = window_events(reader, 0, 2000, 5000);
  REQUIRE(window.size() == 3);
  CHECK(window[0].kind == EventKind::Arrive);
  CHECK(window[0].patient == 1);
  CHECK(window[2].kind == EventKind::Seize);
  CHECK(window[2].patient == 2);
  CHECK(reader.patients(0).size() == 3);
  std::size_t levels = 0;
  reader.for_each_level(0, [&levels](const LevelRecord& l) {
    CHECK(l.capacity == 2);
    ++levels;
  });
  CHECK(levels == 1);
}

TEST_CASE("a run database of a newer schema version is refused, naming both versions",
          "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "new.db";
  write_layout_database(path);
  const ShellResult changed = run_sqlite3(
      path, "PRAGMA user_version = 4; UPDATE meta SET value = '4' WHERE key = 'schema_version';");
  REQUIRE(changed.status == 0);
  CHECK_THROWS_AS(RunDatabaseReader(path), DatabaseError);
  CHECK_THROWS_WITH(RunDatabaseReader(path),
                    Catch::Contains("new.db") && Catch::Contains("schema version 4") &&
                        Catch::Contains("newer than this build reads (versions 1 to 3)") &&
                        Catch::Contains(std::string(hospsim_version())));
}

TEST_CASE("agent kind names read back to the same values", "[trace][layout]") {
  CHECK(to_string(AgentKind::Patient) == "patient");
  CHECK(to_string(AgentKind::Staff) == "staff");
  CHECK(agent_kind_from_string("staff") == AgentKind::Staff);
  CHECK(agent_kind_from_string("porter") == std::nullopt);
}

TEST_CASE("time windows of a recorded run give the events that filtering all of them gives",
          "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  record_emergency_department(path, 1);
  const RunDatabaseReader reader(path);
  const std::vector<EventRecord> events = all_events(reader, 0);
  REQUIRE(events.size() > 1000);
  // Windows starting and ending on recorded times (many events share a millisecond) and
  // between them, from a minute to a day long.
  std::size_t checked = 0;
  for (std::size_t i = 0; i < events.size(); i += events.size() / 13) {
    for (const std::int64_t length :
         {std::int64_t{1}, std::int64_t{60'000}, std::int64_t{86'400'000}}) {
      for (const std::int64_t shift : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1}}) {
        const std::int64_t from = events[i].time_ms + shift;
        const std::int64_t to = from + length;
        std::size_t want = 0;
        std::size_t first = events.size();
        for (std::size_t k = 0; k < events.size(); ++k)
          if (events[k].time_ms >= from && events[k].time_ms < to) {
            first = std::min(first, k);
            ++want;
          }
        const std::vector<EventRecord> got = window_events(reader, 0, from, to);
        INFO("window [" << from << ", " << to << ")");
        REQUIRE(got.size() == want);
        for (std::size_t k = 0; k < got.size(); ++k)
          CHECK(same_event(got[k], events[first + k]));
        checked += want;
      }
    }
  }
  CHECK(checked > 1000);
  CHECK(window_events(reader, 1, 0, 86'400'000).empty()); // no replication 1
}

TEST_CASE("the levels and the census at a time are the last rows at or before it",
          "[trace][layout]") {
  const ScratchDirectory directory;
  const auto path = directory / "run.db";
  write_layout_database(path);
  const RunDatabaseReader reader(path);
  // synthetic_trace(20): at p minutes (p = 0..19) resource 0 has p % 3 in use and the census
  // p % 5 patients; resource 1 has no rows.
  for (const std::int64_t time :
       {std::int64_t{0}, std::int64_t{59'999}, std::int64_t{60'000}, std::int64_t{7 * 60'000 + 1},
        std::int64_t{19 * 60'000}, std::numeric_limits<std::int64_t>::max()}) {
    INFO("time " << time);
    const std::int64_t p = std::min<std::int64_t>(time / 60'000, 19);
    const std::vector<LevelRecord> levels = reader.levels_at(1, time);
    REQUIRE(levels.size() == 1);
    CHECK(levels[0].resource == 0);
    CHECK(levels[0].time_ms == p * 60'000);
    CHECK(levels[0].in_use == static_cast<std::uint32_t>(p % 3));
    const std::optional<CensusRecord> census = reader.census_at(1, time);
    REQUIRE(census.has_value());
    CHECK(census->time_ms == p * 60'000);
    CHECK(census->in_system == static_cast<std::uint32_t>(p % 5));
  }
  CHECK(reader.levels_at(1, -1).empty());
  CHECK_FALSE(reader.census_at(1, -1).has_value());
  CHECK_FALSE(reader.census_at(7, 0).has_value()); // no replication 7
  // Replication 0 (10 patients) ends at 9 minutes.
  CHECK(reader.census_at(0, 3'600'000)->in_system == 9 % 5);

  const auto old = directory / "v1.db";
  write_version_1_database(old);
  const RunDatabaseReader v1(old);
  CHECK(v1.levels_at(0, 999).empty());
  const std::vector<LevelRecord> levels = v1.levels_at(0, 1000);
  REQUIRE(levels.size() == 1);
  CHECK(levels[0].capacity == 2);
  CHECK_FALSE(v1.census_at(0, 1000).has_value()); // it recorded no census rows
}
