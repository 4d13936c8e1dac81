// SPDX-License-Identifier: MIT
#include "sim/experiment/kpi.hpp"

#include <cmath>

namespace hospsim::sim {

void KpiSummariser::add(const KpiSet& replication) {
  ++replications_;
  const std::span<const KpiId> ids = layout_.resolve(replication, index_);
  tallies_.resize(index_.size());
  for (std::size_t i = 0; i < replication.size(); ++i)
    if (std::isfinite(replication[i].value))
      tallies_[ids[i]].add(replication[i].value);
}

std::vector<KpiSummary> KpiSummariser::summaries(double level) const {
  std::vector<KpiSummary> out;
  out.reserve(index_.size());
  for (KpiId id = 0; id < index_.size(); ++id)
    out.push_back(
        KpiSummary{index_.name(id), index_.unit(id), student_t_interval(tallies_[id], level)});
  return out;
}

std::vector<KpiSummary> summarise(std::span<const KpiSet> replications, double level) {
  KpiSummariser summariser;
  for (const KpiSet& replication : replications)
    summariser.add(replication);
  return summariser.summaries(level);
}

} // namespace hospsim::sim
