// SPDX-License-Identifier: MIT
#include "models/drills/drill_spec.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models {
namespace {
constexpr std::array<std::string_view, triage_colour_count> colour_names{"immediate", "delayed",
                                                                         "minor", "expectant"};
}

std::string_view to_string(TriageColour colour) {
  return colour_names[static_cast<std::size_t>(colour)];
}

std::optional<TriageColour> triage_colour_from_string(std::string_view name) {
  for (std::size_t i = 0; i < colour_names.size(); ++i)
    if (colour_names[i] == name)
      return static_cast<TriageColour>(i);
  return std::nullopt;
}

TriageColour worsened(TriageColour colour) {
  switch (colour) {
  case TriageColour::Minor:
    return TriageColour::Delayed;
  case TriageColour::Delayed:
    return TriageColour::Immediate;
  default:
    return TriageColour::Expectant;
  }
}

DrillSpec without_rules(const DrillSpec& drills, const std::vector<std::string>& without) {
  DrillSpec result = drills;
  for (const std::string& name : without) {
    const auto it = std::find_if(result.surge.begin(), result.surge.end(),
                                 [&](const SurgeRule& rule) { return rule.name == name; });
    if (it == result.surge.end())
      throw sim::InputError(
          fmt::format("--without {}: the scenario has no surge rule of that name", name));
    result.surge.erase(it);
  }
  return result;
}

} // namespace hospsim::models
