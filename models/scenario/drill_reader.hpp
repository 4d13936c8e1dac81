// SPDX-License-Identifier: MIT
#pragma once
/// Reads the drill sections of a scenario (docs/drills.md): `incidents:`, `surge:` and
/// `evacuation:`, each a mapping of name -> entry, into ScenarioSpec::drills. Every reference
/// (classes, resources, units, floors, rooms, incidents) is checked against `spec` (read
/// before, layout included) and every time against the horizon; errors are ScenarioErrors at
/// the offending node.
#include "models/drills/drill_spec.hpp"
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <vector>

namespace hospsim::models::detail {

DrillSpec read_drills(const DocumentNode* incidents, const DocumentNode* surge,
                      const DocumentNode* evacuation, const ScenarioSpec& spec);

std::vector<KeyTable> drill_key_tables();

} // namespace hospsim::models::detail
