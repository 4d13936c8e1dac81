// SPDX-License-Identifier: MIT
#pragma once
/// The policies of a scenario's `policies:` section ranked on one KPI (`rank_by`), each with its
/// interval over the replications and its paired difference from the best (common random
/// numbers) or the unpaired one (independent streams). What `hospsim compare --policies` prints.
#include "models/scenario/scenario_spec.hpp"
#include "sim/stats/confidence_interval.hpp"

#include <string>
#include <vector>

namespace hospsim::models {

struct Variant; // variant_comparison.hpp

struct PolicyRanking {
  struct Entry {
    std::string policy;
    sim::ConfidenceInterval value;       ///< The ranking KPI over replications.
    sim::ConfidenceInterval versus_best; ///< Paired difference: this policy - the best.
    bool worse_than_best = false;        ///< versus_best excludes 0.
  };
  std::string kpi;
  std::string unit;
  bool higher_is_better = false;
  bool common_random_numbers = true; ///< Else versus_best is an unpaired (Welch-style) interval.
  std::vector<Entry> entries;        ///< Best first.
  std::size_t best = 0;              ///< Index of the best policy in the variants given.
};

/// Ranks the variants (one per policy) on `policies.rank_by`, resolved to an id once per variant
/// in each variant's ExperimentResult::kpi_index; InputError naming similar KPIs when no such
/// KPI exists. Ties keep the variants' order.
PolicyRanking rank_policies(const std::vector<Variant>& variants, const PoliciesSpec& policies,
                            bool common_random_numbers);

} // namespace hospsim::models
