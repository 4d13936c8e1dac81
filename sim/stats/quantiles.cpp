// SPDX-License-Identifier: MIT
#include "sim/stats/quantiles.hpp"

#include "sim/error.hpp"

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/extended_p_square.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hospsim::sim {

namespace accumulators = boost::accumulators;

struct QuantileEstimator::Streaming {
  explicit Streaming(const std::vector<double>& probabilities)
      : accumulator(accumulators::extended_p_square_probabilities = probabilities) {}
  accumulators::accumulator_set<double, accumulators::stats<accumulators::tag::extended_p_square>>
      accumulator;
};

QuantileEstimator::QuantileEstimator() : QuantileEstimator({0.5, 0.9, 0.95}) {}

QuantileEstimator::QuantileEstimator(std::vector<double> probabilities, std::size_t exact_limit)
    : probabilities_(std::move(probabilities)) {
  if (probabilities_.empty()) {
    throw UsageError("QuantileEstimator: the list of probabilities is empty");
  }
  for (double p : probabilities_) {
    if (!(p > 0.0 && p < 1.0)) {
      throw UsageError(fmt::format("QuantileEstimator: probability {} is not in (0, 1)", p));
    }
  }
  // P² needs its markers in increasing order.
  std::sort(probabilities_.begin(), probabilities_.end());
  if (const auto twin = std::adjacent_find(probabilities_.begin(), probabilities_.end());
      twin != probabilities_.end()) {
    throw UsageError(fmt::format("QuantileEstimator: probability {} is listed twice", *twin));
  }
  exact_limit_ = std::max(exact_limit, 2 * probabilities_.size() + 3);
}

QuantileEstimator::QuantileEstimator(const QuantileEstimator& other)
    : probabilities_(other.probabilities_), exact_limit_(other.exact_limit_),
      count_(other.count_), values_(other.values_),
      streaming_(other.streaming_ ? std::make_unique<Streaming>(*other.streaming_) : nullptr) {}

QuantileEstimator& QuantileEstimator::operator=(const QuantileEstimator& other) {
  if (this != &other) *this = QuantileEstimator(other);
  return *this;
}

QuantileEstimator::QuantileEstimator(QuantileEstimator&&) noexcept = default;
QuantileEstimator& QuantileEstimator::operator=(QuantileEstimator&&) noexcept = default;
QuantileEstimator::~QuantileEstimator() = default;

void QuantileEstimator::add(double value) {
  ++count_;
  if (streaming_) {
    streaming_->accumulator(value);
    return;
  }
  values_.push_back(value);
  if (count_ > exact_limit_) {
    streaming_ = std::make_unique<Streaming>(probabilities_);
    for (double stored : values_) streaming_->accumulator(stored);
    values_ = std::vector<double>{}; // release the memory, not only the elements
  }
}

std::size_t QuantileEstimator::probability_index(double probability) const {
  for (std::size_t i = 0; i < probabilities_.size(); ++i) {
    if (std::abs(probabilities_[i] - probability) <= 1e-12) return i;
  }
  throw UsageError(fmt::format(
      "QuantileEstimator::quantile(): probability {} was not configured (configured: {})",
      probability, fmt::join(probabilities_, ", ")));
}

double QuantileEstimator::exact_quantile(double probability) const {
  // Definition 7: interpolate between the order statistics around rank h = (n - 1) p.
  std::vector<double> sorted = values_;
  const double rank = static_cast<double>(sorted.size() - 1) * probability;
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const auto below_it = sorted.begin() + static_cast<std::ptrdiff_t>(below);
  std::nth_element(sorted.begin(), below_it, sorted.end());
  if (below + 1 == sorted.size()) return *below_it;
  const double above = *std::min_element(below_it + 1, sorted.end());
  return *below_it + (rank - static_cast<double>(below)) * (above - *below_it);
}

double QuantileEstimator::quantile(double probability) const {
  const std::size_t index = probability_index(probability);
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (!streaming_) return exact_quantile(probabilities_[index]);
  const auto estimates = accumulators::extended_p_square(streaming_->accumulator);
  return estimates[static_cast<std::ptrdiff_t>(index)];
}

void QuantileEstimator::reset() {
  count_ = 0;
  values_.clear();
  streaming_.reset();
}

} // namespace hospsim::sim
