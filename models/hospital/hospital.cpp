// SPDX-License-Identifier: MIT
// Builds the run-time resources of a scenario and starts the processes that change their
// capacity (rosters, opening hours, maintenance, failures). See hospital.hpp for the rules.
#include "models/hospital/hospital.hpp"

#include "models/hospital/queue_rules.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <set>
#include <string>

namespace hospsim::models {
namespace {

/// Refresh instants held before every account replays them (a few kB: stays in cache).
constexpr std::size_t forget_after = 256;

/// Resources needed by a step whose queue rule is a score: their queues are ordered by score.
std::set<std::string> scored_resources(const ScenarioSpec& spec) {
  std::set<std::string> names;
  for (const PathwaySpec& pathway : spec.pathways)
    for (const StepSpec& step : pathway.steps)
      if (const QueueRule* rule = find_queue_rule(step.queue); rule && rule->is_scored())
        names.insert(step.needs.begin(), step.needs.end());
  return names;
}

bool pooled(const ResourceSpec& spec) {
  return (spec.kind == ResourceKind::Bed && spec.isolation > 0) ||
         (spec.kind == ResourceKind::Staff && !spec.skill_mix.empty());
}

/// Beds: ordinary units, then isolation units. Staff: as many units as can be on duty at once
/// (the count, or every shift's staff together); skill i goes to the last skill_mix[i] units.
std::vector<UnitAttributes> pool_units(const ResourceSpec& spec) {
  std::size_t size = spec.count;
  if (!spec.roster.empty()) {
    size = 0;
    for (const ShiftSpec& shift : spec.roster)
      size += shift.staff;
  }
  std::vector<UnitAttributes> units(size);
  for (std::size_t i = 0; i < size; ++i) {
    units[i].index = i;
    units[i].isolation = spec.kind == ResourceKind::Bed && i >= size - spec.isolation;
    for (std::size_t k = 0; k < spec.skill_mix.size(); ++k)
      if (i >= size - std::min(size, spec.skill_mix[k].second))
        units[i].skills |= std::uint32_t{1} << k;
  }
  return units;
}

void validate(const ResourceSpec& spec) {
  auto fail = [&spec](std::string_view what) {
    throw sim::InputError(fmt::format("resource '{}': {}", spec.name, what));
  };
  if (!spec.roster.empty() && spec.kind != ResourceKind::Staff)
    fail("a roster is only for staff");
  if (spec.failures && spec.kind != ResourceKind::Device)
    fail("failures are only for devices");
  if (spec.turnaround && spec.kind != ResourceKind::Bed)
    fail("a turnaround is only for beds");
  if (spec.isolation > spec.count)
    fail("more isolation beds than beds");
  if (spec.isolation > 0 && spec.kind != ResourceKind::Bed)
    fail("isolation beds are only for beds");
  if (!spec.skill_mix.empty() && spec.kind != ResourceKind::Staff)
    fail("a skill mix is only for staff");
  if (spec.unlimited &&
      (!spec.roster.empty() || !spec.skill_mix.empty() || spec.isolation > 0 || spec.failures ||
       !spec.maintenance.empty() || !spec.opening_hours.empty() || spec.urgent_preempts))
    fail("an unlimited resource has no roster, skill mix, isolation beds, failures, "
         "maintenance, opening hours or preemption");
  if (spec.unlimited && spec.count != unlimited_units)
    fail("an unlimited resource has count unlimited_units");
  if (spec.skill_mix.size() > 32)
    fail("at most 32 skills in a skill mix");
  for (const ShiftSpec& shift : spec.roster)
    if (shift.length <= sim::Duration{} || shift.length > sim::Duration::days(1) ||
        shift.start < sim::Duration{} || shift.start >= sim::Duration::days(1))
      fail(fmt::format("shift '{}' must start in [0, 24 h) and last (0, 24 h]", shift.name));
}

} // namespace

Hospital::Hospital(sim::Simulation& simulation, const ScenarioSpec& spec, Observer* observer,
                   sim::Time statistics_start)
    : simulation_(&simulation), observer_(observer), statistics_start_(statistics_start) {
  const std::set<std::string> scored = scored_resources(spec);
  resources_.reserve(spec.resources.size());
  for (std::size_t i = 0; i < spec.resources.size(); ++i) {
    const ResourceSpec& resource_spec = spec.resources[i];
    validate(resource_spec);
    if (resource_spec.unlimited && spec.layout)
      throw sim::InputError(fmt::format(
          "resource '{}' has 'count: unlimited', which a scenario with a layout does not "
          "support (rooms hold units one by one)",
          resource_spec.name));
    for (std::size_t j = 0; j < i; ++j)
      if (spec.resources[j].name == resource_spec.name)
        throw sim::InputError(fmt::format("resource '{}' is defined twice", resource_spec.name));
    HospitalResource& resource = resources_.emplace_back();
    resource.spec = &resource_spec;
    resource.index = i;
    resource.instants = &instants_;
    resource.clock_start = spec.start;
    resource.preemptive = resource_spec.kind == ResourceKind::Device &&
                          (resource_spec.urgent_preempts || resource_spec.failures.has_value());
    if (!resource_spec.roster.empty())
      resource.planned = WeeklySchedule::roster(resource_spec.roster).starting_at(spec.start);
    else
      resource.planned = WeeklySchedule::device_hours(resource_spec.count,
                                                      resource_spec.opening_hours,
                                                      resource_spec.maintenance)
                             .starting_at(spec.start);
    resource.maintenance = WeeklySchedule::maintenance_units(resource_spec.count,
                                                             resource_spec.opening_hours,
                                                             resource_spec.maintenance)
                               .starting_at(spec.start);
    sim::QueuePolicy policy = sim::QueuePolicy::priority();
    if (!resource.preemptive && scored.contains(resource_spec.name))
      policy = sim::QueuePolicy::scored(&scored_queue_order);
    if (pooled(resource_spec)) {
      std::vector<UnitAttributes> units = pool_units(resource_spec);
      resource.pool = std::make_unique<HospitalUnitPool>(simulation, resource_spec.name,
                                                         std::move(units), std::move(policy));
      resource.pool_capacity = resource.pool->size();
      resource.set_capacity(resource.planned.level_at(simulation.now()));
    } else {
      resource.resource = std::make_unique<sim::Resource>(
          simulation, resource.planned.level_at(simulation.now()), std::move(policy),
          resource.preemptive ? sim::Preemption::Resume : sim::Preemption::None,
          resource_spec.name);
    }
    turnaround_streams_.push_back(simulation.stream("turnaround." + resource_spec.name));
  }
  for (HospitalResource& resource : resources_) {
    if (resource.spec->overflow.empty())
      continue;
    if (spec.layout)
      throw sim::InputError(fmt::format("resource '{}' has an overflow pool, which a scenario "
                                        "with a layout does not support yet",
                                        resource.spec->name));
    resource.overflow = index_of(resource.spec->overflow, "overflow");
    if (const auto problem = overflow_problem(*resource.spec, *resources_[resource.overflow].spec))
      throw sim::InputError(*problem);
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
  for (HospitalResource& resource : resources_)
    resource.refresh(now);
  if (instants_.held() >= forget_after) { // keep the record short: replay it everywhere
    for (HospitalResource& resource : resources_)
      resource.accounts.catch_up(instants_);
    instants_.forget();
  }
  if (observer_)
    report_levels(now);
}

void Hospital::report_levels(sim::Time now) {
  const bool first = reported_levels_.empty(); // every resource's levels at time 0
  reported_levels_.resize(resources_.size());
  for (std::size_t i = 0; i < resources_.size(); ++i) {
    const HospitalResource& resource = resources_[i];
    const ResourceLevels levels{resource.in_use(), resource.capacity(),
                                resource.seizable().queue_length(), resource.cleaning,
                                resource.under_repair};
    if (levels == reported_levels_[i] && !first)
      continue;
    reported_levels_[i] = levels;
    observer_->on_levels(i, now, levels);
  }
}

void Hospital::reset_statistics() {
  instants_.reset(statistics_start_);
  for (HospitalResource& resource : resources_)
    resource.reset_statistics(statistics_start_);
}

void Hospital::release(sim::Request& request, std::span<const std::size_t> resources) {
  std::vector<std::pair<std::size_t, sim::Request>> cleanings;
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
