// SPDX-License-Identifier: MIT
#pragma once
/// The viewer's colours (RGBA, 0..1), one place for the scene, the HUD legend and the tests.
#include "viz/replay_model.hpp"

#include <array>
#include <cstddef>

namespace hospsim::viz {

using Colour = std::array<float, 4>;

/// Pastel colour of a department's rooms (cycles through 8).
Colour department_colour(std::size_t department);
Colour unit_state_colour(UnitState state);
Colour agent_colour(AgentActivity activity, bool staff);
/// Heat map: 0 (idle, blue) .. 1 (full, red).
Colour heat_colour(double fraction);

} // namespace hospsim::viz
