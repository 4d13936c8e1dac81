// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_spec.hpp"

namespace hospsim::models {

std::string_view to_string(UnitKind kind) {
  switch (kind) {
  case UnitKind::Emergency: return "emergency";
  case UnitKind::Ward: return "ward";
  case UnitKind::Icu: return "icu";
  case UnitKind::Imaging: return "imaging";
  case UnitKind::Theatre: return "theatre";
  case UnitKind::Outpatient: return "outpatient";
  case UnitKind::DaySurgery: return "day_surgery";
  case UnitKind::Other: return "other";
  }
  return "other";
}

std::string_view to_string(ResourceKind kind) {
  switch (kind) {
  case ResourceKind::Staff: return "staff";
  case ResourceKind::Room: return "room";
  case ResourceKind::Device: return "device";
  case ResourceKind::Bed: return "bed";
  }
  return "staff";
}

std::string_view to_string(ShiftEndRule rule) {
  switch (rule) {
  case ShiftEndRule::FinishTask: return "finish_task";
  case ShiftEndRule::HandOver: return "hand_over";
  }
  return "finish_task";
}

} // namespace hospsim::models
