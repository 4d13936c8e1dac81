// SPDX-License-Identifier: MIT
// Policy ranking and variant comparison over KPIs looked up by id: variants whose KPI lists
// differ in order, with a KPI missing or an extra one, rank and compare as by name; a rank_by
// that no variant has is an InputError naming the closest KPI.
#include "models/experiment/kpi_catalogue.hpp"
#include "models/experiment/policy_ranking.hpp"
#include "models/experiment/variant_comparison.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace {

using namespace hospsim;

/// Policy p's replication r: the ranking KPI "class.a.wait.mean" is 10 + 2p + noise common to
/// every policy (so the paired differences are exactly 2(p - q)). Policy 1 lists its KPIs in
/// reverse order, policy 2 has an extra KPI first, and policy 0 lacks the "other" KPI.
sim::KpiSet policy_kpis(std::size_t policy, std::uint64_t replication) {
  const double noise = static_cast<double>(replication % 5);
  sim::KpiSet kpis{{"simulation.events", "count", 1000 + noise},
                   {"class.a.wait.mean", "min", 10 + 2.0 * static_cast<double>(policy) + noise},
                   {"class.a.completed", "count", 50 + noise}};
  if (policy != 0)
    kpis.push_back({"other", "h", noise});
  if (policy == 1)
    std::reverse(kpis.begin(), kpis.end());
  if (policy == 2)
    kpis.insert(kpis.begin(), {"extra", "count", 3});
  return kpis;
}

/// Variants as run_paired_experiment leaves them: summaries, KPI ids, paired differences.
std::vector<models::Variant> variants(const std::vector<std::size_t>& policies) {
  const std::size_t count = policies.size();
  std::vector<sim::KpiSummariser> summarisers(count);
  std::vector<std::vector<sim::PairedComparison>> comparisons(
      count, std::vector<sim::PairedComparison>(count));
  for (std::uint64_t r = 0; r < 10; ++r) {
    std::vector<sim::KpiSet> sets;
    for (const std::size_t policy : policies)
      sets.push_back(policy_kpis(policy, r));
    for (std::size_t v = 0; v < count; ++v) {
      summarisers[v].add(sets[v]);
      for (std::size_t other = 0; other < count; ++other)
        if (other != v)
          comparisons[v][other].add(sets[v], sets[other]);
    }
  }
  std::vector<models::Variant> result(count);
  for (std::size_t v = 0; v < count; ++v) {
    result[v].label = "policy " + std::to_string(policies[v]);
    result[v].index = v;
    result[v].result.summary = summarisers[v].summaries();
    result[v].result.kpi_index = summarisers[v].index();
    result[v].against.resize(count);
    for (std::size_t other = 0; other < count; ++other)
      if (other != v)
        result[v].against[other] = comparisons[v][other].differences();
  }
  return result;
}

} // namespace

TEST_CASE("Policies rank on their KPI by id whatever the order of their KPI lists") {
  models::PoliciesSpec policies;
  policies.rank_by = "class.a.wait.mean";
  // Run in the order 2, 0, 1: the best (lowest wait) is policy 0, at position 1.
  const models::PolicyRanking ranking = models::rank_policies(variants({2, 0, 1}), policies, true);
  CHECK(ranking.best == 1);
  CHECK(ranking.unit == "min");
  REQUIRE(ranking.entries.size() == 3);
  CHECK(ranking.entries[0].policy == "policy 0");
  CHECK(ranking.entries[1].policy == "policy 1");
  CHECK(ranking.entries[2].policy == "policy 2");
  CHECK(ranking.entries[0].value.mean == Approx(12));
  CHECK(ranking.entries[2].value.mean == Approx(16));
  CHECK(ranking.entries[1].versus_best.mean == Approx(2));
  CHECK(ranking.entries[2].versus_best.mean == Approx(4));
  CHECK(ranking.entries[2].versus_best.half_width == Approx(0).margin(1e-12));
  CHECK(ranking.entries[2].worse_than_best);

  policies.higher_is_better = true;
  const models::PolicyRanking higher = models::rank_policies(variants({2, 0, 1}), policies, true);
  CHECK(higher.entries[0].policy == "policy 2");
  CHECK(higher.best == 0);
}

TEST_CASE("A rank_by KPI that a variant lacks is an input error naming the closest KPI") {
  models::PoliciesSpec policies;
  policies.rank_by = "other";
  // Policy 0 has no "other" KPI.
  CHECK_THROWS_AS(models::rank_policies(variants({1, 0}), policies, true), sim::InputError);
  policies.rank_by = "class.a.wait.maen";
  CHECK_THROWS_WITH(models::rank_policies(variants({1, 2}), policies, true),
                    Catch::Contains("no KPI named 'class.a.wait.maen'") &&
                        Catch::Contains("did you mean 'class.a.wait.mean'"));
}

TEST_CASE("A comparison leaves out structural counters and KPIs the baseline lacks") {
  models::ExperimentSettings settings;
  settings.replications = 10;
  const models::ComparisonReport report =
      models::make_comparison(variants({0, 2}), settings, true, {});
  REQUIRE(report.comparisons.size() == 1);
  const models::VariantComparison& comparison = report.comparisons[0];
  CHECK(comparison.structural == 1); // simulation.events
  // Baseline policy 0 has neither "other" nor "extra": only the wait and the completions.
  REQUIRE(comparison.differences.size() == 2);
  CHECK(comparison.differences[0].name == "class.a.wait.mean"); // significant first
  CHECK(comparison.differences[0].difference.mean == Approx(4));
  CHECK(comparison.differences[1].name == "class.a.completed");
  CHECK(models::unchanged(comparison.differences[1]));

  const models::ComparisonReport filtered =
      models::make_comparison(variants({0, 2}), settings, true, {"*nothing*"});
  CHECK(filtered.filter_note.find("matches no KPI") != std::string::npos);
}

TEST_CASE("The KPI catalogue labels ids and tells structural counters apart") {
  CHECK(models::kpi_label("class.walk_in.wait.resus.p95") == "Walk in: wait for resus, 95th pct");
  CHECK(models::kpi_kind("simulation.events") == models::KpiKind::Structural);
  CHECK(models::kpi_kind("class.a.wait.mean") == models::KpiKind::Measure);
  CHECK(models::kpi_matches({"*WAIT*mean"}, "class.a.wait.mean"));
  CHECK_FALSE(models::kpi_matches({"*stay*"}, "class.a.wait.mean"));
}
