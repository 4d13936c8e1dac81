// SPDX-License-Identifier: MIT
#pragma once
/// LevelDistribution: how long a non-negative integer level (beds occupied, staff busy) was
/// held at each value, so that the fraction of time at any level, P(level >= n) and
/// time-weighted quantiles follow. Same window rules as TimeWeighted: changes in
/// non-decreasing time order (UsageError otherwise), `reset` restarts the window keeping the
/// level. Memory: one counter per level reached; updates O(1) amortised.
///
/// **Example**
/// ```
/// LevelDistribution occupied;
/// occupied.set(Time::from_ms(0), 3);
/// occupied.set(Time::from_ms(10), 5);
/// occupied.fraction_at(3, Time::from_ms(40)); // 0.25
/// ```
#include "sim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hospsim::sim {

class LevelDistribution {
public:
  /// A level of 0 from Time::start().
  LevelDistribution() = default;

  /// The level becomes `level` at `now`.
  void set(Time now, std::size_t level);
  std::size_t level() const { return level_; }

  /// Fraction of [window start, now] spent at exactly `level` (the current level when the
  /// window is empty: 1 for it, 0 for the others).
  double fraction_at(std::size_t level, Time now) const;
  /// Fraction of [window start, now] spent at `level` or above.
  double fraction_at_least(std::size_t level, Time now) const;
  /// Smallest level l with fraction_at_least(l + 1) <= 1 - q (time-weighted quantile), q in [0, 1].
  std::size_t quantile(double q, Time now) const;
  /// Largest level held in the window.
  std::size_t max() const { return max_; }
  /// Fraction of time at each level 0..max().
  std::vector<double> fractions(Time now) const;

  /// Keeps the current level and restarts the window at `now`.
  void reset(Time now);

private:
  std::vector<std::int64_t> closed_ticks(Time now) const;

  Time window_start_;
  Time last_change_;
  std::size_t level_ = 0;
  std::size_t max_ = 0;
  std::vector<std::int64_t> ticks_; ///< Per level, over [window_start_, last_change_).
};

} // namespace hospsim::sim
