// SPDX-License-Identifier: MIT
#include "sim/optimise/kim_nelson.hpp"
#include "sim/random/random_stream.hpp"

#include "test_problems.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace hospsim::sim::optimise;
using hospsim::sim::RandomStream;

namespace {

/// k normal systems in the slippage configuration (best mean 0, the others delta), standard
/// deviation 1 each, positively correlated through a shared term (common random numbers).
struct Slippage {
  std::size_t k;
  std::size_t best;
  double delta;
  std::uint64_t seed;
  std::vector<std::vector<double>> data = std::vector<std::vector<double>>(k);
  std::size_t asked = 0;

  bool obtain(std::span<const std::size_t> systems, std::size_t count) {
    for (const std::size_t i : systems)
      while (data[i].size() < count) {
        const std::uint64_t r = data[i].size();
        RandomStream common(seed, r, "common");
        RandomStream own = RandomStream(seed, r, "own").substream(i);
        const double value = (i == best ? 0.0 : delta) + 0.6 * testing::standard_normal(common) +
                             0.8 * testing::standard_normal(own);
        data[i].push_back(value);
        ++asked;
      }
    return true;
  }
};

} // namespace

TEST_CASE("Kim-Nelson picks the best of k normal means at least at 1 - alpha in the slippage "
          "configuration") {
  const std::size_t runs = 1000;
  std::size_t correct = 0;
  std::size_t observations = 0;
  for (std::uint64_t run = 0; run < runs; ++run) {
    Slippage systems{5, static_cast<std::size_t>(run % 5), 0.5, 1000 + run};
    const KimNelsonOutcome outcome = kim_nelson(
        5, KimNelsonSettings{0.05, 0.5, 10, 5},
        [&](std::size_t i) -> const std::vector<double>& { return systems.data[i]; },
        [&](std::span<const std::size_t> which, std::size_t count) {
          return systems.obtain(which, count);
        });
    REQUIRE(outcome.finished);
    REQUIRE(outcome.survivors.size() == 1);
    if (outcome.selected == systems.best)
      ++correct;
    observations += systems.asked;
  }
  fmt::print("Kim-Nelson: correct in {} of {} runs, {} observations in all\n", correct, runs,
             observations);
  // PCS >= 0.95 is claimed; 1000 runs estimate it to a standard error of 0.007, so the count
  // must not fall two standard errors below 950.
  CHECK(correct >= 936);
  // KN must not be trivially conservative: it stops well before a fixed-sample design would.
  CHECK(observations < runs * 5 * 100);
}

TEST_CASE("Kim-Nelson with a budget that runs out says so and gives a CI-based bound") {
  Slippage systems{4, 2, 0.1, 77};
  const std::size_t limit = 12; // observations per system the budget allows
  const KimNelsonOutcome outcome = kim_nelson(
      4, KimNelsonSettings{0.05, 0.1, 10, 4},
      [&](std::size_t i) -> const std::vector<double>& { return systems.data[i]; },
      [&](std::span<const std::size_t> which, std::size_t count) {
        const std::size_t granted = std::min(count, limit);
        systems.obtain(which, granted);
        return granted == count;
      });
  CHECK_FALSE(outcome.finished);
  CHECK(outcome.survivors.size() > 1);
  CHECK(outcome.observations == 12);
  CHECK(std::isfinite(outcome.worst_case_gap));
  CHECK(outcome.worst_case_gap > 0);
}

TEST_CASE("Kim-Nelson with a huge batch asks for the last stage at once instead of overflowing") {
  Slippage systems{3, 1, 0.5, 77};
  const KimNelsonOutcome outcome = kim_nelson(
      3, KimNelsonSettings{0.05, 0.5, 10, static_cast<std::size_t>(-1)},
      [&](std::size_t i) -> const std::vector<double>& { return systems.data[i]; },
      [&](std::span<const std::size_t> which, std::size_t count) {
        return systems.obtain(which, count);
      });
  CHECK(outcome.finished);
  CHECK(outcome.selected == 1);
  CHECK(systems.asked > 30); // beyond the first stage of 3 x 10
}
