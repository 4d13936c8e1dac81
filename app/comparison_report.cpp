// SPDX-License-Identifier: MIT
#include "app/comparison_report.hpp"

#include "app/kpi_catalogue.hpp"
#include "app/kpi_report.hpp"
#include "models/scenario/key_table.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <nlohmann/json.hpp>

namespace hospsim::app {
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

/// Decimals for a difference: by its own size (a difference of 0.02 patients between two
/// counts of 22 shows as 0.020, not 0).
int difference_digits(const sim::KpiDifference& d) {
  const double size = std::max(std::abs(d.difference.mean),
                               std::isfinite(d.difference.half_width) ? d.difference.half_width : 0);
  return decimals_for(size, size >= 10 ? d.unit : std::string());
}

double relative_effect(const sim::KpiDifference& d) {
  const double scale = std::max(std::abs(d.baseline.mean), std::abs(d.variant.mean));
  return scale > 0 ? std::abs(d.difference.mean) / scale : 0;
}

std::string narrowing_text(const sim::KpiDifference& difference) {
  const double ratio = difference.narrowing();
  return std::isfinite(ratio) ? fmt::format("{:.2f}×", ratio) : "—";
}

} // namespace

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
    report.filter_note =
        fmt::format("--kpi {}: matches every KPI, so it filters nothing", fmt::join(filters, " --kpi "));
  return report;
}

PolicyRanking rank_policies(const std::vector<Variant>& variants,
                            const models::PoliciesSpec& policies, bool common_random_numbers) {
  PolicyRanking ranking;
  ranking.kpi = policies.rank_by;
  ranking.higher_is_better = policies.higher_is_better;
  ranking.common_random_numbers = common_random_numbers;
  for (const Variant& variant : variants) {
    const auto& summary = variant.result.summary;
    const auto it = std::find_if(summary.begin(), summary.end(),
                                 [&ranking](const auto& kpi) { return kpi.name == ranking.kpi; });
    if (it == summary.end()) {
      std::vector<std::string> names;
      for (const auto& kpi : summary)
        names.push_back(kpi.name);
      throw sim::InputError(
          fmt::format("rank_by: no KPI named '{}'{} (the names are those of `hospsim run`'s table)",
                      ranking.kpi, models::detail::did_you_mean(ranking.kpi, names)));
    }
    ranking.unit = it->unit;
    ranking.entries.push_back({variant.label, it->interval, {}, false});
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
      entry.versus_best.half_width = common_random_numbers ? 0 : entry.value.half_width * std::sqrt(2.0);
    }
    entry.worse_than_best =
        i != ranking.best && (entry.versus_best.lower() > 0 || entry.versus_best.upper() < 0);
    ranked.push_back(std::move(entry));
  }
  ranking.entries = std::move(ranked);
  return ranking;
}

bool unchanged(const sim::KpiDifference& difference) {
  return difference.difference.mean == 0 && difference.difference.half_width == 0;
}

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

std::string ranking_table(const PolicyRanking& ranking, const ExperimentSettings& settings) {
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
