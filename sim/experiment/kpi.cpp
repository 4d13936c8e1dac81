// SPDX-License-Identifier: MIT
#include "sim/experiment/kpi.hpp"

#include <cmath>

namespace hospsim::sim {

void KpiSummariser::add(const KpiSet& replication) {
  ++replications_;
  for (const Kpi& kpi : replication) {
    auto [it, inserted] = index_.try_emplace(kpi.name, summaries_.size());
    if (inserted) {
      summaries_.push_back(KpiSummary{kpi.name, kpi.unit, {}});
      tallies_.emplace_back();
    }
    if (std::isfinite(kpi.value))
      tallies_[it->second].add(kpi.value);
  }
}

std::vector<KpiSummary> KpiSummariser::summaries(double level) const {
  std::vector<KpiSummary> out = summaries_;
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].interval = student_t_interval(tallies_[i], level);
  return out;
}

std::vector<KpiSummary> summarise(std::span<const KpiSet> replications, double level) {
  KpiSummariser summariser;
  for (const KpiSet& replication : replications)
    summariser.add(replication);
  return summariser.summaries(level);
}

} // namespace hospsim::sim
