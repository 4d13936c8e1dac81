// SPDX-License-Identifier: MIT
#pragma once
/// A service target a scenario names (`targets:`): the share of patients whose door-to-doctor
/// time, door-to-treatment time, length of stay or wait at a step is within a limit becomes a
/// KPI, class.C.within_target.M (fraction, per replication; docs/scenario-reference.md).
#include "sim/time.hpp"

#include <string>
#include <vector>

namespace hospsim::models {

struct TargetSpec {
  /// "door_to_doctor", "door_to_treatment", "length_of_stay" or "wait.STEP".
  std::string measure;
  sim::Duration within;              ///< At most this long counts as within the target.
  std::vector<std::string> classes;  ///< The classes it applies to (resolved by the loader).
  bool operator==(const TargetSpec&) const = default;
};

} // namespace hospsim::models
