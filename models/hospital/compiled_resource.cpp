// SPDX-License-Identifier: MIT
// Checks and works out a scenario's resources once (see compiled_resource.hpp; the rules are
// hospital.hpp's).
#include "models/hospital/compiled_resource.hpp"

#include "models/hospital/queue_rules.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <set>

namespace hospsim::models {
namespace {

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

WeeklySchedule paid_schedule(const ResourceSpec& resource) {
  if (!resource.roster.empty())
    return WeeklySchedule::paid_roster(resource.roster);
  return WeeklySchedule::device_hours(resource.count, resource.opening_hours,
                                      resource.maintenance);
}

std::vector<CompiledResource> compile_resources(const ScenarioSpec& spec) {
  const std::set<std::string> scored = scored_resources(spec);
  std::vector<CompiledResource> resources;
  resources.reserve(spec.resources.size());
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
    CompiledResource& resource = resources.emplace_back();
    resource.spec = &resource_spec;
    resource.preemptive = resource_spec.kind == ResourceKind::Device &&
                          (resource_spec.urgent_preempts || resource_spec.failures.has_value());
    if (!resource_spec.roster.empty())
      resource.planned = WeeklySchedule::roster(resource_spec.roster).starting_at(spec.start);
    else
      resource.planned =
          WeeklySchedule::device_hours(resource_spec.count, resource_spec.opening_hours,
                                       resource_spec.maintenance)
              .starting_at(spec.start);
    resource.paid = paid_schedule(resource_spec).starting_at(spec.start);
    resource.maintenance =
        WeeklySchedule::maintenance_units(resource_spec.count, resource_spec.opening_hours,
                                          resource_spec.maintenance)
            .starting_at(spec.start);
    resource.scored = !resource.preemptive && scored.contains(resource_spec.name);
    resource.pooled = pooled(resource_spec);
    if (resource.pooled)
      resource.units = pool_units(resource_spec);
    resource.turnaround_stream = "turnaround." + resource_spec.name;
  }
  for (CompiledResource& resource : resources) {
    if (resource.spec->overflow.empty())
      continue;
    if (spec.layout)
      throw sim::InputError(fmt::format("resource '{}' has an overflow pool, which a scenario "
                                        "with a layout does not support yet",
                                        resource.spec->name));
    resource.overflow = resource_index(resources, resource.spec->overflow, "overflow");
    if (const auto problem = overflow_problem(*resource.spec, *resources[resource.overflow].spec))
      throw sim::InputError(*problem);
  }
  return resources;
}

std::size_t resource_index(std::span<const CompiledResource> resources, std::string_view name,
                           std::string_view context) {
  for (std::size_t i = 0; i < resources.size(); ++i)
    if (resources[i].spec->name == name)
      return i;
  throw sim::InputError(fmt::format("{}: no resource named '{}'", context, name));
}

} // namespace hospsim::models
