// SPDX-License-Identifier: MIT
#include "sim/stats/histogram.hpp"

#include "sim/error.hpp"

#include <boost/histogram/axis/regular.hpp>
#include <boost/histogram/make_histogram.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace hospsim::sim {

namespace {
using Axis = boost::histogram::axis::regular<>;
using BoostHistogram = decltype(boost::histogram::make_histogram_with(
    std::vector<std::size_t>{}, std::declval<Axis>()));
} // namespace

struct Histogram::Counts {
  BoostHistogram histogram;
};

Histogram::Histogram(std::size_t bins, double low, double high) {
  if (bins == 0) throw UsageError("Histogram: the number of bins must be at least 1");
  if (!(std::isfinite(low) && std::isfinite(high) && low < high)) {
    throw UsageError(fmt::format("Histogram: range [{}, {}) is empty or not finite", low, high));
  }
  counts_ = std::make_unique<Counts>(Counts{boost::histogram::make_histogram_with(
      std::vector<std::size_t>{}, Axis(static_cast<unsigned>(bins), low, high))});
}

Histogram::Histogram(const Histogram& other)
    : counts_(std::make_unique<Counts>(*other.counts_)), total_(other.total_) {}

Histogram& Histogram::operator=(const Histogram& other) {
  if (this != &other) *this = Histogram(other);
  return *this;
}

Histogram::Histogram(Histogram&&) noexcept = default;
Histogram& Histogram::operator=(Histogram&&) noexcept = default;
Histogram::~Histogram() = default;

void Histogram::add(double value) {
  counts_->histogram(value);
  ++total_;
}

std::size_t Histogram::bins() const {
  return static_cast<std::size_t>(counts_->histogram.axis().size());
}

double Histogram::low() const { return counts_->histogram.axis().value(0); }

double Histogram::high() const {
  const auto& axis = counts_->histogram.axis();
  return axis.value(axis.size());
}

double Histogram::bin_width() const { return (high() - low()) / static_cast<double>(bins()); }

void Histogram::require_bin(std::size_t index, const char* operation) const {
  if (index >= bins()) {
    throw UsageError(fmt::format("Histogram::{}(): bin {} does not exist (the histogram has {})",
                                 operation, index, bins()));
  }
}

double Histogram::bin_low(std::size_t index) const {
  require_bin(index, "bin_low");
  return counts_->histogram.axis().value(static_cast<double>(index));
}

double Histogram::bin_high(std::size_t index) const {
  require_bin(index, "bin_high");
  return counts_->histogram.axis().value(static_cast<double>(index + 1));
}

std::size_t Histogram::bin_count(std::size_t index) const {
  require_bin(index, "bin_count");
  return counts_->histogram.at(static_cast<int>(index));
}

std::size_t Histogram::underflow() const { return counts_->histogram.at(-1); }

std::size_t Histogram::overflow() const {
  return counts_->histogram.at(counts_->histogram.axis().size());
}

double Histogram::fraction_below(double x) const {
  if (total_ == 0 || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  const auto total = static_cast<double>(total_);
  if (x <= low()) return static_cast<double>(underflow()) / total;
  if (x >= high()) return static_cast<double>(total_ - overflow()) / total;
  // Whole bins below x, then the share of x's own bin to the left of x.
  const double position = (x - low()) / bin_width();
  const std::size_t bin = std::min(static_cast<std::size_t>(position), bins() - 1);
  std::size_t below = underflow();
  for (std::size_t i = 0; i < bin; ++i) below += bin_count(i);
  const double share = std::clamp(position - static_cast<double>(bin), 0.0, 1.0);
  return (static_cast<double>(below) + share * static_cast<double>(bin_count(bin))) / total;
}

void Histogram::reset() {
  counts_->histogram.reset();
  total_ = 0;
}

} // namespace hospsim::sim
