// SPDX-License-Identifier: MIT
#include "sim/stats/tally.hpp"

#include <algorithm>
#include <cmath>

namespace hospsim::sim {

void Tally::merge(const Tally& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  // Chan et al.: the combined M2 is both M2s plus the spread between the two means.
  const double n_this = static_cast<double>(count_);
  const double n_other = static_cast<double>(other.count_);
  const double n_total = n_this + n_other;
  const double delta = other.mean_ - mean_;
  const double other_squared_deviations = other.squared_deviations_; // `other` may be *this
  mean_ += delta * (n_other / n_total);
  squared_deviations_ += other_squared_deviations + delta * delta * (n_this * n_other / n_total);
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Tally::variance() const {
  if (count_ < 2) return nan();
  return squared_deviations_ / static_cast<double>(count_ - 1);
}

double Tally::standard_deviation() const { return std::sqrt(variance()); }

} // namespace hospsim::sim
