// SPDX-License-Identifier: MIT
#pragma once
/// The recorders of one replication for the run database (sim/trace, docs/rundb.md): Observers
/// that keep what the replication reports as rows, in memory until the replication is written.
/// One recorder per replication; they only append to vectors, so recording costs little time.
///
/// PatientRecorder (`hospsim run --db-trace N`, replications >= N) keeps the patients rows only:
/// on_arrival, on_left and on_departure fill them; it hears no other hook, and tells the model
/// that it does not listen to the resources (hears_resources()).
///
/// RunRecorder keeps the whole trace and listens to every Observer hook:
/// - patients: on_arrival (a patient row and an `arrive` event), on_queue, on_step_start,
///   on_seize, on_step_finish, on_release, on_left, on_departure (events of those kinds; the
///   patient's departure time and outcome);
/// - drills: on_drill (events incident, surge_fired, surge_actions, evacuation, evacuation_done)
/// - resources: on_capacity_change, on_failure, on_repair (events) and on_levels (one time
///   series row per change; several changes at the same millisecond keep the last);
/// - the census (patients present, and queueing) changes with arrivals, queues, service starts
///   and departures (one row per change, same-millisecond changes collapsed).
/// - with a layout: on_move (a moves row and its path; kept in start time order),
///   on_seize_units and on_release_units (the `unit` of the Seize and Release events).
/// Service segments make no rows of their own: they add up to the finish_step event's value
/// (preemptions show in the time series).
///
/// **Example**
/// ```
/// RunRecorder recorder;
/// RunOptions options;
/// options.observer = &recorder;
/// const sim::KpiSet kpis = run_scenario_replication(spec, replication, options);
/// writer.write_replication(replication, recorder.trace(), rows_of(kpis));
/// ```
#include "models/hospital/observer.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/trace/replication_trace.hpp"
#include "sim/trace/run_info.hpp"

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace hospsim::models {

class PatientRecorder : public Observer {
public:
  PatientRecorder() = default;
  /// Records into `storage`'s vectors, emptied first but keeping their capacity: a trace
  /// already written, handed back for the next replication, so that recording neither grows
  /// vectors step by step nor faults in fresh memory (app/run_database.cpp recycles them).
  explicit PatientRecorder(trace::ReplicationTrace storage);

  const trace::ReplicationTrace& trace() const { return trace_; }
  /// Hands over the rows recorded so far; the recorder starts afresh (for a new replication).
  virtual trace::ReplicationTrace take_trace();

  /// False: the model leaves out the resources' and the layout's hooks.
  bool hears_resources() const override { return false; }
  void on_arrival(std::uint64_t patient, std::size_t class_index, sim::Time arrival) override;
  void on_left(std::uint64_t patient, std::size_t class_index, std::size_t step, sim::Time time,
               bool balked) override;
  void on_departure(std::uint64_t patient, std::size_t class_index, sim::Time departure,
                    bool left_without_being_seen) override;

protected:
  trace::ReplicationTrace trace_;
};

class RunRecorder final : public PatientRecorder {
public:
  RunRecorder() = default;
  /// As PatientRecorder's.
  explicit RunRecorder(trace::ReplicationTrace storage) : PatientRecorder(std::move(storage)) {}

  trace::ReplicationTrace take_trace() override;

  bool hears_resources() const override { return true; }
  void on_arrival(std::uint64_t patient, std::size_t class_index, sim::Time arrival) override;
  void on_queue(std::uint64_t patient, std::size_t class_index, std::size_t step,
                sim::Time time) override;
  void on_step_start(std::uint64_t patient, std::size_t class_index, std::size_t step,
                     sim::Time queued, sim::Time served) override;
  void on_seize(std::uint64_t patient, std::span<const std::size_t> resources,
                sim::Time time) override;
  void on_service_segment(std::uint64_t patient, std::span<const std::size_t> resources,
                          sim::Time start, sim::Time end) override;
  void on_step_finish(std::uint64_t patient, std::size_t class_index, std::size_t step,
                      sim::Time time) override;
  void on_release(std::uint64_t patient, std::span<const std::size_t> resources,
                  sim::Time time) override;
  void on_left(std::uint64_t patient, std::size_t class_index, std::size_t step, sim::Time time,
               bool balked) override;
  void on_departure(std::uint64_t patient, std::size_t class_index, sim::Time departure,
                    bool left_without_being_seen) override;
  void on_capacity_change(std::size_t resource, std::size_t capacity, sim::Time time) override;
  void on_drill(DrillHappening what, std::size_t index, double value, sim::Time time) override;
  void on_failure(std::size_t resource, std::size_t unit, sim::Time time) override;
  void on_repair(std::size_t resource, sim::Time start, sim::Time end) override;
  void on_levels(std::size_t resource, sim::Time time, const ResourceLevels& levels) override;
  void on_move(MoverKind kind, std::uint64_t agent, std::size_t resource, std::size_t from_room,
               std::size_t to_room, sim::Time start, sim::Time end, double distance_m,
               std::span<const std::uint32_t> nodes) override;
  void on_seize_units(std::uint64_t patient, std::span<const std::size_t> resources,
                      std::span<const std::size_t> units, sim::Time time) override;
  void on_release_units(std::uint64_t patient, std::span<const std::size_t> resources,
                        std::span<const std::size_t> units, sim::Time time) override;

private:
  void add_event(sim::Time time, trace::EventKind kind, std::uint64_t patient, std::int64_t step);
  void add_resource_event(sim::Time time, trace::EventKind kind, std::size_t resource,
                          double value);
  void stop_queueing(std::uint64_t patient, sim::Time time);
  void census_change(sim::Time time, int in_system, int queueing);

  std::vector<bool> queueing_;              ///< Per patient: waiting in a step's queue now.
  /// Per patient: ms in service at its current step so far (finish_step's value).
  std::vector<std::int64_t> service_ms_;
  std::vector<std::size_t> last_level_row_; ///< Per resource: its latest row in trace_.levels.
  /// Units announced by on_release_units for the next on_release: (patient, resource, unit).
  std::vector<std::array<std::size_t, 3>> releasing_units_;
  std::uint32_t in_system_ = 0;
  std::uint32_t queueing_count_ = 0;
};

/// The run description of `spec` for a run database: name, seed, replications, horizon and
/// warm-up as in the scenario (override them with the run's options), its resources (the
/// units of a rostered resource: the most people on duty at once) and classes with their
/// pathway's step names. Scenario file, text and command line are left empty.
trace::RunInfo describe_run(const ScenarioSpec& spec);

} // namespace hospsim::models
