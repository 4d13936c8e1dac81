// SPDX-License-Identifier: MIT
#include "models/experiment/variant_comparison.hpp"

#include "models/experiment/kpi_catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace hospsim::models {
namespace {

bool wanted(const std::string& name, const std::vector<std::string>& filters) {
  return filters.empty() || kpi_matches(filters, name);
}

/// Differences within floating-point noise of the values compared become exactly 0.
void clear_noise(sim::KpiDifference& d) {
  const double scale = std::max(std::abs(d.baseline.mean), std::abs(d.variant.mean));
  const double tolerance = noise_tolerance * scale;
  if (std::abs(d.difference.mean) <= tolerance &&
      (!std::isfinite(d.difference.half_width) || d.difference.half_width <= tolerance)) {
    d.difference.mean = 0;
    if (std::isfinite(d.difference.half_width) || d.difference.n >= 2)
      d.difference.half_width = 0;
  }
}

/// How large an effect is, for sorting: |d| / half-width (infinite for a non-zero difference
/// of zero width).
double effect_size(const sim::KpiDifference& d) {
  if (d.difference.mean == 0)
    return 0;
  if (!(d.difference.half_width > 0))
    return std::numeric_limits<double>::infinity();
  return std::abs(d.difference.mean) / d.difference.half_width;
}

double relative_effect(const sim::KpiDifference& d) {
  const double scale = std::max(std::abs(d.baseline.mean), std::abs(d.variant.mean));
  return scale > 0 ? std::abs(d.difference.mean) / scale : 0;
}

} // namespace

std::vector<Variant> run_variants(std::vector<Variant> variants,
                                  const std::vector<std::uint64_t>& seeds,
                                  const ExperimentSettings& settings, const Executor& executor,
                                  const std::function<void(std::size_t)>& progress) {
  std::vector<const ScenarioSpec*> specs;
  for (const Variant& variant : variants)
    specs.push_back(&variant.spec);
  PairedExperiment paired = run_paired_experiment(specs, seeds, settings, executor, progress);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    variants[i].result = std::move(paired.results[i]);
    variants[i].index = i;
    variants[i].against = std::move(paired.against[i]);
  }
  return variants;
}

ComparisonReport make_comparison(std::vector<Variant> variants, const ExperimentSettings& settings,
                                 bool common_random_numbers,
                                 const std::vector<std::string>& filters) {
  ComparisonReport report;
  report.baseline = variants.at(0).label;
  report.replications = settings.replications;
  report.seed = settings.seed;
  report.horizon = sim::to_string(settings.horizon);
  report.warmup = sim::to_string(variants[0].result.warmup) +
                  (variants[0].result.warmup_detected ? " (MSER-5)" : "");
  report.common_random_numbers = common_random_numbers;
  report.filters = filters;
  std::size_t total = 0;
  std::size_t matched = 0;
  for (std::size_t i = 1; i < variants.size(); ++i) {
    VariantComparison& comparison = report.comparisons.emplace_back();
    comparison.label = variants[i].label;
    for (sim::KpiDifference difference : variants[0].against.at(variants[i].index)) {
      // Independent streams: pairing replication i with i means nothing, so the interval is
      // the unpaired one (the same the policy ranking uses).
      if (!common_random_numbers)
        difference.difference.half_width = difference.independent_half_width;
      ++total;
      if (!wanted(difference.name, filters))
        continue;
      ++matched;
      if (kpi_kind(difference.name) == KpiKind::Structural) {
        ++comparison.structural;
        continue;
      }
      if (difference.difference.n == 0 || !std::isfinite(difference.difference.mean)) {
        ++comparison.undefined;
        continue;
      }
      clear_noise(difference);
      comparison.differences.push_back(std::move(difference));
    }
    std::stable_sort(comparison.differences.begin(), comparison.differences.end(),
                     [](const sim::KpiDifference& a, const sim::KpiDifference& b) {
                       if (a.significant() != b.significant())
                         return a.significant();
                       if (effect_size(a) != effect_size(b))
                         return effect_size(a) > effect_size(b);
                       return relative_effect(a) > relative_effect(b);
                     });
  }
  if (!filters.empty() && matched == 0)
    report.filter_note = fmt::format("--kpi {}: matches no KPI (a glob on ids and labels, e.g. "
                                     "'*mri*wait*')",
                                     fmt::join(filters, " --kpi "));
  else if (!filters.empty() && matched == total)
    report.filter_note = fmt::format("--kpi {}: matches every KPI, so it filters nothing",
                                     fmt::join(filters, " --kpi "));
  return report;
}

bool unchanged(const sim::KpiDifference& difference) {
  return difference.difference.mean == 0 && difference.difference.half_width == 0;
}

ComparisonReport compare_policies(std::vector<Variant> variants, const PoliciesSpec& policies,
                                  const ExperimentSettings& settings, bool common_random_numbers,
                                  const std::vector<std::string>& filters) {
  PolicyRanking ranking = rank_policies(variants, policies, common_random_numbers);
  // Every KPI of every policy against the best one.
  std::rotate(variants.begin(), variants.begin() + static_cast<std::ptrdiff_t>(ranking.best),
              variants.begin() + static_cast<std::ptrdiff_t>(ranking.best) + 1);
  ComparisonReport report =
      make_comparison(std::move(variants), settings, common_random_numbers, filters);
  report.ranking = std::move(ranking);
  return report;
}

} // namespace hospsim::models
