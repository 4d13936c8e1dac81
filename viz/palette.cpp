// SPDX-License-Identifier: MIT
#include "viz/palette.hpp"

#include <algorithm>

namespace hospsim::viz {

Colour department_colour(std::size_t department) {
  static constexpr std::array<Colour, 8> pastel{{{0.62f, 0.76f, 0.93f, 1},
                                                 {0.95f, 0.78f, 0.62f, 1},
                                                 {0.72f, 0.90f, 0.68f, 1},
                                                 {0.88f, 0.74f, 0.93f, 1},
                                                 {0.95f, 0.91f, 0.62f, 1},
                                                 {0.66f, 0.90f, 0.90f, 1},
                                                 {0.93f, 0.70f, 0.76f, 1},
                                                 {0.80f, 0.80f, 0.66f, 1}}};
  return pastel[department % pastel.size()];
}

Colour unit_state_colour(UnitState state) {
  switch (state) {
  case UnitState::Free:
    return {0.92f, 0.97f, 0.92f, 1};
  case UnitState::Occupied:
    return {0.12f, 0.30f, 0.85f, 1};
  case UnitState::Cleaning:
    return {0.98f, 0.85f, 0.10f, 1};
  case UnitState::Failed:
    return {0.92f, 0.08f, 0.08f, 1};
  case UnitState::Maintenance:
    return {0.98f, 0.50f, 0.05f, 1};
  case UnitState::Closed:
    return {0.30f, 0.30f, 0.30f, 1};
  }
  return {1, 0, 1, 1};
}

Colour agent_colour(AgentActivity activity, bool staff) {
  if (staff)
    return activity == AgentActivity::Moving ? Colour{0.55f, 0.95f, 0.95f, 1}
                                             : Colour{0.97f, 0.97f, 0.97f, 1};
  switch (activity) {
  case AgentActivity::Waiting:
    return {1.00f, 0.55f, 0.00f, 1};
  case AgentActivity::Boarding:
    return {0.90f, 0.15f, 0.45f, 1};
  case AgentActivity::InService:
    return {0.10f, 0.75f, 0.20f, 1};
  case AgentActivity::Moving:
    return {0.00f, 0.70f, 0.95f, 1};
  case AgentActivity::Leaving:
    return {0.65f, 0.30f, 0.85f, 1};
  case AgentActivity::OnDuty:
    return {0.97f, 0.97f, 0.97f, 1};
  }
  return {1, 0, 1, 1};
}

Colour heat_colour(double fraction) {
  const auto f = static_cast<float>(std::clamp(fraction, 0.0, 1.0));
  // blue -> green -> yellow -> red
  if (f < 0.33f)
    return {0.1f, 0.3f + 1.6f * f, 0.9f - 1.5f * f, 1};
  if (f < 0.66f)
    return {0.1f + 2.6f * (f - 0.33f), 0.85f, 0.4f - 1.0f * (f - 0.33f), 1};
  return {0.95f, 0.85f - 2.3f * (f - 0.66f), 0.05f, 1};
}

} // namespace hospsim::viz
