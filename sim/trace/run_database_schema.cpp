// SPDX-License-Identifier: MIT
// Schema version 3 of the run database. Keep docs/rundb.md ("Schema") in step with it.
#include "sim/trace/run_database_schema.hpp"

#include <array>

namespace hospsim::trace {
namespace {

// Big tables have no key constraint during the load: their indexes come in index_sql(). The
// rows of events, time_series and census are numbered (`seq`) in the order they are written:
// by replication, then in time order, so a replication's rows are one contiguous range of
// seq (its first_* and count in `replications`); events, census and moves are stored in seq
// order (seq is their rowid) and need no index to be read in order; as they are also in time
// order within that range, a reader finds a time window by binary search over seq
// (RunDatabaseReader does), with no index on time. moves are numbered the same way, in start
// time order. Since version 3, time_series is stored clustered by (replication, resource,
// time_ms, seq) (WITHOUT ROWID): the writer inserts each replication's rows in that order, so
// every insert appends, and the level of a resource at a time is one search of the table
// itself; versions 1 and 2 stored it by seq, with the index time_series_by_resource (version 2)
// kept up to date row by row: one B-tree search per row for 16 interleaved resources, about
// 0.05 s of the writer's 0.17 s per general-hospital replication.
constexpr std::string_view schema = R"sql(
CREATE TABLE meta(
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
  first_census     INTEGER NOT NULL,
  moves            INTEGER NOT NULL,
  first_move       INTEGER NOT NULL,
  longest_move_ms  INTEGER NOT NULL
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
  value       REAL,
  unit        INTEGER
);
CREATE TABLE time_series(
  seq          INTEGER NOT NULL,
  replication  INTEGER NOT NULL,
  time_ms      INTEGER NOT NULL,
  resource     INTEGER NOT NULL,
  in_use       INTEGER NOT NULL,
  capacity     INTEGER NOT NULL,
  queue_length INTEGER NOT NULL,
  cleaning     INTEGER NOT NULL,
  under_repair INTEGER NOT NULL,
  PRIMARY KEY(replication, resource, time_ms, seq)
) WITHOUT ROWID;
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
CREATE TABLE floors(
  floor       INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  elevation_m REAL NOT NULL,
  height_m    REAL NOT NULL
);
CREATE TABLE rooms(
  room       INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  department TEXT NOT NULL,
  floor      INTEGER NOT NULL,
  x_m        REAL NOT NULL,
  y_m        REAL NOT NULL,
  width_m    REAL NOT NULL,
  depth_m    REAL NOT NULL,
  door_node  INTEGER
);
CREATE TABLE nodes(
  node  INTEGER PRIMARY KEY,
  name  TEXT NOT NULL,
  floor INTEGER NOT NULL,
  x_m   REAL NOT NULL,
  y_m   REAL NOT NULL,
  kind  TEXT NOT NULL
);
CREATE TABLE edges(
  edge      INTEGER PRIMARY KEY,
  from_node INTEGER NOT NULL,
  to_node   INTEGER NOT NULL,
  length_m  REAL NOT NULL,
  kind      TEXT NOT NULL
);
CREATE TABLE units(
  resource INTEGER NOT NULL,
  unit     INTEGER NOT NULL,
  name     TEXT NOT NULL,
  room     INTEGER,
  PRIMARY KEY(resource, unit)
) WITHOUT ROWID;
CREATE TABLE moves(
  seq         INTEGER PRIMARY KEY,
  replication INTEGER NOT NULL,
  move        INTEGER NOT NULL,
  agent_kind  TEXT NOT NULL,
  agent       INTEGER,
  resource    INTEGER,
  from_room   INTEGER,
  to_room     INTEGER,
  start_ms    INTEGER NOT NULL,
  end_ms      INTEGER NOT NULL,
  distance_m  REAL NOT NULL,
  path        TEXT NOT NULL
);
CREATE VIEW entities AS
  SELECT p.replication, 'patient' AS kind, p.patient AS entity, c.name AS name,
         p.class AS class, NULL AS resource
    FROM patients AS p JOIN classes AS c USING (class)
  UNION ALL
  SELECT r.replication, s.kind, s.resource, s.name, NULL, s.resource
    FROM replications AS r CROSS JOIN resources AS s;
)sql";

constexpr std::string_view indexes = R"sql(
CREATE UNIQUE INDEX patients_by_number ON patients(replication, patient);
CREATE UNIQUE INDEX kpis_by_name ON kpis(name, replication);
)sql";

constexpr std::array<std::string_view, 17> tables{
    "meta",        "resources", "classes", "steps", "replications", "patients",
    "events",      "time_series", "census", "kpis",  "kpi_summary",  "floors",
    "rooms",       "nodes",     "edges",   "units", "moves"};

} // namespace

std::string_view schema_sql() {
  return schema;
}
std::string_view index_sql() {
  return indexes;
}
std::span<const std::string_view> table_names() {
  return tables;
}
std::string_view hospsim_version() {
  return HOSPSIM_VERSION;
}

} // namespace hospsim::trace
