// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `units` and `resources` sections of a scenario.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <vector>

namespace hospsim::models::detail {

/// `units`: a list of names (kind other) or a mapping name -> {kind} (or name -> kind).
std::vector<UnitSpec> read_units(const DocumentNode* node);
/// `resources`: a mapping name -> resource; `unit` references are checked against `units`.
std::vector<ResourceSpec> read_resources(const DocumentNode* node,
                                         const std::vector<UnitSpec>& units);

std::vector<KeyTable> resource_key_tables();

} // namespace hospsim::models::detail
