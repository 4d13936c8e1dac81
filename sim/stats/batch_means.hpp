// SPDX-License-Identifier: MIT
#pragma once
/// Batch means: a confidence interval for a steady-state mean from one long, autocorrelated run.
#include "sim/stats/confidence_interval.hpp"

#include <cstddef>
#include <span>

namespace hospsim::sim {

/// Batch count used when none is given; 20 to 30 is the usual advice (Law, Simulation Modeling
/// and Analysis): enough degrees of freedom, batches still long.
inline constexpr std::size_t default_batch_count = 20;

/// Result of `batch_means`.
struct BatchMeansResult {
  /// Student-t interval over the batch means; its `n` is the number of batches.
  ConfidenceInterval interval;
  /// Lag-1 autocorrelation of the batch means. Near 0 when the batches are long enough to be
  /// nearly independent; above about 0.2 the interval is too narrow and batches should be
  /// longer (fewer batches or a longer run). NaN when undefined (see lag1_autocorrelation).
  double lag1_autocorrelation = 0.0;
  /// Observations per batch: series.size() / batches, rounded down.
  std::size_t batch_size = 0;
  /// Observations left out at the start of the series (series.size() % batches).
  std::size_t dropped = 0;
};

/// Splits `series` (observations in time order, warm-up already removed) into `batches`
/// contiguous batches of equal size and computes the Student-t interval of their means, which
/// accounts for autocorrelation that a naive i.i.d. interval would ignore. The remainder of the
/// division is dropped from the **start** of the series, the part nearest the initial transient,
/// so the last observation is always used. O(series.size()). Requires batches >= 2,
/// series.size() >= batches and 0 < level < 1, else UsageError.
BatchMeansResult batch_means(std::span<const double> series,
                             std::size_t batches = default_batch_count, double level = 0.95);

/// Sample lag-1 autocorrelation sum (x[i] - m)(x[i+1] - m) / sum (x[i] - m)^2, m the mean.
/// NaN with fewer than two values or when all values are equal. O(values.size()).
double lag1_autocorrelation(std::span<const double> values);

} // namespace hospsim::sim
