// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_spec.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::models {

std::string_view to_string(UnitKind kind) {
  switch (kind) {
  case UnitKind::Emergency:
    return "emergency";
  case UnitKind::Ward:
    return "ward";
  case UnitKind::Icu:
    return "icu";
  case UnitKind::Imaging:
    return "imaging";
  case UnitKind::Theatre:
    return "theatre";
  case UnitKind::Outpatient:
    return "outpatient";
  case UnitKind::DaySurgery:
    return "day_surgery";
  case UnitKind::Other:
    return "other";
  }
  return "other";
}

std::string_view to_string(ResourceKind kind) {
  switch (kind) {
  case ResourceKind::Staff:
    return "staff";
  case ResourceKind::Room:
    return "room";
  case ResourceKind::Device:
    return "device";
  case ResourceKind::Bed:
    return "bed";
  }
  return "staff";
}

std::string_view to_string(ShiftEndRule rule) {
  switch (rule) {
  case ShiftEndRule::FinishTask:
    return "finish_task";
  case ShiftEndRule::HandOver:
    return "hand_over";
  }
  return "finish_task";
}

ScenarioSpec apply_policy(const ScenarioSpec& spec, const PolicySpec& policy) {
  ScenarioSpec result = spec;
  result.name = spec.name + " [" + policy.name + "]";
  for (const PolicyQueueRule& entry : policy.queue) {
    bool found = false;
    for (PathwaySpec& pathway : result.pathways)
      for (StepSpec& step : pathway.steps)
        if (step.name == entry.step) {
          step.queue = entry.rule;
          if (entry.target > sim::Duration{})
            step.target = entry.target;
          found = true;
        }
    if (!found)
      throw sim::InputError(
          fmt::format("policy '{}': no pathway has a step named '{}'", policy.name, entry.step));
  }
  return result;
}

std::optional<std::string> overflow_problem(const ResourceSpec& resource,
                                            const ResourceSpec& overflow) {
  const auto plain = [](const ResourceSpec& r) {
    return r.isolation == 0 && r.skill_mix.empty() && !r.failures && !r.urgent_preempts &&
           !r.unlimited;
  };
  if (overflow.name == resource.name)
    return fmt::format("resource '{}' cannot overflow into itself", resource.name);
  if (!overflow.overflow.empty())
    return fmt::format("resource '{}' overflows into '{}', which overflows in turn; give one "
                       "overflow pool, not a chain",
                       resource.name, overflow.name);
  if (overflow.kind != resource.kind)
    return fmt::format("resource '{}' ({}) overflows into '{}' of another kind ({})", resource.name,
                       to_string(resource.kind), overflow.name, to_string(overflow.kind));
  if (!plain(resource) || !plain(overflow))
    return fmt::format("resource '{}' overflows into '{}': neither may have isolation beds, a "
                       "skill mix, failures, urgent_preempts or count unlimited",
                       resource.name, overflow.name);
  return std::nullopt;
}

} // namespace hospsim::models
