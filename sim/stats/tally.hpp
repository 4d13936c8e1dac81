// SPDX-License-Identifier: MIT
#pragma once
/// Tally: summary statistics of a stream of observations (waiting times, lengths of stay).
#include <cstddef>
#include <limits>

namespace hospsim::sim {

/// Count, sum, mean, sample variance, minimum and maximum of observations, updated online with
/// Welford's algorithm: O(1) time and memory per `add`, no catastrophic cancellation. Values are
/// unitless doubles; the caller picks the unit (minutes, hours) and keeps to it. Two tallies
/// combine exactly with `merge` (Chan, Golub and LeVeque 1979), so per-replication tallies can be
/// pooled. With no observations mean, min and max are NaN; variance needs two observations.
///
/// **Example**
/// ```
/// Tally waits;
/// for (double minutes : {4.0, 7.0, 13.0, 16.0}) waits.add(minutes);
/// waits.count();     // 4
/// waits.mean();      // 10.0
/// waits.variance();  // 30.0 (divisor n - 1)
/// ```
class Tally {
public:
  /// Records one observation. NaN is not checked for and poisons mean and variance.
  void add(double value) {
    ++count_;
    sum_ += value;
    const double delta = value - mean_;
    mean_ += delta / static_cast<double>(count_);
    squared_deviations_ += delta * (value - mean_);
    if (count_ == 1 || value < min_) min_ = value;
    if (count_ == 1 || value > max_) max_ = value;
  }

  /// Adds every observation of `other` to this tally, as if they had been added one by one
  /// (up to rounding). O(1). Merging a tally into itself doubles every observation.
  void merge(const Tally& other);

  /// Forgets every observation.
  void reset() { *this = Tally{}; }

  std::size_t count() const { return count_; }
  /// Sum of the observations; 0 when empty.
  double sum() const { return sum_; }
  /// Arithmetic mean; NaN when empty.
  double mean() const { return count_ == 0 ? nan() : mean_; }
  /// Unbiased sample variance (divisor n - 1); NaN with fewer than two observations.
  double variance() const;
  /// Square root of `variance()`.
  double standard_deviation() const;
  /// Smallest observation; NaN when empty.
  double min() const { return count_ == 0 ? nan() : min_; }
  /// Largest observation; NaN when empty.
  double max() const { return count_ == 0 ? nan() : max_; }

private:
  static constexpr double nan() { return std::numeric_limits<double>::quiet_NaN(); }

  std::size_t count_ = 0;
  double sum_ = 0.0;
  double mean_ = 0.0;
  double squared_deviations_ = 0.0; // sum of (x - mean)^2, Welford's M2
  double min_ = 0.0;
  double max_ = 0.0;
};

} // namespace hospsim::sim
