// SPDX-License-Identifier: MIT
// compare_paired: paired differences with common random numbers.
#include "sim/experiment/comparison.hpp"
#include "sim/random/random_stream.hpp"

#include <catch2/catch.hpp>
#include <cmath>

namespace {

using hospsim::sim::compare_paired;
using hospsim::sim::KpiSet;

/// Replications of a "model" whose output is shared noise (from the replication's stream) plus
/// an effect plus a little noise of its own (from a stream named after the variant).
std::vector<KpiSet> variant(double effect, const char* own_stream, std::uint64_t seed = 1) {
  std::vector<KpiSet> replications;
  for (std::uint64_t r = 0; r < 20; ++r) {
    hospsim::sim::RandomStream shared(seed, r, "shared");
    hospsim::sim::RandomStream own(seed, r, own_stream);
    const double common = 30 * shared.uniform01();
    replications.push_back({{"wait", "min", 100 + common + effect + own.uniform01()},
                            {"only_here", "count", 1.0},
                            {"empty", "min", std::nan("")}});
  }
  return replications;
}

} // namespace

TEST_CASE("identical variants: every paired interval has exactly zero width") {
  const auto a = variant(0, "own");
  const auto differences = compare_paired(a, a);
  REQUIRE(differences.size() == 3);
  CHECK(differences[0].difference.mean == 0);
  CHECK(differences[0].difference.half_width == 0);
  CHECK_FALSE(differences[0].significant());
  CHECK(differences[0].independent_half_width > 0);
  CHECK(differences[0].narrowing() == 0);
  CHECK(differences[2].difference.n == 0); // NaN everywhere: no pairs
  CHECK_FALSE(differences[2].significant());
}

TEST_CASE("a real difference with shared noise: the paired interval is far narrower than "
          "independent streams give, and it covers the effect") {
  const auto baseline = variant(0, "own.a");
  const auto better = variant(-2, "own.b");
  const auto difference = compare_paired(baseline, better)[0];
  CHECK(difference.significant());
  CHECK(difference.difference.contains(-2.0 + 0.0)); // own noise has mean 0.5 in both
  CHECK(difference.narrowing() < 0.2);
  // The same comparison with independent streams (another seed for the variant).
  const auto independent = compare_paired(baseline, variant(-2, "own.b", 99))[0];
  CHECK(independent.difference.half_width > 5 * difference.difference.half_width);
}

TEST_CASE("KPIs missing from the variant are left out; pairs follow the shorter run") {
  auto a = variant(0, "own");
  auto b = variant(1, "own");
  for (KpiSet& replication : b)
    replication.erase(replication.begin() + 1); // no "only_here"
  b.resize(10);
  const auto differences = compare_paired(a, b);
  REQUIRE(differences.size() == 2);
  CHECK(differences[0].name == "wait");
  CHECK(differences[0].difference.n == 10);
  CHECK(differences[1].name == "empty");
}
