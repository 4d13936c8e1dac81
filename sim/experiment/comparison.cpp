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

void PairedComparison::add(const KpiSet& baseline, const KpiSet& variant) {
  const auto baseline_values = by_name(baseline);
  const auto variant_values = by_name(variant);
  if (!started_) {
    started_ = true;
    for (const Kpi& kpi : baseline)
      if (variant_values.contains(kpi.name))
        entries_.push_back(Entry{kpi.name, kpi.unit, {}, {}, {}});
  }
  for (Entry& entry : entries_) {
    const auto one = baseline_values.find(entry.name);
    const auto other = variant_values.find(entry.name);
    if (one == baseline_values.end() || other == variant_values.end() ||
        !std::isfinite(one->second) || !std::isfinite(other->second))
      continue;
    entry.baseline.add(one->second);
    entry.variant.add(other->second);
    entry.difference.add(other->second - one->second);
  }
}

std::vector<KpiDifference> PairedComparison::differences(double level) const {
  std::vector<KpiDifference> result;
  for (const Entry& entry : entries_) {
    KpiDifference& difference = result.emplace_back();
    difference.name = entry.name;
    difference.unit = entry.unit;
    difference.baseline = student_t_interval(entry.baseline, level);
    difference.variant = student_t_interval(entry.variant, level);
    difference.difference = student_t_interval(entry.difference, level);
    const std::size_t n = entry.baseline.count();
    difference.independent_half_width =
        n < 2 ? std::numeric_limits<double>::infinity()
              : student_t_critical_value(n, level) *
                    std::sqrt((entry.baseline.variance() + entry.variant.variance()) /
                              static_cast<double>(n));
  }
  return result;
}

std::vector<KpiDifference> compare_paired(std::span<const KpiSet> baseline,
                                          std::span<const KpiSet> variant, double level) {
  PairedComparison comparison;
  const std::size_t pairs = std::min(baseline.size(), variant.size());
  for (std::size_t i = 0; i < pairs; ++i)
    comparison.add(baseline[i], variant[i]);
  return comparison.differences(level);
}

} // namespace hospsim::sim
