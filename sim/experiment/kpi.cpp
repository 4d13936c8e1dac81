// SPDX-License-Identifier: MIT
#include "sim/experiment/kpi.hpp"

#include "sim/stats/tally.hpp"

#include <cmath>
#include <unordered_map>

namespace hospsim::sim {

std::vector<KpiSummary> summarise(std::span<const KpiSet> replications, double level) {
  std::vector<KpiSummary> summaries;
  std::vector<Tally> tallies;
  std::unordered_map<std::string, std::size_t> index;
  for (const KpiSet& replication : replications) {
    for (const Kpi& kpi : replication) {
      auto [it, inserted] = index.try_emplace(kpi.name, summaries.size());
      if (inserted) {
        summaries.push_back(KpiSummary{kpi.name, kpi.unit, {}});
        tallies.emplace_back();
      }
      if (std::isfinite(kpi.value))
        tallies[it->second].add(kpi.value);
    }
  }
  for (std::size_t i = 0; i < summaries.size(); ++i)
    summaries[i].interval = student_t_interval(tallies[i], level);
  return summaries;
}

} // namespace hospsim::sim
