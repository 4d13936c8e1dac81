// SPDX-License-Identifier: MIT
#include "sim/experiment/comparison.hpp"

#include "sim/stats/tally.hpp"

#include <cmath>
#include <limits>
#include <unordered_map>

namespace hospsim::sim {
namespace {

/// Values of each KPI name in one replication.
std::unordered_map<std::string, double> by_name(const KpiSet& replication) {
  std::unordered_map<std::string, double> values;
  for (const Kpi& kpi : replication)
    values.emplace(kpi.name, kpi.value);
  return values;
}

} // namespace

bool KpiDifference::significant() const {
  return difference.n >= 2 && (difference.lower() > 0 || difference.upper() < 0);
}

double KpiDifference::narrowing() const {
  if (difference.half_width == 0 && independent_half_width == 0)
    return std::numeric_limits<double>::quiet_NaN();
  return difference.half_width / independent_half_width;
}

std::vector<KpiDifference> compare_paired(std::span<const KpiSet> baseline,
                                          std::span<const KpiSet> variant, double level) {
  const std::size_t pairs = std::min(baseline.size(), variant.size());
  std::vector<KpiDifference> result;
  if (pairs == 0)
    return result;
  std::vector<std::unordered_map<std::string, double>> baseline_values;
  std::vector<std::unordered_map<std::string, double>> variant_values;
  for (std::size_t i = 0; i < pairs; ++i) {
    baseline_values.push_back(by_name(baseline[i]));
    variant_values.push_back(by_name(variant[i]));
  }
  for (const Kpi& kpi : baseline[0]) {
    if (!variant_values[0].contains(kpi.name))
      continue;
    std::vector<double> a;
    std::vector<double> b;
    Tally a_tally;
    Tally b_tally;
    for (std::size_t i = 0; i < pairs; ++i) {
      const auto one = baseline_values[i].find(kpi.name);
      const auto other = variant_values[i].find(kpi.name);
      if (one == baseline_values[i].end() || other == variant_values[i].end() ||
          !std::isfinite(one->second) || !std::isfinite(other->second))
        continue;
      a.push_back(one->second);
      b.push_back(other->second);
      a_tally.add(one->second);
      b_tally.add(other->second);
    }
    KpiDifference& entry = result.emplace_back();
    entry.name = kpi.name;
    entry.unit = kpi.unit;
    entry.baseline = student_t_interval(a_tally, level);
    entry.variant = student_t_interval(b_tally, level);
    entry.difference = paired_difference_interval(b, a, level);
    const double n = static_cast<double>(a.size());
    entry.independent_half_width =
        a.size() < 2 ? std::numeric_limits<double>::infinity()
                     : student_t_critical_value(a.size(), level) *
                           std::sqrt((a_tally.variance() + b_tally.variance()) / n);
  }
  return result;
}

} // namespace hospsim::sim
