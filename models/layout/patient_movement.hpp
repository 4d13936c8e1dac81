// SPDX-License-Identifier: MIT
#pragma once
/// PatientMovement: the moves of one replication through a Building (only when the scenario
/// has a layout; without one the journey never calls it and nothing moves).
///
/// - Patients arrive in their class's entrance room. When a step's resources are granted the
///   patient goes from its room to the step's room (StepSpec::room, else the room of the unit
///   it holds of the first resource of `needs` that rooms hold; no such room: it stays put)
///   along Building::route for its mobility (the class's, or mobility_by_acuity for its acuity
///   at that moment). Walk and stairs legs take their duration; a lift leg seizes one car of
///   the lift (every patient move takes a whole car; cars are a sim::Resource per lift, FIFO)
///   for doors + ride. Trolley and Bed patients, when the layout names a `porter` staff
///   resource, first seize a porter (patient's acuity as priority); the porter walks from where
///   it is to the patient, they travel together (the porter rides the same car), and the porter
///   is released on arrival and stays there (or walks home, not holding the unit, if
///   `returns_home` and it has a home).
/// - Staff: every staff unit seized for the step walks from where it is to the step's room at
///   walking speed, at the grant, concurrently with the patient's trip (its lift legs take
///   doors + ride without queueing for a car: a simplification). Service starts when the
///   patient and every such unit have arrived. After the service a unit with a home and
///   `returns_home` walks back: the walk is counted as walking, but the unit is released at the
///   end of the service and is at home at once for its next task (simplification: a call that
///   comes during the walk back starts from home). A unit with no known place (no home, no
///   task yet) does not walk to its first task. Staff a step keeps (held across steps) stay
///   in the room where they were seized for it and do not follow the patient.
/// - Units: each unit of a resource has an identity. Pools hand out unit indices; for counted
///   resources the lowest number not held by a patient is taken at the grant and freed at the
///   release (deterministic, no random draw). Bed cleaning and repairs hold anonymous units.
///   A preempted patient (by a more urgent patient or a repair) gives its units back at once:
///   their identities are freed (a release is reported) and the preemptor can take them; when
///   the patient is granted its resources again it gets identities again (perhaps other units)
///   and, if the new units are in another room, travels there before its service resumes. So
///   patients never hold more identities of a counted resource than it has units.
///   A rostered staff resource's units are the people on duty, numbered 0..(most on duty - 1).
///
/// Emits Observer::on_move, on_seize (at the grant), on_seize_units, on_release (porters) and
/// on_release_units. KPIs: movement_kpis.hpp.
#include "models/hospital/patient_state.hpp"
#include "models/layout/building.hpp"
#include "sim/process.hpp"
#include "sim/resource.hpp"
#include "sim/stats/time_weighted.hpp"

#include <memory>
#include <optional>
#include <utility>
#include <span>
#include <vector>

namespace hospsim::models {

class StepQueue;

/// Identities of the units of one counted resource held by patients: the lowest free number.
class UnitIdentities {
public:
  std::size_t take();
  void free(std::size_t unit);

private:
  std::vector<bool> held_;
  std::size_t first_free_ = 0; ///< Every unit below it is held (take() starts there).
};

/// Time-weighted count of patients in each room, walking of each staff resource, waits.
struct MovementStatistics {
  std::vector<sim::TimeWeighted> room_patients; ///< Per room.
  std::vector<double> staff_walk_m;             ///< Per resource (index in the scenario).
  std::vector<double> staff_walk_hours;         ///< Per resource.
  std::vector<double> staff_walk_held_hours;    ///< Per resource: walks while held (busy).
  std::vector<sim::TimeWeighted> lift_queue;    ///< Per lift: patients waiting for a car.
  std::vector<Observations> lift_wait;          ///< Per lift, minutes.
  Observations porter_wait;                     ///< Minutes.
  std::vector<Observations> travel_m;           ///< Per class: metres a patient travelled.
  std::vector<Observations> travel_minutes;     ///< Per class: minutes a patient travelled.
};

class PatientMovement {
public:
  /// `building` must outlive the replication; `hospital` is the replication's.
  PatientMovement(sim::Simulation& simulation, Hospital& hospital, const Building& building,
                  const ScenarioSpec& scenario, Observer* observer);
  PatientMovement(const PatientMovement&) = delete;
  PatientMovement& operator=(const PatientMovement&) = delete;

  /// The patient appears in its class's entrance room.
  void arrive(PatientState& patient);
  /// The step's resources were just granted (first, or again after a preemption): gives their
  /// units identities (queue.units()) and reports on_seize and on_seize_units.
  void granted(PatientState& patient, StepQueue& queue);
  /// Do queue.units() belong to the step request's current grant (true when the step seizes
  /// nothing)? False before granted() and after the request was preempted.
  bool units_current(StepQueue& queue) const;
  /// The patient was interrupted: if the step's request was preempted (so gave every unit
  /// back), frees the identities of its units and reports on_release_units and on_release;
  /// queue.units() is emptied until granted() is called for the new grant.
  void lost_units(PatientState& patient, StepQueue& queue);
  /// The start of the trip to the step's room: where to, and the walks of the staff seized for
  /// the step (they leave now; `staff_ready` is when the last arrives).
  struct Trip {
    std::size_t from = 0, to = 0;
    sim::Time staff_ready;
    bool travels() const { return from != to; }
  };
  Trip begin_trip(PatientState& patient, StepQueue& queue);
  /// The patient's travel (with a porter and lifts) for a trip that travels(); runs as a
  /// process of its own (the journey awaits it, and then the staff).
  sim::Process<> travel(PatientState& patient, Trip trip);
  /// The step's service ended: staff with a home walk back (counted as walking).
  void after_service(PatientState& patient, StepQueue& queue);
  /// The patient gave back these units (parallel lists; no_unit: unknown).
  void release_units(PatientState& patient, std::span<const std::size_t> resources,
                     std::span<const std::size_t> units);
  /// The patient leaves the building (from its room).
  void depart(PatientState& patient);

  /// The room where step `step` of class `class_index` takes place if the step names one.
  std::optional<std::size_t> step_room(std::size_t class_index, std::size_t step) const;
  const Building& building() const { return *building_; }
  /// Where unit `unit` of staff resource `resource` is (nothing: not known yet).
  std::optional<std::size_t> staff_room(std::size_t resource, std::size_t unit) const;

  MovementStatistics& statistics() { return statistics_; }
  const MovementStatistics& statistics() const { return statistics_; }
  /// End of the warm-up: restarts the statistics (walks and waits that start later count).
  void reset_statistics(sim::Time now);
  bool counting() const;

private:
  struct Walk {
    double distance_m = 0;
    sim::Duration duration;
  };
  Mobility mobility_of(const PatientState& patient) const;
  std::size_t destination(const PatientState& patient, StepQueue& queue) const;
  /// Staff unit walks from where it is to `to` from `start`: records and counts it (`held`:
  /// while the unit is seized, so busy time).
  Walk walk_staff(std::size_t resource, std::size_t unit, std::size_t to, sim::Time start,
                  bool held);
  void count_walk(std::size_t resource, double distance_m, sim::Time start, sim::Time end,
                  bool held);
  void report_move(bool staff, std::size_t agent, std::size_t resource, std::size_t from,
                   std::size_t to, sim::Time start, sim::Time end, const Route& route);
  void enter(std::size_t room, sim::Time now);
  void leave(std::size_t room, sim::Time now);
  std::size_t unit_of(const sim::Request& request, std::size_t resource);
  /// Frees the units of every step request that was preempted since its grant (the preemptor
  /// may be granted, and take identities, before the preempted patient resumes).
  void reclaim();

  sim::Simulation* simulation_;
  Hospital* hospital_;
  const Building* building_;
  const ScenarioSpec* scenario_;
  Observer* observer_;
  std::vector<std::size_t> entrance_;                               ///< Per class: room.
  std::vector<std::vector<std::optional<std::size_t>>> step_room_;  ///< Per class and step.
  std::vector<std::optional<std::size_t>> home_;                    ///< Per resource: staff home.
  std::vector<std::vector<std::optional<std::size_t>>> staff_room_; ///< Per resource, unit.
  std::vector<UnitIdentities> identities_;                          ///< Per resource (counted).
  /// The steps whose units have identities, from the grant to the end of the service, and
  /// whose request holds a preemptive resource: only a preemption takes units away from a
  /// granted request (a request of other resources is given back by its own patient, who
  /// leaves this list first), so reclaim() looks at these alone.
  std::vector<std::pair<PatientState*, StepQueue*>> holding_;
  std::vector<std::unique_ptr<sim::Resource>> lifts_; ///< Cars, per lift.
  std::optional<std::size_t> porter_;                 ///< Staff resource index.
  MovementStatistics statistics_;
  sim::Time statistics_start_;
};

} // namespace hospsim::models
