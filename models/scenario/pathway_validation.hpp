// SPDX-License-Identifier: MIT
#pragma once
/// Whole-pathway checks, run once every step of a pathway is read: branch targets and rules
/// (probabilities sum to 1, acuity branches cover 1..5, no mixing), every step reachable from
/// the first and able to reach "exit", and `release_before` naming only resources held on
/// every path into the step.
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <vector>

namespace hospsim::models::detail {

/// Where the parts of one step were written, parallel to StepSpec's vectors.
struct StepLocations {
  Location name;
  Location next;                       ///< The `next` value (the step's name when absent).
  std::vector<Location> branches;      ///< One per StepSpec::next.
  std::vector<Location> branch_targets;
  std::vector<Location> release_before;
};

/// Throws ScenarioError at the offending node. `steps` is parallel to `pathway.steps`.
void validate_pathway(const PathwaySpec& pathway, const std::vector<StepLocations>& steps);

} // namespace hospsim::models::detail
