// SPDX-License-Identifier: MIT
#pragma once
/// TimeWeighted: time averages of a level that changes at instants of simulated time.
#include "sim/time.hpp"

#include <algorithm>

namespace hospsim::sim {

/// A piecewise-constant level (queue length, beds occupied, staff busy) observed over a window
/// of simulated time that starts at construction or at the last `reset`. Each level counts in
/// proportion to how long it was held, measured in ticks of sim::Time (integer milliseconds,
/// converted to double only when averaging, so the time unit never shows in the results).
/// Updates are O(1) (West's weighted form of Welford's algorithm); no history is stored.
///
/// Changes must come in non-decreasing time order: `set`, `add`, `reset`, `mean` and
/// `variance` with a time before the last change throw UsageError. Several changes at the same
/// instant are allowed; the intermediate levels are held for zero time and do not move the
/// averages, but they do count for `min` and `max`.
class TimeWeighted {
public:
  /// A level of 0 from Time::start().
  TimeWeighted() = default;
  /// A level of `initial_level` from `start`.
  TimeWeighted(Time start, double initial_level);

  /// The level becomes `level` at `now`. Inline: every resource grant and release calls it.
  void set(Time now, double level) {
    if (now < last_change_) [[unlikely]]
      throw_before_last_change(now, "set");
    moments_.add(level_, static_cast<double>((now - last_change_).count_ms()));
    last_change_ = now;
    level_ = level;
    min_ = std::min(min_, level);
    max_ = std::max(max_, level);
  }
  /// The level changes by `delta` at `now` (+1 on arrival, -1 on departure).
  void add(Time now, double delta) { set(now, level_ + delta); }

  /// The current level.
  double level() const { return level_; }
  /// Time average of the level over [window_start(), now]. When the window has zero length
  /// this is the current level.
  double mean(Time now) const;
  /// Time-weighted variance of the level over [window_start(), now]: the time average of
  /// (level - mean)^2, with no small-sample correction; 0 when the window has zero length.
  double variance(Time now) const;
  /// Largest level held in the window, including the level at its start.
  double max() const { return max_; }
  /// Smallest level held in the window, including the level at its start.
  double min() const { return min_; }

  /// Start of the averaging window.
  Time window_start() const { return window_start_; }
  /// Time of the last `set`, `add` or `reset`.
  Time last_change() const { return last_change_; }

  /// Keeps the current level and restarts the averaging window (and min/max) at `now`: what
  /// the warm-up deletion calls at the end of the transient.
  void reset(Time now);

private:
  /// Weighted-Welford state over [window_start_, last_change_).
  struct Moments {
    double weight = 0.0; // ticks
    double mean = 0.0;
    double squared_deviations = 0.0; // integral of (level - mean)^2 over time, in ticks
    void add(double level, double ticks) {
      if (ticks <= 0.0)
        return;
      weight += ticks;
      const double delta = level - mean;
      mean += delta * (ticks / weight);
      squared_deviations += ticks * delta * (level - mean);
    }
  };

  [[noreturn]] void throw_before_last_change(Time now, const char* operation) const;
  void require_not_before_last_change(Time now, const char* operation) const {
    if (now < last_change_) [[unlikely]]
      throw_before_last_change(now, operation);
  }
  Moments moments_until(Time now, const char* operation) const;

  Time window_start_;
  Time last_change_;
  double level_ = 0.0;
  double min_ = 0.0;
  double max_ = 0.0;
  Moments moments_;
};

} // namespace hospsim::sim
