// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `pathways` section: each pathway's steps, with their resources, durations, queue
/// rules and branches, then checks the pathway as a whole (pathway_validation.hpp).
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <set>
#include <string>
#include <vector>

namespace hospsim::models::detail {

/// `pathways`: a mapping name -> {steps: ...}; resource names are checked against `resources`.
/// Use steps are expanded first (subpathway_expansion.hpp); `sub_pathways` receives the names
/// of the pathways used as sub-pathways.
std::vector<PathwaySpec> read_pathways(const DocumentNode* node,
                                       const std::vector<ResourceSpec>& resources,
                                       std::set<std::string>* sub_pathways = nullptr);

std::vector<KeyTable> pathway_key_tables();

} // namespace hospsim::models::detail
