// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `policies` section: the options `hospsim compare --policies` ranks.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <optional>
#include <vector>

namespace hospsim::models::detail {

/// `policies`: {rank_by, better, options: name -> {description, queue: step -> rule}}; step
/// names are checked against `pathways`, rules against the registered queue rules.
std::optional<PoliciesSpec> read_policies(const DocumentNode* node,
                                          const std::vector<PathwaySpec>& pathways);

std::vector<KeyTable> policy_key_tables();

} // namespace hospsim::models::detail
