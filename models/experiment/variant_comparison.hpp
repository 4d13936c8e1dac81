// SPDX-License-Identifier: MIT
#pragma once
/// What `hospsim compare` computes: each variant against the baseline, KPI by KPI (paired
/// differences with 95% CIs, significance, how much common random numbers narrowed the CI),
/// sorted largest effects first, with structural counters and KPIs without a value left out.
/// The tables and files are app/comparison_report.hpp's.
#include "models/experiment/experiment.hpp"
#include "models/experiment/policy_ranking.hpp"
#include "sim/experiment/comparison.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::models {

struct Variant {
  std::string label; ///< File name, or policy name.
  ScenarioSpec spec;
  ExperimentResult result;
  std::size_t index = 0; ///< Position in the run (run_paired_experiment).
  /// against[j]: the variant run at position j minus this one, KPI by KPI (empty for itself).
  std::vector<std::vector<sim::KpiDifference>> against;
};

struct VariantComparison {
  std::string label;
  /// variant - baseline, largest effects first: significant ones, then by |difference| /
  /// half-width, then by relative effect; unchanged KPIs (difference exactly 0) last.
  std::vector<sim::KpiDifference> differences;
  std::size_t undefined = 0;  ///< KPIs left out: no finite value in any pair (nan).
  std::size_t structural = 0; ///< KPIs left out: counters of the run itself (kpi_kind).
};

/// Differences within floating-point noise count as none: |d| and the half-width at most
/// noise_tolerance · max(|baseline|, |variant|) become exactly 0 (not significant).
inline constexpr double noise_tolerance = 1e-9;
/// True when the difference is exactly 0 with a zero half-width (identical in every pair).
bool unchanged(const sim::KpiDifference& difference);

struct ComparisonReport {
  std::string baseline;
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  std::string horizon;
  std::string warmup;
  bool common_random_numbers = true;
  std::vector<VariantComparison> comparisons; ///< One per variant after the baseline.
  std::optional<PolicyRanking> ranking;
  std::vector<std::string> filters; ///< --kpi: the table shows every KPI they match.
  /// When --kpi matches no KPI or every KPI: a sentence saying so.
  std::string filter_note;
};

/// Runs the variants together (run_paired_experiment: replication r of every variant in one
/// job; variant v with seed seeds[v], the same seed for common random numbers) and fills each
/// one's result, index and paired differences. `progress` counts replications of all variants
/// together. Summaries and differences on the reporting process only (Executor::is_root).
std::vector<Variant> run_variants(std::vector<Variant> variants,
                                  const std::vector<std::uint64_t>& seeds,
                                  const ExperimentSettings& settings, const Executor& executor,
                                  const std::function<void(std::size_t done)>& progress = {});

/// Compares variants[1..] with variants[0]. `filters`: keep only KPIs whose id or label matches
/// one of these globs (kpi_matches; all when empty). Structural counters and KPIs without a
/// value are left out (counted), differences within noise set to 0.
ComparisonReport make_comparison(std::vector<Variant> variants, const ExperimentSettings& settings,
                                 bool common_random_numbers,
                                 const std::vector<std::string>& filters);

/// `compare --policies`: ranks the variants (rank_policies), then compares every policy with
/// the best one (make_comparison with the best first); the report holds the ranking.
ComparisonReport compare_policies(std::vector<Variant> variants, const PoliciesSpec& policies,
                                  const ExperimentSettings& settings, bool common_random_numbers,
                                  const std::vector<std::string>& filters);

} // namespace hospsim::models
