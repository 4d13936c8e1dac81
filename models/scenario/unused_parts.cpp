// SPDX-License-Identifier: MIT
#include "models/scenario/unused_parts.hpp"

#include <fmt/core.h>
#include <set>

namespace hospsim::models {

std::vector<std::string> unused_part_warnings(const ScenarioSpec& spec) {
  std::set<std::string, std::less<>> followed(spec.sub_pathways.begin(), spec.sub_pathways.end());
  for (const PatientClassSpec& patients : spec.classes)
    followed.insert(patients.pathway);
  std::set<std::string, std::less<>> needed;
  for (const PathwaySpec& pathway : spec.pathways)
    for (const StepSpec& step : pathway.steps)
      needed.insert(step.needs.begin(), step.needs.end());
  // Also used: the layout's porters (they move trolley and bed patients) and overflow pools.
  if (spec.layout && !spec.layout->porter.empty())
    needed.insert(spec.layout->porter);
  // And a drill's discharge lounge (patients discharged early wait there).
  for (const SurgeRule& rule : spec.drills.surge)
    for (const SurgeAction& action : rule.actions)
      if (action.kind == SurgeActionKind::Discharge)
        needed.insert(action.lounge);
  for (const ResourceSpec& resource : spec.resources)
    if (!resource.overflow.empty() && needed.contains(resource.name))
      needed.insert(resource.overflow);
  std::vector<std::string> warnings;
  for (const PathwaySpec& pathway : spec.pathways)
    if (!followed.contains(pathway.name))
      warnings.push_back(fmt::format("pathway '{}' is followed by no patient class and used by "
                                     "no other pathway",
                                     pathway.name));
  for (const ResourceSpec& resource : spec.resources)
    if (!needed.contains(resource.name))
      warnings.push_back(
          fmt::format("resource '{}' is needed by no step of any pathway", resource.name));
  return warnings;
}

} // namespace hospsim::models
