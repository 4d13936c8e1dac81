// SPDX-License-Identifier: MIT
// Builds the run-time resources of a scenario and starts the processes that change their
// capacity (rosters, opening hours, maintenance, failures). See hospital.hpp for the rules.
#include "models/hospital/hospital.hpp"

#include "models/hospital/queue_rules.hpp"
#include "sim/assert.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <fmt/core.h>
#include <string>

namespace hospsim::models {
namespace {

/// Refresh instants held before every account replays them (a few kB: stays in cache).
constexpr std::size_t forget_after = 256;

} // namespace

Hospital::Hospital(sim::Simulation& simulation, const ScenarioSpec& spec, Observer* observer,
                   sim::Time statistics_start)
    : Hospital(simulation, spec, compile_resources(spec), observer, statistics_start) {}

Hospital::Hospital(sim::Simulation& simulation, const ScenarioSpec& spec,
                   std::span<const CompiledResource> compiled, Observer* observer,
                   sim::Time statistics_start)
    : simulation_(&simulation), observer_(observer), statistics_start_(statistics_start) {
  resources_.reserve(compiled.size());
  turnaround_streams_.reserve(compiled.size());
  changes_.resize(compiled.size());
  for (std::size_t i = 0; i < compiled.size(); ++i) {
    const CompiledResource& plan = compiled[i];
    const ResourceSpec& resource_spec = *plan.spec;
    HospitalResource& resource = resources_.emplace_back();
    resource.spec = &resource_spec;
    resource.index = i;
    resource.instants = &instants_;
    resource.changes = &changes_;
    resource.clock_start = spec.start;
    resource.preemptive = plan.preemptive;
    resource.planned = plan.planned;
    resource.maintenance = plan.maintenance;
    resource.paid = plan.paid;
    resource.overflow = plan.overflow;
    sim::QueuePolicy policy = plan.scored ? sim::QueuePolicy::scored(&scored_queue_order)
                                          : sim::QueuePolicy::priority();
    if (plan.pooled) {
      resource.pool = std::make_unique<HospitalUnitPool>(
          changes_, i, simulation, resource_spec.name, plan.units, std::move(policy));
      resource.pool_capacity = resource.pool->size();
      resource.set_capacity(resource.planned.level_at(simulation.now()));
    } else {
      resource.resource = std::make_unique<HospitalKernelResource>(
          changes_, i, simulation, resource.planned.level_at(simulation.now()),
          std::move(policy), resource.preemptive ? sim::Preemption::Resume : sim::Preemption::None,
          resource_spec.name);
    }
    resource.changed(); // the first refresh reads every resource
    turnaround_streams_.push_back(simulation.stream(plan.turnaround_stream));
  }
  refresh_all();
}

void Hospital::start() {
  for (HospitalResource& resource : resources_) {
    const std::size_t index = resource.index;
    if (!resource.planned.is_constant())
      simulation_->start(
          follow_schedule(*simulation_, resource.planned, [this, index](std::size_t level) {
            HospitalResource& changed = resources_[index];
            level = static_cast<std::size_t>(
                std::max<std::int64_t>(static_cast<std::int64_t>(level) + changed.added, 0));
            changed.set_capacity(level);
            refresh_all();
            if (observer_)
              observer_->on_capacity_change(index, level, simulation_->now());
            if (!changed.is_staff() || changed.spec->shift_end != ShiftEndRule::HandOver)
              return;
            // Hand-over approximation: the excess holders' remaining work grows by `handover`.
            std::size_t in_use = changed.in_use();
            for (auto it = changed.hand_over_slots.rbegin();
                 it != changed.hand_over_slots.rend() && in_use > level; ++it)
              if ((*it)->request->granted()) {
                (*it)->hand_over();
                --in_use;
              }
          }));
    if (resource.spec->failures)
      for (std::size_t unit = 0; unit < resource.spec->count; ++unit)
        simulation_->start(device_unit_failures(*this, index, unit));
  }
}

std::size_t Hospital::index_of(std::string_view name, std::string_view context) const {
  for (const HospitalResource& resource : resources_)
    if (resource.spec->name == name)
      return resource.index;
  throw sim::InputError(fmt::format("{}: no resource named '{}'", context, name));
}

void Hospital::refresh_all() {
  const sim::Time now = simulation_->now();
  instants_.tick(now);
  // Only the resources marked since the last refresh can read differently (each reads
  // independently of the others, so the order does not matter).
  changes_.drain([this, now](std::size_t index) { resources_[index].refresh(now); });
#if defined(HOSPSIM_CHECKED_BUILD)
  // A change that forgot to mark its resource would leave its levels stale, silently.
  for (const HospitalResource& resource : resources_)
    HOSPSIM_ASSERT(resource.read() == resource.last_reading,
                   "a resource's levels changed without HospitalResource::changed()");
#endif
  if (instants_.held() >= forget_after) { // keep the record short: replay it everywhere
    for (HospitalResource& resource : resources_)
      resource.accounts.catch_up(instants_);
    instants_.forget();
  }
  if (observer_)
    report_levels(now);
}

void Hospital::report_levels(sim::Time now) {
  // Called by refresh_all() right after it refreshed the resources marked changed; the others
  // have not changed since their last refresh, so every last_reading holds the resource's
  // units in use, capacity, cleaning and under repair now, and only the queue length is read.
  const bool first = reported_levels_.empty(); // every resource's levels at time 0
  if (first) {
    reported_levels_.resize(resources_.size());
    level_queues_.reserve(resources_.size());
    for (const HospitalResource& resource : resources_)
      level_queues_.push_back(&resource.seizable());
  }
  const std::size_t count = resources_.size();
  const HospitalResource* const resources = resources_.data();
  const sim::Seizable* const* const queues = level_queues_.data();
  ResourceLevels* const reported_levels = reported_levels_.data();
  for (std::size_t i = 0; i < count; ++i) {
    const HospitalResource::Reading& reading = resources[i].last_reading;
    const ResourceLevels levels{reading.in_use, reading.capacity, queues[i]->queue_length(),
                                reading.cleaning, reading.under_repair};
    ResourceLevels& reported = reported_levels[i];
    if (!first && levels == reported)
      continue;
    reported = levels;
    observer_->on_levels(i, now, reported);
  }
}

void Hospital::reset_statistics() {
  instants_.reset(statistics_start_);
  for (HospitalResource& resource : resources_)
    resource.reset_statistics(statistics_start_);
}

void Hospital::release(sim::Request& request, std::span<const std::size_t> resources) {
  // Kept inline (no allocation) for the few beds one release can vacate.
  boost::container::small_vector<std::pair<std::size_t, sim::Request>, 2> cleanings;
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> pool_cleanings;
  for (const std::size_t index : resources) {
    HospitalResource& bed = resources_[index];
    if (!bed.is_bed() || !bed.spec->turnaround)
      continue;
    if (bed.pool) {
      // The vacated units leave service for their turnaround, so nobody takes them meanwhile.
      const auto units = request.units(*bed.pool);
      for (const std::size_t unit : units)
        bed.pool->set_in_service(unit, false);
      pool_cleanings.emplace_back(index, std::vector<std::size_t>(units.begin(), units.end()));
    } else {
      cleanings.emplace_back(index, bed.resource->request(cleaning_priority));
    }
  }
  request.release();
  for (auto& [index, units] : pool_cleanings) {
    const sim::Duration turnaround =
        sim::sample_duration(*resources_[index].spec->turnaround, turnaround_streams_[index]);
    resources_[index].cleaning += units.size();
    resources_[index].changed();
    simulation_->start(pool_bed_turnaround(*this, index, std::move(units), turnaround));
  }
  for (auto& [index, cleaning] : cleanings) {
    const sim::Duration turnaround =
        sim::sample_duration(*resources_[index].spec->turnaround, turnaround_streams_[index]);
    simulation_->start(bed_turnaround(*this, index, std::move(cleaning), turnaround));
  }
  refresh_all();
}

} // namespace hospsim::models
