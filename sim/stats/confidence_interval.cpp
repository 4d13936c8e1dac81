// SPDX-License-Identifier: MIT
#include "sim/stats/confidence_interval.hpp"

#include "sim/error.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <cmath>

namespace hospsim::sim {

double ConfidenceInterval::relative_half_width() const {
  if (std::isnan(mean)) return mean;
  if (mean == 0.0) return std::numeric_limits<double>::infinity();
  return half_width / std::abs(mean);
}

double student_t_critical_value(std::size_t n, double level) {
  if (!(level > 0.0 && level < 1.0)) {
    throw UsageError(fmt::format("confidence level {} is not in (0, 1)", level));
  }
  if (n < 2) return std::numeric_limits<double>::infinity();
  const boost::math::students_t distribution(static_cast<double>(n - 1));
  return boost::math::quantile(distribution, 0.5 * (1.0 + level));
}

ConfidenceInterval student_t_interval(const Tally& across_replications, double level) {
  const std::size_t n = across_replications.count();
  const double critical_value = student_t_critical_value(n, level);
  ConfidenceInterval interval;
  interval.mean = across_replications.mean();
  interval.level = level;
  interval.n = n;
  if (n >= 2) {
    interval.half_width = critical_value * across_replications.standard_deviation() /
                          std::sqrt(static_cast<double>(n));
  }
  return interval;
}

ConfidenceInterval paired_difference_interval(std::span<const double> a,
                                              std::span<const double> b, double level) {
  if (a.size() != b.size()) {
    throw UsageError(fmt::format("paired_difference_interval(): the variants have {} and {} "
                                 "observations; pairs need the same number",
                                 a.size(), b.size()));
  }
  Tally differences;
  for (std::size_t i = 0; i < a.size(); ++i) differences.add(a[i] - b[i]);
  return student_t_interval(differences, level);
}

} // namespace hospsim::sim
