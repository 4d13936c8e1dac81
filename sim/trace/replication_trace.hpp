// SPDX-License-Identifier: MIT
#pragma once
/// What one replication recorded, as plain rows ready for the run database (docs/rundb.md):
/// patients, state-change events, resource levels over time, the hospital's census and the
/// moves between rooms. Times
/// are integer milliseconds since the start of the simulation (Monday 00:00). Rows are
/// appended in simulated-time order; the writer stores them in that order.
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace hospsim::trace {

/// What an event row says happened (the `kind` column holds to_string() of it).
enum class EventKind : std::uint8_t {
  Arrive,               ///< patient arrived
  Queue,                ///< patient joined the queue of `step`
  StartStep,            ///< patient got the resources of `step`; value = wait (ms)
  FinishStep,           ///< patient's service at `step` ended
  Seize,                ///< patient took one unit of `resource`
  Release,              ///< patient gave back one unit of `resource`
  LeftWithoutBeingSeen, ///< patient's patience ran out in the queue of `step`
  Balk,                 ///< patient found the queue of `step` too long and left at once
  Depart,               ///< patient left the hospital (after Balk/LeftWithoutBeingSeen too)
  CapacityChange,       ///< planned capacity of `resource` became `value` (roster, hours)
  Failure,              ///< unit `value` of device `resource` failed
  Repair,               ///< a repair of device `resource` ended; value = its length (ms)
  // Drills (docs/drills.md): `step` holds the position of the incident, surge rule or
  // evacuation in the scenario's section (in the order written); patient and resource NULL.
  Incident,       ///< incident `step` declared; value = casualties
  SurgeFired,     ///< surge rule `step` fired (its trigger held)
  SurgeActions,   ///< surge rule `step`'s actions took effect (value 1) or were undone (-1)
  Evacuation,     ///< evacuation `step` started; value = patients
  EvacuationDone, ///< evacuation `step`: the last patient is out
};
inline constexpr std::size_t event_kind_count = 17;

/// "arrive", "queue", "start_step", "finish_step", "seize", "release",
/// "left_without_being_seen", "balk", "depart", "capacity_change", "failure", "repair",
/// "incident", "surge_fired", "surge_actions", "evacuation", "evacuation_done".
std::string_view to_string(EventKind kind);
/// The kind written as `name`; nullopt for an unknown name.
std::optional<EventKind> event_kind_from_string(std::string_view name);

/// Column absent (NULL in the database) for the integer columns of an event.
inline constexpr std::int64_t no_value = -1;

struct EventRecord {
  std::int64_t time_ms = 0;
  EventKind kind = EventKind::Arrive;
  std::int64_t patient = no_value;  ///< Patient number, or no_value.
  std::int64_t resource = no_value; ///< Position in the scenario's resources, or no_value.
  std::int64_t step = no_value;     ///< Step of the patient's pathway, or no_value.
  double value = std::numeric_limits<double>::quiet_NaN(); ///< NaN: NULL.
  std::int64_t unit = no_value; ///< Seize/Release: which unit of `resource` (0..), or no_value.
};

enum class PatientOutcome : std::uint8_t {
  InSystem,             ///< still in the hospital at the horizon
  Completed,            ///< left after the last step of the pathway
  LeftWithoutBeingSeen, ///< patience ran out in a queue
  Balked,               ///< left at once on finding a queue too long
};
/// "in_system", "completed", "left_without_being_seen", "balked".
std::string_view to_string(PatientOutcome outcome);
std::optional<PatientOutcome> patient_outcome_from_string(std::string_view name);

/// One patient (patients are numbered from 0 in arrival order within a replication).
struct PatientRecord {
  std::uint64_t patient = 0;
  std::uint64_t class_index = 0; ///< Position in the scenario's classes.
  std::int64_t arrival_ms = 0;
  std::int64_t departure_ms = no_value; ///< no_value while in the system.
  PatientOutcome outcome = PatientOutcome::InSystem;
};

/// The levels of one resource from `time_ms` until its next row (a step function).
struct LevelRecord {
  std::int64_t time_ms = 0;
  std::uint32_t resource = 0;
  std::uint32_t in_use = 0;       ///< Units held (by patients, bed cleaning and repairs).
  std::uint32_t capacity = 0;     ///< Units in service now.
  std::uint32_t queue_length = 0; ///< Requests waiting for the resource.
  std::uint32_t cleaning = 0;     ///< Units held by bed turnaround.
  std::uint32_t under_repair = 0; ///< Units held by repairs.
};

/// The hospital as a whole from `time_ms` until its next row.
struct CensusRecord {
  std::int64_t time_ms = 0;
  std::uint32_t in_system = 0; ///< Patients present.
  std::uint32_t queueing = 0;  ///< Of them, patients waiting in a step's queue.
};

/// Who moved.
enum class AgentKind : std::uint8_t { Patient, Staff };
/// "patient", "staff".
std::string_view to_string(AgentKind kind);
std::optional<AgentKind> agent_kind_from_string(std::string_view name);

/// One move of a patient or a member of staff between two rooms (the `moves` table). Its path
/// is the node indexes (in LayoutInfo::nodes) move_paths[first_path_node ..
/// first_path_node + path_nodes) of its ReplicationTrace.
struct MoveRecord {
  AgentKind agent_kind = AgentKind::Patient;
  std::int64_t agent = no_value;    ///< Patient number, or the staff unit number.
  std::int64_t resource = no_value; ///< Staff: the staff resource; patients: no_value.
  std::int64_t from_room = no_value, to_room = no_value; ///< Room indexes (no_value: outside).
  std::int64_t start_ms = 0, end_ms = 0;
  double distance_m = 0;
  std::uint32_t first_path_node = 0, path_nodes = 0; ///< Range in ReplicationTrace::move_paths.
};

struct ReplicationTrace {
  std::vector<PatientRecord> patients; ///< Indexed by patient number.
  std::vector<EventRecord> events;
  std::vector<LevelRecord> levels;
  std::vector<CensusRecord> census;
  std::vector<MoveRecord> moves;         ///< In start time order.
  std::vector<std::uint32_t> move_paths; ///< Node indexes of every move's path, concatenated.
};

} // namespace hospsim::trace
