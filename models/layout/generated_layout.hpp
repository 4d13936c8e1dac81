// SPDX-License-Identifier: MIT
#pragma once
/// generated_layout: a plain two-floor building that houses every bed and device of a scenario,
/// for tests and benchmarks of movement on scenarios that have no drawn layout yet. Not a
/// planning tool: a real building is written in the scenario's `layout:` section.
///
/// Ground floor: "entry" (the entrance, where staff-only steps and steps that need nothing take
/// place) and "station" (home of every staff resource), then one room per bed or device resource
/// (holding all its units), alternating between the ground and the upper floor (4 m up), each
/// on a straight corridor 12 m per room; one lift (2 cars, beds) joins the two corridors at
/// their start. With `porters` > 0 a staff resource "porter" of that many is added and named the
/// layout's porter, and patients of acuity 1 and 2 move in a bed and on a trolley.
///
/// **Example**
/// ```
/// ScenarioSpec spec = load_scenario("scenarios/general_hospital.yaml");
/// spec = with_generated_layout(spec, /*porters=*/4);   // every step now happens in a room
/// ```
#include "models/scenario/scenario_spec.hpp"

namespace hospsim::models {

/// `scenario` with a generated layout (replacing any it has: it starts from
/// without_layout(scenario)); step rooms, staff homes, class mobilities and the porter resource
/// are set as described above.
ScenarioSpec with_generated_layout(ScenarioSpec scenario, std::size_t porters);

/// `scenario` as if it had no `layout:` section: the layout, every step's `room`, every staff
/// resource's `home_room` and `returns_home`, every class's `entrance`, `mobility` and
/// `mobility_by_acuity` are reset, and the layout's porter resource is removed when no step
/// needs it (it exists only to move patients). Such a scenario validates and runs as one
/// written without a layout (used to measure what a layout costs, and by the KPI digests).
ScenarioSpec without_layout(ScenarioSpec scenario);

} // namespace hospsim::models
