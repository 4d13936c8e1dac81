// SPDX-License-Identifier: MIT
#pragma once
/// QuantileEstimator: quantiles (median, 90th, 95th percentile) of a stream of observations.
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

namespace hospsim::sim {

/// Estimates the quantiles of a stream at a fixed list of probabilities, chosen at
/// construction (default 0.5, 0.9, 0.95).
///
/// - **Exact mode**, while `count() <= exact_limit()`: every value is stored (8 bytes each) and
///   `quantile` returns the sample quantile by linear interpolation between order statistics at
///   rank (n - 1) p (Hyndman and Fan's definition 7, the default of R and NumPy). O(n) a query.
/// - **Streaming mode**, from the observation after the limit onwards: the stored values are
///   replayed in arrival order into Boost.Accumulators' extended P² estimator (Raatikainen 1987;
///   2m + 3 markers for m probabilities) and then freed. O(m) per `add`, O(m) memory, the same
///   result as if P² had run from the first observation.
///
/// Accuracy of streaming mode: P² is a heuristic with no error bound. For smooth continuous
/// distributions its error is typically a small fraction of the spread between neighbouring
/// markers (below 0.002 on 10^6 uniform draws over [0, 1) in the tests). It does poorly on
/// discrete data with many ties, on extreme probabilities (p > 0.99) of heavy-tailed data, and
/// on trending or sorted input, since the result depends on arrival order. Estimators cannot be
/// merged: pool replications by averaging their quantiles (e.g. in a Tally).
///
/// A moved-from estimator may only be assigned to or destroyed.
class QuantileEstimator {
public:
  static constexpr std::size_t default_exact_limit = 10'000;

  /// Probabilities 0.5, 0.9 and 0.95; exact up to `default_exact_limit` observations.
  QuantileEstimator();
  /// Each probability must lie in (0, 1) and appear once, else UsageError. `exact_limit` is
  /// raised to the marker count 2m + 3 when smaller; 0 therefore asks for streaming early.
  explicit QuantileEstimator(std::vector<double> probabilities,
                             std::size_t exact_limit = default_exact_limit);
  QuantileEstimator(const QuantileEstimator& other);
  QuantileEstimator& operator=(const QuantileEstimator& other);
  QuantileEstimator(QuantileEstimator&&) noexcept;
  QuantileEstimator& operator=(QuantileEstimator&&) noexcept;
  ~QuantileEstimator();

  /// Records one observation. NaN is not checked for.
  void add(double value);
  /// Estimate of the quantile at `probability`, which must be one of `probabilities()`
  /// (compared to within 1e-12), else UsageError. NaN when there are no observations.
  double quantile(double probability) const;
  std::size_t count() const { return count_; }
  /// True while the values are stored and quantiles are exact.
  bool is_exact() const { return streaming_ == nullptr; }
  /// The configured probabilities, ascending.
  std::span<const double> probabilities() const { return probabilities_; }
  std::size_t exact_limit() const { return exact_limit_; }
  /// Forgets every observation and returns to exact mode; keeps the configuration.
  void reset();

private:
  struct Streaming; // the Boost.Accumulators state, defined in quantiles.cpp

  std::size_t probability_index(double probability) const;
  double exact_quantile(double probability) const;

  std::vector<double> probabilities_;
  std::size_t exact_limit_ = default_exact_limit;
  std::size_t count_ = 0;
  std::vector<double> values_; // every observation, in exact mode only
  std::unique_ptr<Streaming> streaming_;
};

} // namespace hospsim::sim
