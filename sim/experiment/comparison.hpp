// SPDX-License-Identifier: MIT
#pragma once
/// Paired comparison of two variants run with common random numbers: replication i of both
/// used the same seed and replication number, so their difference cancels the shared noise.
#include "sim/experiment/kpi.hpp"
#include "sim/stats/confidence_interval.hpp"
#include "sim/stats/tally.hpp"

#include <span>
#include <string>
#include <vector>

namespace hospsim::sim {

struct KpiDifference {
  std::string name;
  std::string unit;
  ConfidenceInterval baseline;   ///< Over the paired replications.
  ConfidenceInterval variant;    ///< Over the paired replications.
  ConfidenceInterval difference; ///< Paired: mean of (variant - baseline) per replication.
  /// Half width the difference would have with independent streams, estimated from the same
  /// runs: t * sqrt((s_baseline^2 + s_variant^2) / n) (the covariance CRN induces left out).
  double independent_half_width = 0;

  /// The interval excludes 0 (a zero-width interval at a non-zero difference counts).
  bool significant() const;
  /// difference.half_width / independent_half_width: below 1 when CRN narrowed the interval;
  /// NaN when both are 0.
  double narrowing() const;
};

/// compare_paired one pair of replications at a time, in replication order: O(KPIs) memory
/// whatever the number of replications, and exactly compare_paired's result for the same
/// pairs. The KPI list is that of the first pair. Names are resolved to ids once per layout
/// (kpi_index.hpp): while the replications keep their layouts, a pair costs one string
/// comparison per KPI and no hashing or allocation.
class PairedComparison {
public:
  void add(const KpiSet& baseline, const KpiSet& variant);
  std::vector<KpiDifference> differences(double level = 0.95) const;

private:
  struct Entry {
    KpiId id;
    Tally baseline, variant, difference;
  };
  /// values[id]: the value of the first KPI with that id in `replication`, NaN where none.
  void values_by_id(const KpiSet& replication, KpiLayout& layout, std::vector<double>& values);
  std::vector<Entry> entries_;
  KpiIndex index_; ///< Names of both sides.
  KpiLayout baseline_layout_, variant_layout_;
  std::vector<double> baseline_values_, variant_values_;
  bool started_ = false;
};

/// One entry per KPI name of `baseline` also in `variant`, in baseline order. Replication i of
/// one is paired with replication i of the other (the shorter span sets the count); pairs
/// where either value is not finite (e.g. a mean over no patients) are left out.
std::vector<KpiDifference> compare_paired(std::span<const KpiSet> baseline,
                                          std::span<const KpiSet> variant, double level = 0.95);

} // namespace hospsim::sim
