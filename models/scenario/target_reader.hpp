// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `targets` section: measure -> limit, or measure -> {within, classes}.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <vector>

namespace hospsim::models::detail {

/// `targets`: door_to_doctor, door_to_treatment, length_of_stay or wait.STEP -> a duration
/// ("4 h") or {within, classes}. Without `classes`, every class whose pathway has the measure
/// (a door_to_doctor / door_to_treatment step, or the step); naming a class without it, or a
/// measure no class has, is an error.
std::vector<TargetSpec> read_targets(const DocumentNode* node, const ScenarioSpec& spec);

std::vector<KeyTable> target_key_tables();

} // namespace hospsim::models::detail
