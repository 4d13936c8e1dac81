// SPDX-License-Identifier: MIT
#pragma once
/// DrillRuntime: the drills of one replication (ScenarioSpec::drills): incidents
/// (incident.cpp), surge rules (surge.cpp) and evacuations (evacuation.cpp), and their KPIs
/// (drill_kpis.cpp; names in docs/drills.md).
///
/// It is an Observer placed in front of the run's own observer (every hook is passed on
/// unchanged): it listens to on_step_start (a casualty's treatment), on_levels (surge triggers,
/// peak occupancy, the first resource to run out) and never changes what the model does except
/// through its own actions (admitting casualties, changing capacities, pausing classes).
/// Built only when the scenario has drills, so scenarios without any run exactly as before.
#include "models/drills/drill_spec.hpp"
#include "models/hospital/early_discharge.hpp"
#include "models/hospital/observer.hpp"
#include "models/hospital/replication_context.hpp"
#include "sim/experiment/kpi.hpp"
#include "sim/process.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace hospsim::models {

class Building;

/// One line of the drill timeline (also written to the run database as a "drill" event).
struct DrillEvent {
  sim::Time time;
  std::string what;
};

struct Casualty {
  std::size_t incident = 0;
  TriageColour colour = TriageColour::Minor;         ///< Now (worsens while untreated).
  TriageColour arrival_colour = TriageColour::Minor; ///< On arrival at the hospital.
  bool by_ambulance = false;
  bool dead = false;
  bool diverted = false;
  bool left_unseen = false; ///< Left without being treated (patience ran out, balked).
  std::optional<sim::Time> arrival, treated;
};

class DrillRuntime final : public Observer {
public:
  /// `spec.drills` must be set; `inner` (may be null) receives every hook.
  DrillRuntime(const ScenarioSpec& spec, Observer* inner);

  /// Starts the incident, surge and evacuation processes. `building`: the compiled layout
  /// (needed by evacuations; the loader makes sure there is one).
  void start(ReplicationContext& context, const Building* building);
  /// Appends the drill KPIs (measured up to `end`).
  void report(sim::Time end, sim::KpiSet& kpis) const;
  const std::vector<DrillEvent>& timeline() const { return timeline_; }

  // Hooks (all passed on to the inner observer).
  void on_arrival(std::uint64_t patient, std::size_t class_index, sim::Time arrival) override;
  void on_step_start(std::uint64_t patient, std::size_t class_index, std::size_t step,
                     sim::Time queued, sim::Time served) override;
  void on_service_segment(std::uint64_t patient, std::span<const std::size_t> resources,
                          sim::Time start, sim::Time end) override;
  void on_repair(std::size_t resource, sim::Time start, sim::Time end) override;
  void on_departure(std::uint64_t patient, std::size_t class_index, sim::Time departure,
                    bool left_without_being_seen) override;
  void on_queue(std::uint64_t patient, std::size_t class_index, std::size_t step,
                sim::Time time) override;
  void on_seize(std::uint64_t patient, std::span<const std::size_t> resources,
                sim::Time time) override;
  void on_step_finish(std::uint64_t patient, std::size_t class_index, std::size_t step,
                      sim::Time time) override;
  void on_release(std::uint64_t patient, std::span<const std::size_t> resources,
                  sim::Time time) override;
  void on_left(std::uint64_t patient, std::size_t class_index, std::size_t step, sim::Time time,
               bool balked) override;
  void on_capacity_change(std::size_t resource, std::size_t capacity, sim::Time time) override;
  void on_failure(std::size_t resource, std::size_t unit, sim::Time time) override;
  void on_levels(std::size_t resource, sim::Time time, const ResourceLevels& levels) override;
  void on_move(MoverKind kind, std::uint64_t agent, std::size_t resource, std::size_t from_room,
               std::size_t to_room, sim::Time start, sim::Time end, double distance_m,
               std::span<const std::uint32_t> nodes) override;
  void on_seize_units(std::uint64_t patient, std::span<const std::size_t> resources,
                      std::span<const std::size_t> units, sim::Time time) override;
  void on_release_units(std::uint64_t patient, std::span<const std::size_t> resources,
                        std::span<const std::size_t> units, sim::Time time) override;
  void on_drill(DrillHappening what, std::size_t index, double value, sim::Time time) override;

  // Used by the drill processes (incident.cpp, surge.cpp, evacuation.cpp).
  const ScenarioSpec& spec() const { return *spec_; }
  ReplicationContext& context() { return *context_; }
  void log(std::string what);
  /// Tells the inner observer (the run database: a drill event) and logs `what`.
  void happened(DrillHappening kind, std::size_t index, double value, std::string what);
  /// A casualty reaches the hospital now (admitted, or diverted while a Divert action holds).
  void casualty_arrives(std::size_t casualty);
  void declare_incident(std::size_t incident);
  /// The casualty died (counted); one waiting in a step's queue leaves it (its journey is
  /// interrupted with models::died_while_queueing); one moving or being served (at a step
  /// that is not its treatment) finishes that and leaves before its next step.
  void casualty_dies(std::size_t casualty);
  std::vector<Casualty> casualties;
  std::size_t diverting = 0; ///< Divert actions in effect.

  struct RuleState {
    std::optional<sim::Time> condition_since;
    std::uint64_t generation = 0;
    bool fired = false;  ///< Fired and not stood down.
    bool active = false; ///< Actions in effect.
    std::optional<sim::Time> first_fired, first_effect, first_undone;
    /// The first of each at or after the first incident (the drill report's timeline).
    std::optional<sim::Time> fired_in_drill, effect_in_drill, undone_in_drill;
    std::size_t staff_arrived = 0;
    std::size_t discharged = 0; ///< Patients discharged early by its `discharge` actions.
    std::size_t firings = 0;
  };
  std::vector<RuleState> rules;
  void fire_rule(std::size_t rule);
  void apply_actions(std::size_t rule, bool stand_down);
  /// A `discharge` action of `rule` takes effect now.
  void discharge_early(std::size_t rule, const SurgeAction& action);
  /// Adds `change` units on top of the planned capacity of `resource` now.
  void change_capacity(std::size_t resource, std::int64_t change);
  /// Sets `first` to now when unset and now is at or after the first incident.
  void note_in_drill(std::optional<sim::Time>& first);

  struct EvacuationResult {
    std::size_t patients = 0;
    std::size_t remaining = 0;
    std::optional<sim::Time> last_out;
  };
  std::vector<EvacuationResult> evacuations;

private:
  const ScenarioSpec* spec_;
  Observer* inner_;
  ReplicationContext* context_ = nullptr;
  std::vector<DrillEvent> timeline_;
  std::unordered_map<std::uint64_t, std::size_t> casualty_of_patient_;
  std::unordered_map<std::size_t, std::uint64_t> patient_of_casualty_; ///< In the hospital.
  std::unordered_map<std::uint64_t, sim::Process<>> journey_;          ///< Of casualties.
  std::unordered_set<std::uint64_t> waiting_in_queue_; ///< ReplicationContext::waiting_in_queue.
  std::optional<EarlyDischarge> early_discharge_; ///< With a `discharge` action.
  std::unordered_set<std::uint64_t> died_elsewhere_; ///< ReplicationContext::died_elsewhere.
  /// Per class and step: does its start count as treatment (door_to_treatment steps; a
  /// pathway without any: its first step).
  std::vector<std::vector<bool>> treatment_step_;
  sim::Time watch_from_ = sim::Time::max(); ///< First incident: peak/exhaustion measured after.
  std::vector<std::size_t> resource_unit_;  ///< Unit index of each resource (SIZE_MAX: none).
  std::vector<std::size_t> unit_in_use_, unit_peak_;
  std::vector<ResourceLevels> levels_;
  std::vector<std::optional<sim::Time>> exhausted_;
  std::vector<bool> watched_; ///< Resources the casualties' pathways need.
  void check_triggers(std::size_t resource, sim::Time time, const ResourceLevels& levels);
};

/// The processes (started by DrillRuntime::start).
sim::Process<> incident_process(DrillRuntime& drills, std::size_t incident);
sim::Process<> rule_check_process(DrillRuntime& drills, std::size_t rule, std::uint64_t generation,
                                  sim::Duration wait);
sim::Process<> evacuation_process(DrillRuntime& drills, const Building& building,
                                  std::size_t evacuation);

} // namespace hospsim::models
