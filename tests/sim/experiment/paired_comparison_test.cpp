// SPDX-License-Identifier: MIT
// PairedComparison: paired differences summarised one pair of replications at a time, exactly
// what compare_paired gives over stored replications.
#include "sim/experiment/comparison.hpp"
#include "sim/random/random_stream.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace {

using namespace hospsim::sim;

KpiSet variant_kpis(std::uint64_t replication, double shift) {
  RandomStream stream(9, replication, "pairs");
  const double common = stream.uniform01();
  KpiSet kpis{{"wait.mean", "min", 10 * common + shift},
              {"lwbs.fraction", "fraction", common * 0.1},
              {"sometimes", "h", replication % 4 == 1 ? std::nan("") : common + shift}};
  if (shift == 0)
    kpis.push_back({"baseline.only", "count", 1});
  return kpis;
}

} // namespace

TEST_CASE("PairedComparison streamed gives exactly compare_paired's differences") {
  std::vector<KpiSet> baseline;
  std::vector<KpiSet> variant;
  PairedComparison streamed;
  for (std::uint64_t r = 0; r < 40; ++r) {
    baseline.push_back(variant_kpis(r, 0));
    variant.push_back(variant_kpis(r, 0.5));
    streamed.add(baseline.back(), variant.back());
  }
  const auto expected = compare_paired(baseline, variant);
  const auto actual = streamed.differences();
  REQUIRE(expected.size() == 3); // baseline.only is not in the variant
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO(expected[i].name);
    CHECK(actual[i].name == expected[i].name);
    CHECK(actual[i].difference.mean == expected[i].difference.mean);
    CHECK(actual[i].difference.half_width == expected[i].difference.half_width);
    CHECK(actual[i].difference.n == expected[i].difference.n);
    CHECK(actual[i].baseline.mean == expected[i].baseline.mean);
    CHECK(actual[i].variant.half_width == expected[i].variant.half_width);
    CHECK(actual[i].independent_half_width == expected[i].independent_half_width);
  }
  CHECK(actual[0].difference.mean == Approx(0.5));
  CHECK(actual[0].difference.half_width < 1e-12); // common random numbers: the noise cancels
  CHECK(actual[2].difference.n == 30);            // NaN pairs left out
}
