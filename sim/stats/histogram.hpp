// SPDX-License-Identifier: MIT
#pragma once
/// Histogram: counts of observations in equal-width bins, for distribution plots and tables.
#include <cstddef>
#include <memory>

namespace hospsim::sim {

/// `bins` equal-width bins over [low, high), bin i covering [bin_low(i), bin_high(i)), plus an
/// underflow count (values below `low`) and an overflow count (values at or above `high`, and
/// NaN). Built on Boost.Histogram's regular axis with dense integer storage. `add` is O(1);
/// memory is one counter per bin. Values on a bin edge may land in the neighbouring bin by one
/// rounding error of (x - low) / width.
///
/// A moved-from histogram may only be assigned to or destroyed.
class Histogram {
public:
  /// Requires bins >= 1 and finite low < high, else UsageError.
  Histogram(std::size_t bins, double low, double high);
  Histogram(const Histogram& other);
  Histogram& operator=(const Histogram& other);
  Histogram(Histogram&&) noexcept;
  Histogram& operator=(Histogram&&) noexcept;
  ~Histogram();

  /// Counts one observation.
  void add(double value);

  std::size_t bins() const;
  double low() const;
  double high() const;
  double bin_width() const;
  /// Lower edge of bin `index` (inclusive); UsageError unless index < bins().
  double bin_low(std::size_t index) const;
  /// Upper edge of bin `index` (exclusive); UsageError unless index < bins().
  double bin_high(std::size_t index) const;
  /// Observations in bin `index`; UsageError unless index < bins().
  std::size_t bin_count(std::size_t index) const;
  std::size_t underflow() const;
  std::size_t overflow() const;
  /// Every observation: the bins, underflow and overflow. O(1).
  std::size_t total() const { return total_; }

  /// Estimated fraction of all observations below `x`, assuming values spread uniformly
  /// within each bin (linear interpolation of the empirical CDF between bin edges). Exact at
  /// bin edges. Below `low` it returns underflow / total and above `high`
  /// (total - overflow) / total, since the histogram knows nothing finer there. NaN when
  /// empty or when x is NaN. O(bins).
  double fraction_below(double x) const;

  /// Sets every count to zero; keeps the bins.
  void reset();

private:
  struct Counts; // the Boost.Histogram object, defined in histogram.cpp

  void require_bin(std::size_t index, const char* operation) const;

  std::unique_ptr<Counts> counts_;
  std::size_t total_ = 0;
};

} // namespace hospsim::sim
