// SPDX-License-Identifier: MIT
#pragma once
/// Named results of one replication, and their summary over replications with confidence
/// intervals. Names are dotted paths ("class.walk_in.wait.triage.mean"); the unit is for people.
#include "sim/experiment/kpi_index.hpp"
#include "sim/stats/confidence_interval.hpp"
#include "sim/stats/tally.hpp"

#include <span>
#include <string>
#include <vector>

namespace hospsim::sim {

struct Kpi {
  std::string name;
  std::string unit;
  double value;
};

/// One replication's KPIs. Replications of one scenario produce the same names.
using KpiSet = std::vector<Kpi>;

struct KpiSummary {
  std::string name;
  std::string unit;
  ConfidenceInterval interval; ///< Student-t over the replications that reported a finite value.
};

/// Summarises replications one at a time, in replication order, keeping one Tally per KPI
/// name: O(KPIs) memory whatever the number of replications. Gives exactly what summarise()
/// gives for the same replications (the same additions in the same order). Each replication's
/// names are resolved to ids through a KpiLayout (kpi_index.hpp): no hashing while the
/// replications keep the first one's layout.
class KpiSummariser {
public:
  void add(const KpiSet& replication);
  /// Replications added so far.
  std::size_t replications() const { return replications_; }
  /// One per KPI name, in the order names first appeared: summaries()[id] is the KPI with id
  /// `id` in index().
  std::vector<KpiSummary> summaries(double level = 0.95) const;
  /// The ids of the names seen so far (positions in summaries()).
  const KpiIndex& index() const { return index_; }

private:
  std::vector<Tally> tallies_; ///< By id.
  KpiIndex index_;
  KpiLayout layout_;
  std::size_t replications_ = 0;
};

/// Summarises `replications` name by name, in the order names first appear. A KPI that is NaN
/// in a replication (e.g. a mean over no patients) is left out of that KPI's interval.
std::vector<KpiSummary> summarise(std::span<const KpiSet> replications, double level = 0.95);

} // namespace hospsim::sim
