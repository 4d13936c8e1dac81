// SPDX-License-Identifier: MIT
#include "models/experiment/policy_ranking.hpp"

#include "models/experiment/variant_comparison.hpp"
#include "models/scenario/key_table.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace hospsim::models {

PolicyRanking rank_policies(const std::vector<Variant>& variants,
                            const models::PoliciesSpec& policies, bool common_random_numbers) {
  PolicyRanking ranking;
  ranking.kpi = policies.rank_by;
  ranking.higher_is_better = policies.higher_is_better;
  ranking.common_random_numbers = common_random_numbers;
  for (const Variant& variant : variants) {
    const auto& summary = variant.result.summary;
    const std::optional<sim::KpiId> id = variant.result.kpi_index.find(ranking.kpi);
    if (!id) {
      throw sim::InputError(fmt::format(
          "rank_by: no KPI named '{}'{} (the names are those of `hospsim run`'s table)",
          ranking.kpi, detail::did_you_mean(ranking.kpi, variant.result.kpi_index.names())));
    }
    const sim::KpiSummary& kpi = summary.at(*id);
    ranking.unit = kpi.unit;
    ranking.entries.push_back({variant.label, kpi.interval, {}, false});
  }
  std::vector<std::size_t> order(variants.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  const bool higher = ranking.higher_is_better;
  std::stable_sort(order.begin(), order.end(), [&ranking, higher](std::size_t a, std::size_t b) {
    const double x = ranking.entries[a].value.mean;
    const double y = ranking.entries[b].value.mean;
    return higher ? x > y : x < y;
  });
  ranking.best = order.front();
  std::vector<PolicyRanking::Entry> ranked;
  for (const std::size_t i : order) {
    PolicyRanking::Entry entry = ranking.entries[i];
    if (i != ranking.best) {
      // This policy minus the best, streamed over the paired replications.
      // (Found by name once per policy: the paired lists are those of PairedComparison.)
      const auto& differences = variants[ranking.best].against.at(variants[i].index);
      const auto difference =
          std::find_if(differences.begin(), differences.end(),
                       [&ranking](const auto& d) { return d.name == ranking.kpi; });
      if (difference != differences.end()) {
        if (common_random_numbers) {
          entry.versus_best = difference->difference;
        } else { // independent streams: the unpaired interval t * sqrt((s1^2 + s2^2) / n)
          entry.versus_best.mean = difference->variant.mean - difference->baseline.mean;
          entry.versus_best.n = difference->difference.n;
          entry.versus_best.half_width = difference->independent_half_width;
        }
      }
    } else { // the best against itself: 0; unpaired, the interval of two independent copies
      entry.versus_best.mean = 0;
      entry.versus_best.n = entry.value.n;
      entry.versus_best.half_width =
          common_random_numbers ? 0 : entry.value.half_width * std::sqrt(2.0);
    }
    entry.worse_than_best =
        i != ranking.best && (entry.versus_best.lower() > 0 || entry.versus_best.upper() < 0);
    ranked.push_back(std::move(entry));
  }
  ranking.entries = std::move(ranked);
  return ranking;
}

} // namespace hospsim::models
