// SPDX-License-Identifier: MIT
#pragma once
/// Parts of a scenario that nothing uses: a pathway no patient class follows (directly or as a
/// sub-pathway) and a resource no step needs. Not errors (a scenario under construction, or a
/// variant that switches a part off, has them), but usually a mistake, so `validate` and `run`
/// print them as warnings.
#include "models/scenario/scenario_spec.hpp"

#include <string>
#include <vector>

namespace hospsim::models {

/// One sentence per unused part, in file order: pathways first, then resources.
std::vector<std::string> unused_part_warnings(const ScenarioSpec& spec);

} // namespace hospsim::models
