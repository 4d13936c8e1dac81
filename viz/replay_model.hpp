// SPDX-License-Identifier: MIT
#pragma once
/// ReplayModel: the state of one replication at a simulated time, read from the run database
/// and kept apart from drawing (no OpenGL): where every agent is, what every unit is doing and
/// the live figures.
///
/// - **Agents.** A move under way places its agent on the move's path, interpolated by distance
///   at constant speed (the path's length over the move's duration; lifts are vertical legs). An
///   agent at rest stands at the unit it holds (a patient on its bed), or in the room its last
///   move led to, or in the room its next move leaves from, or (a waiting patient) in the waiting
///   room. Patients are present from their first event to their departure.
/// - **Units.** Seize/Release (with the unit) occupy and free units; a failure marks its unit
///   failed until a repair of the resource ends; the level in force (in use, capacity, cleaning,
///   under repair) then fills in what events do not say: units beyond capacity are closed, the
///   cleaning count goes to the most recently freed units, repairs beyond failures are
///   maintenance, and patients the level counts but no seize in the window named are given the
///   lowest free units.
/// - **Streaming.** Only a window of the replication is in memory: events and moves from
///   `lookback` before the shown time to `ahead` after it, read with the reader's time-window
///   functions and extended as time moves on; the levels and census in force at a jump by the
///   reader's levels_at/census_at, and on forward steps the level rows in between
///   (trace::TimeSeriesWindow). Every patient present at the shown time (arrival <= t <
///   departure, from the patients table) is drawn: at a jump, the history before the window of
///   the patients present who arrived before it is scanned first (events streamed from the
///   earliest such arrival, moves a day at a time, only those patients' facts kept: units
///   seized and not released, the last move's room), then the window applies on top.
///
/// **Example**
/// ```
/// RunDatabaseReader reader("run.db");
/// BuildingModel building(reader.run_info());
/// ReplayModel replay(reader, 0, building);
/// replay.seek(parse_replay_time("day 2 14:00").value());
/// for (const AgentState& agent : replay.agents()) draw(agent.position);
/// ```
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/time_series_window.hpp"
#include "viz/building_model.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace hospsim::viz {

/// What an agent is doing, for its colour. Boarding: waiting in a queue while holding a bed
/// (a trolley in the emergency department, a ward bed), the access block planners watch.
enum class AgentActivity : std::uint8_t { Waiting, Boarding, InService, Moving, Leaving, OnDuty };
/// "waiting", "boarding", "in service", "moving", "leaving", "on duty".
const char* to_string(AgentActivity activity);

struct AgentState {
  trace::AgentKind kind = trace::AgentKind::Patient;
  std::int64_t agent = -1;    ///< Patient number, or staff unit number.
  std::int64_t resource = -1; ///< Staff: their resource; patients: -1.
  Vec3 position;
  double heading_rad = 0; ///< Direction of travel (0 = +x), or of the last move.
  AgentActivity activity = AgentActivity::Waiting;
  std::int64_t move = -1; ///< Number of the move under way, -1 at rest.
};

enum class UnitState : std::uint8_t { Free, Occupied, Cleaning, Failed, Maintenance, Closed };
/// "free", "occupied", "cleaning", "failed", "maintenance", "closed".
const char* to_string(UnitState state);

struct LiveFigures {
  std::uint32_t in_system = 0, queueing = 0;
  std::vector<std::optional<trace::LevelRecord>> levels; ///< By resource.
};

struct ReplayOptions {
  std::int64_t lookback_ms = 24 * 3'600'000LL; ///< History kept before the shown time.
  std::int64_t ahead_ms = 3'600'000;           ///< Read ahead after it.
};

/// Position on a polyline of nodes at `time_ms` of a move from start_ms to end_ms (clamped to
/// its ends), by distance at constant speed; `heading_rad` gets the segment's direction.
Vec3 position_on_path(const BuildingModel& building, std::span<const std::uint32_t> path,
                      std::int64_t start_ms, std::int64_t end_ms, std::int64_t time_ms,
                      double* heading_rad = nullptr);

class ReplayModel {
public:
  ReplayModel(const trace::RunDatabaseReader& reader, std::uint64_t replication,
              const BuildingModel& building, ReplayOptions options = {});

  /// Shows `time_ms` (any time; forward steps read only what is new).
  void seek(std::int64_t time_ms);
  std::int64_t time() const { return time_; }
  std::uint64_t replication() const { return replication_; }
  std::int64_t horizon_ms() const { return horizon_ms_; }

  const std::vector<AgentState>& agents() const { return agents_; }
  /// By BuildingModel::units() index.
  const std::vector<UnitState>& units() const { return units_; }
  const LiveFigures& figures() const { return figures_; }
  const BuildingModel& building() const { return building_; }

  /// Events of patient `patient` from `lookback` before the shown time up to its departure or
  /// `ahead` after the shown time (its journey as far as the window shows it).
  std::vector<trace::EventRecord> journey(std::int64_t patient) const;
  /// Time of the next event (or move start) of an agent after the shown time, within `ahead`
  /// of it and then the following hours up to a day; nullopt when none.
  std::optional<std::int64_t> next_event_time(const AgentState& agent) const;
  /// Rows read from the database so far (events + moves), for the streaming tests.
  std::uint64_t rows_read() const { return rows_read_; }

private:
  struct CachedMove {
    std::uint64_t number = 0;
    trace::MoveRecord record;
    std::vector<std::uint32_t> path;
  };
  struct AgentKey {
    trace::AgentKind kind;
    std::int64_t resource, agent;
    auto operator<=>(const AgentKey&) const = default;
  };
  struct Track {
    bool arrived = false, departed = false;
    AgentActivity activity = AgentActivity::Waiting;
    std::int64_t last_move = -1; ///< Index in moves_ of the last move started.
    std::int64_t fact_time = -1; ///< Time of the latest location fact (move end or seize).
    std::int64_t held_unit = -1; ///< Building unit index held, the latest seized.
    std::int64_t held_since = -1;
    std::int64_t rest_room = -1; ///< Destination of the last move no longer in memory.
    std::int64_t rest_time = -1; ///< Its end, -1 when none.
    double heading = 0;
  };

  void load(std::int64_t from_ms, std::int64_t to_ms, bool append);
  void rebuild(std::int64_t time_ms);
  void recover_history(std::int64_t time_ms);
  void advance(std::int64_t time_ms);
  void apply_event(const trace::EventRecord& event);
  /// Whether `patient` holds a unit of a bed resource now.
  bool holds_bed(std::int64_t patient) const;
  void compose();
  void compose_units();
  void read_levels(std::int64_t from_ms, std::int64_t to_ms, bool full);

  const trace::RunDatabaseReader& reader_;
  trace::TimeSeriesWindow series_;
  std::uint64_t replication_;
  const BuildingModel& building_;
  ReplayOptions options_;
  std::int64_t horizon_ms_ = 0;
  std::int64_t time_ = -1;

  // The window in memory: [cache_from_, cache_to_).
  std::int64_t cache_from_ = 0, cache_to_ = 0;
  bool cached_ = false;
  std::deque<trace::EventRecord> events_;
  std::deque<CachedMove> moves_;
  std::uint64_t moves_dropped_ = 0; ///< Moves removed from the front of moves_.
  std::uint64_t rows_read_ = 0;

  // State at time_, from the window: positions of the next event/move to apply.
  std::size_t next_event_ = 0, next_move_ = 0;
  std::map<AgentKey, Track> tracks_;
  std::vector<std::int64_t> occupant_;          ///< By unit: patient or -1.
  std::vector<std::int64_t> released_at_;       ///< By unit: last release time.
  std::vector<std::deque<std::size_t>> failed_; ///< By resource: failed unit indexes.

  // The last scan of history before the window (recover_history), for jumps back within it.
  std::int64_t history_from_ = -1;
  std::map<std::int64_t, Track> history_;
  std::vector<std::int64_t> history_released_;

  std::vector<AgentState> agents_;
  std::vector<UnitState> units_;
  LiveFigures figures_;
};

} // namespace hospsim::viz
