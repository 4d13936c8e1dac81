// SPDX-License-Identifier: MIT
#pragma once
/// Student-t confidence intervals for a mean estimated from independent replications.
#include "sim/stats/tally.hpp"

#include <cstddef>
#include <limits>
#include <span>

namespace hospsim::sim {

/// A two-sided interval mean ± half_width that covers the true mean with probability `level`
/// (e.g. 0.95) when its assumptions hold. Units are those of the observations. An interval from
/// fewer than two observations has an infinite half width; from none, a NaN mean.
struct ConfidenceInterval {
  double mean = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::infinity();
  double level = 0.95;
  std::size_t n = 0; // number of independent observations (replications, batches, pairs)

  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
  /// lower() <= x <= upper(); false when the mean is NaN.
  bool contains(double x) const { return lower() <= x && x <= upper(); }
  /// half_width / |mean|, the usual stopping criterion for sequential replication (e.g. stop
  /// below 0.05); infinite when the mean is 0, NaN when the mean is NaN.
  double relative_half_width() const;
};

/// Two-sided Student-t critical value t_{(1+level)/2, n-1} for `n` observations, from
/// boost::math::students_t: 2.262157 for n = 10 at level 0.95. Infinite when n < 2. Requires
/// 0 < level < 1, else UsageError.
double student_t_critical_value(std::size_t n, double level);

/// Confidence interval for the mean of i.i.d., roughly normal observations: typically one
/// summary value per replication (mean waiting time of each run). Half width
/// t_{(1+level)/2, n-1} * s / sqrt(n). With n < 2 the half width is infinite (there is no
/// estimate of the spread). Requires 0 < level < 1, else UsageError.
///
/// **Example**
/// ```
/// Tally across_replications;
/// for (const RunResult& run : runs) across_replications.add(run.mean_wait_minutes);
/// const ConfidenceInterval ci = student_t_interval(across_replications);      // 95 %
/// fmt::print("{:.1f} ± {:.1f} min\n", ci.mean, ci.half_width);
/// if (ci.relative_half_width() > 0.05) { /* run more replications */ }
/// ```
ConfidenceInterval student_t_interval(const Tally& across_replications, double level = 0.95);

/// Interval for the mean of the differences a[i] - b[i], where replication i of variants a and b
/// used the same random number streams (common random numbers): the pairing removes the shared
/// noise, so the interval is usually much narrower than comparing two separate intervals. The
/// difference is significant at `level` when the interval excludes 0. Requires
/// a.size() == b.size() and 0 < level < 1, else UsageError.
ConfidenceInterval paired_difference_interval(std::span<const double> a,
                                              std::span<const double> b, double level = 0.95);

} // namespace hospsim::sim
