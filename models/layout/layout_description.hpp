// SPDX-License-Identifier: MIT
#pragma once
/// The building as the run database stores it (trace::LayoutInfo, docs/rundb.md): floors,
/// rooms, graph nodes and edges with coordinates, and each unit's identity and room (units of
/// a resource numbered as the model numbers them: rooms' `holds` order, pools' units, people
/// on duty; a staff unit's room is its home).
///
/// **Example**
/// ```
/// trace::RunInfo info = describe_run(spec);
/// if (spec.layout)
///   info.layout = describe_layout(Building(*spec.layout, spec), spec);
/// ```
#include "models/layout/building.hpp"
#include "sim/trace/layout_info.hpp"

namespace hospsim::models {

trace::LayoutInfo describe_layout(const Building& building, const ScenarioSpec& scenario);

} // namespace hospsim::models
