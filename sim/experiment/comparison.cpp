// SPDX-License-Identifier: MIT
#include "sim/experiment/comparison.hpp"

#include "sim/stats/tally.hpp"

#include <cmath>
#include <limits>

namespace hospsim::sim {

bool KpiDifference::significant() const {
  return difference.n >= 2 && (difference.lower() > 0 || difference.upper() < 0);
}

double KpiDifference::narrowing() const {
  if (difference.half_width == 0 && independent_half_width == 0)
    return std::numeric_limits<double>::quiet_NaN();
  return difference.half_width / independent_half_width;
}

void PairedComparison::values_by_id(const KpiSet& replication, KpiLayout& layout,
                                    std::vector<double>& values) {
  const std::span<const KpiId> ids = layout.resolve(replication, index_);
  values.assign(index_.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = replication.size(); i-- > 0;) // backwards: the first of a name wins
    values[ids[i]] = replication[i].value;
}

void PairedComparison::add(const KpiSet& baseline, const KpiSet& variant) {
  values_by_id(baseline, baseline_layout_, baseline_values_);
  values_by_id(variant, variant_layout_, variant_values_);
  baseline_values_.resize(index_.size(), std::numeric_limits<double>::quiet_NaN());
  if (!started_) {
    started_ = true;
    // The baseline's KPIs, in its order, that the variant has (even with no value, NaN).
    std::vector<bool> in_variant(index_.size(), false);
    for (const KpiId id : variant_layout_.resolve(variant, index_))
      in_variant[id] = true;
    for (const KpiId id : baseline_layout_.resolve(baseline, index_))
      if (in_variant[id])
        entries_.push_back(Entry{id, {}, {}, {}});
  }
  for (Entry& entry : entries_) {
    const double one = baseline_values_[entry.id];
    const double other = variant_values_[entry.id];
    if (!std::isfinite(one) || !std::isfinite(other))
      continue;
    entry.baseline.add(one);
    entry.variant.add(other);
    entry.difference.add(other - one);
  }
}

std::vector<KpiDifference> PairedComparison::differences(double level) const {
  std::vector<KpiDifference> result;
  for (const Entry& entry : entries_) {
    KpiDifference& difference = result.emplace_back();
    difference.name = index_.name(entry.id);
    difference.unit = index_.unit(entry.id);
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
