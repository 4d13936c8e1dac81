// SPDX-License-Identifier: MIT
#include "sim/stats/time_weighted.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace hospsim::sim {

TimeWeighted::TimeWeighted(Time start, double initial_level)
    : window_start_(start), last_change_(start), level_(initial_level), min_(initial_level),
      max_(initial_level) {}

void TimeWeighted::throw_before_last_change(Time now, const char* operation) const {
  throw UsageError(fmt::format(
      "TimeWeighted::{}(): time {} is earlier than the last change at {}; levels must be "
      "recorded in time order",
      operation, to_string(now), to_string(last_change_)));
}

TimeWeighted::Moments TimeWeighted::moments_until(Time now, const char* operation) const {
  require_not_before_last_change(now, operation);
  Moments result = moments_;
  result.add(level_, static_cast<double>((now - last_change_).count_ms()));
  return result;
}

double TimeWeighted::mean(Time now) const {
  const Moments moments = moments_until(now, "mean");
  return moments.weight > 0.0 ? moments.mean : level_;
}

double TimeWeighted::variance(Time now) const {
  const Moments moments = moments_until(now, "variance");
  if (moments.weight <= 0.0) return 0.0;
  return std::max(0.0, moments.squared_deviations / moments.weight); // rounding can dip below 0
}

void TimeWeighted::reset(Time now) {
  require_not_before_last_change(now, "reset");
  window_start_ = now;
  last_change_ = now;
  min_ = level_;
  max_ = level_;
  moments_ = Moments{};
}

} // namespace hospsim::sim
