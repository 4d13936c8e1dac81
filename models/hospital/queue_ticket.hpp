// SPDX-License-Identifier: MIT
#pragma once
/// QueueTicket: what a patient's resource request carries (RequestOptions::user_data) so that
/// resources with a scored queue (steps with QueueRule::TargetAware) can order by acuity and
/// by closeness to the step's target time since arrival.
#include "sim/queue_policy.hpp"
#include "sim/time.hpp"

namespace hospsim::models {

struct QueueTicket {
  sim::Time arrival;
  sim::Duration target; ///< Zero: not target-aware (the score is the request's priority).
  int acuity = 3;
};

/// Priorities reserved for the hospital itself (lower is first; patients use 0..5).
inline constexpr int repair_priority = -1'000'000;  ///< A failing device unit.
inline constexpr int cleaning_priority = -999'999;  ///< Bed turnaround and kept resources.

/// Score of a scored queue, lowest first. Target-aware tickets: once less than a quarter of
/// the target remains (or it has passed), the patient goes ahead of every acuity, the most
/// overdue first (score in (-inf, -0.75]); before that, the acuity. Other requests: priority.
double queue_score(const sim::RequestInfo& request, sim::Time now);

} // namespace hospsim::models
