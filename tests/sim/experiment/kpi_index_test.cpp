// SPDX-License-Identifier: MIT
// KPI ids: KpiIndex and KpiLayout, and the summariser and paired comparison that index by id,
// checked against a search by name (what they did before) on replications whose KPI lists
// change: a KPI missing in one replication, an extra one, another order, a duplicate name.
#include "sim/experiment/comparison.hpp"
#include "sim/experiment/kpi.hpp"
#include "sim/experiment/kpi_index.hpp"
#include "sim/random/random_stream.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace hospsim::sim;

/// Replication r's KPIs: a common list, in which replication 3 lacks "b", replication 5 has an
/// extra "late" (first seen there), replication 7 lists them backwards, and replication 9 repeats
/// "a" (a second value, which summaries count and comparisons ignore: the first of a name wins).
KpiSet changing_kpis(std::uint64_t replication, double shift) {
  RandomStream stream(4, replication, "ids");
  const double common = stream.uniform01();
  KpiSet kpis{{"a", "min", 10 * common + shift},
              {"b", "h", common * common - shift},
              {"c", "count", replication % 4 == 1 ? std::nan("") : common + 2 * shift},
              {"d", "fraction", 0.5 * common}};
  if (replication == 3)
    kpis.erase(kpis.begin() + 1);
  if (replication == 5)
    kpis.push_back({"late", "h", common + shift});
  if (replication == 7)
    std::reverse(kpis.begin(), kpis.end());
  if (replication == 9)
    kpis.push_back({"a", "min", 100 + shift});
  return kpis;
}

/// The summaries by name search: the order names first appear, every finite value.
std::vector<KpiSummary> summarise_by_name(const std::vector<KpiSet>& replications) {
  std::vector<KpiSummary> summaries;
  std::vector<Tally> tallies;
  for (const KpiSet& replication : replications)
    for (const Kpi& kpi : replication) {
      auto it = std::find_if(summaries.begin(), summaries.end(),
                             [&kpi](const KpiSummary& s) { return s.name == kpi.name; });
      if (it == summaries.end()) {
        summaries.push_back({kpi.name, kpi.unit, {}});
        tallies.emplace_back();
        it = summaries.end() - 1;
      }
      if (std::isfinite(kpi.value))
        tallies[static_cast<std::size_t>(it - summaries.begin())].add(kpi.value);
    }
  for (std::size_t i = 0; i < summaries.size(); ++i)
    summaries[i].interval = student_t_interval(tallies[i], 0.95);
  return summaries;
}

/// The first value of `name` in `kpis`, or nothing.
const Kpi* first_named(const KpiSet& kpis, const std::string& name) {
  const auto it =
      std::find_if(kpis.begin(), kpis.end(), [&name](const Kpi& kpi) { return kpi.name == name; });
  return it == kpis.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("A KpiIndex numbers names in the order they are first added and finds them again") {
  KpiIndex index;
  CHECK(index.add("wait", "min") == 0);
  CHECK(index.add("stay", "h") == 1);
  CHECK(index.add("wait", "h") == 0); // the unit of the first occurrence stays
  CHECK(index.size() == 2);
  CHECK(index.name(1) == "stay");
  CHECK(index.unit(0) == "min");
  CHECK(index.find("stay") == KpiId{1});
  CHECK_FALSE(index.find("missing").has_value());
  CHECK(index.names() == std::vector<std::string>{"wait", "stay"});
}

TEST_CASE("A KpiLayout resolves a layout by name only when it changes") {
  KpiIndex index;
  KpiLayout layout;
  const KpiSet first{{"a", "min", 1}, {"b", "h", 2}};
  const auto ids = layout.resolve(first, index);
  CHECK(std::vector<KpiId>(ids.begin(), ids.end()) == std::vector<KpiId>{0, 1});
  CHECK(layout.resolutions() == 1);
  const KpiSet same_names{{"a", "min", 5}, {"b", "h", 6}};
  const auto again = layout.resolve(same_names, index);
  CHECK(std::vector<KpiId>(again.begin(), again.end()) == std::vector<KpiId>{0, 1});
  CHECK(layout.resolutions() == 1); // reused: one string comparison per KPI, no lookup

  const KpiSet swapped{{"b", "h", 2}, {"a", "min", 1}};
  const auto reordered = layout.resolve(swapped, index);
  CHECK(std::vector<KpiId>(reordered.begin(), reordered.end()) == std::vector<KpiId>{1, 0});
  CHECK(layout.resolutions() == 2);

  const KpiSet extra{{"a", "min", 1}, {"new", "count", 3}, {"b", "h", 2}};
  const auto grown = layout.resolve(extra, index);
  CHECK(std::vector<KpiId>(grown.begin(), grown.end()) == std::vector<KpiId>{0, 2, 1});
  CHECK(index.size() == 3);

  const KpiSet missing{{"b", "h", 2}};
  const auto shrunk = layout.resolve(missing, index);
  CHECK(std::vector<KpiId>(shrunk.begin(), shrunk.end()) == std::vector<KpiId>{1});
  CHECK(layout.resolutions() == 4);
}

TEST_CASE("The summariser by id gives the summaries a search by name gives, whatever the lists") {
  std::vector<KpiSet> replications;
  KpiSummariser summariser;
  for (std::uint64_t r = 0; r < 12; ++r) {
    replications.push_back(changing_kpis(r, 0));
    summariser.add(replications.back());
  }
  const std::vector<KpiSummary> expected = summarise_by_name(replications);
  const std::vector<KpiSummary> actual = summariser.summaries();
  REQUIRE(expected.size() == 5); // a, b, c, d, then late
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(expected[i].name);
    CHECK(actual[i].name == expected[i].name);
    CHECK(actual[i].unit == expected[i].unit);
    CHECK(actual[i].interval.n == expected[i].interval.n);
    CHECK(actual[i].interval.mean == expected[i].interval.mean);
    CHECK(actual[i].interval.half_width == expected[i].interval.half_width);
    CHECK(summariser.index().find(expected[i].name) == KpiId(i));
  }
  CHECK(actual[1].interval.n == 11); // b: missing in replication 3
  CHECK(actual[0].interval.n == 13); // a: twice in replication 9
  CHECK(actual[4].name == "late");
  CHECK(actual[4].interval.n == 1);
}

TEST_CASE("The paired comparison by id pairs the values a search by name pairs") {
  PairedComparison comparison;
  std::map<std::string, std::vector<double>> expected_differences;
  std::vector<std::string> order;
  // The baseline lists b before a in the first pair; the variant misses "d" in the first pair
  // (so d is not compared at all) and has an extra KPI the baseline never has.
  for (std::uint64_t r = 0; r < 12; ++r) {
    KpiSet baseline = changing_kpis(r, 0);
    KpiSet variant = changing_kpis(r + 1, 0.25); // other values: a real difference
    if (r == 0) {
      std::swap(baseline[0], baseline[1]);
      variant.erase(variant.begin() + 3);
      for (const Kpi& kpi : baseline)
        if (first_named(variant, kpi.name) != nullptr)
          order.push_back(kpi.name);
    }
    variant.push_back({"variant.only", "count", 1});
    comparison.add(baseline, variant);
    for (const std::string& name : order) {
      const Kpi* one = first_named(baseline, name);
      const Kpi* other = first_named(variant, name);
      if (one != nullptr && other != nullptr && std::isfinite(one->value) &&
          std::isfinite(other->value))
        expected_differences[name].push_back(other->value - one->value);
    }
  }
  REQUIRE(order == std::vector<std::string>{"b", "a", "c"});
  const std::vector<KpiDifference> differences = comparison.differences();
  REQUIRE(differences.size() == order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    INFO(order[i]);
    CHECK(differences[i].name == order[i]);
    Tally tally;
    for (const double d : expected_differences[order[i]])
      tally.add(d);
    const ConfidenceInterval expected = student_t_interval(tally, 0.95);
    CHECK(differences[i].difference.n == expected.n);
    CHECK(differences[i].difference.mean == Approx(expected.mean).epsilon(1e-12));
    CHECK(differences[i].difference.half_width == Approx(expected.half_width).epsilon(1e-12));
  }
  CHECK(differences[0].unit == "h");
  CHECK(differences[0].difference.n == 10); // b: missing in baseline 3 and variant 3 (r = 2)
  CHECK(differences[1].difference.n == 12); // a: the first value of replication 9's two
}
