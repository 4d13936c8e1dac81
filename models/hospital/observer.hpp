// SPDX-License-Identifier: MIT
#pragma once
/// Observer: an optional listener to what happens in one replication of the hospital model
/// (for tracing, animation and tests). Every hook has an empty default; the model calls them
/// synchronously, at the simulated time of the event, and never depends on what they do.
/// Resource indices are positions in ScenarioSpec::resources; class indices positions in
/// ScenarioSpec::classes; step indices positions in the class's pathway.
#include "sim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace hospsim::models {

/// Units of one resource at a moment: held (by patients, bed cleaning and repairs), in
/// service, requests waiting, and of those held, by cleaning and by repairs.
struct ResourceLevels {
  std::size_t in_use = 0;
  std::size_t capacity = 0;
  std::size_t queue_length = 0;
  std::size_t cleaning = 0;
  std::size_t under_repair = 0;
  bool operator==(const ResourceLevels&) const = default;
};

/// What a drill did (on_drill; models/drills).
enum class DrillHappening : std::uint8_t {
  Incident,       ///< an incident was declared (value: casualties)
  SurgeFired,     ///< a surge rule fired
  SurgeActions,   ///< its actions took effect (value 1) or were undone at stand-down (-1)
  Evacuation,     ///< an evacuation started (value: patients)
  EvacuationDone, ///< its last patient is out
};

/// Who moved (on_move).
enum class MoverKind : std::uint8_t { Patient, Staff };

class Observer {
public:
  virtual ~Observer() = default;
  /// Asked once as a replication starts: false when the observer listens to the patients'
  /// hooks alone (e.g. a RunRecorder keeping the patients only). The model then leaves out the
  /// resources' hooks (on_levels, on_capacity_change, on_failure, on_repair) and the layout's
  /// (on_move, on_seize_units, on_release_units, and the on_seize / on_release of moves and
  /// porters), and skips the work of reporting them.
  virtual bool hears_resources() const { return true; }
  /// A patient arrives (patients are numbered from 0 in arrival order).
  virtual void on_arrival(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                          sim::Time /*arrival*/) {}
  /// The patient got every resource of a step after queueing from `queued` to `served`.
  virtual void on_step_start(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                             std::size_t /*step*/, sim::Time /*queued*/, sim::Time /*served*/) {}
  /// The patient held `resources` (the ones seized for the step) and was served from `start`
  /// to `end`. A preempted service yields one segment per uninterrupted stretch.
  virtual void on_service_segment(std::uint64_t /*patient*/,
                                  std::span<const std::size_t> /*resources*/,
                                  sim::Time /*start*/, sim::Time /*end*/) {}
  /// One unit of device `resource` was under repair from `start` to `end`.
  virtual void on_repair(std::size_t /*resource*/, sim::Time /*start*/, sim::Time /*end*/) {}
  /// The patient left: after the last step, or without being seen (patience ran out, or the
  /// patient balked at a step's queue).
  virtual void on_departure(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                            sim::Time /*departure*/, bool /*left_without_being_seen*/) {}

  // Hooks for recording a whole run (models/hospital/run_recorder.hpp). The patient-side ones
  // come in this order for one step: on_queue (only if the patient must wait), on_seize with
  // on_step_start, on_step_finish, on_release; on_left comes just before on_departure.

  /// The patient could not get `step`'s resources at once and joins the queue for them.
  virtual void on_queue(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                        std::size_t /*step*/, sim::Time /*time*/) {}
  /// The patient took one unit of each of `resources` (when a step's service starts).
  virtual void on_seize(std::uint64_t /*patient*/, std::span<const std::size_t> /*resources*/,
                        sim::Time /*time*/) {}
  /// The patient's service at `step` ended (before it gives back what the step does not keep).
  virtual void on_step_finish(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                              std::size_t /*step*/, sim::Time /*time*/) {}
  /// The patient gave back one unit of each of `resources` (taken by an earlier on_seize).
  virtual void on_release(std::uint64_t /*patient*/, std::span<const std::size_t> /*resources*/,
                          sim::Time /*time*/) {}
  /// The patient leaves at `step` unseen: `balked` (found the queue too long and did not join
  /// it) or its patience ran out in the queue.
  virtual void on_left(std::uint64_t /*patient*/, std::size_t /*class_index*/, std::size_t /*step*/,
                       sim::Time /*time*/, bool /*balked*/) {}
  /// The planned capacity of `resource` became `capacity` (roster: shifts and breaks; opening
  /// hours; maintenance). Called at time 0 too for resources whose capacity follows a plan.
  virtual void on_capacity_change(std::size_t /*resource*/, std::size_t /*capacity*/,
                                  sim::Time /*time*/) {}
  /// Unit `unit` of device `resource` failed; on_repair follows when it is repaired.
  virtual void on_failure(std::size_t /*resource*/, std::size_t /*unit*/, sim::Time /*time*/) {}
  /// The levels of `resource` changed (reported once at time 0, then after each change).
  virtual void on_levels(std::size_t /*resource*/, sim::Time /*time*/,
                         const ResourceLevels& /*levels*/) {}

  /// Drills: `index` is the position of the incident, surge rule or evacuation in
  /// ScenarioSpec::drills.
  virtual void on_drill(DrillHappening /*what*/, std::size_t /*index*/, double /*value*/,
                        sim::Time /*time*/) {}

  // Hooks of scenarios with a layout (models/layout/patient_movement.hpp); never called without.

  /// A patient (`agent`: its number; `resource` unused) or a staff unit (`agent`: the unit of
  /// staff `resource`) moved from room `from_room` to `to_room` over [start, end] (lift waits
  /// included), `distance_m` metres, through the building's graph nodes `nodes`
  /// (Building::nodes). Reported when the move starts for staff, when it ends for patients.
  virtual void on_move(MoverKind /*kind*/, std::uint64_t /*agent*/, std::size_t /*resource*/,
                       std::size_t /*from_room*/, std::size_t /*to_room*/, sim::Time /*start*/,
                       sim::Time /*end*/, double /*distance_m*/,
                       std::span<const std::uint32_t> /*nodes*/) {}
  /// Just after on_seize: the unit taken of each resource (parallel spans).
  virtual void on_seize_units(std::uint64_t /*patient*/, std::span<const std::size_t> /*resources*/,
                              std::span<const std::size_t> /*units*/, sim::Time /*time*/) {}
  /// Just before on_release: the unit given back of each resource (parallel spans; a unit
  /// of SIZE_MAX is unknown). Resources of one on_release may come in several calls.
  virtual void on_release_units(std::uint64_t /*patient*/,
                                std::span<const std::size_t> /*resources*/,
                                std::span<const std::size_t> /*units*/, sim::Time /*time*/) {}
};

} // namespace hospsim::models
