// SPDX-License-Identifier: MIT
#pragma once
/// Hospital: the resources of a scenario at run time, one sim::Resource per ResourceSpec, and
/// the processes that change their capacity.
///
/// - Staff with a roster: capacity follows the roster (set_capacity at every change; lowering
///   it never evicts a holder). FinishTask: the excess holders finish, and the time is
///   overtime. HandOver (approximation): the excess holders' remaining work grows by
///   `handover` (interrupt, see HandOverSlot) and no overtime is counted.
/// - Devices and rooms: capacity is `count` within the opening hours (0 outside), minus one unit
///   during a maintenance window (planned, so a patient in the unit finishes first).
/// - Failures (devices): each unit fails independently; time between failures runs in calendar
///   time from the end of the last repair. The failed unit is seized by its repair at top
///   priority under Preemption::Resume: a free unit is taken first, otherwise the patient in
///   the latest-granted unit is preempted, requeued at its original place, and resumes its
///   remaining work on another unit or after the repair.
/// - Queue policies: priority (the step's queue rule; see queue_rules.hpp); scored
///   (scored_queue_order) when a step with a score rule needs the resource and it is not
///   preemptive. Devices with
///   failures or urgent_preempts are preemptive.
/// - Beds with a turnaround: on release the bed is seized by a cleaning request at top priority
///   (queued before the patient lets go), held for the sampled cleaning time.
///
/// - Pools (hospital_resource.hpp): beds with isolation beds and staff with a skill_mix are
///   sim::UnitPools; a patient's claim takes only a unit of its kind (isolation or not) and
///   with the step's skill. A vacated pool bed with a turnaround is taken out of service for
///   the cleaning (pool_bed_turnaround).
///
/// Emits Observer::on_repair, on_failure, on_capacity_change and on_levels.
#include "models/hospital/compiled_resource.hpp"
#include "models/hospital/hospital_resource.hpp"
#include "models/hospital/observer.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/random/random_stream.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace hospsim::sim {
class Simulation;
}

namespace hospsim::models {

class Hospital {
public:
  /// Builds the resources; throws InputError on an inconsistent resource (a roster on a
  /// non-staff resource, an isolation count above the count...).
  /// `statistics_start` is the end of the warm-up: failures and services before it do not count.
  Hospital(sim::Simulation& simulation, const ScenarioSpec& spec, Observer* observer,
           sim::Time statistics_start);
  /// From resources compiled once (compile_resources(spec), or a CompiledScenario's): no
  /// checks, no look-ups.
  Hospital(sim::Simulation& simulation, const ScenarioSpec& spec,
           std::span<const CompiledResource> resources, Observer* observer,
           sim::Time statistics_start);
  Hospital(const Hospital&) = delete;
  Hospital& operator=(const Hospital&) = delete;

  /// Starts the roster, opening-hours, maintenance and failure processes.
  void start();

  /// Position of the resource named `name` in ScenarioSpec::resources; InputError if none.
  std::size_t index_of(std::string_view name, std::string_view context) const;
  HospitalResource& resource(std::size_t index) { return resources_[index]; }
  const HospitalResource& resource(std::size_t index) const { return resources_[index]; }
  std::span<HospitalResource> resources() { return resources_; }
  std::span<const HospitalResource> resources() const { return resources_; }

  /// Re-reads every resource's levels at the current time.
  void refresh_all();
  /// At the end of the warm-up: restarts every resource's statistics now.
  void reset_statistics();
  /// Releases `request` (granted), first queueing the turnaround of each bed among
  /// `resources` that has one, so the next patient gets the bed only after cleaning.
  void release(sim::Request& request, std::span<const std::size_t> resources);

  sim::Simulation& simulation() const { return *simulation_; }
  Observer* observer() const { return observer_; }
  sim::Time statistics_start() const { return statistics_start_; }

private:
  sim::Simulation* simulation_;
  Observer* observer_;
  sim::Time statistics_start_;
  RefreshInstants instants_; ///< Shared by every resource's accounts.
  ChangedResources changes_; ///< The resources refresh_all re-reads.
  std::vector<HospitalResource> resources_;
  std::vector<sim::RandomStream> turnaround_streams_; ///< One per resource ("turnaround.<name>").
  std::vector<ResourceLevels> reported_levels_;       ///< Last levels given to the observer.
  std::vector<const sim::Seizable*> level_queues_;    ///< Per resource: its seizable().
  void report_levels(sim::Time now);
};

/// The failure process of unit `unit` of a device with failures (stream
/// "failures.<resource>.<unit>").
sim::Process<> device_unit_failures(Hospital& hospital, std::size_t resource, std::size_t unit);

/// Cleans a bed: waits for `cleaning` (a request queued at cleaning priority), holds the unit
/// for `turnaround`, then releases it.
sim::Process<> bed_turnaround(Hospital& hospital, std::size_t resource, sim::Request cleaning,
                              sim::Duration turnaround);

/// Cleans vacated units of a pooled bed resource (already out of service, counted in
/// `cleaning`): waits `turnaround`, then puts them back in service.
sim::Process<> pool_bed_turnaround(Hospital& hospital, std::size_t resource,
                                   std::vector<std::size_t> units, sim::Duration turnaround);

} // namespace hospsim::models
