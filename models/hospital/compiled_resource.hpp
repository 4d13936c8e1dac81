// SPDX-License-Identifier: MIT
#pragma once
/// CompiledResource: a ResourceSpec checked and worked out once per scenario (planned capacity,
/// queue policy, pool units, overflow pool), from which every replication's Hospital builds
/// its run-time resource (hospital.hpp gives the rules). Part of a CompiledScenario.
#include "models/hospital/hospital_resource.hpp"
#include "models/hospital/weekly_schedule.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

/// One ResourceSpec ready to instantiate (Hospital builds its run-time resource from it).
struct CompiledResource {
  const ResourceSpec* spec = nullptr;
  WeeklySchedule planned = WeeklySchedule::constant(0);     ///< From the scenario's start.
  WeeklySchedule maintenance = WeeklySchedule::constant(0); ///< From the scenario's start.
  /// Staff paid (paid_schedule), from the scenario's start.
  WeeklySchedule paid = WeeklySchedule::constant(0);
  bool preemptive = false; ///< Priority queue with Preemption::Resume.
  bool scored = false;     ///< Queue ordered by scored_queue_order.
  bool pooled = false;     ///< A pool of distinct units (`units`), else a counted resource.
  std::vector<UnitAttributes> units;
  std::size_t overflow = HospitalResource::no_overflow;
  std::string turnaround_stream; ///< "turnaround.<name>".
};

/// Units paid at each time of week (time of week 0 = Monday 00:00): for a roster, the people
/// on shift, breaks included (breaks are paid); otherwise the planned units (count, opening
/// hours, maintenance). The staff cost KPIs (cost.staff.*) and the optimiser's deterministic
/// staff_cost_per_week both read it, so they agree on the rostered hours of a week.
WeeklySchedule paid_schedule(const ResourceSpec& resource);

/// Checks and builds the run-time description of `spec`'s resources; throws InputError as
/// Hospital's constructor did (a roster on a non-staff resource, a name defined twice...).
std::vector<CompiledResource> compile_resources(const ScenarioSpec& spec);

/// Position of the resource named `name` in `resources`; InputError naming `context` if none.
std::size_t resource_index(std::span<const CompiledResource> resources, std::string_view name,
                           std::string_view context);

} // namespace hospsim::models
