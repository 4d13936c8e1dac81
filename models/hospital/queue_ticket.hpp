// SPDX-License-Identifier: MIT
#pragma once
/// QueueTicket: what a patient's resource request carries (RequestOptions::user_data), so that
/// queue rules (queue_rules.hpp) can order waiting patients by what is known about them.
#include "sim/time.hpp"

#include <cstddef>

namespace hospsim::models {

struct QueueRule;

struct QueueTicket {
  sim::Time arrival;     ///< Arrival at the hospital.
  sim::Time queued;      ///< Joined the current step's queue.
  sim::Duration target;  ///< The step's target since arrival (rules that use one), else 0.
  sim::Duration service; ///< This patient's service time at the step (known in advance).
  int acuity = 3;        ///< 1 (most urgent) .. 5; may fall while waiting (deterioration).
  std::size_t class_index = 0;
  const QueueRule* rule = nullptr; ///< The current step's rule.
};

/// Priorities reserved for the hospital itself (lower is first; patients use 0..5).
inline constexpr int repair_priority = -1'000'000; ///< A failing device unit.
inline constexpr int cleaning_priority = -999'999; ///< Bed turnaround and kept resources.

} // namespace hospsim::models
