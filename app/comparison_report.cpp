// SPDX-License-Identifier: MIT
#include "app/comparison_report.hpp"

#include "app/kpi_report.hpp"
#include "models/experiment/kpi_catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace hospsim::app {

using models::ComparisonReport;
using models::kpi_label;
using models::PolicyRanking;
using models::unchanged;
using models::VariantComparison;

namespace {

/// Decimals for a difference: by its own size (a difference of 0.02 patients between two
/// counts of 22 shows as 0.020, not 0).
int difference_digits(const sim::KpiDifference& d) {
  const double size = std::max(std::abs(d.difference.mean),
                               std::isfinite(d.difference.half_width) ? d.difference.half_width : 0);
  return decimals_for(size, size >= 10 ? d.unit : std::string());
}

std::string narrowing_text(const sim::KpiDifference& difference) {
  const double ratio = difference.narrowing();
  return std::isfinite(ratio) ? fmt::format("{:.2f}×", ratio) : "—";
}

} // namespace

std::string comparison_table(const ComparisonReport& report) {
  std::string out;
  if (!report.filter_note.empty())
    out += "\n" + report.filter_note + "\n";
  for (const VariantComparison& comparison : report.comparisons) {
    out +=
        fmt::format("\n{} against baseline {}: {} paired replications, seed {}, {} "
                    "simulated, warm-up {}, {}\n\n",
                    comparison.label, report.baseline, report.replications, report.seed,
                    report.horizon, report.warmup,
                    report.common_random_numbers ? "common random numbers" : "independent streams");
    // The table: the KPIs that changed (all those --kpi names); the files hold every one.
    std::vector<const sim::KpiDifference*> shown;
    std::size_t identical = 0;
    for (const sim::KpiDifference& difference : comparison.differences) {
      if (!unchanged(difference) || !report.filters.empty())
        shown.push_back(&difference);
      if (unchanged(difference))
        ++identical;
    }
    std::size_t width = 3;
    for (const sim::KpiDifference* difference : shown)
      width = std::max(width, kpi_label(difference->name).size());
    out += fmt::format("{:<{}}  {:>8}  {:>14}  {:>14}  {:>24}  {:>4}  {:>10}\n", "KPI", width,
                       "unit", "baseline", "variant", "difference ± 95% hw", "sig", "CI vs ind.");
    std::vector<double> narrowing;
    std::size_t significant = 0;
    for (const sim::KpiDifference* pointer : shown) {
      const sim::KpiDifference& difference = *pointer;
      const int digits = decimals_for(
          std::max(std::abs(difference.baseline.mean), std::abs(difference.variant.mean)),
          difference.unit);
      out += fmt::format("{:<{}}  {:>8}  {:>14.{}f}  {:>14.{}f}  {:>24}  {:>4}  {:>10}\n",
                         kpi_label(difference.name), width, difference.unit,
                         difference.baseline.mean, digits,
                         difference.variant.mean, digits,
                         format_interval(difference.difference, difference_digits(difference)),
                         difference.significant() ? "yes" : "no", narrowing_text(difference));
      if (std::isfinite(difference.narrowing()) && !unchanged(difference))
        narrowing.push_back(difference.narrowing());
      if (difference.significant())
        ++significant;
    }
    out += fmt::format("\n{} of {} KPIs differ significantly (95% paired CI excludes 0); {} are "
                       "identical in every replication{}.\n",
                       significant, comparison.differences.size(), identical,
                       report.filters.empty() && identical > 0
                           ? " (not listed; compare.csv has every KPI)"
                           : "");
    if (comparison.undefined > 0)
      out += fmt::format("Left out: {} KPIs with no value in any replication (a mean over no "
                         "patients).\n",
                         comparison.undefined);
    if (comparison.structural > 0)
      out += fmt::format("Not compared: {} counters of the run itself (simulation.events...), "
                         "which measure the simulation, not the hospital.\n",
                         comparison.structural);
    if (!narrowing.empty() && report.common_random_numbers) {
      std::sort(narrowing.begin(), narrowing.end());
      out += fmt::format("Common random numbers: over the {} KPIs that changed, the difference "
                         "CIs are {:.2f}× (median; {:.2f}× to {:.2f}×) as wide as independent "
                         "streams would give (estimated from the same runs).\n",
                         narrowing.size(),
                         narrowing[narrowing.size() / 2], narrowing.front(), narrowing.back());
    }
  }
  return out;
}

std::string ranking_table(const PolicyRanking& ranking,
                          const models::ExperimentSettings& settings) {
  std::string out = fmt::format(
      "\nPolicies ranked on {} ({} is better), {} replications each, seed {}, {} simulated\n\n",
      ranking.kpi, ranking.higher_is_better ? "higher" : "lower", settings.replications,
      settings.seed, sim::to_string(settings.horizon));
  std::size_t width = 6;
  for (const auto& entry : ranking.entries)
    width = std::max(width, entry.policy.size());
  out += fmt::format("{:>4}  {:<{}}  {:>24}  {:>24}  {}\n", "rank", "policy", width,
                     fmt::format("{} ({})", "mean ± 95% hw", ranking.unit),
                     ranking.common_random_numbers ? "vs best (paired, CRN)" : "vs best (unpaired)",
                     "");
  std::size_t rank = 1;
  for (const auto& entry : ranking.entries) {
    const int digits = decimals_for(entry.value.mean, ranking.unit);
    const bool best = rank == 1;
    out += fmt::format("{:>4}  {:<{}}  {:>24}  {:>24}  {}\n", rank, entry.policy, width,
                       format_interval(entry.value, digits),
                       best ? "—" : format_interval(entry.versus_best, digits),
                       best                    ? "best"
                       : entry.worse_than_best ? "significantly worse"
                                               : "not significantly different");
    ++rank;
  }
  return out;
}

std::string comparison_csv(const ComparisonReport& report) {
  std::string out = "variant,baseline,kpi,unit,baseline_mean,baseline_half_width,variant_mean,"
                    "variant_half_width,difference,half_width,lower,upper,significant,"
                    "independent_half_width,pairs,label\n";
  for (const VariantComparison& comparison : report.comparisons)
    for (const sim::KpiDifference& d : comparison.differences)
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},\"{}\"\n", comparison.label,
                         report.baseline, d.name, d.unit, d.baseline.mean, d.baseline.half_width,
                         d.variant.mean, d.variant.half_width, d.difference.mean,
                         d.difference.half_width, d.difference.lower(), d.difference.upper(),
                         d.significant() ? 1 : 0, d.independent_half_width, d.difference.n,
                         kpi_label(d.name));
  return out;
}

std::string comparison_json(const ComparisonReport& report) {
  nlohmann::json document;
  document["baseline"] = report.baseline;
  document["replications"] = report.replications;
  document["seed"] = report.seed;
  document["horizon"] = report.horizon;
  document["warmup"] = report.warmup;
  document["common_random_numbers"] = report.common_random_numbers;
  document["confidence_level"] = 0.95;
  nlohmann::json& list = document["comparisons"] = nlohmann::json::array();
  for (const VariantComparison& comparison : report.comparisons) {
    nlohmann::json kpis = nlohmann::json::array();
    for (const sim::KpiDifference& d : comparison.differences)
      kpis.push_back({{"name", d.name},
                      {"label", kpi_label(d.name)},
                      {"unit", d.unit},
                      {"baseline_mean", json_number(d.baseline.mean)},
                      {"variant_mean", json_number(d.variant.mean)},
                      {"difference", json_number(d.difference.mean)},
                      {"half_width", json_number(d.difference.half_width)},
                      {"significant", d.significant()},
                      {"independent_half_width", json_number(d.independent_half_width)},
                      {"pairs", d.difference.n}});
    list.push_back({{"variant", comparison.label}, {"kpis", kpis}});
  }
  if (report.ranking) {
    nlohmann::json ranked = nlohmann::json::array();
    for (const auto& entry : report.ranking->entries)
      ranked.push_back({{"policy", entry.policy},
                        {"mean", json_number(entry.value.mean)},
                        {"half_width", json_number(entry.value.half_width)},
                        {"versus_best", json_number(entry.versus_best.mean)},
                        {"versus_best_half_width", json_number(entry.versus_best.half_width)},
                        {"significantly_worse", entry.worse_than_best}});
    document["ranking"] = {{"kpi", report.ranking->kpi},
                           {"higher_is_better", report.ranking->higher_is_better},
                           {"policies", ranked}};
  }
  return document.dump(2) + "\n";
}

} // namespace hospsim::app
