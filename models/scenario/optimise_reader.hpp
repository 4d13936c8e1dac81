// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `optimise:` section (optimise_spec.hpp; docs/scenario-reference.md, "Optimise").
/// Variable paths are checked against the merged document (after `extends:` and `--set`), as
/// `--set` paths are; staff roles of `fte` constraints against the resources. KPI names are
/// checked when the model first reports (models/optimise/scenario_problem.hpp).
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <optional>
#include <vector>

namespace hospsim::models::detail {

/// Nothing when `node` is null. `root` is the whole merged document, `spec` the scenario read
/// so far (resources).
std::optional<OptimiseSpec> read_optimise(const DocumentNode* node, const DocumentNode& root,
                                          const ScenarioSpec& spec);

std::vector<KeyTable> optimise_key_tables();

/// "file:line:col" of a location (for messages raised after reading).
std::string describe_location(const Location& where);

} // namespace hospsim::models::detail
